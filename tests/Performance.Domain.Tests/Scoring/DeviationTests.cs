using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Scoring;

public sealed class DeviationTests
{
    [Fact]
    public void Higher_is_better()
    {
        var d = Deviations.Compute(80, 88, Polarity.HigherIsBetter, TargetUnit.Percent);
        Assert.Equal(10m, d.Relative);
        Assert.Equal(8m, d.Points);
        Assert.Equal(1.1m, d.Ratio);
        Assert.Equal(8m, d.Difference);
    }

    [Fact]
    public void Lower_is_better_positive_means_good()
    {
        var d = Deviations.Compute(10, 8, Polarity.LowerIsBetter, TargetUnit.Days);
        Assert.Equal(20m, d.Relative);
        Assert.Null(d.Points);            // not a percentage: points make no sense
        Assert.Equal(0.8m, d.Ratio);
        Assert.Equal(-2m, d.Difference);  // raw A − T, no polarity
    }

    [Fact]
    public void Zero_target_has_no_relative_or_ratio()
    {
        var d = Deviations.Compute(0, 5, Polarity.HigherIsBetter, TargetUnit.Count);
        Assert.Null(d.Relative);
        Assert.Null(d.Ratio);
        Assert.Equal(5m, d.Difference);
    }

    [Fact]
    public void Negative_target_keeps_positive_good()
    {
        Assert.Equal(50m, Deviations.Compute(-10, -5, Polarity.HigherIsBetter, TargetUnit.Euro).Relative);
        Assert.Equal(-50m, Deviations.Compute(-10, -5, Polarity.LowerIsBetter, TargetUnit.Euro).Relative);
    }

    [Fact]
    public void Scorer_fills_the_deviation_from_the_operator()
    {
        var e = Targets.Score(Targets.AtMost(171.54m, TargetUnit.Euro), 155.54m);
        Assert.Equal(9.33m, Rounding.Present(e.Deviation!.Relative));
        Assert.Null(e.Deviation.Points);
    }
}
