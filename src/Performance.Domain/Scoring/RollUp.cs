namespace Performance.Domain.Scoring;

/// <summary>
/// A child of a node (indicator or child node) with its raw weight and score (null = missing). Scorable false: there is
/// nothing to score (no target, or a node with no target below it): reported, never counted, not even as 0.
/// </summary>
public sealed record WeightedScore(string Code, decimal Weight, decimal? Score, bool Scorable = true);

/// <summary>
/// What a child adds to its parent: NormalizedWeight = w / Σw over the counted children, Value = its share of the
/// score. Excluded children (missing under Exclude, or weight 0 = "reported, not scored") have weight and value 0.
/// </summary>
public sealed record Contribution(
    string Code, decimal Weight, decimal? Score, decimal NormalizedWeight, decimal Value, bool Excluded);

/// <summary>Score null when nothing is scored (never 0). The contributions' Values sum exactly to Score.</summary>
public sealed record RollUpResult(decimal? Score, IReadOnlyList<Contribution> Contributions);

/// <summary>
/// Weighted mean Σ wᵢ·sᵢ / Σ wᵢ over the children that count. Raw weights need not sum to 1 or 100.
/// Missing children are excluded and the rest re-weighted (MissingRule.Exclude), or counted as 0 (Zero) —
/// but only when at least one child has a score (a node with nothing scored stays missing), and never a child that
/// has nothing to score (no target): that one is left out under both rules.
/// </summary>
public static class RollUp
{
    public static RollUpResult Compute(IEnumerable<WeightedScore> items, MissingRule missing)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        foreach (var item in list)
        {
            if (item.Weight < 0)
                throw new ArgumentOutOfRangeException(nameof(items), item.Weight, $"{item.Code}: weights cannot be negative.");
        }

        bool Counts(WeightedScore i) => i.Weight > 0 && (i.Score is not null || (missing == MissingRule.Zero && i.Scorable));

        var anyScored = list.Any(i => i.Weight > 0 && i.Score is not null);
        var totalWeight = list.Where(Counts).Sum(i => i.Weight);
        if (!anyScored || totalWeight == 0)
            return new(null, list.Select(i => new Contribution(i.Code, i.Weight, i.Score, 0m, 0m, true)).ToList());

        var score = list.Where(Counts).Sum(i => i.Weight * (i.Score ?? 0m)) / totalWeight;

        var contributions = new List<Contribution>(list.Count);
        var lastCounted = list.FindLastIndex(i => Counts(i));
        decimal running = 0;
        for (var k = 0; k < list.Count; k++)
        {
            var item = list[k];
            if (!Counts(item))
            {
                contributions.Add(new(item.Code, item.Weight, item.Score, 0m, 0m, true));
                continue;
            }

            // Each share is w·s / Σw; the last counted child takes the 28th-digit remainder so the shares add up
            // to the score exactly (1/3 + 1/3 + 1/3 in decimal is 0,999…).
            var value = k == lastCounted ? score - running : item.Weight * (item.Score ?? 0m) / totalWeight;
            running += value;
            contributions.Add(new(item.Code, item.Weight, item.Score, item.Weight / totalWeight, value, false));
        }

        return new(score, contributions);
    }
}
