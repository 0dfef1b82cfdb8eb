using Performance.Domain.Language;

namespace Performance.Domain.PublicValue;

/// <summary>
/// Valore Pubblico as in the INPS SMVP 2024 §4.4.4 (Relazione sulla Performance 2024, «Il Valore Pubblico»; docs/public-value-and-lgg.md).
/// Pure: no I/O, full decimal precision, no rounding (rounding is presentation).
/// </summary>
public static class PublicValueCalculator
{
    // Texts for people, in the caller's language: read per computation, never kept in a static.
    internal static string NoScoredItems => Say.It("nessun elemento valutato in un ambito di valore pesato", "no scored items in a weighted value area");
    internal static string NoVolume => Say.It("struttura territoriale senza un volume di produzione positivo: non può essere pesata",
        "territorial structure without a positive production volume: it cannot be weighted");

    private static IReadOnlyList<string> RulesText =>
    [
        Say.It("punteggio d'ambito = media semplice degli elementi valutati della struttura nell'ambito",
            "area score = simple mean of the structure's scored items in the area"),
        Say.It("VP della struttura = Σ(peso d'ambito × punteggio d'ambito) / Σ pesi d'ambito, sugli ambiti in cui la struttura ha elementi valutati",
            "structure VP = Σ(area weight × area score) / Σ area weights, over the areas where the structure has scored items"),
        Say.It("contributo d'ambito = peso d'ambito × punteggio d'ambito / Σ pesi d'ambito; quota = contributo / VP × 100",
            "area contribution = area weight × area score / Σ area weights; share = contribution / VP × 100"),
        Say.It("VP centrale = media semplice dei VP delle strutture centrali", "central VP = simple mean of the central structures' VP"),
        Say.It("VP territoriale = Σ(VP × volume) / Σ volume sulle strutture territoriali con volume positivo; le altre sono escluse ed elencate",
            "territorial VP = Σ(VP × volume) / Σ volume over the territorial structures with a positive volume; the others are excluded and listed"),
        Say.It("VP dell'istituto = (centrale + territoriale) / 2, o il solo presente", "institute VP = (central + territorial) / 2, or the only one present"),
        Say.It("per ambito e livello, contributo = la stessa media dei contributi delle strutture (0 dove una struttura non ha l'ambito), così i contributi sommano al VP del livello",
            "per area and level, contribution = the same mean of the structures' contributions (0 where a structure lacks the area), so contributions add up to the level's VP"),
        Say.It("nessun valore è limitato a 100", "no value is capped at 100"),
    ];

    public static PublicValueResult Compute(IReadOnlyList<StructureItems> structures, IReadOnlyList<ValueAreaWeight> areas)
    {
        ArgumentNullException.ThrowIfNull(structures);
        ArgumentNullException.ThrowIfNull(areas);

        var weights = ResolveWeights(structures, areas, out var defaultWeights);
        var weightByCode = weights.ToDictionary(w => w.AreaCode, w => w.Weight, StringComparer.Ordinal);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = new List<StructureValue>(structures.Count);
        var exclusions = new List<StructureExclusion>();
        foreach (var s in structures)
        {
            ValidateStructure(s);
            if (!seen.Add(s.StructureCode))
                throw new ArgumentException($"Structure '{s.StructureCode}' appears more than once.", nameof(structures));

            var value = ComputeStructure(s, weightByCode, weights);
            values.Add(value);
            if (!value.Included)
                exclusions.Add(new StructureExclusion(value.Code, value.Kind, value.ExclusionReason!));
        }

        var central = values.Where(v => v.Included && v.Kind == StructureKind.Central).ToList();
        var territorial = values.Where(v => v.Included && v.Kind == StructureKind.Territorial).ToList();

        // Central: every structure counts once. Territorial: weighted by production volume.
        var centralVp = Mean(central, _ => 1m, v => v.Value!.Value);
        var territorialVp = Mean(territorial, v => v.Volume!.Value, v => v.Value!.Value);
        var instituteVp = MeanOfPresent(centralVp, territorialVp);

        var areaValues = weights
            .Select(w => new AreaValue(
                w.AreaCode,
                w.Weight,
                AreaLevel(central, w.AreaCode, _ => 1m, centralVp),
                AreaLevel(territorial, w.AreaCode, v => v.Volume!.Value, territorialVp),
                null))
            .Select(a => a with { Institute = InstituteLevel(a.Central, a.Territorial, instituteVp) })
            .ToList();

        var explanation = new PublicValueExplanation(
            weights,
            defaultWeights,
            central.Count,
            territorial.Count,
            territorial.Sum(v => v.Volume!.Value),
            exclusions,
            RulesText);

        return new PublicValueResult(instituteVp, centralVp, territorialVp, values, areaValues, explanation);
    }

    // An empty weight list means "equal weights" over the areas that occur, in order of first appearance.
    private static List<ValueAreaWeight> ResolveWeights(
        IReadOnlyList<StructureItems> structures, IReadOnlyList<ValueAreaWeight> areas, out bool defaultWeights)
    {
        defaultWeights = areas.Count == 0;
        if (defaultWeights)
        {
            return structures
                .Where(s => s?.Items is not null)
                .SelectMany(s => s.Items)
                .Where(i => !string.IsNullOrWhiteSpace(i?.AreaCode))
                .Select(i => i.AreaCode)
                .Distinct(StringComparer.Ordinal)
                .Select(code => new ValueAreaWeight(code, 1m))
                .ToList();
        }

        var result = new List<ValueAreaWeight>(areas.Count);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in areas)
        {
            if (a is null || string.IsNullOrWhiteSpace(a.AreaCode))
                throw new ArgumentException("A value area weight has no area code.", nameof(areas));
            if (a.Weight < 0)
                throw new ArgumentException($"Value area '{a.AreaCode}' has a negative weight ({a.Weight}).", nameof(areas));
            if (!codes.Add(a.AreaCode))
                throw new ArgumentException($"Value area '{a.AreaCode}' is weighted more than once.", nameof(areas));
            result.Add(a);
        }
        return result;
    }

    private static void ValidateStructure(StructureItems s)
    {
        if (s is null || string.IsNullOrWhiteSpace(s.StructureCode))
            throw new ArgumentException("A structure has no code.");
        if (s.Items is null)
            throw new ArgumentException($"Structure '{s.StructureCode}' has no item list.");
        if (s.Volume < 0)
            throw new ArgumentException($"Structure '{s.StructureCode}' has a negative production volume ({s.Volume}).");
        foreach (var i in s.Items)
        {
            if (i is null || string.IsNullOrWhiteSpace(i.AreaCode))
                throw new ArgumentException($"An item of structure '{s.StructureCode}' has no value area.");
        }
    }

    private static StructureValue ComputeStructure(
        StructureItems s, Dictionary<string, decimal> weightByCode, List<ValueAreaWeight> order)
    {
        var groups = s.Items
            .GroupBy(i => i.AreaCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var code in groups.Keys)
        {
            if (!weightByCode.ContainsKey(code))
                throw new ArgumentException(
                    $"Structure '{s.StructureCode}' has items in value area '{code}', which has no weight in this plan.");
        }

        // Areas in the plan's order, so every structure lists them alike.
        var scored = order
            .Where(w => groups.ContainsKey(w.AreaCode))
            .Select(w => (w.AreaCode, w.Weight, Items: groups[w.AreaCode]))
            .ToList();

        var weightSum = scored.Sum(a => a.Weight);
        var itemCount = s.Items.Count;
        var volume = s.Volume;

        if (weightSum == 0)
        {
            // Nothing weighed: the VP is missing, not 0. Area scores are still shown for the record.
            var bare = scored.Select(a => Area(a.AreaCode, a.Weight, a.Items, 0m, null)).ToList();
            return new StructureValue(s.StructureCode, s.Kind, null, volume, bare)
            {
                Included = false, ExclusionReason = NoScoredItems, WeightSum = 0m, ItemCount = itemCount,
            };
        }

        var contributions = scored
            .Select(a => (a, contribution: a.Weight * Mean(a.Items) / weightSum))
            .ToList();
        var vp = contributions.Sum(c => c.contribution);
        var areaResults = contributions
            .Select(c => Area(c.a.AreaCode, c.a.Weight, c.a.Items, weightSum, vp))
            .ToList();

        var excluded = s.Kind == StructureKind.Territorial && !(s.Volume > 0);
        return new StructureValue(s.StructureCode, s.Kind, vp, volume, areaResults)
        {
            Included = !excluded,
            ExclusionReason = excluded ? NoVolume : null,
            WeightSum = weightSum,
            ItemCount = itemCount,
        };
    }

    private static AreaContribution Area(string code, decimal weight, List<ScoredItem> items, decimal weightSum, decimal? vp)
    {
        var score = Mean(items);
        var contribution = weightSum == 0 ? 0m : weight * score / weightSum;
        // A VP of exactly 0 has nothing to split: shares are 0 rather than a division error.
        var share = vp is null || vp == 0 ? 0m : contribution / vp.Value * 100m;
        return new AreaContribution(code, score, weight, contribution, share)
        {
            ItemCount = items.Count,
            ItemScoreSum = items.Sum(i => i.Score),
            WeightSum = weightSum,
        };
    }

    private static decimal Mean(List<ScoredItem> items) => items.Sum(i => i.Score) / items.Count;

    private static decimal? Mean<T>(IReadOnlyCollection<T> source, Func<T, decimal> weight, Func<T, decimal> value)
    {
        var total = source.Sum(weight);
        return total == 0 ? null : source.Sum(x => weight(x) * value(x)) / total;
    }

    private static decimal? MeanOfPresent(decimal? a, decimal? b) => (a, b) switch
    {
        ({ } x, { } y) => (x + y) / 2m,
        ({ } x, null) => x,
        (null, { } y) => y,
        _ => null,
    };

    private static AreaLevelValue? AreaLevel(
        List<StructureValue> level, string areaCode, Func<StructureValue, decimal> weight, decimal? levelVp)
    {
        if (levelVp is null)
            return null;

        var withArea = level
            .Select(v => (v, area: v.Areas.FirstOrDefault(a => a.Code == areaCode)))
            .Where(x => x.area is not null)
            .ToList();
        var scoreWeight = withArea.Sum(x => weight(x.v));
        decimal? score = scoreWeight == 0 ? null : withArea.Sum(x => weight(x.v) * x.area!.Score) / scoreWeight;

        // Same weights as the level's VP, 0 where the area is absent: contributions then add up to the VP.
        var contribution = level.Sum(v => weight(v) * (v.Areas.FirstOrDefault(a => a.Code == areaCode)?.Contribution ?? 0m))
                           / level.Sum(weight);
        var share = levelVp == 0 ? 0m : contribution / levelVp.Value * 100m;
        return new AreaLevelValue(score, contribution, share, withArea.Count);
    }

    private static AreaLevelValue? InstituteLevel(AreaLevelValue? central, AreaLevelValue? territorial, decimal? instituteVp)
    {
        if (instituteVp is null)
            return null;
        // One level only: the institute is that level, area by area.
        if (central is null || territorial is null)
            return central ?? territorial;

        var contribution = (central.Contribution + territorial.Contribution) / 2m;
        var share = instituteVp == 0 ? 0m : contribution / instituteVp.Value * 100m;
        return new AreaLevelValue(
            MeanOfPresent(central.Score, territorial.Score),
            contribution,
            share,
            central.StructureCount + territorial.StructureCount);
    }
}
