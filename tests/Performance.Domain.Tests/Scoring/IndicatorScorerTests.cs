using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

public sealed class IndicatorScorerTests
{
    private static IndicatorEvaluation Eval(IndicatorInput input, ScoringPolicy? policy = null) =>
        IndicatorScorer.Evaluate(input, policy ?? ScoringPolicy.Default);

    // ---- at least / more than ----

    [Theory]
    [InlineData(80, 80, 100)]
    [InlineData(80, 60, 75)]
    [InlineData(80, 100, 125)]
    [InlineData(80, 0, 0)]
    public void At_least_is_actual_over_target(decimal t, decimal a, decimal achievement)
    {
        var e = Score(AtLeast(t), a, Uncapped);
        Assert.Equal(achievement, e.Achievement);
        Assert.Equal(achievement, e.Score);
    }

    [Theory]
    [InlineData(0, 0, 100)]
    [InlineData(0, 5, 100)]
    [InlineData(0, -1, 0)]
    public void At_least_zero_target(decimal t, decimal a, decimal achievement) =>
        Assert.Equal(achievement, Score(AtLeast(t), a, Uncapped).Achievement);

    [Fact]
    public void Negative_target_keeps_more_is_better()
    {
        // T = −10 (a loss to contain), A = −5 is better: 100 + 5/10 × 100 = 150.
        Assert.Equal(150m, Score(AtLeast(-10), -5, Uncapped).Achievement);
        Assert.Equal(50m, Score(AtLeast(-10), -15, Uncapped).Achievement);
    }

    [Fact]
    public void Strict_versus_inclusive_met()
    {
        var strict = Score(MoreThan(38), 38);
        var inclusive = Score(AtLeast(38, TargetUnit.Count), 38);
        Assert.False(strict.Met);
        Assert.True(inclusive.Met);
        Assert.Equal(100m, strict.Achievement);    // achievement is the same ratio…
        Assert.Equal(ScoreStatus.Yellow, strict.Status);  // …but only met turns the light green
        Assert.Equal(ScoreStatus.Green, inclusive.Status);
        Assert.True(Score(MoreThan(38), 39).Met);
        Assert.False(Score(LessThan(3), 3).Met);
        Assert.True(Score(AtMost(3), 3).Met);
        Assert.True(Score(LessThan(3), 2.99m).Met);
    }

    // ---- at most / less than ----

    [Fact]
    public void Inverse_ratio_is_target_over_actual()
    {
        var e = Score(AtMost(5), 4, Uncapped);
        Assert.Equal(125m, e.Achievement);
        Assert.Equal("T / A × 100 = 5 / 4 × 100 = 125", e.Explanation.Calculation);
        Assert.Equal(62.5m, Score(AtMost(5), 8, Uncapped).Achievement);
    }

    [Fact]
    public void Reflected_is_two_t_minus_a_over_t_and_floors_at_zero()
    {
        var reflected = Uncapped with { LowerIsBetter = LowerIsBetterFormula.Reflected };
        Assert.Equal(120m, Score(AtMost(5), 4, reflected).Achievement);
        Assert.Equal(40m, Score(AtMost(5), 8, reflected).Achievement);
        Assert.Equal(0m, Score(AtMost(5), 11, reflected).Achievement);
        Assert.Equal(0m, Score(AtMost(5), 15, reflected).Achievement);
    }

    [Fact]
    public void Reflected_equals_one_hundred_plus_the_inps_scostamento()
    {
        // Costi totali per punto omogeneizzato: T 171,54, A 155,54 → scostamento +9,33 → 109,33.
        var e = Score(AtMost(171.54m, TargetUnit.Euro), 155.54m, Uncapped with { LowerIsBetter = LowerIsBetterFormula.Reflected });
        Assert.Equal(100m + e.Deviation!.Relative, e.Achievement);
        Assert.Equal(109.33m, Rounding.Present(e.Achievement));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(120, 120)]
    [InlineData(150, 150)]
    public void Inverse_ratio_with_zero_actual_gives_the_cap(decimal cap, decimal expected)
    {
        var e = Score(AtMost(5), 0, new ScoringPolicy { Cap = cap });
        Assert.Equal(expected, e.Achievement);
        Assert.Equal(expected, e.Score);
        Assert.True(e.Met);
    }

    [Fact]
    public void Inverse_ratio_with_zero_actual_uncapped_gives_100()
    {
        var e = Score(AtMost(5), 0, Uncapped);
        Assert.Equal(100m, e.Achievement);
        Assert.Contains("uncapped", e.Explanation.Calculation);
    }

    [Fact]
    public void Inverse_ratio_with_negative_actual_is_defined() =>
        Assert.Equal(100m, Score(AtMost(5), -2).Achievement);

    [Fact]
    public void Inverse_ratio_with_a_vanishing_actual_does_not_overflow()
    {
        var e = Score(AtMost(1_000_000), 0.0000000000000000000000001m, new ScoringPolicy { Cap = 150 });
        Assert.Equal(150m, e.Achievement);
        Assert.Equal(150m, e.Score);
    }

    [Fact]
    public void At_least_with_extreme_operands_does_not_overflow() =>
        Assert.Equal(100m, Score(AtLeast(0.0000000000000000000000001m), 79_000_000_000_000_000_000_000_000m).Score);

    [Fact]
    public void Inverse_ratio_zero_over_zero_is_met_at_100()
    {
        var e = Score(AtMost(0), 0, Uncapped);
        Assert.Equal(100m, e.Achievement);
        Assert.True(e.Met);
    }

    [Fact]
    public void Inverse_ratio_zero_target_positive_actual_is_zero() =>
        Assert.Equal(0m, Score(AtMost(0), 3, Uncapped).Achievement);

    [Theory]
    [InlineData(5, 0, 200)]
    [InlineData(0, 0, 100)]
    [InlineData(0, 3, 0)]
    [InlineData(0, -3, 100)]
    public void Reflected_edges(decimal t, decimal a, decimal expected) =>
        Assert.Equal(expected, Score(AtMost(t), a, Uncapped with { LowerIsBetter = LowerIsBetterFormula.Reflected }).Achievement);

    [Fact]
    public void Reflected_with_zero_actual_is_capped_by_the_policy() =>
        Assert.Equal(100m, Score(AtMost(5), 0, ScoringPolicy.Default with { LowerIsBetter = LowerIsBetterFormula.Reflected }).Score);

    [Fact]
    public void Indicator_formula_override_beats_the_policy()
    {
        var input = Input(AtMost(5), 4, formula: LowerIsBetterFormula.Reflected);
        Assert.Equal(120m, Eval(input, Uncapped).Achievement);
        Assert.Equal(LowerIsBetterFormula.Reflected, Eval(input, Uncapped).Explanation.LowerIsBetterFormula);
    }

    // ---- exactly ----

    [Theory]
    [InlineData(100, 100, 100)]
    [InlineData(100, 90, 90)]
    [InlineData(100, 110, 90)]
    [InlineData(12, 9, 75)]
    [InlineData(100, 250, 0)]
    [InlineData(0, 0, 100)]
    [InlineData(0, 1, 0)]
    public void Exactly_decreases_with_relative_distance(decimal t, decimal a, decimal expected)
    {
        var e = Score(Exactly(t), a);
        Assert.Equal(expected, e.Achievement);
        Assert.Equal(t == a, e.Met);
    }

    // ---- range ----

    [Theory]
    [InlineData(80, 100)]
    [InlineData(85, 100)]
    [InlineData(90, 100)]
    [InlineData(60, 75)]    // below: A / L
    [InlineData(100, 90)]   // above: U / A (inverse ratio)
    public void Range(decimal a, decimal expected)
    {
        var e = Score(Between(80, 90), a, Uncapped);
        Assert.Equal(expected, e.Achievement);
        Assert.Equal(a is >= 80 and <= 90, e.Met);
    }

    [Fact]
    public void Range_above_uses_the_reflected_formula_when_chosen() =>
        Assert.Equal(80m, Score(Between(3, 5, TargetUnit.Days), 6, ScoringPolicy.Default with { LowerIsBetter = LowerIsBetterFormula.Reflected }).Achievement);

    [Fact]
    public void Range_deviation_is_against_the_violated_bound()
    {
        Assert.Equal(-10m, Score(Between(80, 90), 70).Deviation!.Points);
        Assert.Equal(5m, Score(Between(80, 90), 95).Deviation!.Points);
        Assert.Equal(0m, Score(Between(80, 90), 85).Deviation!.Relative);
    }

    // ---- milestones and deadlines ----

    [Fact]
    public void Milestone_done_not_done_and_completion()
    {
        var done = Eval(Input(Milestone(), Aggregation.Last, new PeriodActual(Period.Annual, null, Done: true)));
        var notDone = Eval(Input(Milestone(), Aggregation.Last, new PeriodActual(Period.Annual, null, Done: false)));
        var sal = Eval(Input(Milestone(), Aggregation.Last, new PeriodActual(Period.Annual, null, Done: false, Completion: 60)));
        Assert.Equal((100m, true, ScoreStatus.Green), (done.Score!.Value, done.Met!.Value, done.Status));
        Assert.Equal((0m, false, ScoreStatus.Red), (notDone.Score!.Value, notDone.Met!.Value, notDone.Status));
        Assert.Equal((60m, false, ScoreStatus.Red), (sal.Score!.Value, sal.Met!.Value, sal.Status));
        Assert.Null(done.Deviation);
    }

    [Fact]
    public void Milestone_reads_the_latest_period_even_if_the_rule_is_sum()
    {
        var e = Eval(Input(Milestone(), Aggregation.Sum,
            new PeriodActual(Period.Quarter(1), null, Completion: 30),
            new PeriodActual(Period.Quarter(2), null, Completion: 70)));
        Assert.Equal(70m, e.Score);
    }

    [Fact]
    public void Deadline_met_only_when_done_by_the_due_date()
    {
        var due = new DateOnly(2024, 6, 30);
        IndicatorEvaluation With(DateOnly? on) =>
            Eval(Input(Deadline(due), Aggregation.Last, new PeriodActual(Period.Annual, null, Done: true, CompletedOn: on)));

        Assert.True(With(new DateOnly(2024, 6, 30)).Met);
        Assert.Equal(100m, With(new DateOnly(2024, 6, 1)).Score);
        var late = With(new DateOnly(2024, 7, 1));
        Assert.False(late.Met);
        Assert.Equal(0m, late.Score);
        Assert.True(With(null).Met); // done without a date: the flag is taken at its word, and the explanation says so
        Assert.Contains("assumed", With(null).Explanation.Calculation);
    }

    [Fact]
    public void Milestone_without_any_entry_is_grey()
    {
        var e = Eval(Input(Milestone(), Aggregation.Last));
        Assert.Equal(ScoreStatus.Grey, e.Status);
        Assert.Null(e.Score);
    }

    // ---- missing ----

    [Fact]
    public void No_actual_is_grey_with_null_score_never_zero()
    {
        var e = Eval(Input(AtLeast(80), null));
        Assert.Null(e.Score);
        Assert.Null(e.Achievement);
        Assert.Null(e.Met);
        Assert.Equal(ScoreStatus.Grey, e.Status);
        Assert.NotNull(e.Explanation.Find(ExplanationSteps.Missing));
    }

    [Fact]
    public void Target_without_value_is_grey()
    {
        var t = new ParsedTarget(TargetKind.Numeric, TargetOperator.AtLeast, null, null, null, TargetUnit.Percent, null, null, ">=");
        Assert.Equal(ScoreStatus.Grey, Eval(Input(t, 50)).Status);
    }

    // ---- status ----

    [Theory]
    [InlineData(80, ScoreStatus.Green)]
    [InlineData(72, ScoreStatus.Yellow)]   // 90% of target
    [InlineData(71.9, ScoreStatus.Red)]
    public void Status_bands(decimal actual, ScoreStatus expected) =>
        Assert.Equal(expected, Score(AtLeast(80), actual).Status);

    [Fact]
    public void Yellow_from_is_configurable() =>
        Assert.Equal(ScoreStatus.Yellow, Score(AtLeast(80), 64, ScoringPolicy.Default with { YellowFrom = 80 }).Status);

    [Fact]
    public void Justification_required_when_missed_by_policy()
    {
        var policy = ScoringPolicy.Default with { JustificationRequiredWhenMissed = true };
        Assert.True(Score(AtLeast(80), 70, policy).JustificationRequired);
        Assert.False(Score(AtLeast(80), 90, policy).JustificationRequired);
        Assert.False(Score(AtLeast(80), 70).JustificationRequired);
    }

    // ---- aggregation through the scorer ----

    [Fact]
    public void Scorer_uses_the_indicator_rule_and_as_of()
    {
        var input = Input(AtLeast(100, TargetUnit.Count), Aggregation.Sum, At("Q1", 20), At("Q2", 30), At("Q3", 25), At("Q4", 40));
        Assert.Equal(115m, Eval(input, Uncapped).Actual);
        var halfYear = IndicatorScorer.Evaluate(input, Uncapped, new DateOnly(2024, 6, 30));
        Assert.Equal(50m, halfYear.Actual);
        Assert.Equal(50m, halfYear.Achievement);
        Assert.Equal(2, halfYear.Explanation.ActualsIgnored.Count);
    }

    [Fact]
    public void Scorer_ratio_of_sums()
    {
        var input = Input(AtLeast(60), Aggregation.RatioOfSums, Rate("Q1", 9, 10), Rate("Q2", 50, 100));
        var e = Eval(input, Uncapped);
        Assert.Equal(5900m / 110m, e.Actual); // Σ num × 100 / Σ den: one division, not 59/110 cut at 28 digits then × 100
        Assert.False(e.Met); // the average of percentages (70) would have wrongly met it
    }

    [Fact]
    public void Scorer_as_forecast()
    {
        var input = new IndicatorInput("COSTI", AtMost(171.54m, TargetUnit.Euro), Polarity.LowerIsBetter, Aggregation.Last,
            [At("F3", 173.36m), Y(155.54m)], Year: 2024);
        var forecast = IndicatorScorer.Evaluate(input, Uncapped, ScoringView.AsForecast(3));
        Assert.Equal(173.36m, forecast.Actual);
        Assert.Equal(AggregationBasis.Forecast, forecast.Explanation.AggregationBasis);
        Assert.Equal(155.54m, Eval(input).Actual);
    }
}
