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

    /// <summary>x − y; null when it leaves the decimal range.</summary>
    public static decimal? Subtract(decimal x, decimal y)
    {
        try
        {
            return x - y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// (x − y) / divisor × factor; null when the result leaves the decimal range. When x − y alone leaves it (x and −y
    /// share a sign), each term is divided first: x / divisor × factor − y / divisor × factor.
    /// </summary>
    public static decimal? DivideDifference(decimal x, decimal y, decimal divisor, decimal factor)
    {
        var difference = Subtract(x, y);
        if (difference.HasValue) return Divide(difference.Value, divisor, factor);
        var (dx, dy) = (Divide(x, divisor, factor), Divide(y, divisor, factor));
        return dx.HasValue && dy.HasValue ? Subtract(dx.Value, dy.Value) : null;
    }
}
