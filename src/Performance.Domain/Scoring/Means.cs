namespace Performance.Domain.Scoring;

/// <summary>
/// Plain means at full precision, e.g. OGE result = mean(project component, indicator component) and
/// Institute VP = mean(central, territorial). Empty input has no mean (null), never 0.
/// </summary>
public static class Means
{
    public static decimal? Simple(IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        decimal sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            sum += v;
            count++;
        }

        return count == 0 ? null : sum / count;
    }

    public static decimal? Simple(params decimal[] values) => Simple((IEnumerable<decimal>)values);

    /// <summary>Mean of the values present; nulls are skipped (not counted as 0).</summary>
    public static decimal? OfPresent(IEnumerable<decimal?> values) =>
        Simple(values.Where(v => v is not null).Select(v => v!.Value));

    /// <summary>Σ wᵢ·vᵢ / Σ wᵢ, e.g. territorial VP weighted by production volumes. Null when Σ w = 0.</summary>
    public static decimal? Weighted(IEnumerable<(decimal Value, decimal Weight)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        decimal sum = 0, weights = 0;
        foreach (var (value, weight) in items)
        {
            if (weight < 0) throw new ArgumentOutOfRangeException(nameof(items), weight, "Weights cannot be negative.");
            sum += value * weight;
            weights += weight;
        }

        return weights == 0 ? null : sum / weights;
    }
}
