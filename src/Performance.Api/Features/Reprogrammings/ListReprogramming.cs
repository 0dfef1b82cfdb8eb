using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Reprogrammings;

/// <summary>The plan's reprogramming history, each change with what it replaced (before) and what it set (after).</summary>
public sealed record ListReprogramming(string Plan) : IRequest<IReadOnlyList<ReprogrammingResponse>>;

public sealed record ReprogrammingResponse(
    Guid Id, ReprogrammingKind Kind, string Node, string? Indicator, int? Year, string? Before, string? After, string Act,
    DateOnly EffectiveDate, string? Reason, DateTime RecordedAt);

public sealed class ListReprogrammingHandler(PerformanceDbContext db) : IRequestHandler<ListReprogramming, IReadOnlyList<ReprogrammingResponse>>
{
    public async Task<IReadOnlyList<ReprogrammingResponse>> Handle(ListReprogramming request, CancellationToken ct) =>
        await HistoryAsync(db, (await db.FindPlanAsync(request.Plan, ct)).Id, ct);

    public static async Task<IReadOnlyList<ReprogrammingResponse>> HistoryAsync(PerformanceDbContext db, Guid planId, CancellationToken ct)
    {
        var changes = await db.Reprogrammings.AsNoTracking().Include(r => r.Node).ThenInclude(n => n.Structure)
            .Include(r => r.ToStructure).Include(r => r.IntoNode).Include(r => r.Indicator).ThenInclude(i => i!.Targets)
            .Where(r => r.PlanId == planId).ToListAsync(ct);
        changes = changes.OrderBy(r => r.EffectiveDate).ThenBy(r => r.SortOrder).ToList();

        // "Before" is what the previous change in force left, or the original plan.
        var structureNow = new Dictionary<Guid, string?>();
        var targetNow = new Dictionary<(Guid, int), string?>();
        var weightNow = new Dictionary<Guid, decimal>();
        static string Text(decimal w) => w.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);
        return changes.Select(r =>
        {
            string? before = null, after = null;
            switch (r.Kind)
            {
                case ReprogrammingKind.ReassignStructure:
                    before = structureNow.TryGetValue(r.NodeId, out var s) ? s : r.Node.Structure?.Code;
                    after = structureNow[r.NodeId] = r.ToStructure?.Code;
                    break;
                case ReprogrammingKind.MergeProject:
                    (before, after) = (r.Node.Code, r.IntoNode?.Code);
                    break;
                case ReprogrammingKind.CancelProject:
                    (before, after) = (r.Node.Code, null);
                    break;
                case ReprogrammingKind.ReviseTarget:
                    var key = (r.IndicatorId!.Value, r.Year!.Value);
                    before = targetNow.TryGetValue(key, out var t) ? t : r.Indicator!.Targets.FirstOrDefault(x => x.Year == r.Year)?.Text;
                    after = targetNow[key] = r.Target;
                    break;
                case ReprogrammingKind.ChangeWeight:
                    var weighted = r.IndicatorId ?? r.NodeId;
                    before = Text(weightNow.TryGetValue(weighted, out var w) ? w : r.Indicator?.Weight ?? r.Node.Weight);
                    weightNow[weighted] = r.Weight!.Value;
                    after = Text(r.Weight.Value);
                    break;
            }
            return new ReprogrammingResponse(r.Id, r.Kind, r.Node.Code, r.Indicator?.Code, r.Year, before, after, r.Act, r.EffectiveDate, r.Reason, r.RecordedAt);
        }).ToList();
    }
}

public sealed class ListReprogrammingEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/reprogramming", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new ListReprogramming(plan), ct))
            .WithName(nameof(ListReprogramming)).RequireAuthorization(Policies.ReadPlans).WithTags("Reprogramming").WithSummary("Reprogramming history with before/after and acts")
            .Produces<IReadOnlyList<ReprogrammingResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<ReprogrammingResponse>(r => r.Id.ToString());
}
