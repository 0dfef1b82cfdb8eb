using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Actuals;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Loads what <see cref="ActualAdmission"/> decides on: the plan's closures in force and the latest stored revision (with its
/// status) of every period the new entries can collide with.
/// </summary>
public static class ActualGuards
{
    /// <summary>Indicator ids per guard query: well within every engine's parameter limit.</summary>
    private const int IdsPerQuery = 500;

    /// <param name="indicatorIds">The indicators the new entries are for; null = the whole plan.</param>
    /// <param name="years">The years of the new entries; null = every year. Entries are only admitted for these.</param>
    public static async Task<ActualAdmission> LoadAsync(PerformanceDbContext db, Guid planId, IReadOnlyCollection<Guid>? indicatorIds, CancellationToken ct,
        IReadOnlyCollection<int>? years = null)
    {
        var closures = await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == planId && c.ReopenedAt == null).ToListAsync(ct);
        var validations = await db.YearValidations.AsNoTracking().Where(v => v.PlanId == planId).ToListAsync(ct);
        var actuals = db.Actuals.AsNoTracking().Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == planId));
        if (years is not null) actuals = actuals.Where(a => years.Contains(a.Year));
        if (indicatorIds is { Count: 1 })
        {
            actuals = actuals.Where(a => a.IndicatorId == indicatorIds.First());
            // The latest revision of every period, with its status.
            var latest = await actuals
                .Where(a => !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Year == a.Year && b.Period == a.Period && b.Revision > a.Revision))
                .ToListAsync(ct);
            return new ActualAdmission(closures, latest.ToDictionary(a => (a.IndicatorId, a.ScopeId, a.Year, a.Period), a => (a.Revision, a.Status, (ActualFigure?)ActualFigure.Of(a))), validations);
        }

        // Many indicators (bulk): read every revision's key, number and status of the indicators concerned (by index, a
        // chunk of ids at a time) and keep the latest per period here: the same answer as the NOT EXISTS query above
        // without a correlated subquery per stored row.
        // Each row's figure is kept too: a re-sent row equal to the current revision creates nothing.
        var current = new Dictionary<(Guid, Guid, int, string), (int, ActualStatus, ActualFigure?)>();
        async Task ReadAsync(IQueryable<Actual> query)
        {
            await foreach (var a in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                var key = (a.IndicatorId, a.ScopeId, a.Year, a.Period);
                if (!current.TryGetValue(key, out var known) || a.Revision > known.Item1) current[key] = (a.Revision, a.Status, ActualFigure.Of(a));
            }
        }
        if (indicatorIds is null) await ReadAsync(actuals);
        else
            foreach (var chunk in indicatorIds.Chunk(IdsPerQuery))
                await ReadAsync(actuals.Where(a => chunk.Contains(a.IndicatorId)));
        return new ActualAdmission(closures, current, validations);
    }
}
