namespace Performance.Domain.Scoring;

/// <summary>
/// Raw achievement formulas (grado di raggiungimento, %, uncapped). None of them ever divides by zero:
/// <list type="bullet">
/// <item>at least: A / T × 100; T = 0 → 100 when A ≥ 0, else 0; T &lt; 0 → 100 + (A − T)/|T| × 100
/// (the same as A/T for T &gt; 0, but it keeps "more is better" when the target is negative).</item>
/// <item>at most, inverse ratio: T / A × 100; when A ≤ 0 (and not A = T = 0) the actual is at or beyond the best
/// possible value, so the achievement is the cap, or 100 when uncapped (DOMAIN §4); A = T = 0 → 100;
/// T &lt; 0 → 100 + (T − A)/|T| × 100.</item>
/// <item>at most, reflected: (2T − A) / T × 100 floored at 0; T = 0 → 100 when A ≤ 0, else 0;
/// T &lt; 0 → max(0, 100 + (T − A)/|T| × 100).</item>
/// <item>exactly: max(0, 100 − |A − T| / |T| × 100): 1% away from the target costs 1 point; T = 0 → 100 only when A = 0.</item>
/// <item>range [L, U]: 100 inside (bounds included); below L as "at least L"; above U as "at most U".</item>
/// </list>
/// </summary>
public static class Achievements
{
    public static FormulaResult AtLeast(decimal actual, decimal target)
    {
        var (a, t) = (N(actual), N(target));
        if (target == 0)
        {
            var v = actual >= 0 ? 100m : 0m;
            return new(v, "T = 0: 100 when A ≥ 0, else 0", $"T = 0, A = {a} {(actual >= 0 ? "≥" : "<")} 0 → {N(v)}");
        }

        if (target < 0)
        {
            var v = Shifted(actual - target, target);
            return new(v, "100 + (A − T) / |T| × 100",
                $"100 + (A − T) / |T| × 100 = 100 + ({a} − {t}) / {N(Math.Abs(target))} × 100 = {N(v)}");
        }

        if (!TryRatio(actual, target, out var r))
            return new(decimal.MaxValue, "A / T × 100",
                $"A / T × 100 = {a} / {t} × 100: beyond the decimal range → {N(decimal.MaxValue)}");
        return new(r, "A / T × 100", $"A / T × 100 = {a} / {t} × 100 = {N(r)}");
    }

    public static FormulaResult AtMost(decimal actual, decimal target, LowerIsBetterFormula formula, decimal? cap) =>
        formula switch
        {
            LowerIsBetterFormula.InverseRatio => InverseRatio(actual, target, cap),
            LowerIsBetterFormula.Reflected => Reflected(actual, target),
            _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, null),
        };

    public static FormulaResult InverseRatio(decimal actual, decimal target, decimal? cap)
    {
        var (a, t) = (N(actual), N(target));
        if (target < 0)
            return Relative(actual, target);
        // A vanishingly small A overflows decimal: it is as good as A = 0, handled below.
        if (actual > 0 && TryRatio(target, actual, out var r))
            return new(r, "T / A × 100", $"T / A × 100 = {t} / {a} × 100 = {N(r)}");

        if (actual == 0 && target == 0)
            return new(100m, "A = T = 0 → 100", "A = T = 0 → 100");

        // A ≤ 0 ≤ T (or A so close to 0 that T / A overflows): the ratio is undefined (or negative) although the actual is as good as it gets.
        var best = cap ?? 100m;
        var why = cap is null ? "uncapped: 100" : $"the cap {N(cap)}";
        return new(best, "A ≤ 0: best possible → cap, or 100 when uncapped",
            $"A = {a} ≤ 0 with T = {t}: T / A undefined, best possible value → {why}");
    }

    public static FormulaResult Reflected(decimal actual, decimal target)
    {
        var (a, t) = (N(actual), N(target));
        if (target == 0)
        {
            var v = actual <= 0 ? 100m : 0m;
            return new(v, "T = 0: 100 when A ≤ 0, else 0", $"T = 0, A = {a} {(actual <= 0 ? "≤" : ">")} 0 → {N(v)}");
        }

        if (target < 0)
        {
            var rel = Relative(actual, target);
            var floored = Math.Max(0m, rel.Value);
            return new(floored, "max(0, " + rel.Formula + ")", $"max(0, {rel.Calculation}) = {N(floored)}");
        }

        var raw = (2 * target - actual) / target * 100m;
        var v2 = Math.Max(0m, raw);
        return new(v2, "max(0, (2T − A) / T × 100)",
            $"max(0, (2T − A) / T × 100) = max(0, (2 × {t} − {a}) / {t} × 100) = max(0, {N(raw)}) = {N(v2)}");
    }

    public static FormulaResult Exactly(decimal actual, decimal target)
    {
        var (a, t) = (N(actual), N(target));
        if (target == 0)
        {
            var v = actual == 0 ? 100m : 0m;
            return new(v, "T = 0: 100 when A = 0, else 0", $"T = 0, A = {a} → {N(v)}");
        }

        // Too far to represent is simply too far: distance beyond 100 scores 0 anyway.
        var distance = SafeMath.Divide(Math.Abs(actual - target), Math.Abs(target), 100m) ?? decimal.MaxValue;
        var r = Math.Max(0m, 100m - distance);
        return new(r, "max(0, 100 − |A − T| / |T| × 100)",
            $"max(0, 100 − |A − T| / |T| × 100) = max(0, 100 − |{a} − {t}| / {N(Math.Abs(target))} × 100) = max(0, 100 − {N(distance)}) = {N(r)}");
    }

    public static FormulaResult Range(
        decimal actual, decimal? lower, decimal? upper, LowerIsBetterFormula formula, decimal? cap)
    {
        if (lower is null && upper is null)
            throw new ArgumentException("A range needs at least one bound.");
        if (lower is { } l && actual < l)
        {
            var below = AtLeast(actual, l);
            return below with { Formula = "below L: " + below.Formula, Calculation = $"A < L = {N(l)}: {below.Calculation}" };
        }

        if (upper is { } u && actual > u)
        {
            var above = AtMost(actual, u, formula, cap);
            return above with { Formula = "above U: " + above.Formula, Calculation = $"A > U = {N(u)}: {above.Calculation}" };
        }

        return new(100m, "L ≤ A ≤ U → 100", $"{N(lower)} ≤ {N(actual)} ≤ {N(upper)} → 100");
    }

    // The same achievements as plain numbers, for scoring without an explanation: each follows its explained twin
    // branch for branch and operation for operation (the domain tests compare both on many random inputs).

    public static decimal AtLeastValue(decimal actual, decimal target)
    {
        if (target == 0) return actual >= 0 ? 100m : 0m;
        if (target < 0) return Shifted(actual - target, target);
        return TryRatio(actual, target, out var r) ? r : decimal.MaxValue;
    }

    public static decimal AtMostValue(decimal actual, decimal target, LowerIsBetterFormula formula, decimal? cap) =>
        formula switch
        {
            LowerIsBetterFormula.InverseRatio => InverseRatioValue(actual, target, cap),
            LowerIsBetterFormula.Reflected => ReflectedValue(actual, target),
            _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, null),
        };

    public static decimal InverseRatioValue(decimal actual, decimal target, decimal? cap)
    {
        if (target < 0) return Shifted(target - actual, target);
        if (actual > 0 && TryRatio(target, actual, out var r)) return r;
        if (actual == 0 && target == 0) return 100m;
        return cap ?? 100m;
    }

    public static decimal ReflectedValue(decimal actual, decimal target)
    {
        if (target == 0) return actual <= 0 ? 100m : 0m;
        if (target < 0) return Math.Max(0m, Shifted(target - actual, target));
        return Math.Max(0m, (2 * target - actual) / target * 100m);
    }

    public static decimal ExactlyValue(decimal actual, decimal target)
    {
        if (target == 0) return actual == 0 ? 100m : 0m;
        var distance = SafeMath.Divide(Math.Abs(actual - target), Math.Abs(target), 100m) ?? decimal.MaxValue;
        return Math.Max(0m, 100m - distance);
    }

    public static decimal RangeValue(decimal actual, decimal? lower, decimal? upper, LowerIsBetterFormula formula, decimal? cap)
    {
        if (lower is null && upper is null)
            throw new ArgumentException("A range needs at least one bound.");
        if (lower is { } l && actual < l) return AtLeastValue(actual, l);
        if (upper is { } u && actual > u) return AtMostValue(actual, u, formula, cap);
        return 100m;
    }

    /// <summary>100 + the polarity-aware relative deviation (T − A)/|T| × 100: the only sane reading for T &lt; 0.</summary>
    private static FormulaResult Relative(decimal actual, decimal target)
    {
        var v = Shifted(target - actual, target);
        return new(v, "100 + (T − A) / |T| × 100",
            $"100 + (T − A) / |T| × 100 = 100 + ({N(target)} − {N(actual)}) / {N(Math.Abs(target))} × 100 = {N(v)}");
    }

    /// <summary>100 + gain / |T| × 100, saturating at the decimal range instead of throwing.</summary>
    private static decimal Shifted(decimal gain, decimal target)
    {
        var relative = SafeMath.Divide(gain, Math.Abs(target), 100m);
        if (relative is null) return gain > 0 ? decimal.MaxValue : decimal.MinValue;
        return relative.Value > decimal.MaxValue - 100m ? decimal.MaxValue : 100m + relative.Value;
    }

    private static bool TryRatio(decimal x, decimal y, out decimal result)
    {
        var r = SafeMath.Divide(x, y, 100m);
        result = r ?? 0m;
        return r is not null;
    }

    private static string N(decimal? v) => NumberText.Format(v);
}
