namespace Performance.Domain.Scoring;

/// <summary>Decimal arithmetic that reports "out of range" instead of throwing, for extreme but legal inputs.</summary>
internal static class SafeMath
{
    /// <summary>x / y × factor; null when y = 0 or the result leaves the decimal range.</summary>
    public static decimal? Divide(decimal x, decimal y, decimal factor = 1m)
    {
        if (y == 0) return null;
        try
        {
            return x / y * factor;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
