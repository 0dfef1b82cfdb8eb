using Performance.Domain.Actuals;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Actuals;

/// <summary>What a consuntivo must be before it becomes a revision: each rule, with the field it is reported under.</summary>
public sealed class ActualRulesTests
{
    private static readonly DateTime Now = new(2021, 7, 15, 9, 30, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2021, 7, 15);
    private static readonly Plan Plan = new() { Code = "P", Title = "Piano", StartYear = 2021, EndYear = 2023, ScoringPolicyJson = "{}", CreatedAt = Now };

    private static Indicator Numeric(Aggregation aggregation = Aggregation.RatioOfSums) =>
        new() { Code = "I1", Name = "Indicatore", Aggregation = aggregation, Targets = { new IndicatorTarget { Year = 2021, Text = ">= 80%" } } };

    private static Indicator Milestone() =>
        new() { Code = "M1", Name = "Progetto", Targets = { new IndicatorTarget { Year = 2021, Text = "Realizzazione del progetto" } } };

    private static (Actual? Actual, List<RuleViolation> Violations) Validate(ActualInput input, Indicator? indicator = null, ScoringPolicy? policy = null)
    {
        indicator ??= Numeric();
        var violations = new List<RuleViolation>();
        var year = input.Year ?? 2021;
        var actual = ActualRules.Validate(input, indicator, Plan, policy ?? ScoringPolicy.Default, ActualRules.TargetFor(indicator, year), Now, Today, violations);
        return (actual, violations);
    }

    [Fact]
    public void A_valid_value_becomes_an_unnumbered_draft_revision_recorded_at_the_given_instant()
    {
        var structure = Guid.NewGuid();
        var (actual, violations) = Validate(new ActualInput(2021, "q3", Value: 83.5m, Note: "nota", StructureId: structure, Reason: "  rettifica  "));
        Assert.Empty(violations);
        Assert.NotNull(actual);
        Assert.Equal(("Q3", 83.5m, structure, structure, 0, ActualStatus.Draft, Now, Today, "rettifica"),
            (actual.Period, actual.Value, actual.StructureId, actual.ScopeId, actual.Revision, actual.Status, actual.RecordedAt, actual.ReportedOn, actual.CorrectionReason));
    }

    [Fact]
    public void An_indicator_wide_figure_has_the_empty_scope()
    {
        var (actual, _) = Validate(new ActualInput(2021, "Y", Value: 90m));
        Assert.Equal((null, Guid.Empty), (actual!.StructureId, actual.ScopeId));
    }

    [Theory]
    [InlineData(null, "Y", "year", "The year is required.")]
    [InlineData(2020, "Y", "year", "Year 2020 is outside the plan (2021-2023).")]
    [InlineData(2024, "Y", "year", "Year 2024 is outside the plan (2021-2023).")]
    [InlineData(2021, "Q5", "period", "'Q5' is not a period: use Y, S1-S2, T1-T3, Q1-Q4, M01-M12 or F1-F4.")]
    [InlineData(2021, null, "period", "'' is not a period: use Y, S1-S2, T1-T3, Q1-Q4, M01-M12 or F1-F4.")]
    public void Year_and_period_are_checked(int? year, string? period, string field, string message)
    {
        var (actual, violations) = Validate(new ActualInput(year, period, Value: 1m));
        Assert.Null(actual);
        Assert.Equal(new RuleViolation(field, message), Assert.Single(violations));
    }

    [Fact]
    public void An_entry_with_no_figure_names_the_value()
    {
        var (_, violations) = Validate(new ActualInput(2021, "Y"));
        Assert.Equal(new RuleViolation("value", "Give a value, a numerator and denominator, or a milestone state (done / completion)."), Assert.Single(violations));
    }

    [Theory]
    [InlineData(5, null, "denominator")]
    [InlineData(null, 5, "numerator")]
    public void Numerator_and_denominator_go_together(int? numerator, int? denominator, string missing)
    {
        var (_, violations) = Validate(new ActualInput(2021, "Y", Numerator: numerator, Denominator: denominator));
        Assert.Equal(new RuleViolation(missing, "Numerator and denominator go together."), Assert.Single(violations));
    }

    [Theory]
    [InlineData(Aggregation.Last)]
    [InlineData(Aggregation.Sum)]
    [InlineData(Aggregation.Average)]
    public void A_ratio_is_refused_on_an_indicator_that_does_not_add_up_ratios(Aggregation aggregation)
    {
        var (actual, violations) = Validate(new ActualInput(2021, "Q1", Numerator: 170m, Denominator: 200m), Numeric(aggregation));
        Assert.Null(actual);
        Assert.Equal(new RuleViolation("numerator", $"Indicator 'I1' aggregates its periods as {aggregation}: numerator and denominator are for rates " +
            "aggregated as RatioOfSums; report the value."), Assert.Single(violations));
        Assert.Empty(Validate(new ActualInput(2021, "Q1", Value: 85m), Numeric(aggregation)).Violations);
        Assert.Empty(Validate(new ActualInput(2021, "Q1", Numerator: 170m, Denominator: 200m)).Violations);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("numerator")]
    [InlineData("denominator")]
    public void Magnitudes_past_the_limit_are_typing_errors_but_the_limit_itself_is_accepted(string field)
    {
        ActualInput With(decimal n) => field switch
        {
            "value" => new ActualInput(2021, "Y", Value: n),
            "numerator" => new ActualInput(2021, "Y", Numerator: n, Denominator: 1m),
            _ => new ActualInput(2021, "Y", Numerator: 1m, Denominator: n),
        };
        Assert.Empty(Validate(With(ActualRules.MaxMagnitude)).Violations);
        Assert.Empty(Validate(With(-ActualRules.MaxMagnitude)).Violations);
        var over = ActualRules.MaxMagnitude + 1;
        Assert.Equal(new RuleViolation(field, $"{over} is out of range (at most ±{ActualRules.MaxMagnitude:0})."), Assert.Single(Validate(With(over)).Violations));
    }

    [Theory]
    [InlineData(-0.01, false)]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(100.01, false)]
    public void Completion_is_a_percentage(double completion, bool accepted)
    {
        var (_, violations) = Validate(new ActualInput(2021, "Y", Completion: (decimal)completion), Milestone());
        Assert.Equal(accepted, violations.Count == 0);
        if (!accepted) Assert.Equal(new RuleViolation("completion", "Completion is a percentage between 0 and 100."), Assert.Single(violations));
    }

    [Theory]
    [InlineData("note")]
    [InlineData("justification")]
    [InlineData("reason")]
    public void Texts_are_at_most_4000_characters(string field)
    {
        ActualInput With(string text) => field switch
        {
            "note" => new ActualInput(2021, "Y", Value: 1m, Note: text),
            "justification" => new ActualInput(2021, "Y", Value: 1m, Justification: text),
            _ => new ActualInput(2021, "Y", Value: 1m, Reason: text),
        };
        Assert.Empty(Validate(With(new string('x', 4000))).Violations);
        Assert.Equal(new RuleViolation(field, $"The {field} must be at most 4000 characters."), Assert.Single(Validate(With(new string('x', 4001))).Violations));
    }

    [Fact]
    public void A_milestone_takes_done_or_completion_and_a_number_takes_a_value()
    {
        Assert.Equal(new RuleViolation("done", "The target 'Realizzazione del progetto' is a milestone: report done (true/false) or completion (0-100)."),
            Assert.Single(Validate(new ActualInput(2021, "Y", Value: 1m), Milestone()).Violations));
        Assert.Equal(new RuleViolation("done", "The target '>= 80%' is numeric: report a value (or numerator and denominator), not done/completion."),
            Assert.Single(Validate(new ActualInput(2021, "Y", Done: true)).Violations));
        Assert.Empty(Validate(new ActualInput(2021, "Y", Done: true), Milestone()).Violations);
    }

    [Fact]
    public void Without_a_target_for_the_year_any_kind_of_figure_is_taken()
    {
        var indicator = new Indicator { Code = "I9", Name = "Senza target" };
        Assert.Empty(Validate(new ActualInput(2021, "Y", Done: true), indicator).Violations);
        Assert.Empty(Validate(new ActualInput(2021, "Y", Value: 3m), indicator).Violations);
    }

    [Fact]
    public void The_policy_can_require_a_justification_for_a_missed_target_of_a_comparable_figure()
    {
        var policy = ScoringPolicy.Default with { JustificationRequiredWhenMissed = true };
        Assert.Equal(new RuleViolation("justification", "79.9 misses the target '>= 80%': the plan's policy requires a justification."),
            Assert.Single(Validate(new ActualInput(2021, "Y", Value: 79.9m), policy: policy).Violations));
        Assert.Empty(Validate(new ActualInput(2021, "Y", Value: 79.9m, Justification: "sciopero"), policy: policy).Violations);
        Assert.Empty(Validate(new ActualInput(2021, "Y", Value: 80m), policy: policy).Violations);
        // A ratio is compared as a percentage: 159/200 = 79,5 % misses.
        Assert.Single(Validate(new ActualInput(2021, "Q1", Numerator: 159m, Denominator: 200m), policy: policy).Violations);
        // One month of a yearly sum is not comparable with the year's target; the year's own figure is.
        Assert.Empty(Validate(new ActualInput(2021, "M01", Value: 1m), Numeric(Aggregation.Sum), policy).Violations);
        Assert.Single(Validate(new ActualInput(2021, "Y", Value: 1m), Numeric(Aggregation.Sum), policy).Violations);
        Assert.Empty(Validate(new ActualInput(2021, "Y", Value: 1m)).Violations);
    }

    [Fact]
    public void A_consuntivo_is_reported_today_unless_an_earlier_day_of_its_year_is_given_and_never_in_the_future()
    {
        Assert.Equal(new DateOnly(2021, 4, 20), Validate(new ActualInput(2021, "Q1", Value: 1m, ReportedOn: new DateOnly(2021, 4, 20))).Actual!.ReportedOn);
        Assert.Equal(Today, Validate(new ActualInput(2021, "Q1", Value: 1m, ReportedOn: Today)).Actual!.ReportedOn);
        Assert.Equal(new RuleViolation("reportedOn", "2021-07-16 is in the future: a consuntivo is reported on or before today (2021-07-15)."),
            Assert.Single(Validate(new ActualInput(2021, "Q1", Value: 1m, ReportedOn: new DateOnly(2021, 7, 16))).Violations));
        Assert.Equal(new RuleViolation("reportedOn", "2020-12-31 is before 2021: a consuntivo of 2021 cannot have been reported then."),
            Assert.Single(Validate(new ActualInput(2021, "Q1", Value: 1m, ReportedOn: new DateOnly(2020, 12, 31))).Violations));
    }
}
