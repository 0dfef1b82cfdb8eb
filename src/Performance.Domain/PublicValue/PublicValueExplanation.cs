namespace Performance.Domain.PublicValue;

/// <summary>What an OIV needs to redo the numbers by hand.</summary>
/// <param name="WeightsUsed">The value areas' weights applied, in the plan's order.</param>
/// <param name="DefaultEqualWeights">True when the plan weighs no value area, so every area found among the items counted 1;
/// false when the plan's own area weights (default 1 each) were used.</param>
/// <param name="CentralStructuresUsed">How many central structures entered the central VP.</param>
/// <param name="TerritorialStructuresUsed">How many territorial structures entered the territorial VP.</param>
/// <param name="TerritorialVolumeUsed">The sum of those territorial structures' production volumes: the territorial VP's denominator.</param>
/// <param name="Exclusions">The structures left out of their level's mean, each with the reason.</param>
/// <param name="Rules">The rules applied, in words (Italian, or English on request).</param>
public sealed record PublicValueExplanation(
    IReadOnlyList<ValueAreaWeight> WeightsUsed,
    bool DefaultEqualWeights,
    int CentralStructuresUsed,
    int TerritorialStructuresUsed,
    decimal TerritorialVolumeUsed,
    IReadOnlyList<StructureExclusion> Exclusions,
    IReadOnlyList<string> Rules);

/// <summary>A structure left out of its level's mean, and why.</summary>
/// <param name="Code">The structure's code.</param>
/// <param name="Kind">Its level: Central or Territorial.</param>
/// <param name="Reason">Why, in words: no scored item in a weighted value area, or a territorial structure without a positive production volume.</param>
public sealed record StructureExclusion(string Code, StructureKind Kind, string Reason);
