using Performance.Domain.Language;
using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>
/// Raw achievement formulas (grado di raggiungimento, %, uncapped). None of them ever divides by zero:
/// <list type="bullet">
/// <item>at least: A / T × 100; T = 0 → 100 when A ≥ 0, else 0; T &lt; 0 → 100 + (A − T)/|T| × 100
/// (the same as A/T for T &gt; 0, but it keeps "more is better" when the target is negative).</item>
/// <item>at most, inverse ratio: T / A × 100; when A ≤ 0 (and not A = T = 0) the actual is at or beyond the best
/// possible value, so the achievement is the cap, or 100 when uncapped (docs/scoring.md); A = T = 0 → 100;
/// T &lt; 0 → 100 + (T − A)/|T| × 100.</item>
/// <item>at most, reflected: (2T − A) / T × 100 floored at 0; T = 0 → 100 when A ≤ 0, else 0;
/// T &lt; 0 → max(0, 100 + (T − A)/|T| × 100).</item>
/// <item>exactly: max(0, 100 − |A − T| / |T| × 100): 1% away from the target costs 1 point; T = 0 → 100 only when A = 0.</item>
/// <item>range [L, U]: 100 inside (bounds included); below L as "at least L"; above U as "at most U".</item>
/// </list>
/// Full precision: A arrives as a quotient (Σ num × 100 / Σ den, Σ / n …) and each formula is rearranged so that
/// its one division comes last (T / A × 100 = T × den × 100 / num). Only when a product leaves the decimal range
/// does a formula fall back to dividing first (the <c>…Value</c> methods, which saturate instead of throwing).
/// </summary>
public static class Achievements
{
    /// <summary>The achievement of a numeric or range target; <paramref name="text"/> gets the formula when explaining.</summary>
    internal static Quotient Compute(
        ParsedTarget target, Quotient actual, LowerIsBetterFormula formula, decimal? cap, FormulaText? text) =>
        target.Operator switch
        {
            TargetOperator.AtLeast or TargetOperator.MoreThan => AtLeast(actual, target.Value!.Value, text),
            TargetOperator.AtMost or TargetOperator.LessThan => AtMost(actual, target.Value!.Value, formula, cap, text),
            TargetOperator.Equal => Exactly(actual, target.Value!.Value, text),
            TargetOperator.Between => Range(actual, target.Lower, target.Upper, formula, cap, text),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Operator, "not a numeric operator"),
        };

    private static Quotient AtLeast(Quotient a, decimal t, FormulaText? text)
    {
        if (t == 0)
        {
            var v = a.Sign >= 0 ? 100m : 0m;
            text?.Set(Say.It("T = 0: 100 se A ≥ 0, altrimenti 0", "T = 0: 100 when A ≥ 0, else 0"), $"T = 0, A = {a} {(a.Sign >= 0 ? "≥" : "<")} 0 → {N(v)}");
            return Quotient.Of(v);
        }

        if (t < 0)
        {
            // 100 + (A − T)/|T| × 100 = 100 × (A − 2T) / |T|, with A = n / d: 100 × (n − 2Td) / (d × |T|).
            Quotient shifted;
            try { shifted = Quotient.Over(100m * (a.Numerator - 2m * t * a.Denominator), -t * a.Denominator).Checked(); }
            catch (OverflowException) { shifted = Quotient.Of(AtLeastValue(a.Value, t)); }
            text?.Set("100 + (A − T) / |T| × 100", $"100 + (A − T) / |T| × 100 = 100 + ({a} − {N(t)}) / {N(-t)} × 100 = {N(shifted.Value)}");
            return shifted;
        }

        Quotient r;
        try { r = Quotient.Over(a.Numerator * 100m, a.Denominator * t).Checked(); }
        catch (OverflowException) { r = Quotient.Of(AtLeastValue(a.Value, t)); }
        text?.Set("A / T × 100", r.Value == decimal.MaxValue
            ? Say.It($"A / T × 100 = {a} / {N(t)} × 100: fuori dall'intervallo dei decimali → {N(decimal.MaxValue)}",
                $"A / T × 100 = {a} / {N(t)} × 100: beyond the decimal range → {N(decimal.MaxValue)}")
            : $"A / T × 100 = {a} / {N(t)} × 100 = {N(r.Value)}");
        return r;
    }

    private static Quotient AtMost(Quotient a, decimal t, LowerIsBetterFormula formula, decimal? cap, FormulaText? text) =>
        formula switch
        {
            LowerIsBetterFormula.InverseRatio => InverseRatio(a, t, cap, text),
            LowerIsBetterFormula.Reflected => Reflected(a, t, text),
            _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, null),
        };

    private static Quotient InverseRatio(Quotient a, decimal t, decimal? cap, FormulaText? text)
    {
        if (t < 0) return Relative(a, t, floor: false, text);
        if (a.Sign > 0)
        {
            Quotient r;
            try { r = Quotient.Over(t * a.Denominator * 100m, a.Numerator).Checked(); }
            catch (OverflowException) { r = Quotient.Of(InverseRatioValue(a.Value, t, cap)); }
            text?.Set("T / A × 100", $"T / A × 100 = {N(t)} / {a} × 100 = {N(r.Value)}");
            return r;
        }

        if (a.Sign == 0 && t == 0)
        {
            text?.Set("A = T = 0 → 100", "A = T = 0 → 100");
            return Quotient.Of(100m);
        }

        // A ≤ 0 ≤ T: the ratio is undefined (or negative) although the actual is as good as it gets.
        var best = cap ?? 100m;
        text?.Set(Say.It("A ≤ 0: miglior valore possibile → tetto, o 100 senza tetto", "A ≤ 0: best possible → cap, or 100 when uncapped"),
            Say.It($"A = {a} ≤ 0 con T = {N(t)}: T / A non definito, miglior valore possibile → {(cap is null ? "senza tetto: 100" : $"il tetto {N(cap)}")}",
                $"A = {a} ≤ 0 with T = {N(t)}: T / A undefined, best possible value → {(cap is null ? "uncapped: 100" : $"the cap {N(cap)}")}"));
        return Quotient.Of(best);
    }

    private static Quotient Reflected(Quotient a, decimal t, FormulaText? text)
    {
        if (t == 0)
        {
            var v = a.Sign <= 0 ? 100m : 0m;
            text?.Set(Say.It("T = 0: 100 se A ≤ 0, altrimenti 0", "T = 0: 100 when A ≤ 0, else 0"), $"T = 0, A = {a} {(a.Sign <= 0 ? "≤" : ">")} 0 → {N(v)}");
            return Quotient.Of(v);
        }

        if (t < 0) return Relative(a, t, floor: true, text);

        // (2T − A) / T × 100 with A = n / d: (2Td − n) × 100 / (T × d).
        Quotient raw;
        try { raw = Quotient.Over((2m * t * a.Denominator - a.Numerator) * 100m, t * a.Denominator).Checked(); }
        catch (OverflowException) { raw = Quotient.Of(Shifted(t, a.Value, t)); } // (2T − A) / T = 1 + (T − A) / T
        var floored = raw.Sign < 0 ? Quotient.Of(0m) : raw;
        text?.Set("max(0, (2T − A) / T × 100)",
            $"max(0, (2T − A) / T × 100) = max(0, (2 × {N(t)} − {a}) / {N(t)} × 100) = max(0, {N(raw.Value)}) = {N(floored.Value)}");
        return floored;
    }

    /// <summary>100 + (T − A)/|T| × 100 for T &lt; 0, which is 100 × A / T: the only sane reading of a negative "at most".</summary>
    private static Quotient Relative(Quotient a, decimal t, bool floor, FormulaText? text)
    {
        Quotient v;
        try { v = Quotient.Over(100m * a.Numerator, t * a.Denominator).Checked(); }
        catch (OverflowException) { v = Quotient.Of(Shifted(t, a.Value, t)); }
        var result = floor && v.Sign < 0 ? Quotient.Of(0m) : v;
        var calculation = $"100 + (T − A) / |T| × 100 = 100 + ({N(t)} − {a}) / {N(-t)} × 100 = {N(v.Value)}";
        text?.Set(floor ? "max(0, 100 + (T − A) / |T| × 100)" : "100 + (T − A) / |T| × 100",
            floor ? $"max(0, {calculation}) = {N(result.Value)}" : calculation);
        return result;
    }

    private static Quotient Exactly(Quotient a, decimal t, FormulaText? text)
    {
        if (t == 0)
        {
            var v = a.Sign == 0 ? 100m : 0m;
            text?.Set(Say.It("T = 0: 100 se A = 0, altrimenti 0", "T = 0: 100 when A = 0, else 0"), $"T = 0, A = {a} → {N(v)}");
            return Quotient.Of(v);
        }

        // 100 − |A − T| / |T| × 100 = 100 × (d|T| − |n − Td|) / (d|T|); too far to represent is simply too far (0).
        var abs = Math.Abs(t);
        Quotient raw;
        try { raw = Quotient.Over(100m * (a.Denominator * abs - Math.Abs(a.Numerator - t * a.Denominator)), a.Denominator * abs).Checked(); }
        catch (OverflowException) { raw = Quotient.Of(ExactlyValue(a.Value, t)); }
        var r = raw.Sign < 0 ? Quotient.Of(0m) : raw;
        text?.Set("max(0, 100 − |A − T| / |T| × 100)",
            $"max(0, 100 − |A − T| / |T| × 100) = max(0, 100 − |{a} − {N(t)}| / {N(abs)} × 100) = {N(r.Value)}");
        return r;
    }

    private static Quotient Range(Quotient a, decimal? lower, decimal? upper, LowerIsBetterFormula formula, decimal? cap, FormulaText? text)
    {
        if (lower is null && upper is null)
            throw new ArgumentException("A range needs at least one bound.");
        // HasValue rather than "is { } l" patterns, here and below: a mutated condition must still compile.
        if (lower.HasValue && a.CompareTo(lower.Value) < 0)
        {
            var l = lower.Value;
            var below = AtLeast(a, l, text);
            text?.Prefix(Say.It("sotto L: ", "below L: "), $"A < L = {N(l)}: ");
            return below;
        }

        if (upper.HasValue && a.CompareTo(upper.Value) > 0)
        {
            var u = upper.Value;
            var above = AtMost(a, u, formula, cap, text);
            text?.Prefix(Say.It("sopra U: ", "above U: "), $"A > U = {N(u)}: ");
            return above;
        }

        text?.Set("L ≤ A ≤ U → 100", $"{N(lower)} ≤ {a} ≤ {N(upper)} → 100");
        return Quotient.Of(100m);
    }

    // The same formulas dividing first, with A a plain decimal: the fallback for operands whose products leave the
    // decimal range. They saturate at the range instead of throwing (a vanishing A under "at most" is the best case).

    public static decimal AtLeastValue(decimal actual, decimal target)
    {
        if (target == 0) return actual >= 0 ? 100m : 0m;
        if (target < 0) return Shifted(actual, target, target);
        return SafeMath.Divide(actual, target, 100m) ?? (actual > 0 ? decimal.MaxValue : decimal.MinValue);
    }

    public static decimal InverseRatioValue(decimal actual, decimal target, decimal? cap)
    {
        if (target < 0) return Shifted(target, actual, target);
        var r = actual > 0 ? SafeMath.Divide(target, actual, 100m) : null;
        if (r.HasValue) return r.Value;
        if (actual == 0 && target == 0) return 100m;
        return cap ?? 100m;
    }

    public static decimal ExactlyValue(decimal actual, decimal target)
    {
        if (target == 0) return actual == 0 ? 100m : 0m;
        var distance = SafeMath.DivideDifference(actual, target, Math.Abs(target), 100m) is { } d ? Math.Abs(d) : decimal.MaxValue;
        return Math.Max(0m, 100m - distance);
    }

    /// <summary>100 + (x − y) / |T| × 100, saturating at the decimal range instead of throwing (even when x − y leaves it).</summary>
    private static decimal Shifted(decimal x, decimal y, decimal target)
    {
        var relative = SafeMath.DivideDifference(x, y, Math.Abs(target), 100m);
        if (relative is null) return x > y ? decimal.MaxValue : decimal.MinValue;
        return relative.Value > decimal.MaxValue - 100m ? decimal.MaxValue : 100m + relative.Value;
    }

    private static string N(decimal? v) => NumberText.Format(v);
}

/// <summary>Where a formula writes its symbols and its arithmetic, when an explanation is asked for.</summary>
internal sealed class FormulaText
{
    public string Formula { get; private set; } = string.Empty;
    public string Calculation { get; private set; } = string.Empty;

    public void Set(string formula, string calculation) => (Formula, Calculation) = (formula, calculation);

    public void Prefix(string formula, string calculation) => (Formula, Calculation) = (formula + Formula, calculation + Calculation);
}
