using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>Scostamento of an actual from its target, usable on its own (summary tables, forecasts).</summary>
public static class Deviations
{
    /// <summary>
    /// Relative: higher is better (A − T)/|T| × 100, lower is better (T − A)/|T| × 100 (positive = good; |T| only
    /// matters for negative targets, where dividing by T would flip the sign). Milestone polarity reads as higher.
    /// Points: A − T when the unit is Percent. Ratio: A / T. Difference: A − T.
    /// </summary>
    public static Deviation Compute(decimal target, decimal actual, Polarity polarity, TargetUnit unit)
    {
        var difference = actual - target;
        decimal? relative = null, ratio = null;
        if (target != 0)
        {
            var favourable = polarity == Polarity.LowerIsBetter ? -difference : difference;
            // Null rather than an exception when extreme operands leave the decimal range.
            relative = SafeMath.Divide(favourable, Math.Abs(target), 100m);
            ratio = SafeMath.Divide(actual, target);
        }

        decimal? points = unit == TargetUnit.Percent ? difference : null;
        return new Deviation(relative, points, ratio, difference);
    }
}
