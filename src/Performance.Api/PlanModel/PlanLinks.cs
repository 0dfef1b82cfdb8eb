using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>
/// The links a roll forward leaves (docs/rollover.md): every new indicator points at the one it came from. Followed both
/// ways, they give an indicator's history across plans; only plans the caller may see are followed.
/// </summary>
public static class PlanLinks
{
    /// <summary>The indicator and every indicator linked to it, earlier or later, each with its plan.</summary>
    public static async Task<IReadOnlyList<(Indicator Indicator, Plan Plan)>> ChainAsync(PerformanceDbContext db, Indicator indicator, Plan plan, CancellationToken ct)
    {
        var found = new Dictionary<Guid, (Indicator Indicator, Plan Plan)> { [indicator.Id] = (indicator, plan) };
        var pending = new Queue<Indicator>([indicator]);
        while (pending.TryDequeue(out var current))
        {
            var source = current.SourceIndicatorId;
            var linked = await db.Indicators.AsNoTracking()
                .Where(i => (i.Id == source || i.SourceIndicatorId == current.Id) && db.VisiblePlans().Any(p => p.Id == i.PlanId))
                .ToListAsync(ct);
            foreach (var next in linked.Where(i => !found.ContainsKey(i.Id)))
            {
                var owner = await db.VisiblePlans().AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Id == next.PlanId, ct);
                found[next.Id] = (next, owner);
                pending.Enqueue(next);
            }
        }
        return found.Values.ToList();
    }

    /// <summary>The plan this one was rolled forward from (where its indicators' links lead), when the caller may see it.</summary>
    public static async Task<Plan?> SourcePlanAsync(PerformanceDbContext db, Plan plan, CancellationToken ct)
    {
        var source = await db.Indicators.AsNoTracking().Where(i => i.PlanId == plan.Id && i.SourceIndicatorId != null)
            .Select(i => i.SourceIndicatorId).FirstOrDefaultAsync(ct);
        return source is null ? null : await db.VisiblePlans().Include(p => p.Organization)
            .SingleOrDefaultAsync(p => db.Indicators.Any(i => i.Id == source && i.PlanId == p.Id), ct);
    }
}
