using System.Text.Json;
using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

public sealed class ExplanationTests
{
    private static readonly IndicatorInput Quarterly = new(
        "2021_01_01.I1", AtMost(5, TargetUnit.Days), Polarity.LowerIsBetter, Aggregation.Average,
        [At("Q1", 3), At("Q2", 5), At("Q2", 4, revision: 2), At("S1", 9), At("F2", 7)], Year: 2024)
    {
        Frequency = PeriodKind.Quarter, // declared quarterly: its quarters come before the semester that repeats them
    };

    [Fact]
    public void Records_inputs_used_and_ignored_with_reasons()
    {
        var e = IndicatorScorer.Evaluate(Quarterly, ScoringPolicy.Default with { Cap = 120 }).Explanation;
        Assert.Equal("2021_01_01.I1", e.IndicatorCode);
        Assert.Equal("<= 5", e.TargetText);
        Assert.Equal(TargetOperator.AtMost, e.Target!.Operator);
        Assert.Equal(Aggregation.Average, e.AggregationRule);
        Assert.Equal(["Q1", "Q2"], e.ActualsUsed.Select(a => a.Period));
        Assert.Equal(2, e.ActualsUsed[1].Revision);
        Assert.Equal(3, e.ActualsIgnored.Count); // Q2 rev 1, S1 (coarser), F2 (forecast)
        Assert.All(e.ActualsIgnored, a => Assert.False(string.IsNullOrEmpty(a.Reason)));
        Assert.Equal(120m, e.Cap);
    }

    [Fact]
    public void Formula_with_numbers_substituted_recomputes_the_score()
    {
        var ev = IndicatorScorer.Evaluate(Quarterly, ScoringPolicy.Default with { Cap = 120 });
        var e = ev.Explanation;
        Assert.Equal("(Q1 + Q2) / 2 = (3 + 4) / 2 = 3.5", e.Find(ExplanationSteps.Aggregation)!.Description.Split(": ", 2)[1]);
        Assert.Equal("T / A", e.Formula![..5]);
        Assert.StartsWith("T / A × 100 = 5 / 3.5 × 100 = 142.857142857", e.Calculation);
        Assert.Equal(5m / 3.5m * 100m, ev.Achievement);
        var cap = e.Find(ExplanationSteps.Cap)!;
        Assert.Equal(ev.Achievement, cap.Before);
        Assert.Equal(120m, cap.Value);
        Assert.Equal(120m, e.Find(ExplanationSteps.Score)!.Value);
        Assert.Contains("met", e.Find(ExplanationSteps.Met)!.Description);
        Assert.StartsWith("Green", e.Find(ExplanationSteps.Status)!.Description);
    }

    [Fact]
    public void Steps_come_in_calculation_order()
    {
        var policy = new ScoringPolicy { Threshold = 10, Bands = [new(0, null, 100)] };
        var names = IndicatorScorer.Evaluate(Quarterly, policy).Explanation.Steps.Select(s => s.Step).ToList();
        Assert.Equal(
            [ExplanationSteps.Target, ExplanationSteps.Aggregation, ExplanationSteps.Actual, ExplanationSteps.Achievement,
             ExplanationSteps.Threshold, ExplanationSteps.Band, ExplanationSteps.Cap, ExplanationSteps.Score,
             ExplanationSteps.Met, ExplanationSteps.Deviation, ExplanationSteps.Status],
            names);
    }

    [Fact]
    public void Strict_operator_reason_is_spelled_out()
    {
        var met = Score(MoreThan(38), 38).Explanation.Find(ExplanationSteps.Met)!;
        Assert.Equal("A = 38 > T = 38: false → not met", met.Description);
    }

    [Fact]
    public void Serialises_to_json_and_back()
    {
        var ev = IndicatorScorer.Evaluate(Quarterly, ScoringPolicy.Default);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(ev, options);
        Assert.Contains("\"achievement\":142.857142857", json);
        Assert.Contains("\"actualsUsed\":[", json);
        var back = JsonSerializer.Deserialize<IndicatorEvaluation>(json, options)!;
        Assert.Equal(ev.Score, back.Score);
        Assert.Equal(ev.Explanation.Steps.Count, back.Explanation.Steps.Count);
        Assert.Equal(ev.Explanation.Calculation, back.Explanation.Calculation);
    }

    [Fact]
    public void Roll_up_serialises_too()
    {
        var r = RollUp.Compute([new("A", 1, 80), new("B", 0, null)], MissingRule.Exclude);
        var json = JsonSerializer.Serialize(r, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Contains("\"normalizedWeight\":1", json);
    }

    [Fact]
    public void Period_codes_in_explanations_are_canonical()
    {
        var e = IndicatorScorer.Evaluate(Input(AtLeast(1), Aggregation.Sum, new PeriodActual(Period.Parse("M1"), 2)),
            ScoringPolicy.Default).Explanation;
        Assert.Equal("M01", Assert.Single(e.ActualsUsed).Period);
    }
}
