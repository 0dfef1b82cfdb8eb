namespace Performance.Domain.Scoring;

/// <summary>
/// Which figure of the year to score. By default the consuntivi (actuals) up to <see cref="AsOf"/>;
/// <see cref="Forecast"/> = n scores the year "as forecast Fn" (previsione n) instead, ignoring actuals.
/// Forecasts are never mixed with actuals; with <see cref="FallbackToLatestForecast"/> the latest forecast is used
/// only when there is no actual at all (the explanation then says the figure is a forecast).
/// </summary>
public sealed record ScoringView(DateOnly? AsOf = null, int? Forecast = null, bool FallbackToLatestForecast = false)
{
    public static ScoringView Actuals { get; } = new();

    public static ScoringView AsForecast(int index) => new(Forecast: index);

    /// <summary>
    /// True (the default): every evaluation carries its full <see cref="Explanation"/>. False: the same figures
    /// (Actual, Achievement, Score, Met, Status, Deviation, JustificationRequired) computed without building any
    /// explanation text or list; the evaluation's explanation is then <see cref="Explanation.NotRequested"/>.
    /// Scorecards and roll-ups use false; only an explicit "explain" request pays for the explanation.
    /// </summary>
    public bool Explain { get; init; } = true;
}
