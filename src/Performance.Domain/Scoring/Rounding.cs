namespace Performance.Domain.Scoring;

/// <summary>
/// Presentation rounding only: half away from zero to 2 decimals, as the documents do
/// ((93,75 + 99,46)/2 = 96,605 → 96,61; the default banker's rounding would print 96,60).
/// The engine never rounds intermediate values.
/// </summary>
public static class Rounding
{
    public const int Decimals = 2;

    public static decimal Present(decimal v) => Math.Round(v, Decimals, MidpointRounding.AwayFromZero);

    public static decimal? Present(decimal? v) => v.HasValue ? Present(v.Value) : null;
}
