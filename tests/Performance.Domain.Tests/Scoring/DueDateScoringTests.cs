using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// A value with a due date ("100% entro il 30/06") is met when the value is reached by that date: only periods ending by
/// the due date count, on the explained path and on the fast one alike, and the explanation says so.
/// </summary>
public sealed class DueDateScoringTests
{
    // Parsed per test, not cached in a static: a mutation run must see the parser run under each test that uses it.
    private static ParsedTarget ByJune => TargetParser.Parse("100% entro il 30/06", Polarity.HigherIsBetter, 2024);

    private static (IndicatorEvaluation Explained, IndicatorEvaluation Fast) Both(ParsedTarget target, ScoringView view, params PeriodActual[] actuals)
    {
        var input = new IndicatorInput("I", target, Polarity.HigherIsBetter, Aggregation.Last, actuals, Year: 2024);
        var explained = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, view);
        var fast = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, view with { Explain = false });
        Assert.Equal(explained with { Explanation = Explanation.NotRequested }, fast);
        return (explained, fast);
    }

    [Fact]
    public void The_parser_keeps_the_value_and_the_due_date()
    {
        Assert.Equal(TargetKind.Numeric, ByJune.Kind);
        Assert.Equal(100m, ByJune.Value);
        Assert.Equal(new DateOnly(2024, 6, 30), ByJune.DueDate);
    }

    [Fact]
    public void Reached_in_a_period_ending_on_the_due_date_is_met()
    {
        var (e, _) = Both(ByJune, ScoringView.Actuals, At("Q1", 60), At("Q2", 100));

        Assert.Equal(100m, e.Actual);
        Assert.True(e.Met);
        Assert.Equal(ScoreStatus.Green, e.Status);
        Assert.EndsWith("due by 2024-06-30: only periods ending by then count", e.Explanation.Find(ExplanationSteps.Target)!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Reached_only_after_the_due_date_is_not_met_and_the_later_periods_are_listed_as_ignored()
    {
        var (e, _) = Both(ByJune, ScoringView.Actuals, At("Q2", 80), At("Q3", 100), Y(100));

        Assert.Equal(80m, e.Actual);
        Assert.Equal(80m, e.Achievement);
        Assert.False(e.Met);
        Assert.Equal(["Q3", "Y"], e.Explanation.ActualsIgnored.Select(a => a.Period).Order());
        Assert.All(e.Explanation.ActualsIgnored, a => Assert.Contains("2024-06-30", a.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void An_earlier_asOf_still_wins_and_a_range_with_a_due_date_is_cut_the_same_way()
    {
        var (early, _) = Both(ByJune, new ScoringView(new DateOnly(2024, 3, 31)), At("Q1", 60), At("Q2", 100));
        Assert.Equal(60m, early.Actual);
        Assert.False(early.Met);

        var range = TargetParser.Parse("tra 80% e 90% entro il 30/09", Polarity.HigherIsBetter, 2024);
        Assert.Equal(new DateOnly(2024, 9, 30), range.DueDate);
        var (inside, _) = Both(range, ScoringView.Actuals, At("Q3", 85), At("Q4", 95));
        Assert.Equal(85m, inside.Actual);
        Assert.True(inside.Met);
    }

    [Fact]
    public void A_target_without_a_due_date_takes_the_whole_year()
    {
        var (e, _) = Both(AtLeast(100), ScoringView.Actuals, At("Q2", 80), At("Q3", 100));

        Assert.Equal(100m, e.Actual);
        Assert.True(e.Met);
        Assert.DoesNotContain("due by", e.Explanation.Find(ExplanationSteps.Target)!.Description, StringComparison.Ordinal);
    }
}
