using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Periods;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// What the stored state allows for a new consuntivo: no entry into a closed period; a validated figure changes only
/// through a correction with a reason (which the OIV validates again); a submitted one waits for the OIV's decision.
/// </summary>
public sealed class ActualGuards
{
    private readonly List<PeriodClosure> _closures;
    private readonly Dictionary<(Guid, Guid, int, string), (int Revision, ActualStatus Status)> _current;

    private ActualGuards(List<PeriodClosure> closures, Dictionary<(Guid, Guid, int, string), (int, ActualStatus)> current) =>
        (_closures, _current) = (closures, current);

    public static async Task<ActualGuards> LoadAsync(PerformanceDbContext db, Guid planId, IReadOnlyCollection<Guid>? indicatorIds, CancellationToken ct)
    {
        var closures = await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == planId && c.ReopenedAt == null).ToListAsync(ct);
        var actuals = db.Actuals.AsNoTracking().Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == planId));
        if (indicatorIds is { Count: 1 }) actuals = actuals.Where(a => a.IndicatorId == indicatorIds.First());
        // The latest revision of every period, with its status.
        var latest = await actuals
            .Where(a => !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Year == a.Year && b.Period == a.Period && b.Revision > a.Revision))
            .Select(a => new { a.IndicatorId, a.ScopeId, a.Year, a.Period, a.Revision, a.Status })
            .ToListAsync(ct);
        return new ActualGuards(closures, latest.ToDictionary(a => (a.IndicatorId, a.ScopeId, a.Year, a.Period), a => (a.Revision, a.Status)));
    }

    /// <summary>The active closure covering the entry's period, if any (a year closure covers everything in it).</summary>
    public PeriodClosure? ClosureFor(Actual actual)
    {
        var period = Period.Parse(actual.Period);
        return _closures.FirstOrDefault(c => c.Year == actual.Year && Overlaps(Period.Parse(c.Period), period));
    }

    /// <summary>Assigns the next revision number; null when allowed, else why not.</summary>
    public string? Admit(Actual actual)
    {
        var key = (actual.IndicatorId, actual.ScopeId, actual.Year, actual.Period);
        var (revision, status) = _current.GetValueOrDefault(key);
        if (status == ActualStatus.Submitted && revision > 0)
            return $"Revision {revision} of {actual.Period} {actual.Year} is submitted and awaits the OIV: it must be validated or returned first.";
        if (status == ActualStatus.Validated && revision > 0 && string.IsNullOrWhiteSpace(actual.CorrectionReason))
            return $"Revision {revision} of {actual.Period} {actual.Year} is validated by the OIV and cannot be changed: send a correction with a 'reason'.";
        actual.Revision = revision + 1;
        _current[key] = (actual.Revision, actual.Status);
        return null;
    }

    public static string Describe(PeriodClosure c) =>
        $"{c.Period} {c.Year} is closed (closure {c.Id} by {c.ClosedBy} on {c.ClosedAt:yyyy-MM-dd}{(c.Reason is null ? "" : ": " + c.Reason)}); an Admin must reopen it.";

    // Forecast snapshots are closed only with the whole year; otherwise a closure covers every overlapping period.
    private static bool Overlaps(Period closed, Period entry) =>
        closed.Kind == PeriodKind.Year
        || (!entry.IsForecast && !closed.IsForecast && closed.Start(2000) <= entry.End(2000) && entry.Start(2000) <= closed.End(2000))
        || closed == entry;
}
