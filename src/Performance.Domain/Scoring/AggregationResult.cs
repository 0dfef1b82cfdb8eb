using Performance.Domain.Periods;

namespace Performance.Domain.Scoring;

/// <summary>What the year's figure rests on.</summary>
public enum AggregationBasis
{
    /// <summary>Nothing usable: the indicator is missing.</summary>
    None,

    /// <summary>The annual consuntivo (Y).</summary>
    Final,

    /// <summary>Period entries (never two covering the same month), combined by the indicator's rule.</summary>
    Periods,

    /// <summary>A forecast snapshot (F1–F4).</summary>
    Forecast,
}

/// <summary>An entry left out of the figure, and why (superseded revision, other granularity, after asOf...).</summary>
public sealed record IgnoredActual(PeriodActual Actual, string Reason);

/// <summary>
/// The year's figure for an indicator. <see cref="Used"/> lists the entries it rests on in period order;
/// <see cref="Calculation"/> spells the arithmetic with the numbers ("M01 + M02 = 10 + 20 = 30").
/// Numerator/Denominator are the sums when the rule is RatioOfSums.
/// </summary>
public sealed record AggregationResult(
    decimal? Value,
    Aggregation Rule,
    AggregationBasis Basis,
    PeriodKind? Granularity,
    IReadOnlyList<PeriodActual> Used,
    IReadOnlyList<IgnoredActual> Ignored,
    string Calculation,
    decimal? Numerator = null,
    decimal? Denominator = null)
{
    /// <summary>The entry of the latest period used (what milestones read Done/Completion from).</summary>
    public PeriodActual? Latest => Used.Count == 0 ? null : Used[^1];

    /// <summary>The figure as numerator ÷ denominator, its division not yet done.</summary>
    internal Quotient? Exact { get; init; }
}
