using Performance.Domain.Actuals;
using Performance.Domain.Plans;

namespace Performance.Domain.Tests.Actuals;

/// <summary>What the stored state admits: closed periods, figures awaiting or past the OIV, and revision numbering.</summary>
public sealed class ActualAdmissionTests
{
    private static readonly Guid Indicator = Guid.NewGuid();
    private static readonly DateTime At = new(2021, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Actual Entry(string period, int year = 2021, Guid? scope = null, string? reason = null) =>
        new() { IndicatorId = Indicator, ScopeId = scope ?? Guid.Empty, Year = year, Period = period, RecordedAt = At, ReportedOn = DateOnly.FromDateTime(At), CorrectionReason = reason };

    private static PeriodClosure Closure(string period, int year = 2021) =>
        new() { Year = year, Period = period, ClosedBy = "cg", ClosedAt = At, Reason = "chiusura" };

    private static ActualAdmission With(params (string Period, int Revision, ActualStatus Status)[] stored) =>
        new([], stored.ToDictionary(s => (Indicator, Guid.Empty, 2021, s.Period), s => (s.Revision, s.Status)));

    [Fact]
    public void New_periods_start_at_revision_one_and_a_batch_numbers_its_own_entries_in_order()
    {
        var admission = With(("Q1", 2, ActualStatus.Draft));
        var (q1, q2, q2again) = (Entry("Q1"), Entry("Q2"), Entry("Q2"));
        Assert.Null(admission.Admit(q1));
        Assert.Null(admission.Admit(q2));
        Assert.Null(admission.Admit(q2again));
        Assert.Equal((3, 1, 2), (q1.Revision, q2.Revision, q2again.Revision));
    }

    [Fact]
    public void Scopes_and_years_are_numbered_apart()
    {
        var admission = With(("Q1", 4, ActualStatus.Draft));
        var (structure, nextYear) = (Entry("Q1", scope: Guid.NewGuid()), Entry("Q1", year: 2022));
        Assert.Null(admission.Admit(structure));
        Assert.Null(admission.Admit(nextYear));
        Assert.Equal((1, 1), (structure.Revision, nextYear.Revision));
    }

    [Fact]
    public void A_submitted_figure_waits_for_the_oiv()
    {
        var entry = Entry("Q1", reason: "rettifica");
        Assert.Equal("Revision 1 of Q1 2021 is submitted and awaits the OIV: it must be validated or returned first.",
            With(("Q1", 1, ActualStatus.Submitted)).Admit(entry));
        Assert.Equal(0, entry.Revision);
    }

    [Fact]
    public void A_validated_figure_changes_only_through_a_correction_with_a_reason()
    {
        var admission = With(("Q1", 3, ActualStatus.Validated));
        Assert.Equal("Revision 3 of Q1 2021 is validated by the OIV and cannot be changed: send a correction with a 'reason'.", admission.Admit(Entry("Q1")));
        Assert.NotNull(admission.Admit(Entry("Q1", reason: "   ")));
        var correction = Entry("Q1", reason: "errore di trascrizione");
        Assert.Null(admission.Admit(correction));
        Assert.Equal(4, correction.Revision);
    }

    [Fact]
    public void A_returned_figure_takes_a_new_revision_freely()
    {
        var entry = Entry("Q1");
        Assert.Null(With(("Q1", 1, ActualStatus.Returned)).Admit(entry));
        Assert.Equal(2, entry.Revision);
    }

    [Theory]
    [InlineData("Q1", "M01", true)]
    [InlineData("Q1", "M03", true)]
    [InlineData("Q1", "M04", false)]
    [InlineData("Q1", "S1", true)]
    [InlineData("Q1", "T1", true)]
    [InlineData("Q1", "Y", true)]
    [InlineData("Q1", "Q2", false)]
    [InlineData("S2", "Q3", true)]
    [InlineData("S2", "Q2", false)]
    [InlineData("Y", "M12", true)]
    [InlineData("Y", "F2", true)]
    [InlineData("Q1", "F1", false)]
    [InlineData("F1", "F1", true)]
    [InlineData("F1", "Q1", false)]
    public void A_closure_covers_every_overlapping_period_and_forecasts_only_with_the_year(string closed, string entry, bool covered)
    {
        var closure = Closure(closed);
        var admission = new ActualAdmission([closure], []);
        Assert.Equal(covered ? closure : null, admission.ClosureFor(Entry(entry)));
        Assert.Null(admission.ClosureFor(Entry(entry, year: 2022)));
    }

    [Fact]
    public void A_closure_is_described_with_who_when_and_why()
    {
        var closure = Closure("Q1");
        Assert.Equal($"Q1 2021 is closed (closure {closure.Id} by cg on 2021-07-01: chiusura); an Admin must reopen it.", ActualAdmission.Describe(closure));
    }
}
