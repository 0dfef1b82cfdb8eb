using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>The worked examples of docs/numbers.md (issue 20), each on both paths (explained and figures only).</summary>
public sealed class ExactNumbersTests
{
    private static IEnumerable<IndicatorEvaluation> BothPaths(IndicatorInput input, ScoringPolicy? policy = null, ScoringView? view = null)
    {
        var v = view ?? ScoringView.Actuals;
        yield return IndicatorScorer.Evaluate(input, policy ?? ScoringPolicy.Default, v with { Explain = true });
        yield return IndicatorScorer.Evaluate(input, policy ?? ScoringPolicy.Default, v with { Explain = false });
    }

    private static PeriodActual Parts(string period, decimal num, decimal den) => new(Period.Parse(period), null, num, den);

    // ---- 1. full precision inside, half away from zero at presentation ----

    [Fact]
    public void Sixteen_of_141_against_at_most_10_percent_is_88_125_presented_88_13()
    {
        // The rate cut at 28 digits and divided again is 88,12499…: a cent low once presented.
        Assert.Equal(88.12m, Rounding.Present(10m / (16m / 141m * 100m) * 100m));

        var input = Input(AtMost(10, TargetUnit.Percent), Aggregation.RatioOfSums, Parts("Q1", 7, 60), Parts("Q2", 9, 81));
        foreach (var e in BothPaths(input, Uncapped))
        {
            Assert.Equal(1600m / 141m, e.Actual);
            Assert.Equal(88.125m, e.Achievement); // 10 × 141 × 100 / 1600: one division, exact
            Assert.Equal(88.13m, Rounding.Present(e.Achievement));
            Assert.Equal(88.13m, Rounding.Present(e.Score));
        }
    }

    [Fact]
    public void The_explanation_shows_the_quotient_an_oiv_can_recompute()
    {
        var e = IndicatorScorer.Evaluate(Input(AtMost(10, TargetUnit.Percent), Aggregation.RatioOfSums, Parts("Y", 16, 141)), Uncapped);
        Assert.Equal("A = 1600 / 141 = 11.347517730496453900709219858", e.Explanation.Find(ExplanationSteps.Actual)!.Description);
        Assert.Equal("T / A × 100 = 10 / (1600 / 141) × 100 = 88.125", e.Explanation.Calculation);
    }

    [Fact]
    public void A_mean_is_compared_without_dividing()
    {
        // (1 + 1 + 1,0000000000000000000000000001) / 3 exceeds 1 by a third of 10⁻²⁸: in decimal the mean is exactly 1
        // and "> 1" would not be met; Σ = 3,0000000000000000000000000001 > 3 × 1 decides it exactly.
        Assert.Equal(1m, 3.0000000000000000000000000001m / 3m);
        var input = Input(MoreThan(1), Aggregation.Average, At("Q1", 1), At("Q2", 1), At("Q3", 1.0000000000000000000000000001m));
        foreach (var e in BothPaths(input, Uncapped)) Assert.True(e.Met);
    }

    [Fact]
    public void An_interpolated_band_divides_last()
    {
        // x = 80 + 1/3 (a rate of 241 / 300 against ≥ 100%); band [80, 81) goes 50 → 50,015: 50 + (1/3) × 0,015 = 50,005.
        // Divided first, (x − 80) = 0,333…3 and the score 50,00499… presents a cent low.
        var policy = Uncapped with { Bands = [new(80, 81, 50), new(81, null, 50.015m)], BandMode = BandMode.Interpolated };
        var input = Input(AtLeast(100, TargetUnit.Percent), Aggregation.RatioOfSums, Parts("Y", 241, 300));
        foreach (var e in BothPaths(input, policy))
        {
            Assert.Equal(50.01m, Rounding.Present(e.Score));
            Assert.Equal(50.005m, e.Score);
        }
    }

    [Theory]
    [InlineData(96.605, 96.61)]
    [InlineData(88.125, 88.13)]
    [InlineData(-0.005, -0.01)]
    [InlineData(0.004999, 0)]
    public void Presentation_rounds_half_away_from_zero(decimal value, decimal presented) =>
        Assert.Equal(presented, Rounding.Present(value));

    // ---- 2. mixed granularities: the declared frequency ----

    private static IndicatorInput Quarterly(Aggregation rule, params PeriodActual[] entries) =>
        new IndicatorInput("Q", AtMost(45, TargetUnit.None), Polarity.LowerIsBetter, rule, entries, Year: 2024)
        {
            Frequency = PeriodKind.Quarter,
        };

    [Theory]
    // The finest-granularity rule scored the month alone: 45 / 47,496 = 94,74.
    [InlineData(Aggregation.Last, "M01", "51.3", "87.72")]    // both taken (no shared month); Q2 is the latest period
    [InlineData(Aggregation.Average, "M05", "51.3", "87.72")] // M05 is inside Q2, which has its own entry: never both
    [InlineData(Aggregation.Average, "M01", "49.398", "91.10")] // M01 stands for Q1: (47,496 + 51,3) / 2 → 45 / 49,398
    public void Q2_and_a_month_of_a_quarterly_indicator(Aggregation rule, string month, string actual, string achievement)
    {
        foreach (var e in BothPaths(Quarterly(rule, At("Q2", 51.3m), At(month, 47.496m))))
        {
            Assert.Equal(decimal.Parse(actual, System.Globalization.CultureInfo.InvariantCulture), e.Actual);
            Assert.Equal(decimal.Parse(achievement, System.Globalization.CultureInfo.InvariantCulture), Rounding.Present(e.Achievement));
        }
    }

    [Fact]
    public void A_quarterly_mean_averages_the_months_of_a_quarter_first()
    {
        var input = Quarterly(Aggregation.Average, At("M01", 40), At("M02", 50), At("Q2", 51.3m));
        foreach (var e in BothPaths(input)) Assert.Equal(48.15m, e.Actual); // (45 + 51,3) / 2, not (40 + 50 + 51,3) / 3
        var explained = PeriodAggregator.Aggregate(input.Actuals, Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal("Q1 = (M01 + M02) / 2 = (40 + 50) / 2 = 45; mean over the Quarter periods: (Q1 + Q2) / 2 = (45 + 51.3) / 2 = 48.15",
            explained.Calculation);
        Assert.Null(explained.Granularity); // mixed
    }

    [Fact]
    public void A_longer_entry_counts_for_the_declared_periods_it_spans()
    {
        // Declared quarterly, S1 (mean over Jan–Jun) = 10 and Q3 = 40: S1 stands for two quarters, (2 × 10 + 40) / 3 = 20.
        var input = Quarterly(Aggregation.Average, At("S1", 10), At("Q3", 40));
        foreach (var e in BothPaths(input)) Assert.Equal(20m, e.Actual);
        var explained = PeriodAggregator.Aggregate(input.Actuals, Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal("mean over the Quarter periods: (Q3 + 2 × S1) / 3 = (40 + 2 × 10) / 3 = 20", explained.Calculation);
        // Across two declared periods (Q2 for a four-monthly indicator: April in T1, May–June in T2): 3/4 of a period.
        var across = PeriodAggregator.AggregateFigure([At("T1", 10), At("Q2", 30)], Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.FourMonth);
        Assert.Equal(10m, across.Value);   // T1 taken first (declared); Q2 overlaps April: never both
        var months = PeriodAggregator.AggregateFigure([At("M01", 10), At("Q2", 31)], Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Month);
        Assert.Equal(25.75m, months.Value); // (10 + 3 × 31) / 4
    }

    [Fact]
    public void The_final_y_overrides_every_period_whatever_the_frequency()
    {
        foreach (var e in BothPaths(Quarterly(Aggregation.Sum, At("Q1", 10), At("Q2", 20), At("Y", 33))))
            Assert.Equal(33m, e.Actual);
    }

    [Fact]
    public void Frequencies_map_to_their_period_kinds()
    {
        Assert.Equal(PeriodKind.Month, Period.KindOf(Domain.Plans.Frequency.Monthly));
        Assert.Equal(PeriodKind.Quarter, Period.KindOf(Domain.Plans.Frequency.Quarterly));
        Assert.Equal(PeriodKind.FourMonth, Period.KindOf(Domain.Plans.Frequency.FourMonthly));
        Assert.Equal(PeriodKind.Semester, Period.KindOf(Domain.Plans.Frequency.Semiannual));
        Assert.Equal(PeriodKind.Year, Period.KindOf(Domain.Plans.Frequency.Annual));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.KindOf((Domain.Plans.Frequency)99));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PeriodAggregator.AggregateFigure([At("Q1", 1)], Aggregation.Sum, 2024, ScoringView.Actuals, PeriodKind.Forecast));
    }

    // ---- 3. no target under missing = Zero ----

    [Fact]
    public void A_node_of_an_indicator_without_target_and_a_child_at_60_scores_60()
    {
        var child = new ScoringNode("N.C", 1, [new ScoringIndicator("N.C.I", 1, Input(AtLeast(100), 60))], []);
        var node = new ScoringNode("N", 1, [new ScoringIndicator("N.I1", 1, null, "No target for 2024.")], [child]);
        foreach (var explain in new[] { true, false })
        {
            var zero = TreeScorer.Score(node, ScoringPolicy.Default with { Missing = MissingRule.Zero }, ScoringView.Actuals with { Explain = explain });
            Assert.Equal(60m, zero.Score);
            Assert.True(zero.RollUp.Contributions.Single(c => c.Code == "N.I1").Excluded);
            Assert.Equal("No target for 2024.", zero.Indicators.Single().MissingReason);
        }

        // An indicator WITH a target and no consuntivo does count as 0 under Zero: (0 + 60) / 2.
        var missing = node with { Indicators = [new ScoringIndicator("N.I1", 1, Input(AtLeast(100), (decimal?)null))] };
        Assert.Equal(30m, TreeScorer.Score(missing, ScoringPolicy.Default with { Missing = MissingRule.Zero }, ScoringView.Actuals).Score);
    }

    [Fact]
    public void A_target_without_a_value_counts_as_no_target()
    {
        var nd = new ParsedTarget(TargetKind.Numeric, TargetOperator.AtLeast, null, null, null, TargetUnit.None, null, null, "n.d.");
        Assert.False(IndicatorScorer.HasTarget(nd));
        var node = new ScoringNode("N", 1, [new ScoringIndicator("N.ND", 1, Input(nd, 5)), new ScoringIndicator("N.I", 1, Input(AtLeast(100), 60))], []);
        Assert.Equal(60m, TreeScorer.Score(node, ScoringPolicy.Default with { Missing = MissingRule.Zero }, ScoringView.Actuals).Score);
    }

    // ---- 4. T = 0 ----

    [Theory]
    [InlineData(TargetOperator.AtLeast, 0, 100)]
    [InlineData(TargetOperator.AtLeast, 3, 100)]
    [InlineData(TargetOperator.AtLeast, -1, 0)]
    [InlineData(TargetOperator.Equal, 0, 100)]
    [InlineData(TargetOperator.Equal, 0.01, 0)]
    [InlineData(TargetOperator.Equal, -2, 0)]
    public void Zero_targets_higher_or_exactly(TargetOperator op, decimal actual, decimal achievement)
    {
        var target = new ParsedTarget(TargetKind.Numeric, op, 0m, null, null, TargetUnit.Count, null, null, "0");
        foreach (var e in BothPaths(Input(target, actual), Uncapped with { Cap = 120 }))
        {
            Assert.Equal(achievement, e.Achievement);
            Assert.Null(e.Deviation!.Relative); // undefined against 0
            Assert.Null(e.Deviation.Ratio);
            Assert.Equal(actual, e.Deviation.Difference);
        }
    }

    [Theory]
    [InlineData(LowerIsBetterFormula.InverseRatio, 0, 100)]  // A = T = 0: 100, not the cap
    [InlineData(LowerIsBetterFormula.InverseRatio, 2, 0)]    // T / A = 0 / 2
    [InlineData(LowerIsBetterFormula.InverseRatio, -1, 120)] // A < 0 = T: the best possible, the cap
    [InlineData(LowerIsBetterFormula.Reflected, 0, 100)]
    [InlineData(LowerIsBetterFormula.Reflected, -1, 100)]
    [InlineData(LowerIsBetterFormula.Reflected, 0.5, 0)]
    public void Zero_targets_at_most(LowerIsBetterFormula formula, decimal actual, decimal achievement)
    {
        foreach (var e in BothPaths(Input(AtMost(0), actual, cap: 120, formula: formula), Uncapped))
            Assert.Equal(achievement, e.Achievement);
    }

    // ---- 5. zero denominators ----

    [Fact]
    public void A_quarter_with_no_cases_leaves_the_year_rate_defined()
    {
        PeriodActual[] rates = [Parts("Q1", 0, 0), Parts("Q2", 9, 10), Parts("Q3", 3, 0)];
        var input = Input(AtLeast(80, TargetUnit.Percent), Aggregation.RatioOfSums, rates);
        foreach (var e in BothPaths(input)) Assert.Equal(120m, e.Actual); // (0 + 9 + 3) / (0 + 10 + 0) × 100
        foreach (var e in BothPaths(input, view: new ScoringView(new DateOnly(2024, 3, 31))))
        {
            Assert.Null(e.Actual); // Q1 on its own: 0 / 0, not computable
            Assert.Equal(ScoreStatus.Grey, e.Status);
        }
        var q1 = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, new DateOnly(2024, 3, 31));
        Assert.Equal("RatioOfSums (Periods, Quarter): Σ denominator = 0 = 0: rate undefined", q1.Explanation.Find(ExplanationSteps.Aggregation)!.Description);
        Assert.Null(IndicatorScorer.Evaluate(Input(AtLeast(80), Aggregation.RatioOfSums, Parts("Y", 1, 0)), ScoringPolicy.Default).Actual);
    }
}
