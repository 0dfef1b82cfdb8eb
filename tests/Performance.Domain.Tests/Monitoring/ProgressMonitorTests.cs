using Performance.Domain.Monitoring;
using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Monitoring;

public sealed class ProgressMonitorTests
{
    private static readonly Period S1 = Period.Semester(1);

    private static IndicatorInput Input(string target, Aggregation rule, params PeriodActual[] actuals) =>
        new("I1", TargetParser.Parse(target, Polarity.HigherIsBetter, 2024), Polarity.HigherIsBetter, rule, actuals, Year: 2024)
        { Frequency = PeriodKind.Month };

    private static PeriodActual[] Months(params decimal[] values) =>
        values.Select((v, i) => new PeriodActual(Period.Month(i + 1), v)).ToArray();

    private static ScoringPolicy WithSchedule(IndicatorSchedule schedule, MonitoringPolicy? monitoring = null) =>
        ScoringPolicy.Default with
        {
            Monitoring = (monitoring ?? MonitoringPolicy.Default) with { Indicators = new Dictionary<string, IndicatorSchedule> { ["I1"] = schedule } },
        };

    [Fact]
    public void A_sum_at_40_percent_of_its_yearly_target_on_30_June_is_at_risk_against_50_percent_expected()
    {
        // Yearly target 1.200 pratiche; January–June add up to 480 (40%); expected at S1 = 1.200 × 6/12 = 600.
        var p = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, Months(80, 80, 80, 80, 80, 80)), S1, ScoringPolicy.Default);
        Assert.Equal(480m, p.YearToDate);
        Assert.Equal(600m, p.Expected);
        Assert.Equal(ExpectationMethod.ElapsedShare, p.ExpectedMethod);
        Assert.Equal(80m, p.Progress);
        Assert.Equal(MonitoringStatus.ARischio, p.Status);
        Assert.Equal("a rischio", MonitoringStatuses.Label(p.Status!.Value));
        // Projection: 480 ÷ 0,5 = 960 < 1.200: not reachable at this pace.
        Assert.Equal((960m, ForecastMethod.SumProjection, false), (p.Forecast!.Value, p.ForecastMethod!.Value, p.Reachable!.Value));
        Assert.Contains("480 × 12 ÷ 6 = 960", p.ForecastCalculation);
        Assert.Contains("E = T × 6/12 months = 1200 × 6 ÷ 12", p.ExpectedCalculation);
    }

    [Theory]
    [InlineData(570, MonitoringStatus.InLinea)]   // 95% of 600: the boundary is in linea
    [InlineData(569.99, MonitoringStatus.ARischio)]
    [InlineData(479.99, MonitoringStatus.Critico)] // just below 80%
    public void Status_follows_the_policy_thresholds(decimal june, MonitoringStatus expected)
    {
        var p = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, new PeriodActual(Period.Month(6), june)), S1, ScoringPolicy.Default);
        Assert.Equal(expected, p.Status);
    }

    [Fact]
    public void Thresholds_come_from_the_plans_policy()
    {
        var strict = ScoringPolicy.Default with { Monitoring = new MonitoringPolicy { OnTrackFrom = 100, AtRiskFrom = 90 } };
        var p = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, Months(95, 95, 95, 95, 95, 95)), S1, strict);
        Assert.Equal(95m, p.Progress);
        Assert.Equal(MonitoringStatus.ARischio, p.Status);
    }

    [Fact]
    public void Explicit_half_year_targets_are_used_instead_of_the_elapsed_share()
    {
        // The plan expects 300 by June (back-loaded work); 480 is then well ahead, not at risk.
        var schedule = new IndicatorSchedule(new Dictionary<Period, decimal>(),
            new Dictionary<int, IReadOnlyDictionary<Period, decimal>> { [2024] = new Dictionary<Period, decimal> { [S1] = 300m, [Period.Semester(2)] = 1200m } });
        var p = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, Months(80, 80, 80, 80, 80, 80)), S1, WithSchedule(schedule));
        Assert.Equal((300m, ExpectationMethod.PeriodTarget), (p.Expected!.Value, p.ExpectedMethod!.Value));
        Assert.Equal(160m, p.Progress);
        Assert.Equal(MonitoringStatus.InLinea, p.Status);
        Assert.Contains("the plan's target for S1 2024: E = 300", p.ExpectedCalculation);
        // Another year of the plan has no explicit targets: the elapsed share applies.
        var other = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, Months(80)) with { Year = 2025 }, Period.Month(1), WithSchedule(schedule));
        Assert.Equal(ExpectationMethod.ElapsedShare, other.ExpectedMethod);
        Assert.Equal(100m, other.Expected);
    }

    [Fact]
    public void A_seasonal_profile_sets_the_expected_share_and_the_projection()
    {
        // 10% of the work in Q1, 20% in Q2: at S1 30% is expected; a profile quarter straddling M05 counts its months.
        var profile = new Dictionary<Period, decimal> { [Period.Quarter(1)] = 10, [Period.Quarter(2)] = 20, [Period.Quarter(3)] = 30, [Period.Quarter(4)] = 40 };
        var policy = WithSchedule(new IndicatorSchedule(profile, new Dictionary<int, IReadOnlyDictionary<Period, decimal>>()));
        var p = ProgressMonitor.Evaluate(Input(">= 1000", Aggregation.Sum, Months(50, 50, 50, 50, 50, 50)), S1, policy);
        Assert.Equal((300m, ExpectationMethod.SeasonalProfile), (p.Expected!.Value, p.ExpectedMethod!.Value));
        Assert.Equal(100m, p.Progress);
        Assert.Equal(1000m, p.Forecast); // 300 ÷ 0,3
        Assert.True(p.Reachable);
        Assert.Equal(10m + 20m * 2 / 3, ProgressMonitor.ProfileShare(profile, 2024, new DateOnly(2024, 5, 31)));
    }

    [Fact]
    public void A_stock_is_expected_at_its_target_and_forecast_at_its_year_to_date_figure()
    {
        var p = ProgressMonitor.Evaluate(Input("<= 30 giorni", Aggregation.Last, Months(40, 36)), Period.Quarter(1), ScoringPolicy.Default) ;
        Assert.Equal((30m, ExpectationMethod.YearTarget), (p.Expected!.Value, p.ExpectedMethod!.Value));
        Assert.Equal(36m, p.YearToDate);
        Assert.Equal(30m / 36m * 100m, p.Progress); // inverse ratio T / A
        Assert.Equal(MonitoringStatus.ARischio, p.Status);
        Assert.Equal((36m, ForecastMethod.YearToDate, false), (p.Forecast!.Value, p.ForecastMethod!.Value, p.Reachable!.Value));
    }

    [Fact]
    public void An_entered_forecast_wins_over_the_projection_but_only_once_made()
    {
        var actuals = Months(80, 80, 80, 80, 80, 80).Append(new PeriodActual(Period.Forecast(2), 1250m)).Append(new PeriodActual(Period.Forecast(3), 900m)).ToArray();
        var june = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, actuals), S1, ScoringPolicy.Default);
        // F3 is made at the end of September: at 30 June the latest forecast is F2.
        Assert.Equal((1250m, ForecastMethod.EnteredForecast, true), (june.Forecast!.Value, june.ForecastMethod!.Value, june.Reachable!.Value));
        Assert.Equal("forecast F2 entered: 1250", june.ForecastCalculation);
        Assert.Equal(MonitoringStatus.ARischio, june.Status); // the forecast does not change the progress
        var march = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, actuals), Period.Quarter(1), ScoringPolicy.Default);
        Assert.Equal(ForecastMethod.SumProjection, march.ForecastMethod);
        Assert.Equal(960m, march.Forecast); // 240 ÷ 0,25
    }

    [Fact]
    public void A_value_due_by_a_date_is_expected_whole_once_the_date_has_passed()
    {
        var p = ProgressMonitor.Evaluate(Input("100% entro il 30/06", Aggregation.Last, Months(60, 70, 80, 85, 90, 96)), S1, ScoringPolicy.Default);
        Assert.Equal((100m, ExpectationMethod.DatedTarget), (p.Expected!.Value, p.ExpectedMethod!.Value));
        Assert.Equal(96m, p.Progress);
        Assert.Equal(MonitoringStatus.InLinea, p.Status);
    }

    [Fact]
    public void Without_a_consuntivo_there_is_no_progress_and_the_reason_says_so()
    {
        var p = ProgressMonitor.Evaluate(Input(">= 1200", Aggregation.Sum, new PeriodActual(Period.Month(9), 500m)), S1, ScoringPolicy.Default);
        Assert.Null(p.Progress);
        Assert.Null(p.Status);
        Assert.Equal(600m, p.Expected);
        Assert.Equal("No consuntivo for a period ending by 2024-06-30.", p.MissingReason);
    }

    [Fact]
    public void A_milestone_is_expected_in_proportion_to_the_days_before_its_due_date()
    {
        var input = Input("Realizzazione del progetto entro il 31/12/2024", Aggregation.Last,
            new PeriodActual(Period.Month(6), null, Completion: 40m));
        var p = ProgressMonitor.Evaluate(input, S1, ScoringPolicy.Default);
        Assert.Equal(ExpectationMethod.MilestoneShare, p.ExpectedMethod);
        Assert.Equal(100m * 182 / 366, p.Expected); // 1 January – 30 June 2024 of 366 days
        Assert.Equal(40m / (100m * 182 / 366) * 100m, p.Progress);
        Assert.Equal(MonitoringStatus.ARischio, p.Status); // 80,4%: 40% done of 49,7% expected
        Assert.True(p.Reachable);
    }

    [Fact]
    public void A_node_rolls_up_its_indicators_progress_capped_at_100()
    {
        var ahead = new ScoringIndicator("A", 1, Input(">= 1200", Aggregation.Sum, Months(200, 200, 200, 200, 200, 200)) with { Code = "A" });
        var behind = new ScoringIndicator("B", 3, Input(">= 1200", Aggregation.Sum, Months(80, 80, 80, 80, 80, 80)) with { Code = "B" });
        var unscored = new ScoringIndicator("C", 1, null, "No target for 2024.");
        var node = ProgressMonitor.Evaluate(new ScoringNode("N", 1, [ahead, behind, unscored], []), S1, 2024, ScoringPolicy.Default);
        Assert.Equal(200m, node.Indicators[0].Progress);
        Assert.Equal((100m * 1 + 80m * 3) / 4, node.Progress); // 85
        Assert.Equal(MonitoringStatus.ARischio, node.Status);
        Assert.Equal("No target for 2024.", node.Indicators[2].MissingReason);
    }

    [Fact]
    public void Consuntivi_are_due_the_entry_days_after_their_period_ends()
    {
        Assert.Equal(new DateOnly(2024, 7, 30), EntryCalendar.DueDate(S1, 2024, 30));
        var ended = EntryCalendar.Ended(PeriodKind.Quarter, 2024, 30, new DateOnly(2024, 7, 1)).ToList();
        Assert.Equal([Period.Quarter(1), Period.Quarter(2)], ended.Select(d => d.Period));
        Assert.Equal([new DateOnly(2024, 4, 30), new DateOnly(2024, 7, 30)], ended.Select(d => d.Due));
        // On its last day a period has not ended yet.
        Assert.Equal([Period.Quarter(1)], EntryCalendar.Ended(PeriodKind.Quarter, 2024, 30, new DateOnly(2024, 6, 30)).Select(d => d.Period));
    }
}
