using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>
/// Until the service resolves them (relative) or picks the year (schedule), the new kinds reach the scorer as they are:
/// they must come out not scored (grey, no score), never 0, never 100, never an exception.
/// </summary>
public sealed class NewKindsScoringTests
{
    public static TheoryData<string> Texts => ["n.d.", "+8% rispetto al 2023", "mantenimento del livello 2024", "Anno 2025: >= 80% Anno 2026: >= 85%"];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Are_not_scored_and_not_missed(string text)
    {
        var target = TargetParser.Parse(text, Polarity.HigherIsBetter, 2025);
        var input = new IndicatorInput("I1", target, Polarity.HigherIsBetter, Aggregation.Last,
            [new PeriodActual(Period.Annual, 90m)], Year: 2025);

        foreach (var view in new[] { ScoringView.Actuals, new ScoringView { Explain = false } })
        {
            var e = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, view);
            Assert.Null(e.Score);
            Assert.Null(e.Achievement);
            Assert.Equal(ScoreStatus.Grey, e.Status);
        }
        // Nothing to compare with, so nothing to justify (the consuntivo entry asks IsMet when the policy wants justifications).
        Assert.True(IndicatorScorer.IsMet(target, 90m));
        Assert.False(IndicatorScorer.IsMilestone(target));
    }

    [Fact]
    public void A_resolved_relative_target_scores_like_any_numeric_target()
    {
        var resolved = RelativeTargets.Resolve(TargetParser.Parse("+8% rispetto al 2023"), Polarity.HigherIsBetter, 1200m).Target!;
        var input = new IndicatorInput("I1", resolved, Polarity.HigherIsBetter, Aggregation.Last,
            [new PeriodActual(Period.Annual, 1296m)], Year: 2025);

        var e = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, ScoringView.Actuals);

        Assert.Equal(100m, e.Score);
        Assert.True(e.Met);
    }
}
