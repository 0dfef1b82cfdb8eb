namespace Performance.Domain.PublicValue;

/// <summary>
/// An already-scored objective, indicator or project of a structure, classified into a value area.
/// Score is the scoring engine's output in % (uncapped unless the plan's policy capped it).
/// SubAreaCode is carried for reporting only: the area score is the mean of all the area's items.
/// </summary>
/// <param name="Code">The item's code (in the API: the indicator's code).</param>
/// <param name="AreaCode">The code of the value area it counts in: the indicator's own, else its nearest classified node's (a sub-area counts for its area).</param>
/// <param name="SubAreaCode">The code of its sub-area, when it is classified into one; null otherwise.</param>
/// <param name="Score">Its score in the structure's scorecard, in %, at full precision.</param>
public sealed record ScoredItem(string Code, string AreaCode, string? SubAreaCode, decimal Score);
