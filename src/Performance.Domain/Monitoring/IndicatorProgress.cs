namespace Performance.Domain.Monitoring;

/// <summary>Where the expected value at a period's end came from (docs/monitoring.md, "Expected progress").</summary>
public enum ExpectationMethod
{
    /// <summary>The plan's cumulative target for that period (policy <c>monitoring.indicators[code].targets</c>).</summary>
    PeriodTarget,

    /// <summary>A value due by a date ("100% entro il 30/06"): the whole value once the date has passed, else its share.</summary>
    DatedTarget,

    /// <summary>A Sum indicator: the yearly target × elapsed months ÷ 12.</summary>
    ElapsedShare,

    /// <summary>A Sum indicator with a seasonal profile: the yearly target × the profile's cumulative share.</summary>
    SeasonalProfile,

    /// <summary>Last, Average and RatioOfSums indicators: the yearly target itself.</summary>
    YearTarget,

    /// <summary>A milestone: 100% completion by its due date (31 December without one), linear in days before it.</summary>
    MilestoneShare,
}

/// <summary>How the year-end figure was forecast.</summary>
public enum ForecastMethod
{
    /// <summary>The latest forecast F1–F4 entered by the period's end (Fk counts from the end of quarter k).</summary>
    EnteredForecast,

    /// <summary>A Sum indicator: the year-to-date figure ÷ the elapsed share (calendar, or the seasonal profile).</summary>
    SumProjection,

    /// <summary>Last, Average and RatioOfSums indicators: the year-to-date figure itself.</summary>
    YearToDate,
}

/// <summary>
/// One indicator at a period's end: its year-to-date figure, the expected value E with how it was obtained, the progress
/// (the achievement formula applied to the year-to-date figure and E, raw %), the status, and the year-end forecast
/// with whether it meets the yearly target (raggiungibile al 31/12). Null progress: nothing to compare yet (reason given).
/// </summary>
public sealed record IndicatorProgress(
    string Code,
    decimal? YearToDate,
    decimal? Expected,
    ExpectationMethod? ExpectedMethod,
    string ExpectedCalculation,
    decimal? Progress,
    MonitoringStatus? Status,
    decimal? Forecast,
    ForecastMethod? ForecastMethod,
    string? ForecastCalculation,
    bool? Reachable,
    string? MissingReason = null);

/// <summary>A node's progress: the weighted mean of its indicators' and children's progress, each capped at 100.</summary>
public sealed record NodeProgress(
    string Code,
    decimal? Progress,
    MonitoringStatus? Status,
    IReadOnlyList<IndicatorProgress> Indicators,
    IReadOnlyList<NodeProgress> Children);
