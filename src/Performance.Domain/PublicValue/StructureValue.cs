namespace Performance.Domain.PublicValue;

/// <summary>
/// A structure's Valore Pubblico. Value is null when the structure has no scored item in a weighted area
/// (missing, not 0). Areas lists only the areas where the structure has scored items.
/// </summary>
public sealed record StructureValue(string Code, StructureKind Kind, decimal? Value, decimal? Volume, IReadOnlyList<AreaContribution> Areas)
{
    /// <summary>Whether the structure entered its level's mean (central or territorial); see ExclusionReason.</summary>
    public bool Included { get; init; }

    public string? ExclusionReason { get; init; }

    /// <summary>Σ of the weights of the areas the structure was scored in.</summary>
    public decimal WeightSum { get; init; }

    public int ItemCount { get; init; }
}
