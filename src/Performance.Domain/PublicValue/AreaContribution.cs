namespace Performance.Domain.PublicValue;

/// <summary>
/// One area inside one structure's VP.
/// Score = mean of the structure's items in the area; Contribution = Weight × Score / Σ weights of the structure's
/// scored areas (so the contributions add up to the VP); Share = Contribution / VP × 100 (the pie chart).
/// </summary>
public sealed record AreaContribution(string Code, decimal Score, decimal Weight, decimal Contribution, decimal Share)
{
    /// <summary>How many scored items the mean is over.</summary>
    public int ItemCount { get; init; }

    /// <summary>Sum of those items' scores, so an OIV can redo Score = ItemScoreSum / ItemCount.</summary>
    public decimal ItemScoreSum { get; init; }

    /// <summary>Σ of the weights of the structure's scored areas: the denominator of Contribution.</summary>
    public decimal WeightSum { get; init; }
}
