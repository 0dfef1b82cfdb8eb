namespace Performance.Domain.PublicValue;

/// <summary>
/// An already-scored objective, indicator or project of a structure, classified into a value area.
/// Score is the scoring engine's output in % (uncapped unless the plan's policy capped it).
/// SubAreaCode is carried for reporting only: the area score is the mean of all the area's items.
/// </summary>
public sealed record ScoredItem(string Code, string AreaCode, string? SubAreaCode, decimal Score);
