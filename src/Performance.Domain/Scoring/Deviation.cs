namespace Performance.Domain.Scoring;

/// <summary>
/// Scostamento in every kind real reports use; each is null when undefined (e.g. T = 0 for relative and ratio).
/// Relative is polarity-aware: positive = better than target. Points (A − T) only when the unit is a percentage.
/// </summary>
public sealed record Deviation(decimal? Relative, decimal? Points, decimal? Ratio, decimal? Difference);
