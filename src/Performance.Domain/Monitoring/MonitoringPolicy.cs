using Performance.Domain.Periods;

namespace Performance.Domain.Monitoring;

/// <summary>
/// Where an indicator stands against its expected progress at a period's end (docs/monitoring.md). JSON carries these
/// identifiers (the API contract's <c>InLinea|ARischio|Critico</c>); people read <see cref="MonitoringStatuses.Label"/>:
/// in linea, a rischio, critico.
/// </summary>
public enum MonitoringStatus { InLinea, ARischio, Critico }

public static class MonitoringStatuses
{
    public static string Label(MonitoringStatus status) => status switch
    {
        MonitoringStatus.InLinea => "in linea",
        MonitoringStatus.ARischio => "a rischio",
        MonitoringStatus.Critico => "critico",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// The plan's monitoring rules, part of its scoring policy: progress thresholds (docs/monitoring.md: in linea ≥ 95,
/// a rischio 80–95, critico below 80), the entry calendar (a consuntivo is due this many days after its period ends) and,
/// per indicator code, the optional seasonal profile and cumulative per-period targets.
/// </summary>
public sealed record MonitoringPolicy
{
    public static MonitoringPolicy Default { get; } = new();

    /// <summary>Progress (% of the expected value) at or above this is in linea (on track).</summary>
    public decimal OnTrackFrom { get; init; } = 95m;

    /// <summary>Progress at or above this (and below OnTrackFrom) is a rischio (at risk); below it, critico.</summary>
    public decimal AtRiskFrom { get; init; } = 80m;

    /// <summary>Days after the end of a period by which its consuntivo is due.</summary>
    public int EntryDays { get; init; } = 30;

    /// <summary>By indicator code: its seasonal profile and cumulative period targets; an indicator not listed has neither.</summary>
    public IReadOnlyDictionary<string, IndicatorSchedule> Indicators { get; init; } = new Dictionary<string, IndicatorSchedule>();

    public MonitoringStatus StatusOf(decimal progress) =>
        progress >= OnTrackFrom ? MonitoringStatus.InLinea : progress >= AtRiskFrom ? MonitoringStatus.ARischio : MonitoringStatus.Critico;

    public IndicatorSchedule ScheduleOf(string indicatorCode) =>
        Indicators.TryGetValue(indicatorCode, out var schedule) ? schedule : IndicatorSchedule.None;
}

/// <summary>
/// How an indicator's year is expected to unfold. Profile: the share (%) of a Sum indicator's yearly target
/// falling in each period (seasonal work; the shares should add up to 100). Targets: per year, the
/// cumulative figure expected at the end of a period ("50% entro giugno" → S1: 50), in the indicator's unit.
/// </summary>
/// <param name="Profile">By period code (S1–S2, T1–T3, Q1–Q4 or M01–M12): the % of the yearly target falling in it; empty: no profile.</param>
/// <param name="Targets">By year, then period code: the cumulative figure expected at the period's end, in the indicator's unit; empty: none.</param>
public sealed record IndicatorSchedule(
    IReadOnlyDictionary<Period, decimal> Profile,
    IReadOnlyDictionary<int, IReadOnlyDictionary<Period, decimal>> Targets)
{
    public static IndicatorSchedule None { get; } = new(new Dictionary<Period, decimal>(), new Dictionary<int, IReadOnlyDictionary<Period, decimal>>());
}
