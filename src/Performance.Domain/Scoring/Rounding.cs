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

    /// <summary>At most this many decimals for a consuntivo figure: more only ever comes from a division (a mean, a ratio).</summary>
    public const int FigureDecimals = 6;

    /// <summary>
    /// A consuntivo as entered (1,048 stays 1,048; scores and percentages are what get 2 decimals): only an aggregate that
    /// does not terminate, such as the mean of three entries, is rounded half away from zero at the sixth decimal.
    /// </summary>
    public static decimal? PresentFigure(decimal? v) => v.HasValue ? Math.Round(v.Value, FigureDecimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>An indicator's year figure: a rate computed as a ratio of sums is a percentage (2 decimals); any other figure as entered.</summary>
    public static decimal? PresentActual(decimal? v, Aggregation aggregation) =>
        aggregation == Aggregation.RatioOfSums ? Present(v) : PresentFigure(v);
}
