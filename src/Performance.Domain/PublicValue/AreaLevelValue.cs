namespace Performance.Domain.PublicValue;

/// <summary>
/// One value area at one level (central, territorial, institute).
/// Score: mean of the area scores of the level's structures that have the area (simple for central,
/// volume-weighted for territorial, mean of the two for the institute).
/// Contribution: the same mean taken over the structures' contributions, counting 0 where a structure has no item
/// in the area, so that the level's contributions add up to the level's VP. Share = Contribution / VP × 100.
/// </summary>
public sealed record AreaLevelValue(decimal? Score, decimal Contribution, decimal Share, int StructureCount);
