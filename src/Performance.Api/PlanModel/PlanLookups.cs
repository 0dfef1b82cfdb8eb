using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>Every resource is reachable by id or by the code people use.</summary>
public static class PlanLookups
{
    /// <summary>
    /// A plan by id, by <c>ORG:CODE</c> (organization and plan code: unambiguous for every caller) or by its bare code. Plan
    /// codes are unique within an organization only: for a caller who sees several organizations a code they share names
    /// no plan, and the answer lists the <c>ORG:CODE</c> forms to use instead (a 404, so reads are never blocked by a 409).
    /// </summary>
    public static async Task<Plan> FindPlanAsync(this PerformanceDbContext db, string key, CancellationToken ct)
    {
        // Found once per unit of work (the score reads' ETag looks the plan up before the handler does): the same tracked
        // instance a second query would resolve to, without the query. Not once it is no longer tracked.
        if (db.FoundPlans.TryGetValue(key, out var found) && db.Entry(found).State != EntityState.Detached) return found;
        var plan = await FindAsync(db, key, ct);
        db.FoundPlans[key] = plan;
        return plan;
    }

    private static async Task<Plan> FindAsync(PerformanceDbContext db, string key, CancellationToken ct)
    {
        var visible = db.VisiblePlans().Include(p => p.Organization);
        if (Guid.TryParse(key, out var id))
            return await visible.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Plan", key);
        var colon = key.IndexOf(':');
        if (colon >= 0)
        {
            var (organization, code) = (key[..colon], key[(colon + 1)..]);
            return await visible.SingleOrDefaultAsync(p => p.Organization.Code == organization && p.Code == code, ct) ?? throw new NotFoundException("Plan", key);
        }
        var matches = await visible.Where(p => p.Code == key).ToListAsync(ct);
        return matches.Count switch
        {
            0 => throw new NotFoundException("Plan", key),
            1 => matches[0],
            _ => throw new NotFoundException(
                Say.It($"Il codice di piano '{key}' è usato da {matches.Count} enti: indicare il piano come {string.Join(" o ", matches.Select(p => $"'{p.Organization.Code}:{p.Code}'").Order(StringComparer.Ordinal))} (codice ente:codice piano), oppure con il suo id.", $"Plan code '{key}' is used by {matches.Count} organizations: name the plan as " +
                $"{string.Join(" or ", matches.Select(p => $"'{p.Organization.Code}:{p.Code}'").Order(StringComparer.Ordinal))} (organization code:plan code), or by its id.")),
        };
    }

    /// <summary>
    /// The plans the caller may see: another organization's plan does not exist for them (404, never a leak).
    /// </summary>
    public static IQueryable<Plan> VisiblePlans(this PerformanceDbContext db) =>
        db.Scope?.Organization is { } org ? db.Plans.Where(p => p.Organization.Code == org) : db.Plans;

    /// <summary>An indicator by id, or by <c>planCode:indicatorCode</c>.</summary>
    public static async Task<Indicator> FindIndicatorAsync(this PerformanceDbContext db, string key, CancellationToken ct, bool tracking = true) =>
        (await db.FindIndicatorInPlanAsync(key, ct, tracking)).Indicator;

    /// <summary>
    /// An indicator (by id, <c>planCode:indicatorCode</c> or <c>ORG:planCode:indicatorCode</c>) with its plan, found once: the
    /// plan is looked up one time either way. Codes never contain ':', so the last one ends the plan key.
    /// </summary>
    public static async Task<(Indicator Indicator, Plan Plan)> FindIndicatorInPlanAsync(this PerformanceDbContext db, string key, CancellationToken ct,
        bool tracking = true)
    {
        var query = tracking ? db.Indicators : db.Indicators.AsNoTracking();
        if (Guid.TryParse(key, out var id))
        {
            var byId = await query.SingleOrDefaultAsync(i => i.Id == id, ct);
            var owner = byId is null ? null : await db.VisiblePlans().Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == byId.PlanId, ct);
            return owner is null ? throw new NotFoundException("Indicator", key) : (byId!, owner);
        }
        var separator = key.LastIndexOf(':');
        if (separator <= 0 || separator == key.Length - 1)
        {
            var shown = ValidationRules.Excerpt(key, 100);
            throw new NotFoundException(Say.It($"Indicatore '{shown}' inesistente o non visibile (usare l'id, 'codicePiano:codiceIndicatore' o 'ENTE:codicePiano:codiceIndicatore').", $"Indicator '{shown}' does not exist or is not visible (use the id, 'planCode:indicatorCode' or 'ORG:planCode:indicatorCode')."));
        }
        var plan = await db.FindPlanAsync(key[..separator], ct);
        var code = key[(separator + 1)..];
        return (await query.SingleOrDefaultAsync(i => i.PlanId == plan.Id && i.Code == code, ct) ?? throw new NotFoundException("Indicator", key), plan);
    }

    /// <summary>An indicator of this plan by id or code (what a plan-scoped URL carries), from <paramref name="query"/> (with its includes), else 404.</summary>
    public static async Task<Indicator> FindIndicatorInAsync(this PerformanceDbContext db, Plan plan, string key, CancellationToken ct, IQueryable<Indicator>? query = null)
    {
        query ??= db.Indicators.AsNoTracking();
        return (Guid.TryParse(key, out var id)
                   ? await query.SingleOrDefaultAsync(i => i.PlanId == plan.Id && i.Id == id, ct)
                   : await query.SingleOrDefaultAsync(i => i.PlanId == plan.Id && i.Code == key, ct))
               ?? throw new NotFoundException("Indicator", key);
    }

    public static async Task<Node> FindNodeAsync(this PerformanceDbContext db, Guid planId, string key, CancellationToken ct)
    {
        var node = Guid.TryParse(key, out var id)
            ? await db.Nodes.SingleOrDefaultAsync(n => n.PlanId == planId && n.Id == id, ct)
            : await db.Nodes.SingleOrDefaultAsync(n => n.PlanId == planId && n.Code == key, ct);
        return node ?? throw new NotFoundException("Node", key);
    }
}
