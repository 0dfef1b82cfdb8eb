using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// The divide-first formulas (<c>Achievements.…Value</c>, <c>Deviations</c>' fallback, <c>SafeMath</c>): each branch
/// with figures computed by hand, and the saturation at the decimal range instead of an exception.
/// </summary>
public sealed class DivideFirstFallbackTests
{
    private const decimal Max = decimal.MaxValue;
    private const decimal Min = decimal.MinValue;

    [Theory]
    [InlineData(60, 80, 75)]        // A / T × 100
    [InlineData(0, 0, 100)]         // T = 0: 100 when A ≥ 0 (A = 0 included)
    [InlineData(1, 0, 100)]
    [InlineData(-1, 0, 0)]          // … else 0
    [InlineData(-5, -10, 150)]      // T < 0: 100 + (A − T) / |T| × 100 = 100 + 5 / 10 × 100
    [InlineData(-15, -10, 50)]      // 100 + (−5) / 10 × 100
    public void At_least(decimal a, decimal t, decimal expected) => Assert.Equal(expected, Achievements.AtLeastValue(a, t));

    [Fact]
    public void At_least_saturates_on_the_side_of_the_actual()
    {
        Assert.Equal(Max, Achievements.AtLeastValue(1e28m, 1e-10m));  // 10³⁸ %
        Assert.Equal(Min, Achievements.AtLeastValue(-1e28m, 1e-10m)); // −10³⁸ %: far below the target, not at the top
        Assert.Equal(Max, Achievements.AtLeastValue(Max, -1m));        // A − T = Max + 1 itself leaves the range
        Assert.Equal(Min, Achievements.AtLeastValue(Min, -1m));
        // A − T = 2 × Max leaves the range, yet 100 + (A − T) / |T| × 100 = 100 + 200 does not.
        Assert.Equal(300m, Achievements.AtLeastValue(Max, -Max));
        // 100 + (Max − 100) / 100 × 100 = Max exactly: the last representable value, no overflow on the + 100.
        Assert.Equal(Max, Achievements.AtLeastValue(Max - 200m, -100m));
        Assert.Equal(Max, Achievements.AtLeastValue(Max - 150m, -100m)); // 100 + (Max − 50) would overflow: saturated
    }

    [Theory]
    [InlineData(4, 5, null, 125)]     // T / A × 100
    [InlineData(0, 5, 120, 120)]      // A = 0 < T: the best possible value → the cap
    [InlineData(0, 5, null, 100)]     // … or 100 uncapped
    [InlineData(-1, 5, null, 100)]    // A < 0: T / A would be negative although A is as good as it gets
    [InlineData(-1, 0, 120, 120)]     // A < 0 = T: the cap too
    [InlineData(0, 0, 120, 100)]      // A = T = 0 → 100, not the cap
    [InlineData(5, 0, null, 0)]       // T = 0 < A: 0 / A
    [InlineData(-15, -10, null, 150)] // T < 0: 100 + (T − A) / |T| × 100 = 100 + 5 / 10 × 100
    [InlineData(-5, -10, null, 50)]
    public void Inverse_ratio(decimal a, decimal t, int? cap, decimal expected) =>
        Assert.Equal(expected, Achievements.InverseRatioValue(a, t, cap));

    [Theory]
    [InlineData(45, 50, 90)]   // 100 − |A − T| / |T| × 100 = 100 − 5 / 50 × 100
    [InlineData(55, 50, 90)]
    [InlineData(-45, -50, 90)]
    [InlineData(150, 50, 0)]   // 200 % away: floored at 0
    [InlineData(0, 0, 100)]    // T = 0: 100 only when A = 0
    [InlineData(1, 0, 0)]
    public void Exactly_one_point_per_percent_away(decimal a, decimal t, decimal expected) => Assert.Equal(expected, Achievements.ExactlyValue(a, t));

    [Fact]
    public void Exactly_far_away_is_0_even_beyond_the_range()
    {
        Assert.Equal(0m, Achievements.ExactlyValue(1e28m, 1e-10m));
        Assert.Equal(0m, Achievements.ExactlyValue(Min, 1m)); // |A − T| itself leaves the range
        Assert.Equal(0m, Achievements.ExactlyValue(Max, -1m));
    }

    // Actuals within |T| of the decimal range, where even A − T leaves it: before, OverflowException escaped the scorer
    // (AtLeastValue, ExactlyValue, Shifted and Deviations computed A − T first), and "at least 1" with A = −Max
    // saturated at +Max (score 100, green) instead of −Max (score 0).
    private static readonly Dictionary<string, (IndicatorInput Input, decimal Achievement, decimal Score)> EdgeCases = new()
    {
        { "at least, T < 0, A = Max", (Input(AtLeast(-1), Max), Max, 100m) },
        { "at least, T > 0, A = −Max", (Input(AtLeast(1), Min), Min, 0m) },
        { "below a range, A = −Max", (Input(Between(1, 2), Min), Min, 0m) },
        { "inverse ratio, T < 0, A = Max", (Input(AtMost(-1), Max), Min, 0m) },
        { "reflected, T < 0, A = Max", (Input(AtMost(-1), Max, formula: LowerIsBetterFormula.Reflected), 0m, 0m) },
        { "reflected, T > 0, A = −Max", (Input(AtMost(1), Min, formula: LowerIsBetterFormula.Reflected), Max, 100m) },
        { "exactly, T < 0, A = Max", (Input(Exactly(-1), Max), 0m, 0m) },
        { "exactly, T > 0, A = −Max", (Input(Exactly(1), Min), 0m, 0m) },
    };

    public static TheoryData<string> Edges => [.. EdgeCases.Keys];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Actuals_at_the_edge_of_the_range_saturate_on_the_right_side(string what)
    {
        var (input, achievement, score) = EdgeCases[what];
        foreach (var explain in new[] { true, false })
        {
            var e = IndicatorScorer.Evaluate(input, ScoringPolicy.Default, ScoringView.Actuals with { Explain = explain });
            Assert.Equal(achievement, e.Achievement);
            Assert.Equal(score, e.Score);
        }
    }

    [Fact]
    public void A_deviation_beyond_the_range_is_null_never_an_exception()
    {
        // A − T = −Max − 1: no difference, no relative; the ratio A / T = −Max still exists.
        var d = Deviations.Compute(1m, Min, Polarity.HigherIsBetter, TargetUnit.Percent);
        Assert.Equal(new Deviation(null, null, Min, null), d);
    }


    [Fact]
    public void The_fallback_deviation_keeps_its_polarity_and_unit()
    {
        // A = 3·10²⁸, T = −3·10²⁸: (A − T) × 100 leaves the range, so the figures come from the divide-first fallback.
        // A − T = 6·10²⁸; relative (A − T) / |T| × 100 = 200; ratio A / T = −1.
        var a = Quotient.Of(3e28m);
        Assert.Equal(new Deviation(200m, 6e28m, -1m, 6e28m), Deviations.Compute(-3e28m, a, Polarity.HigherIsBetter, TargetUnit.Percent));
        // Lower is better: A above T is bad (−200); points only for a percentage.
        Assert.Equal(new Deviation(-200m, null, -1m, 6e28m), Deviations.Compute(-3e28m, a, Polarity.LowerIsBetter, TargetUnit.Count));
    }

    [Fact]
    public void Safe_division_is_null_for_zero_and_out_of_range_quotients()
    {
        Assert.Equal(0.5m, SafeMath.Divide(1m, 2m));
        Assert.Equal(50m, SafeMath.Divide(1m, 2m, 100m));
        Assert.Null(SafeMath.Divide(1m, 0m));
        Assert.Null(SafeMath.Divide(Max, 0.5m));
        Assert.Null(SafeMath.Subtract(Min, 1m));
        Assert.Equal(200m, SafeMath.DivideDifference(Max, -Max, Max, 100m)); // Max − (−Max) leaves the range: 100 − (−100)
        Assert.Null(SafeMath.DivideDifference(Max, -Max, 1m, 1m));
    }
}
