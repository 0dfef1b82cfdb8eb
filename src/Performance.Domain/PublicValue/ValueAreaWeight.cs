namespace Performance.Domain.PublicValue;

/// <summary>
/// The weight of a value area in a structure's VP. Weights are relative (they need not sum to 1 or 100);
/// 0 means "reported, not weighed".
/// </summary>
public sealed record ValueAreaWeight(string AreaCode, decimal Weight);
