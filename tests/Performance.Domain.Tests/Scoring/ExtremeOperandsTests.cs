using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// Operands whose exact products leave the decimal range: the formulas fall back to dividing first and saturate,
/// never throw (docs/numbers.md §1). And the small exact quotient they all rest on.
/// </summary>
public sealed class ExtremeOperandsTests
{
    // Keyed by name so that each case is its own xUnit test case (see FastPathEquivalenceTests.EdgeCases).
    private static readonly Dictionary<string, (IndicatorInput Input, decimal Achievement)> SaturatingCases = new()
    {
        { "at least, T < 0 tiny", (Input(AtLeast(-1e-20m), 1e20m), decimal.MaxValue) },
        { "inverse ratio, A tiny: the cap", (Input(AtMost(5), 1e-27m, cap: 120), 120m) },
        { "reflected, T tiny: floored", (Input(AtMost(1e-20m), 1e10m, formula: LowerIsBetterFormula.Reflected), 0m) },
        { "reflected, T tiny, A ≤ T: saturates", (Input(AtMost(1e-20m), -1e10m, formula: LowerIsBetterFormula.Reflected), decimal.MaxValue) },
        { "at most, T < 0 tiny", (Input(AtMost(-1e-20m), 1e10m), decimal.MinValue) },
        { "exactly, T tiny", (Input(Exactly(1e-20m), 1e10m), 0m) },
    };

    public static TheoryData<string> Saturating => [.. SaturatingCases.Keys];

    [Theory]
    [MemberData(nameof(Saturating))]
    public void Formulas_saturate_instead_of_throwing(string what)
    {
        var (input, achievement) = SaturatingCases[what];
        foreach (var explain in new[] { true, false })
        {
            var e = IndicatorScorer.Evaluate(input, ScoringPolicy.Default with { Cap = null }, ScoringView.Actuals with { Explain = explain });
            Assert.True(achievement == e.Achievement, $"{what}: {e.Achievement}");
            Assert.InRange(e.Score!.Value, 0m, decimal.MaxValue);
        }
    }

    [Fact]
    public void An_interpolated_band_beyond_the_range_is_computed_on_the_divided_achievement()
    {
        // A rate of 6·10²³ cases out of 10²⁴ (60%): its quotient times the band's scores leaves the decimal range.
        var policy = ScoringPolicy.Default with { Bands = [new(50, 75, 50), new(75, null, 75)], BandMode = BandMode.Interpolated };
        var input = Input(AtLeast(100), Aggregation.RatioOfSums, new PeriodActual(Period.Annual, null, 6e23m, 1e24m));
        var explained = IndicatorScorer.Evaluate(input, policy, ScoringView.Actuals);
        Assert.Equal(60m, explained.Score);
        Assert.Single(explained.Explanation.Steps, s => s.Step == ExplanationSteps.Band); // the retry left no duplicate step
        Assert.Equal(60m, IndicatorScorer.Evaluate(input, policy, ScoringView.Actuals with { Explain = false }).Score);
    }

    [Fact]
    public void A_quotient_compares_without_dividing_even_beyond_the_range()
    {
        var third = Quotient.Over(1m, 3m);
        Assert.Equal(-1, third.CompareTo(decimal.MaxValue)); // 3 × MaxValue overflows: MaxValue is beyond 1/3
        Assert.Equal(1, third.CompareTo(decimal.MinValue));
        Assert.Equal(1, third.CompareTo(0.3333333333333333333333333333m)); // the decimal cut of 1/3 is below it
        Assert.Equal(0, Quotient.Over(7m, 2m).CompareTo(3.5m));
        Assert.Equal(-1, Quotient.Of(2m).CompareTo(3m));
    }

    [Fact]
    public void A_quotient_keeps_its_sign_on_the_numerator_and_refuses_a_zero_denominator()
    {
        var q = Quotient.Over(3m, -4m);
        Assert.Equal((-3m, 4m), (q.Numerator, q.Denominator));
        Assert.Equal(-1, q.Sign);
        Assert.Equal(-0.75m, q.Value);
        Assert.Throws<OverflowException>(() => Quotient.Over(1m, 0m));
        Assert.True(Quotient.Of(5m).IsExactDecimal);
        Assert.False(Quotient.Over(10m, 2m).IsExactDecimal);
    }

    [Fact]
    public void A_quotient_shows_its_division_only_when_it_is_not_exact()
    {
        Assert.Equal("3.5", Quotient.Over(7m, 2m).ToString());
        Assert.Equal("3.5", Quotient.Over(7m, 2m).WithValue());
        Assert.Equal("(1600 / 141)", Quotient.Over(1600m, 141m).ToString());
        Assert.Equal("1600 / 141 = 11.347517730496453900709219858", Quotient.Over(1600m, 141m).WithValue());
        Assert.Equal("5", Quotient.Of(5m).ToString());
        Assert.Equal("(10 / 0.0000000000000000000000000001)", Quotient.Over(10m, 0.0000000000000000000000000001m).ToString()); // 10²⁹: beyond the range
        Assert.Throws<OverflowException>(() => Quotient.Over(10m, 1e-28m).Checked());
        // 1 + 1/(3·10¹⁹) cut at 28 digits: its mantissa 10²⁷ + 33333333 has all 28 digits (and a middle 32-bit word).
        Assert.Equal("(30000000000000000001 / 30000000000000000000)", Quotient.Over(30000000000000000001m, 30000000000000000000m).ToString());
        // (3 + 10⁻²⁸) / 3 is cut to exactly 1 (one digit): still not exact, so the division is shown.
        Assert.Equal("(3.0000000000000000000000000001 / 3)", Quotient.Over(3.0000000000000000000000000001m, 3m).ToString());
        Assert.Equal("0.5", Quotient.Over(1m, 2m).ToString());
        Assert.Equal("2.5", Quotient.Over(1m, 0.4m).ToString()); // 2,5 × 0,4 = 1: scales add up
        Assert.Equal("125000000000", Quotient.Over(1e12m, 8m).ToString()); // exact, with more than 32 bits
        Assert.Equal("125000000000000000000", Quotient.Over(1e21m, 8m).ToString()); // exact, with more than 64 bits
        Assert.Equal("-0.25", Quotient.Over(-1m, 4m).ToString());
    }

    [Fact]
    public void An_overflow_retry_keeps_the_steps_before_the_policy_and_records_each_policy_step_once()
    {
        // The rate 6·10²³ / 10²⁴ (60%) overflows inside the interpolated band: the policy is re-run on the divided
        // achievement. Its steps must read exactly as for the small rate 6 / 10: nothing lost, nothing twice.
        var policy = ScoringPolicy.Default with
        {
            Threshold = 50, Bands = [new(50, 75, 50), new(75, null, 75)], BandMode = BandMode.Interpolated,
        };
        var big = IndicatorScorer.Evaluate(Input(AtLeast(100), Aggregation.RatioOfSums, new PeriodActual(Period.Annual, null, 6e23m, 1e24m)), policy, ScoringView.Actuals);
        var small = IndicatorScorer.Evaluate(Input(AtLeast(100), Aggregation.RatioOfSums, new PeriodActual(Period.Annual, null, 6, 10)), policy, ScoringView.Actuals);
        Assert.Equal(60m, big.Score);
        Assert.Equal(small.Explanation.Steps.Select(s => s.Step), big.Explanation.Steps.Select(s => s.Step));
        Assert.Equal(small.Explanation.Find(ExplanationSteps.Threshold)!.Description, big.Explanation.Find(ExplanationSteps.Threshold)!.Description);
    }
}
