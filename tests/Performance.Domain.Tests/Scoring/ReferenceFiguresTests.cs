using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// docs/reference-figures.md: figures printed in INPS's Relazione sulla Performance 2024, recomputed at
/// full precision and presented half away from zero. Where the document printed a value computed from unrounded
/// inputs the test says so and allows 0,01.
/// </summary>
public sealed class ReferenceFiguresTests
{
    private static decimal Relative(decimal t, decimal a, Polarity p) =>
        Rounding.Present(Deviations.Compute(t, a, p, TargetUnit.None).Relative!.Value);

    // ---- §8 deviations ----

    [Theory]
    [InlineData("Indice di deflusso", "1.013", "1.048", "3.46")]
    [InlineData("Indicatore di produttività", "48.85", "53.52", "9.56")]
    [InlineData("IEEP accertato", "4249834748.30", "6418930625.60", "51.04")]
    [InlineData("IEEP incassi e pagamenti", "7930574518.20", "9407787684.63", "18.63")]
    [InlineData("Legale amministrativi", "97.02", "88.60", "-8.68")]
    [InlineData("PNDD totale", "12475", "12710", "1.88")]
    public void Higher_is_better_deviations(string what, string t, string a, string expected)
    {
        _ = what;
        Assert.Equal(decimal.Parse(expected), Relative(decimal.Parse(t), decimal.Parse(a), Polarity.HigherIsBetter));
    }

    [Theory]
    [InlineData("Costi totali per punto omogeneizzato", "171.54", "155.54", "9.33")]
    [InlineData("Costi totali, forecast III", "171.54", "173.36", "-1.06")]
    [InlineData("Pagamenti per interessi legali", "25428553", "65730354.69", "-158.49")]
    public void Lower_is_better_deviations(string what, string t, string a, string expected)
    {
        _ = what;
        Assert.Equal(decimal.Parse(expected), Relative(decimal.Parse(t), decimal.Parse(a), Polarity.LowerIsBetter));
    }

    [Fact]
    public void Deviations_through_the_scorer_match_the_standalone_figures()
    {
        var deflusso = Score(AtLeast(1.013m, TargetUnit.None), 1.048m, Uncapped);
        Assert.Equal(3.46m, Rounding.Present(deflusso.Deviation!.Relative));
        Assert.Equal(103.46m, Rounding.Present(deflusso.Achievement));

        var interessi = Score(AtMost(25_428_553m, TargetUnit.Euro), 65_730_354.69m, Uncapped);
        Assert.Equal(-158.49m, Rounding.Present(interessi.Deviation!.Relative));
        Assert.Equal(ScoreStatus.Red, interessi.Status);
    }

    [Fact]
    public void Forecast_iii_scored_as_forecast()
    {
        var input = new IndicatorInput("COSTI-PUNTO", AtMost(171.54m, TargetUnit.Euro), Polarity.LowerIsBetter,
            Aggregation.Last,
            [At("F1", 164.81m), At("F2", 164.97m), At("F3", 173.36m), At("F4", 167.58m), Y(155.54m)], Year: 2024);
        var f3 = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, ScoringView.AsForecast(3));
        Assert.Equal(-1.06m, Rounding.Present(f3.Deviation!.Relative));
        Assert.False(f3.Met);
        var final = IndicatorScorer.Evaluate(input, ScoringPolicy.Default);
        Assert.Equal(9.33m, Rounding.Present(final.Deviation!.Relative));
        Assert.True(final.Met);
    }

    [Fact]
    public void Logistics_mean_of_interventions_and_points()
    {
        var mean = Means.Simple(100m, 100m, 100m, 66.67m, 0m)!.Value;
        Assert.Equal(73.33m, Rounding.Present(mean));
        var d = Deviations.Compute(100m, mean, Polarity.HigherIsBetter, TargetUnit.Percent);
        Assert.Equal(-26.67m, Rounding.Present(d.Points));
        Assert.Equal(-26.67m, Rounding.Present(d.Relative)); // T = 100, so the relative deviation agrees

        // The same through the engine: the interventions averaged as period entries of the year.
        var e = IndicatorScorer.Evaluate(
            Input(AtLeast(100), Aggregation.Average, At("M01", 100), At("M02", 100), At("M03", 100), At("M04", 66.67m), At("M05", 0)),
            ScoringPolicy.Default);
        Assert.Equal(73.33m, Rounding.Present(e.Actual));
        Assert.Equal(-26.67m, Rounding.Present(e.Deviation!.Points));
    }

    [Fact]
    public void Survey_ratios()
    {
        Assert.Equal(1.18m, Rounding.Present(Deviations.Compute(3.50m, 4.13m, Polarity.HigherIsBetter, TargetUnit.None).Ratio));
        // Indagine reputazionale: 1,0657 → 1,07 half-up; the document prints 1,06 (unrounded or truncated input).
        var reputazionale = Rounding.Present(Deviations.Compute(3.50m, 3.73m, Polarity.HigherIsBetter, TargetUnit.None).Ratio)!.Value;
        Assert.Equal(1.07m, reputazionale);
        Assert.InRange(reputazionale - 1.06m, 0m, 0.01m);
    }

    [Fact]
    public void Projects_at_100_percent()
    {
        Assert.Equal(87.85m, Rounding.Present(Percentages.Of(159, 181)));
        Assert.Equal(12.15m, Rounding.Present(Percentages.Of(22, 181)));
    }

    // ---- §8 OGE and VP means ----

    [Theory]
    [InlineData("Contenzioso", "87.50", "115.57", "101.54")]
    [InlineData("Invalidità civile", "100.00", "100.06", "100.03")]
    [InlineData("Posizioni assicurative", "93.75", "99.46", "96.61")]
    [InlineData("Recupero crediti", "92.38", "150.22", "121.30")]
    [InlineData("Institute VP", "115.90", "132.18", "124.04")]
    public void Simple_means_not_capped(string what, string a, string b, string expected)
    {
        _ = what;
        var mean = Means.Simple(decimal.Parse(a), decimal.Parse(b))!.Value;
        Assert.Equal(decimal.Parse(expected), Rounding.Present(mean));
        // A roll-up of the two components with equal weights gives the same figure.
        var rolled = RollUp.Compute([new("P", 1, decimal.Parse(a)), new("I", 1, decimal.Parse(b))], MissingRule.Exclude);
        Assert.Equal(mean, rolled.Score);
    }

    [Fact]
    public void Posizioni_assicurative_needs_half_away_from_zero()
    {
        var mean = Means.Simple(93.75m, 99.46m)!.Value;
        Assert.Equal(96.605m, mean);
        Assert.Equal(96.61m, Rounding.Present(mean));
        Assert.Equal(96.60m, Math.Round(mean, 2)); // C#'s default banker's rounding: wrong for these documents
    }

    [Fact]
    public void Contenzioso_exact_mean() => Assert.Equal(101.535m, Means.Simple(87.50m, 115.57m));

    // ---- IEEP detail (docs/reference-figures.md) ----

    [Theory]
    [InlineData("1798338634.00", "2110764005.24", "17.37", false)]
    [InlineData("526111450.00", "772011844.57", "46.74", false)]
    [InlineData("956532529.00", "1021680925.22", "6.81", false)]
    [InlineData("202187890.00", "206301861.16", "2.03", false)]
    [InlineData("113506765.00", "110769374.29", "-2.41", false)]
    [InlineData("2451496114.30", "4308166620.36", "75.74", false)]
    [InlineData("4249834748.30", "6418930625.60", "51.04", false)]
    [InlineData("5263473366.20", "5603441686.13", "6.46", false)]
    [InlineData("50311141.20", "89348630.21", "77.59", false)]
    [InlineData("185794732.00", "215666817.00", "16.08", false)]
    [InlineData("5013217493.00", "5289128413.36", "5.50", false)]
    [InlineData("14150000.00", "9297825.56", "-34.29", false)]
    [InlineData("2667101152.00", "3804345998.50", "42.64", false)]
    [InlineData("25428553.00", "65730354.69", "-158.49", true)]
    [InlineData("2044414764.00", "2999992605.09", "46.74", false)]
    [InlineData("34159637.00", "41591255.87", "21.76", false)]
    [InlineData("462137847.00", "640156340.97", "38.52", false)]
    [InlineData("143550113.00", "177399238.07", "23.58", false)]
    [InlineData("8267344.00", "10936913.19", "32.29", false)]
    [InlineData("7930574518.20", "9407787684.63", "18.63", false)]
    public void Ieep_detail_lines(string t, string a, string expected, bool payment) =>
        Assert.Equal(decimal.Parse(expected),
            Relative(decimal.Parse(t), decimal.Parse(a), payment ? Polarity.LowerIsBetter : Polarity.HigherIsBetter));

    [Fact]
    public void Ieep_group_totals_add_up()
    {
        Assert.Equal(1_798_338_634.00m, 526_111_450m + 956_532_529m + 202_187_890m + 113_506_765m);
        Assert.Equal(2_667_101_152m, -25_428_553m + 2_044_414_764m + 34_159_637m + 462_137_847m + 143_550_113m + 8_267_344m);
        Assert.Equal(4_249_834_748.30m, 1_798_338_634.00m + 2_451_496_114.30m);
        Assert.Equal(7_930_574_518.20m, 5_263_473_366.20m + 2_667_101_152.00m);
    }

    // ---- §4.7 forecast series ----

    [Theory]
    [InlineData("1.50", "1.73", "15.33", false)]
    [InlineData("1.50", "1.92", "28.00", false)]
    [InlineData("1.50", "2.05", "36.67", false)]
    [InlineData("1.50", "2.08", "38.67", false)]
    [InlineData("1.50", "2.29", "52.67", false)] // document 52,56 from an unrounded actual (2,2884)
    [InlineData("171.54", "164.81", "3.92", true)]
    [InlineData("171.54", "164.97", "3.83", true)]
    [InlineData("171.54", "173.36", "-1.06", true)]
    [InlineData("171.54", "167.58", "2.31", true)]
    [InlineData("100", "98.95", "1.05", true)]
    [InlineData("100", "100.93", "-0.93", true)]
    [InlineData("100", "102.05", "-2.05", true)]
    [InlineData("100", "99.04", "0.96", true)]
    [InlineData("100", "87.81", "12.19", true)]
    public void Forecast_series(string t, string a, string expected, bool lowerIsBetter) =>
        Assert.Equal(decimal.Parse(expected),
            Relative(decimal.Parse(t), decimal.Parse(a), lowerIsBetter ? Polarity.LowerIsBetter : Polarity.HigherIsBetter));

    // ---- §4.8 legal / medico-legal ----

    [Theory]
    [InlineData("97.02", "88.60", "-8.68", "0")]
    [InlineData("188.75", "200.34", "6.14", "0")]
    [InlineData("168.99", "208.35", "23.30", "0.01")] // 23,29 from the rounded inputs
    public void Legal_productivity(string t, string a, string doc, string tolerance)
    {
        var computed = Relative(decimal.Parse(t), decimal.Parse(a), Polarity.HigherIsBetter);
        Assert.InRange(Math.Abs(computed - decimal.Parse(doc)), 0m, decimal.Parse(tolerance));
    }

    // ---- §4.9 PNDD by region ----

    [Theory]
    [InlineData(1032, 1039, "0.68")]
    [InlineData(651, 656, "0.77")]
    [InlineData(907, 929, "2.43")]
    [InlineData(1273, 1301, "2.20")]
    [InlineData(174, 180, "3.45")]
    [InlineData(783, 789, "0.77")]
    [InlineData(637, 643, "0.94")]
    [InlineData(864, 898, "3.94")]
    [InlineData(383, 386, "0.78")]
    [InlineData(977, 982, "0.51")]
    [InlineData(1134, 1173, "3.44")]
    [InlineData(1361, 1418, "4.19")]
    [InlineData(898, 900, "0.22")]
    [InlineData(870, 879, "1.03")]
    [InlineData(531, 537, "1.13")]
    [InlineData(12475, 12710, "1.88")]
    public void Pndd_by_region(int t, int a, string expected) =>
        Assert.Equal(decimal.Parse(expected), Relative(t, a, Polarity.HigherIsBetter));

    [Fact]
    public void Pndd_regions_sum_to_the_total_and_three_regions_hold_30_percent()
    {
        PeriodActual[] targets = [.. new[] { 1032, 651, 907, 1273, 174, 783, 637, 864, 383, 977, 1134, 1361, 898, 870, 531 }
            .Select((v, i) => At($"M{i % 12 + 1:00}", v))];
        Assert.Equal(12475m, targets.Sum(t => t.Value));
        Assert.Equal(30.20m, Rounding.Present(Percentages.Of(1273 + 1134 + 1361, 12475)));
    }

    // ---- §4.4 project realization: ambito = project-count-weighted mean of its sottoambiti ----

    [Theory]
    [InlineData("87.70", "0.01", "81.39:13", "96.83:9")]
    [InlineData("96.06", "0", "95.00:13", "94.29:26", "98.65:23")]
    [InlineData("97.19", "0", "100:4", "100:10", "95:18")]
    [InlineData("97.50", "0", "100:7", "100:5", "90:4")]
    [InlineData("97.96", "0", "100:5", "92.31:13", "100:31")]
    public void Ambito_realization(string doc, string tolerance, params string[] rows)
    {
        var items = rows.Select(r => r.Split(':')).Select(p => (decimal.Parse(p[0]), decimal.Parse(p[1])));
        var value = Rounding.Present(Means.Weighted(items)!.Value);
        Assert.InRange(Math.Abs(value - decimal.Parse(doc)), 0m, decimal.Parse(tolerance));
    }

    [Fact]
    public void Overall_realization_is_the_mean_of_181_projects() =>
        Assert.Equal(95.88m, Rounding.Present(17355.06m / 181m));

    // ---- §4.1 VP shares → points, R12 cruscotto composite ----

    [Theory]
    [InlineData("115.90", "18.18", "21.07")]
    [InlineData("115.90", "19.83", "22.98")]
    [InlineData("115.90", "23.09", "26.76")]
    [InlineData("115.90", "19.71", "22.84")]
    [InlineData("115.90", "19.20", "22.25")]
    [InlineData("132.18", "2.04", "2.70")]
    [InlineData("132.18", "26.62", "35.19")]
    [InlineData("132.18", "22.76", "30.08")]
    [InlineData("132.18", "28.49", "37.66")]
    [InlineData("132.18", "20.09", "26.55")]
    public void Vp_share_to_points(string vp, string share, string points) =>
        Assert.Equal(decimal.Parse(points), Rounding.Present(decimal.Parse(vp) * decimal.Parse(share) / 100m));

    [Fact]
    public void Cruscotto_composite_60_40()
    {
        var r = RollUp.Compute([new("QUAL", 60, 6.74m), new("VP", 40, 12.73m)], MissingRule.Exclude);
        Assert.Equal(9.136m, r.Score);
        Assert.InRange(Rounding.Present(r.Score)!.Value - 9.13m, 0m, 0.01m); // document: unrounded inputs
    }

    [Theory]
    [InlineData(42, "70.00")]
    [InlineData(43, "71.67")]
    [InlineData(44, "73.33")]
    [InlineData(46, "76.67")]
    [InlineData(53, "88.33")]
    [InlineData(55, "91.67")]
    [InlineData(60, "100.00")]
    public void Dirigenti_points_out_of_60(int points, string expected) =>
        Assert.Equal(decimal.Parse(expected), Rounding.Present(Percentages.Of(points, 60)));
}
