using Performance.Domain.Language;
namespace Performance.Domain.Targets;

/// <summary>
/// A relative target made concrete: <see cref="Target"/> is the numeric target to score (null when it cannot be computed)
/// and <see cref="Explanation"/> says how it was computed ("baseline 2023 = 1.200 → target = 1.200 × 1,08 = 1.296") or
/// why it was not ("baseline 2023 mancante").
/// </summary>
public sealed record RelativeResolution(ParsedTarget? Target, string Explanation)
{
    public bool IsScorable => Target is not null;
}

/// <summary>
/// Resolves relative targets against their reference value B (docs/targets.md): increase by p% → T = B × (1 + p/100), at
/// least; decrease by p% → T = B × (1 − p/100), at most; by an amount n → T = B ± n; maintain → T = B, at least (at most
/// when lower is better); a direction with no size ("incremento rispetto al 2023") → T = B, strictly more (or less).
/// Full precision, no rounding. Pure: the caller finds B (the reference year's figure, else the declared baseline).
/// </summary>
public static class RelativeTargets
{
    /// <param name="target">A <see cref="TargetKind.Relative"/> target.</param>
    /// <param name="polarity">The indicator's polarity: decides "mantenimento" when the text gave no operator.</param>
    /// <param name="reference">B, or null when the reference value is not known.</param>
    /// <param name="referenceYear">The year B belongs to, when the text did not name it (the declared baseline's year).</param>
    public static RelativeResolution Resolve(ParsedTarget target, Polarity polarity, decimal? reference, int? referenceYear = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != TargetKind.Relative || target.Change is not { } change || target.Reference is not { } of)
        {
            throw new ArgumentException("Only a relative target can be resolved against a reference.", nameof(target));
        }
        var year = of.Year ?? referenceYear;
        var label = year is { } y ? $"baseline {y}" : "baseline";
        if (reference is not { } b) return new(null, Say.It($"{label} mancante", $"{label} missing"));

        var op = change.Direction == ChangeDirection.Maintain && target.OperatorInferred
            ? polarity == Polarity.LowerIsBetter ? TargetOperator.AtMost : TargetOperator.AtLeast
            : target.Operator;
        decimal value;
        string calculation;
        try
        {
            (value, calculation) = (change.Amount, change.Unit, change.Direction) switch
            {
                (null, _, _) or (_, _, ChangeDirection.Maintain) => (b, N(b)),
                ({ } p, ChangeUnit.Percent, ChangeDirection.Increase) => Times(b, 1m + p / 100m),
                ({ } p, ChangeUnit.Percent, _) => Times(b, 1m - p / 100m),
                ({ } n, _, ChangeDirection.Increase) => (b + n, $"{N(b)} + {N(n)} = {N(b + n)}"),
                ({ } n, _, _) => (b - n, $"{N(b)} − {N(n)} = {N(b - n)}"),
            };
        }
        catch (OverflowException)
        {
            return new(null, Say.It($"{label} = {N(b)}: il target calcolato è fuori scala", $"{label} = {N(b)}: the computed target is out of range"));
        }

        value = QuantityReader.Normalize(value);
        var numeric = new ParsedTarget(TargetKind.Numeric, op, value, null, null, target.Unit, target.UnitLabel, target.DueDate, target.Text)
        {
            Change = change,
            Reference = of,
            OperatorInferred = target.OperatorInferred,
            Warnings = target.Warnings,
        };
        return new(numeric, $"{label} = {N(b)} → target = {calculation}");
    }

    private static (decimal Value, string Calculation) Times(decimal b, decimal factor)
    {
        var value = QuantityReader.Normalize(b * factor);
        return (value, $"{N(b)} × {N(factor)} = {N(value)}");
    }

    private static string N(decimal value) => ItalianFormat.Number(value);
}
