namespace Performance.Domain.Scoring;

/// <summary>Shares of counts, e.g. 159 projects at 100% of 181 = 87,85%.</summary>
public static class Percentages
{
    /// <summary>part / whole × 100; null when the whole is 0 (no share of nothing).</summary>
    public static decimal? Of(decimal part, decimal whole) => whole == 0 ? null : part / whole * 100m;
}
