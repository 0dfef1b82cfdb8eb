using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

public sealed class PeriodAggregatorTests
{
    private static readonly PeriodActual[] Quarters = [At("Q1", 10), At("Q2", 20), At("Q3", 30), At("Q4", 40)];

    [Fact]
    public void Sum_adds_flows()
    {
        var r = PeriodAggregator.Aggregate(Quarters, Aggregation.Sum);
        Assert.Equal(100m, r.Value);
        Assert.Equal(AggregationBasis.Periods, r.Basis);
        Assert.Equal(PeriodKind.Quarter, r.Granularity);
        Assert.Equal(4, r.Used.Count);
        Assert.Empty(r.Ignored);
        Assert.Equal("Q1 + Q2 + Q3 + Q4 = 10 + 20 + 30 + 40 = 100", r.Calculation);
    }

    [Fact]
    public void Average_is_the_mean_of_entries() =>
        Assert.Equal(25m, PeriodAggregator.Aggregate(Quarters, Aggregation.Average).Value);

    [Fact]
    public void Last_takes_the_latest_period_whatever_the_input_order()
    {
        var r = PeriodAggregator.Aggregate([At("Q3", 30), At("Q1", 10), At("Q2", 20)], Aggregation.Last);
        Assert.Equal(30m, r.Value);
        Assert.Equal(Period.Quarter(3), Assert.Single(r.Used).Period);
        Assert.Equal(2, r.Ignored.Count);
    }

    [Fact]
    public void Ratio_of_sums_differs_from_the_average_of_percentages()
    {
        // Q1: 9 of 10 = 90%; Q2: 50 of 100 = 50%. Average of % = 70; the real rate is 59/110 = 53,636…%.
        PeriodActual[] rates = [Rate("Q1", 9, 10), Rate("Q2", 50, 100)];
        var ratio = PeriodAggregator.Aggregate(rates, Aggregation.RatioOfSums);
        var average = PeriodAggregator.Aggregate(rates, Aggregation.Average);
        Assert.Equal(5900m / 110m, ratio.Value); // one division: Σ num × 100 / Σ den
        Assert.Equal(53.64m, Rounding.Present(ratio.Value));
        Assert.Equal(70m, average.Value);
        Assert.NotEqual(average.Value, ratio.Value);
        Assert.Equal(59m, ratio.Numerator);
        Assert.Equal(110m, ratio.Denominator);
        Assert.Contains("(9 + 50) / (10 + 100)", ratio.Calculation);
    }

    [Fact]
    public void Ratio_of_sums_never_averages_rates_without_parts()
    {
        var r = PeriodAggregator.Aggregate([At("Q1", 90), At("Q2", 50)], Aggregation.RatioOfSums);
        Assert.Null(r.Value);
        Assert.Equal(2, r.Ignored.Count);
    }

    [Fact]
    public void Ratio_of_sums_ignores_entries_without_parts_when_others_have_them()
    {
        var r = PeriodAggregator.Aggregate([Rate("Q1", 9, 10), At("Q2", 50)], Aggregation.RatioOfSums);
        Assert.Equal(90m, r.Value);
        Assert.Equal("Q2", Assert.Single(r.Ignored).Actual.Period.Code);
    }

    [Fact]
    public void Ratio_of_sums_single_rate_stands_as_entered() =>
        Assert.Equal(87.5m, PeriodAggregator.Aggregate([At("Q1", 87.5m)], Aggregation.RatioOfSums).Value);

    [Fact]
    public void Ratio_of_sums_with_zero_denominator_is_undefined_not_an_error()
    {
        var r = PeriodAggregator.Aggregate(
            [new PeriodActual(Period.Quarter(1), null, 0, 0), new PeriodActual(Period.Quarter(2), null, 0, 0)],
            Aggregation.RatioOfSums);
        Assert.Null(r.Value);
    }

    [Fact]
    public void Annual_entry_is_the_final_consuntivo_and_wins()
    {
        var r = PeriodAggregator.Aggregate([.. Quarters, Y(95)], Aggregation.Sum);
        Assert.Equal(95m, r.Value);
        Assert.Equal(AggregationBasis.Final, r.Basis);
        Assert.Equal(4, r.Ignored.Count);
        Assert.All(r.Ignored, i => Assert.Contains("annual", i.Reason));
    }

    [Fact]
    public void Annual_rate_uses_its_numerator_and_denominator() =>
        Assert.Equal(75m, PeriodAggregator.Aggregate(
            [new PeriodActual(Period.Annual, 70, 3, 4)], Aggregation.RatioOfSums).Value);

    [Theory]
    [InlineData(PeriodKind.Year, new[] { "S1" })]                       // not declared: the longest entry covers the rest
    [InlineData(PeriodKind.Quarter, new[] { "Q1", "Q2" })]              // declared quarterly: its quarters first
    [InlineData(PeriodKind.Month, new[] { "M01", "M02", "M03", "Q2" })] // declared monthly: months, then Q2 where no month is
    public void Never_both_the_declared_frequency_first_then_the_longest(PeriodKind frequency, string[] used)
    {
        // Months Jan–Mar (5+5+5), Q1 = 15, Q2 = 20, S1 = 35 repeat each other: whichever are taken, 35 once.
        PeriodActual[] mixed = [At("M01", 5), At("M02", 5), At("M03", 5), At("Q1", 15), At("Q2", 20), At("S1", 35)];
        var r = PeriodAggregator.Aggregate(mixed, Aggregation.Sum, 2024, ScoringView.Actuals, frequency);
        Assert.Equal(35m, r.Value);
        Assert.Equal(used, r.Used.Select(a => a.Period.Code));
        Assert.Equal(mixed.Length - used.Length, r.Ignored.Count);
        Assert.All(r.Ignored, i => Assert.EndsWith(": never both", i.Reason));
        Assert.Equal(35m, PeriodAggregator.AggregateFigure(mixed, Aggregation.Sum, 2024, ScoringView.Actuals, frequency).Value);
    }

    [Fact]
    public void An_entry_names_the_entries_that_already_cover_its_months()
    {
        var r = PeriodAggregator.Aggregate([At("M05", 1), At("Q2", 3), At("S1", 9)], Aggregation.Sum, 2024, ScoringView.Actuals, PeriodKind.Quarter);
        Assert.Equal(3m, r.Value);
        Assert.Equal("months already counted in Q2: never both", r.Ignored.Single(i => i.Actual.Period.Code == "M05").Reason);
        Assert.Equal("months already counted in Q2: never both", r.Ignored.Single(i => i.Actual.Period.Code == "S1").Reason);
    }

    [Theory]
    [InlineData(PeriodKind.Year, 1, PeriodKind.Semester)]       // S1 is the longest: T1 and T2 (May–Aug) overlap it
    [InlineData(PeriodKind.FourMonth, 5, PeriodKind.FourMonth)] // declared four-monthly: T1 + T2, S1 overlaps them
    public void Partly_overlapping_entries_are_never_both_counted(PeriodKind frequency, int sum, PeriodKind granularity)
    {
        var r = PeriodAggregator.Aggregate([At("S1", 1), At("T1", 2), At("T2", 3)], Aggregation.Sum, 2024, ScoringView.Actuals, frequency);
        Assert.Equal(sum, r.Value);
        Assert.Equal(granularity, r.Granularity);
    }

    [Fact]
    public void Highest_revision_of_a_period_wins()
    {
        var r = PeriodAggregator.Aggregate([At("Q1", 10), At("Q1", 12, revision: 2), At("Q2", 20)], Aggregation.Sum);
        Assert.Equal(32m, r.Value);
        var superseded = Assert.Single(r.Ignored);
        Assert.Equal(1, superseded.Actual.Revision);
        Assert.Contains("revision 2", superseded.Reason);
    }

    [Fact]
    public void Same_revision_prefers_the_latest_recorded()
    {
        var older = new PeriodActual(Period.Quarter(1), 10, RecordedAt: new DateTime(2024, 4, 1));
        var newer = new PeriodActual(Period.Quarter(1), 11, RecordedAt: new DateTime(2024, 4, 9));
        Assert.Equal(11m, PeriodAggregator.Aggregate([newer, older], Aggregation.Sum).Value);
    }

    [Theory]
    [InlineData("2024-06-30", 30)]  // Q1 + Q2
    [InlineData("2024-06-29", 10)]  // Q2 not closed yet
    [InlineData("2024-03-31", 10)]
    [InlineData("2024-03-30", null)]
    [InlineData("2024-12-31", 100)]
    public void As_of_is_year_to_date(string asOf, int? expected)
    {
        var r = PeriodAggregator.Aggregate(Quarters, Aggregation.Sum, 2024, DateOnly.Parse(asOf));
        Assert.Equal(expected, (int?)r.Value);
    }

    [Fact]
    public void As_of_uses_the_same_rule_and_excludes_the_annual_entry_before_year_end()
    {
        var r = PeriodAggregator.Aggregate([.. Quarters, Y(95)], Aggregation.Last, 2024, new DateOnly(2024, 9, 30));
        Assert.Equal(30m, r.Value);
        Assert.Contains(r.Ignored, i => i.Actual.Period == Period.Annual && i.Reason.Contains("after asOf"));
    }

    [Fact]
    public void As_of_without_a_year_takes_the_as_of_year() =>
        Assert.Equal(30m, PeriodAggregator.Aggregate(Quarters, Aggregation.Sum, 0, new DateOnly(2024, 7, 1)).Value);

    [Fact]
    public void Forecasts_are_never_mixed_with_actuals()
    {
        var r = PeriodAggregator.Aggregate([.. Quarters, At("F1", 1000), At("F3", 2000)], Aggregation.Sum);
        Assert.Equal(100m, r.Value);
        Assert.Equal(2, r.Ignored.Count(i => i.Actual.Period.IsForecast));
    }

    [Fact]
    public void No_actuals_and_only_forecasts_is_missing_by_default()
    {
        var r = PeriodAggregator.Aggregate([At("F1", 1000), At("F2", 2000)], Aggregation.Sum);
        Assert.Null(r.Value);
        Assert.Equal(AggregationBasis.None, r.Basis);
    }

    [Fact]
    public void Fallback_uses_the_latest_forecast_only_when_there_are_no_actuals()
    {
        var view = new ScoringView(FallbackToLatestForecast: true);
        var onlyForecasts = PeriodAggregator.Aggregate([At("F1", 1000), At("F2", 2000)], Aggregation.Sum, 2024, view);
        Assert.Equal(2000m, onlyForecasts.Value);
        Assert.Equal(AggregationBasis.Forecast, onlyForecasts.Basis);

        var withActuals = PeriodAggregator.Aggregate([At("Q1", 5), At("F2", 2000)], Aggregation.Sum, 2024, view);
        Assert.Equal(5m, withActuals.Value);
        Assert.Equal(AggregationBasis.Periods, withActuals.Basis);
    }

    [Fact]
    public void Score_as_forecast_n_uses_that_snapshot_only()
    {
        PeriodActual[] all = [.. Quarters, At("F1", 164.81m), At("F2", 164.97m), At("F3", 173.36m), At("F4", 167.58m)];
        var r = PeriodAggregator.Aggregate(all, Aggregation.Sum, 2024, ScoringView.AsForecast(3));
        Assert.Equal(173.36m, r.Value);
        Assert.Equal(AggregationBasis.Forecast, r.Basis);
        Assert.Equal(Period.Forecast(3), Assert.Single(r.Used).Period);
        Assert.Equal(7, r.Ignored.Count);
    }

    [Fact]
    public void Missing_forecast_is_missing()
    {
        var r = PeriodAggregator.Aggregate(Quarters, Aggregation.Sum, 2024, ScoringView.AsForecast(2));
        Assert.Null(r.Value);
        Assert.Empty(r.Used);
    }

    [Fact]
    public void Entries_without_data_are_ignored_and_reported()
    {
        var r = PeriodAggregator.Aggregate([At("Q1", 10), At("Q2", null)], Aggregation.Sum);
        Assert.Equal(10m, r.Value);
        Assert.Equal("no value entered", Assert.Single(r.Ignored).Reason);
    }

    [Fact]
    public void Nothing_gives_null_not_zero()
    {
        var r = PeriodAggregator.Aggregate([], Aggregation.Sum);
        Assert.Null(r.Value);
        Assert.Equal(AggregationBasis.None, r.Basis);
    }

    [Fact]
    public void Invalid_periods_are_reported_not_thrown()
    {
        var r = PeriodAggregator.Aggregate([new PeriodActual(new Period(PeriodKind.Quarter, 9), 5), At("Q1", 1)], Aggregation.Sum);
        Assert.Equal(1m, r.Value);
        Assert.Equal("invalid period", Assert.Single(r.Ignored).Reason);
    }
}
