using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>Scostamento of an actual from its target, usable on its own (summary tables, forecasts).</summary>
public static class Deviations
{
    /// <summary>
    /// Relative: higher is better (A − T)/|T| × 100, lower is better (T − A)/|T| × 100 (positive = good; |T| only
    /// matters for negative targets, where dividing by T would flip the sign). Milestone polarity reads as higher.
    /// Points: A − T when the unit is Percent. Ratio: A / T. Difference: A − T. Null when undefined (T = 0).
    /// </summary>
    public static Deviation Compute(decimal target, decimal actual, Polarity polarity, TargetUnit unit) =>
        Compute(target, Quotient.Of(actual), polarity, unit);

    /// <summary>The same with A = n / d, each figure one division: relative = ±(n − T·d) × 100 / (d·|T|).</summary>
    internal static Deviation Compute(decimal target, Quotient actual, Polarity polarity, TargetUnit unit)
    {
        try
        {
            var (n, d) = (actual.Numerator, actual.Denominator);
            var gap = n - target * d;
            var difference = Quotient.Over(gap, d).Value;
            decimal? relative = null, ratio = null;
            if (target != 0)
            {
                var favourable = polarity == Polarity.LowerIsBetter ? -gap : gap;
                relative = Quotient.Over(favourable * 100m, d * Math.Abs(target)).Value;
                ratio = Quotient.Over(n, d * target).Value;
            }
            return new Deviation(relative, unit == TargetUnit.Percent ? difference : null, ratio, difference);
        }
        catch (OverflowException)
        {
            return DividingFirst(target, actual.Value, polarity, unit);
        }
    }

    /// <summary>For operands whose products leave the decimal range: null rather than an exception for extreme figures.</summary>
    private static Deviation DividingFirst(decimal target, decimal actual, Polarity polarity, TargetUnit unit)
    {
        var difference = SafeMath.Subtract(actual, target);
        decimal? relative = null, ratio = null;
        if (target != 0)
        {
            relative = polarity == Polarity.LowerIsBetter
                ? SafeMath.DivideDifference(target, actual, Math.Abs(target), 100m)
                : SafeMath.DivideDifference(actual, target, Math.Abs(target), 100m);
            ratio = SafeMath.Divide(actual, target);
        }

        decimal? points = unit == TargetUnit.Percent ? difference : null;
        return new Deviation(relative, points, ratio, difference);
    }
}
