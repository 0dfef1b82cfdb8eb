using Performance.Domain.Actuals;
using Performance.Domain.Plans;

namespace Performance.Domain.Tests.Plans;

/// <summary>What a validated year and a closure forbid a change to touch.</summary>
public sealed class PlanFreezeTests
{
    private static readonly YearValidation Validated2022 = new() { Year = 2022, ValidatedBy = "oiv@ente", ValidatedAt = new DateTime(2023, 6, 20, 9, 0, 0, DateTimeKind.Utc) };

    private static PeriodClosure Closure(int year, string period, bool reopened = false) => new()
    {
        Year = year, Period = period, ClosedBy = "cg@ente", ClosedAt = new DateTime(year, 7, 10, 0, 0, 0, DateTimeKind.Utc),
        ReopenedAt = reopened ? new DateTime(year, 8, 1, 0, 0, 0, DateTimeKind.Utc) : null,
    };

    [Fact]
    public void A_validated_year_refuses_its_targets_and_every_act_that_would_score_it_and_names_who_validated_it()
    {
        var freeze = new PlanFreeze([Validated2022], []);
        var why = freeze.TargetChange(2022);
        Assert.NotNull(why);
        Assert.Contains("Year 2022 was validated by the OIV (oiv@ente on 2023-06-20)", why);
        Assert.Null(freeze.TargetChange(2021));
        Assert.Null(freeze.TargetChange(2023));
        // An act scores its own year and the later ones.
        Assert.NotNull(freeze.ChangeFrom(new DateOnly(2021, 12, 30)));
        Assert.NotNull(freeze.ChangeFrom(new DateOnly(2022, 12, 31)));
        Assert.Null(freeze.ChangeFrom(new DateOnly(2023, 1, 1)));
        Assert.NotNull(freeze.PlanWideChange());
        Assert.Null(new PlanFreeze([], []).PlanWideChange());
    }

    [Fact]
    public void A_closure_in_force_freezes_the_targets_of_its_year_only()
    {
        var freeze = new PlanFreeze([], [Closure(2021, "S1"), Closure(2022, "M03", reopened: true)]);
        Assert.Contains("S1 2021 is closed", freeze.TargetChange(2021));
        Assert.Null(freeze.TargetChange(2022));
        Assert.Null(freeze.ChangeFrom(new DateOnly(2021, 9, 1)));
        Assert.Null(freeze.PlanWideChange());
    }

    [Fact]
    public void No_consuntivo_enters_a_validated_year_whatever_its_period_or_reason()
    {
        var admission = new ActualAdmission([], [], [Validated2022]);
        var entry = new Actual { Year = 2022, Period = "M05", CorrectionReason = "Rettifica", RecordedAt = DateTime.UtcNow, ReportedOn = new DateOnly(2022, 6, 1) };
        Assert.Contains("Year 2022 was validated", admission.FrozenYear(entry));
        entry.Year = 2023;
        Assert.Null(admission.FrozenYear(entry));
    }
}
