namespace Performance.Domain.PublicValue;

/// <summary>
/// One structure's scored items. Volume is the production volume that weights a territorial structure;
/// it is ignored for central structures.
/// </summary>
/// <param name="StructureCode">The structure's code.</param>
/// <param name="Kind">Central or Territorial: how the structure enters its level's VP.</param>
/// <param name="Volume">Its production volume for the year, as the plan records it; null when none is recorded.</param>
/// <param name="Items">Its scored items: the indicators with a score and a weight above 0 in its own scorecard that are classified into a value area.</param>
public sealed record StructureItems(string StructureCode, StructureKind Kind, decimal? Volume, IReadOnlyList<ScoredItem> Items);
