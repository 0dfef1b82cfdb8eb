namespace Performance.Domain.PublicValue;

/// <summary>What an OIV needs to redo the numbers by hand.</summary>
public sealed record PublicValueExplanation(
    IReadOnlyList<ValueAreaWeight> WeightsUsed,
    bool DefaultEqualWeights,
    int CentralStructuresUsed,
    int TerritorialStructuresUsed,
    decimal TerritorialVolumeUsed,
    IReadOnlyList<StructureExclusion> Exclusions,
    IReadOnlyList<string> Rules);

/// <summary>A structure left out of its level's mean, and why.</summary>
public sealed record StructureExclusion(string Code, StructureKind Kind, string Reason);
