using Performance.Domain.Scoring;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

public sealed class ScoringPolicyTests
{
    private static readonly ScoreBand[] DomainBands =
        [new(0, 50, 0), new(50, 75, 50), new(75, 100, 75), new(100, null, 100)];

    [Fact]
    public void Default_policy()
    {
        var p = ScoringPolicy.Default;
        Assert.Equal(100m, p.Cap);
        Assert.Equal(LowerIsBetterFormula.InverseRatio, p.LowerIsBetter);
        Assert.Equal(MissingRule.Exclude, p.Missing);
        Assert.Null(p.Threshold);
        Assert.Empty(p.Bands);
        Assert.Equal(BandMode.Step, p.BandMode);
        Assert.Equal(90m, p.YellowFrom);
        Assert.False(p.JustificationRequiredWhenMissed);
    }

    [Theory]
    [InlineData(null, "150.22")]
    [InlineData("100", "100")]
    [InlineData("120", "120")]
    [InlineData("150", "150")]
    [InlineData("107", "107")]     // Salerno 2011
    [InlineData("200", "150.22")]
    public void Caps(string? cap, string expectedText)
    {
        var expected = decimal.Parse(expectedText);
        var e = Score(AtLeast(100), 150.22m, new ScoringPolicy { Cap = cap is null ? null : decimal.Parse(cap) });
        Assert.Equal(150.22m, e.Achievement); // achievement stays raw
        Assert.Equal(expected, e.Score);
    }

    [Fact]
    public void Indicator_cap_override_beats_the_policy()
    {
        var input = Input(AtLeast(100), 150.22m, cap: 150m);
        var e = IndicatorScorer.Evaluate(input, ScoringPolicy.Default);
        Assert.Equal(150m, e.Score);
        Assert.Equal(150m, e.Explanation.Cap);
        Assert.Equal(120m, IndicatorScorer.Evaluate(input with { CapOverride = 120 }, Uncapped).Score);
    }

    [Fact]
    public void Cap_step_records_before_and_after()
    {
        var cap = Score(AtLeast(100), 130).Explanation.Find(ExplanationSteps.Cap)!;
        Assert.Equal(130m, cap.Before);
        Assert.Equal(100m, cap.Value);
    }

    [Theory]
    [InlineData(59.99, 0)]
    [InlineData(60, 60)]
    [InlineData(80, 80)]
    public void Threshold_below_scores_zero(decimal actual, decimal expected)
    {
        var e = Score(AtLeast(100), actual, ScoringPolicy.Default with { Threshold = 60 });
        Assert.Equal(expected, e.Score);
        Assert.Equal(actual, e.Achievement);
    }

    [Fact]
    public void Threshold_hit_is_explained_and_bands_cannot_lift_it()
    {
        var policy = ScoringPolicy.Default with { Threshold = 80, Bands = DomainBands };
        var e = Score(AtLeast(100), 78, policy);
        Assert.Equal(0m, e.Score);
        var step = e.Explanation.Find(ExplanationSteps.Threshold)!;
        Assert.Equal(78m, step.Before);
        Assert.Equal(0m, step.Value);
        Assert.Null(e.Explanation.Find(ExplanationSteps.Band));
    }

    [Theory]
    [InlineData(40, 0)]
    [InlineData(50, 50)]
    [InlineData(74.99, 50)]
    [InlineData(75, 75)]
    [InlineData(99, 75)]
    [InlineData(100, 100)]
    [InlineData(130, 100)]
    public void Step_bands(decimal actual, decimal expected) =>
        Assert.Equal(expected, Score(AtLeast(100), actual, Uncapped with { Bands = DomainBands }).Score);

    [Theory]
    [InlineData(60, 60)]     // 50 + 10/25 × 25
    [InlineData(87.5, 87.5)] // 75 + 12,5/25 × 25
    [InlineData(25, 25)]     // 0 + 25/50 × 50
    [InlineData(130, 100)]   // open last band: flat
    public void Interpolated_bands(decimal actual, decimal expected) =>
        Assert.Equal(expected, Score(AtLeast(100), actual, Uncapped with { Bands = DomainBands, BandMode = BandMode.Interpolated }).Score);

    [Fact]
    public void Interpolated_bands_with_uneven_scores()
    {
        // 80–90 scores 60, 90–100 scores 90, ≥100 scores 100: 85 is halfway from 60 to 90 = 75.
        ScoreBand[] bands = [new(80, 90, 60), new(90, 100, 90), new(100, null, 100)];
        var policy = Uncapped with { Bands = bands, BandMode = BandMode.Interpolated };
        var e = Score(AtLeast(100), 85, policy);
        Assert.Equal(75m, e.Score);
        Assert.Equal("s + (x − From) / (To − From) × (s_next − s) = 60 + (85 − 80) / (90 − 80) × (90 − 60) = 75",
            e.Explanation.Find(ExplanationSteps.Band)!.Calculation);
        Assert.Equal(0m, Score(AtLeast(100), 79, policy).Score); // no band covers 79
    }

    [Fact]
    public void Bands_then_cap()
    {
        ScoreBand[] bands = [new(0, 100, 50), new(100, null, 130)];
        Assert.Equal(120m, Score(AtLeast(100), 101, new ScoringPolicy { Cap = 120, Bands = bands }).Score);
    }

    [Fact]
    public void Band_order_in_the_policy_does_not_matter() =>
        Assert.Equal(50m, Score(AtLeast(100), 60, Uncapped with { Bands = [.. DomainBands.Reverse()] }).Score);

    [Fact]
    public void Floor_zero_on_negative_achievement()
    {
        var e = Score(AtLeast(100), -20, Uncapped);
        Assert.Equal(-20m, e.Achievement);
        Assert.Equal(0m, e.Score);
        Assert.Equal(-20m, e.Explanation.Find(ExplanationSteps.Floor)!.Before);
    }

    [Fact]
    public void Band_contains_is_half_open()
    {
        var band = new ScoreBand(50, 75, 50);
        Assert.True(band.Contains(50));
        Assert.False(band.Contains(75));
        Assert.True(new ScoreBand(100, null, 100).Contains(1_000_000));
    }

    [Fact]
    public void A_band_alone_reads_its_formula_and_its_arithmetic_only_when_interpolated()
    {
        List<ScoreBand> bands = [new(50, 75, 50), new(75, null, 75)];
        Assert.Equal(50m, PolicyApplication.Band(60m, bands, BandMode.Step, out var stepText, out var stepCalculation));
        Assert.Equal("60 in band [50, 75) → 50", stepText);
        Assert.Null(stepCalculation);
        // 50 + (60 − 50) / (75 − 50) × (75 − 50) = 60
        Assert.Equal(60m, PolicyApplication.Band(60m, bands, BandMode.Interpolated, out var text, out var calculation));
        Assert.Equal("60 in band [50, 75): interpolated between 50 and 75 → 60", text);
        Assert.Equal("s + (x − From) / (To − From) × (s_next − s) = 50 + (60 − 50) / (75 − 50) × (75 − 50) = 60", calculation);
    }

    [Fact]
    public void A_missing_policy_is_named() =>
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => PolicyApplication.Apply(50m, null!, null, null)).ParamName);
}
