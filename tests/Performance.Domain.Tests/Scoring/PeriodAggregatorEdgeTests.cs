using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// Edges of the year's figure that the mutation run of 2026-12-03 found unguarded (docs/mutation.md, "Survivors"): the
/// arguments named in refusals, a year scored with an asOf of a later year, the forecast fallback, the reasons and texts of
/// "never both", the mean of mixed granularities with unequal month counts, and means near the decimal range's limit.
/// </summary>
public sealed class PeriodAggregatorEdgeTests
{
    [Fact]
    public void Missing_arguments_are_named()
    {
        Assert.Equal("actuals", Assert.Throws<ArgumentNullException>(() => PeriodAggregator.Aggregate(null!, Aggregation.Sum)).ParamName);
        Assert.Equal("actuals", Assert.Throws<ArgumentNullException>(() =>
            PeriodAggregator.AggregateFigure(null!, Aggregation.Sum, 2024, ScoringView.Actuals)).ParamName);
        Assert.Equal("view", Assert.Throws<ArgumentNullException>(() =>
            PeriodAggregator.AggregateFigure([At("Q1", 1)], Aggregation.Sum, 2024, null!)).ParamName);
    }

    [Fact]
    public void An_undefined_frequency_or_rule_is_refused_with_the_frequencies_allowed()
    {
        var frequency = Assert.Throws<ArgumentOutOfRangeException>(() =>
            PeriodAggregator.Aggregate([At("Q1", 1)], Aggregation.Sum, 2024, ScoringView.Actuals, (PeriodKind)42));
        Assert.Contains("A declared frequency is Y, S, T, Q or M.", frequency.Message);
        Assert.Equal("rule", Assert.Throws<ArgumentOutOfRangeException>(() =>
            PeriodAggregator.Aggregate([At("Q1", 1)], (Aggregation)42, 2024, ScoringView.Actuals, PeriodKind.Quarter)).ParamName);
    }

    [Fact]
    public void A_year_scored_with_an_as_of_date_of_a_later_year_keeps_all_its_periods()
    {
        // The periods' end dates are the scored year's (2024), all before 31/03/2025: none is left out as "after asOf".
        var r = PeriodAggregator.Aggregate(
            [At("Q1", 10), At("Q2", 20), At("Q3", 30), At("Q4", 40)], Aggregation.Sum, 2024, new ScoringView(new DateOnly(2025, 3, 31)), PeriodKind.Quarter);
        Assert.Equal(100m, r.Value);
        Assert.Empty(r.Ignored);
    }

    [Fact]
    public void The_fallback_forecast_is_the_latest_one_with_a_figure()
    {
        // F2 was opened but holds no figure: the latest forecast with data, F1, stands in for the missing actuals.
        var r = PeriodAggregator.Aggregate([At("F1", 70), At("F2", null)], Aggregation.Last, 2024,
            new ScoringView(FallbackToLatestForecast: true), PeriodKind.Quarter);
        Assert.Equal(70m, r.Value);
        Assert.Equal(AggregationBasis.Forecast, r.Basis);
        Assert.Equal("F1", Assert.Single(r.Used).Period.Code);
    }

    [Fact]
    public void A_final_rate_keeps_its_numerator_and_denominator()
    {
        var r = PeriodAggregator.Aggregate([Rate("Y", 16, 141)], Aggregation.RatioOfSums);
        Assert.Equal(16m, r.Numerator);
        Assert.Equal(141m, r.Denominator);
        Assert.Equal(AggregationBasis.Final, r.Basis);
    }

    [Fact]
    public void Never_both_names_exactly_the_periods_that_share_a_month()
    {
        // Declared quarterly: Q1 and Q3 are taken first; M02 shares a month with Q1 only, S1 with Q1 only (Q2 is absent).
        var one = PeriodAggregator.Aggregate([At("Q1", 10), At("Q3", 30), At("M02", 5)], Aggregation.Sum, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal("months already counted in Q1: never both", Assert.Single(one.Ignored).Reason);

        // S1 shares months with both Q1 and Q2: both are named, in month order.
        var two = PeriodAggregator.Aggregate([At("Q1", 10), At("Q2", 20), At("S1", 99)], Aggregation.Sum, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal("months already counted in Q1, Q2: never both", Assert.Single(two.Ignored).Reason);
        Assert.Equal(30m, two.Value);

        // Declared monthly: December is taken, Q4 overlaps it.
        var december = PeriodAggregator.Aggregate([At("M12", 7), At("Q4", 21)], Aggregation.Sum, 2024, ScoringView.Actuals, PeriodKind.Month);
        Assert.Equal("months already counted in M12: never both", Assert.Single(december.Ignored).Reason);
    }

    [Fact]
    public void The_mean_weighs_a_coarser_entry_by_its_months_beside_groups_of_unequal_counts()
    {
        // Declared quarterly. S1 stands for Q1 and Q2 (10 each); Q3 is the mean of M07 and M08 (30); Q4 is M10 alone (30).
        // (10 + 10 + 30 + 30) / 4 = 20. The groups hold 2 and 1 entries, so the exact quotient is scaled by lcm(2, 1) = 2.
        var r = PeriodAggregator.Aggregate([At("S1", 10), At("M07", 20), At("M08", 40), At("M10", 30)],
            Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal(20m, r.Value);
        Assert.Equal("Q3 = (M07 + M08) / 2 = (20 + 40) / 2 = 30; mean over the Quarter periods: (Q3 + M10 + 2 × S1) / 4 = (30 + 30 + 2 × 10) / 4 = 20",
            r.Calculation);
    }

    [Fact]
    public void A_mean_near_the_decimal_limit_is_computed_without_scaling_what_needs_no_scale()
    {
        // One declared quarter of 3 × 10²⁸: counted as its own period (weight 1), never as 3 months × 10²⁸ (out of range).
        Assert.Equal(30_000_000_000_000_000_000_000_000_000m,
            PeriodAggregator.Aggregate([At("Q1", 30_000_000_000_000_000_000_000_000_000m)], Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Quarter).Value);

        // Two quarters of two months each: the common multiple of the counts is their lcm, 2 (a larger one leaves the range).
        const decimal big = 10_000_000_000_000_000_000_000_000_000m;
        Assert.Equal(big, PeriodAggregator.Aggregate([At("M01", big), At("M02", big), At("M04", big), At("M05", big)],
            Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Quarter).Value);
    }

    [Fact]
    public void The_months_of_one_quarter_read_as_a_plain_mean_whichever_month_comes_first()
    {
        var r = PeriodAggregator.Aggregate([At("M02", 10), At("M03", 20)], Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal(15m, r.Value);
        Assert.Equal("(M02 + M03) / 2 = (10 + 20) / 2 = 15", r.Calculation);
    }

    [Fact]
    public void A_quarter_across_two_four_month_periods_counts_by_its_months_only()
    {
        // Declared by four-month periods (T1 = M01–M04, T2 = M05–M08): Q2 (M04–M06) lies across T1 and T2, so it is weighed
        // 3/4 and is not the figure of either; T3 is whole. (0,75 × 20 + 10) / 1,75 = 14,2857…
        var r = PeriodAggregator.Aggregate([At("Q2", 20), At("T3", 10)], Aggregation.Average, 2024, ScoringView.Actuals, PeriodKind.FourMonth);
        Assert.Equal(25m / 1.75m, r.Value);
        Assert.Equal("mean over the FourMonth periods: (T3 + 0.75 × Q2) / 1.75 = (10 + 0.75 × 20) / 1.75 = 14.285714285714285714285714286",
            r.Calculation);
    }

    [Fact]
    public void December_is_counted_in_the_ratio_of_sums_and_in_its_refusal()
    {
        var parts = PeriodAggregator.Aggregate([Rate("M11", 1, 4), Rate("M12", 3, 4)], Aggregation.RatioOfSums, 2024, ScoringView.Actuals, PeriodKind.Month);
        Assert.Equal(50m, parts.Value);
        Assert.Equal(["M11", "M12"], parts.Used.Select(a => a.Period.Code));
        Assert.Contains("(1 + 3) / (4 + 4)", parts.Calculation);

        var rates = PeriodAggregator.Aggregate([At("M11", 25), At("M12", 75)], Aggregation.RatioOfSums, 2024, ScoringView.Actuals, PeriodKind.Month);
        Assert.Null(rates.Value);
        Assert.Equal(["M11", "M12"], rates.Ignored.Select(i => i.Actual.Period.Code));
    }

    [Fact]
    public void Internal_refusals_name_what_is_wrong()
    {
        var notNumeric = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Achievements.Compute(Milestone(), Quotient.Of(1m), LowerIsBetterFormula.InverseRatio, null, null));
        Assert.Contains("not a numeric operator", notNumeric.Message);
        var noBound = Assert.Throws<ArgumentException>(() =>
            Achievements.Compute(Between(null, null), Quotient.Of(1m), LowerIsBetterFormula.InverseRatio, null, null));
        Assert.Equal("A range needs at least one bound.", noBound.Message);
    }
}
