namespace Performance.Domain.PublicValue;

/// <summary>
/// One structure's scored items. Volume is the production volume that weights a territorial structure;
/// it is ignored for central structures.
/// </summary>
public sealed record StructureItems(string StructureCode, StructureKind Kind, decimal? Volume, IReadOnlyList<ScoredItem> Items);
