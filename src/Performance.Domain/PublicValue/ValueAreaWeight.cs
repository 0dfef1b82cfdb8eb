namespace Performance.Domain.PublicValue;

/// <summary>
/// The weight of a value area in a structure's VP. Weights are relative (they need not sum to 1 or 100);
/// 0 means "reported, not weighed".
/// </summary>
/// <param name="AreaCode">The value area's code (a top-level area of the plan).</param>
/// <param name="Weight">Its weight, relative to the other areas' (the plan's valueAreas weight, default 1).</param>
public sealed record ValueAreaWeight(string AreaCode, decimal Weight);
