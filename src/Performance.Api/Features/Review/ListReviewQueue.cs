using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Review;

/// <summary>
/// What awaits someone: for the OIV the submitted consuntivi, for the office the drafts and the returned ones.
/// Only the current revision of each period counts.
/// </summary>
public sealed record ListReviewQueue(string Plan, ActualStatus Status, int? Year) : IRequest<IReadOnlyList<QueueItem>>;

/// <summary>A consuntivo in the review queue (the current revision of its period, in the status asked for), with what the reviewer reads beside it.</summary>
/// <param name="IndicatorName">The indicator's name.</param>
/// <param name="Target">The target the consuntivo's year is scored against, as the year's scorecard resolves it: the plan's text
/// revised by the reprogramming acts (ReviseTarget) effective by 31 December of that year, and for a structure's own figure that
/// structure's own target when it has one; null when the year has none.</param>
/// <param name="Actual">The consuntivo.</param>
public sealed record QueueItem(string IndicatorName, string? Target, ActualResponse Actual);

public sealed class ListReviewQueueHandler(PerformanceDbContext db) : IRequestHandler<ListReviewQueue, IReadOnlyList<QueueItem>>
{
    public async Task<IReadOnlyList<QueueItem>> Handle(ListReviewQueue request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        // Split: one query per collection, not the product of every indicator's targets and structure targets.
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.StructureTargets).AsSplitQuery()
            .Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Id, ct);
        // The reviewer reads the target the scorecard scores the year against (acts effective by 31 December applied), not
        // the adopted text an act has since revised.
        var acts = await db.Reprogrammings.AsNoTracking().Where(r => r.PlanId == plan.Id).ToListAsync(ct);
        var timelines = new Dictionary<int, PlanTimeline>();
        PlanTimeline YearEnd(int year) =>
            timelines.TryGetValue(year, out var found) ? found : timelines[year] = new PlanTimeline(acts, new DateOnly(year, 12, 31));
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var actuals = db.Actuals.AsNoTracking().Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        if (request.Year is { } year) actuals = actuals.Where(a => a.Year == year);
        var current = await actuals
            .Where(a => a.Status == request.Status
                        && !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Year == a.Year && b.Period == a.Period && b.Revision > a.Revision))
            .ToListAsync(ct);
        return current
            .Select(a => (Actual: a, Indicator: indicators[a.IndicatorId]))
            .OrderBy(x => x.Indicator.SortOrder).ThenBy(x => x.Actual.Year).ThenBy(x => x.Actual.Period, StringComparer.Ordinal)
            .Select(x => new QueueItem(x.Indicator.Name, YearEnd(x.Actual.Year).TargetText(x.Indicator, x.Actual.Year, x.Actual.StructureId),
                ActualResponse.From(x.Actual, x.Indicator.Code, x.Actual.StructureId is { } s ? structures[s] : null)))
            .ToList();
    }
}

public sealed class ListReviewQueueEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/actuals/queue", (string plan, ActualStatus? status, int? year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListReviewQueue(plan, status ?? ActualStatus.Submitted, year), ct))
            .WithName(nameof(ListReviewQueue)).WithTags("Review").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("Consuntivi awaiting action (status=Submitted for the OIV; Draft or Returned for the office)")
            .Produces<IReadOnlyList<QueueItem>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<QueueItem>(q => q.Actual.Id.ToString());
}

/// <summary>
/// The queue at a glance: how many current consuntivi each structure has in each status. A structure's own figure counts
/// for that structure; an indicator-wide figure for the structure responsible for its objective (inherited down the tree, as
/// acts effective today moved and reassigned it),
/// or none (<c>structure: null</c>).
/// </summary>
public sealed record GetReviewQueueCounts(string Plan, int? Year) : IRequest<ReviewQueueCounts>;

/// <summary>How many current consuntivi (the latest revision of each period) are in each status, for the plan and per structure.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Year">The year counted; null when every year of the plan is.</param>
/// <param name="Totals">The plan's current consuntivi by status (Draft, Submitted, Validated, Returned; 0 included).</param>
/// <param name="Structures">The same counts per structure, by structure code, the figures of no structure last.</param>
public sealed record ReviewQueueCounts(string Plan, int? Year, IReadOnlyDictionary<ActualStatus, int> Totals, IReadOnlyList<StructureQueueCount> Structures);

/// <summary>
/// One structure's current consuntivi by status: its own figures, and the indicator-wide figures of the objectives it is
/// responsible for (inherited down the tree, as acts effective today left it).
/// </summary>
/// <param name="Structure">The structure's code; null for the figures no structure is responsible for.</param>
/// <param name="StructureName">The structure's name; null with the code.</param>
/// <param name="Counts">Its current consuntivi by status (Draft, Submitted, Validated, Returned; 0 included).</param>
public sealed record StructureQueueCount(string? Structure, string? StructureName, IReadOnlyDictionary<ActualStatus, int> Counts);

public sealed class GetReviewQueueCountsHandler(PerformanceDbContext db, TimeProvider time) : IRequestHandler<GetReviewQueueCounts, ReviewQueueCounts>
{
    public async Task<ReviewQueueCounts> Handle(GetReviewQueueCounts request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.PlanId == plan.Id).ToDictionaryAsync(n => n.Id, ct);
        var owners = await db.Indicators.AsNoTracking().Where(i => i.PlanId == plan.Id).Select(i => new { i.Id, i.NodeId }).ToListAsync(ct);
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Id, ct);
        // Who reviews now: the tree as the acts effective today moved nodes and reassigned structures.
        var timeline = new PlanTimeline(await db.Reprogrammings.AsNoTracking().Where(r => r.PlanId == plan.Id).ToListAsync(ct), time.TodayInItaly());
        Guid? Responsible(Guid nodeId) => nodes.GetValueOrDefault(nodeId) is { } node
            ? timeline.SelfAndAncestors(node, nodes).Select(timeline.StructureOf).FirstOrDefault(s => s is not null)
            : null;
        var responsible = owners.ToDictionary(i => i.Id, i => Responsible(i.NodeId));

        var actuals = db.Actuals.AsNoTracking().Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        if (request.Year is { } year) actuals = actuals.Where(a => a.Year == year);
        var counts = await actuals
            .Where(a => !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Year == a.Year && b.Period == a.Period && b.Revision > a.Revision))
            .GroupBy(a => new { a.IndicatorId, a.StructureId, a.Status }).Select(g => new { g.Key.IndicatorId, g.Key.StructureId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);

        static IReadOnlyDictionary<ActualStatus, int> ByStatus(IEnumerable<(ActualStatus Status, int Count)> rows) =>
            Enum.GetValues<ActualStatus>().ToDictionary(s => s, s => rows.Where(r => r.Status == s).Sum(r => r.Count));
        var rows = counts.Select(c => (Structure: c.StructureId ?? responsible[c.IndicatorId], c.Status, c.Count)).ToList();
        var perStructure = rows.GroupBy(r => r.Structure)
            .Select(g => new StructureQueueCount(g.Key is { } s ? structures[s].Code : null, g.Key is { } n ? structures[n].Name : null,
                ByStatus(g.Select(r => (r.Status, r.Count)))))
            .OrderBy(c => c.Structure is null).ThenBy(c => c.Structure, StringComparer.Ordinal).ToList();
        return new ReviewQueueCounts(plan.Code, request.Year, ByStatus(rows.Select(r => (r.Status, r.Count))), perStructure);
    }
}

public sealed class GetReviewQueueCountsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/actuals/queue/counts", (string plan, int? year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetReviewQueueCounts(plan, year), ct))
            .WithName(nameof(GetReviewQueueCounts)).WithTags("Review").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("How many current consuntivi each structure has in each status (the review queue at a glance)")
            .Produces<ReviewQueueCounts>().ProducesProblem(StatusCodes.Status404NotFound);
}
