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

/// <summary>One reprogramming act of the plan (a change decided by an act, effective from a date), with the value it replaced and the one it set; listed by effective date, then in the order recorded.</summary>
/// <param name="Id">The act's record id.</param>
/// <param name="Kind">Which change: ReassignStructure, MergeProject, CancelProject, ReviseTarget, ChangeWeight, AddNode, AddIndicator, RemoveNode, RemoveIndicator or MoveNode.</param>
/// <param name="Node">The code of the node changed (for a change of an indicator, the indicator's node).</param>
/// <param name="Indicator">The indicator's code for ReviseTarget, AddIndicator, RemoveIndicator and an indicator's ChangeWeight; else null.</param>
/// <param name="Year">ReviseTarget: the year whose target it revises; else null.</param>
/// <param name="Before">What the change replaced, as text, after the earlier acts: the responsible structure's code, the target, the weight, the parent's code (MoveNode; null = top level), or the code of the project merged or cancelled, or of the node or indicator removed; null for an addition or when there was none.</param>
/// <param name="After">What it set: the new structure's code, the target, the weight, the parent's code (MoveNode; null = top level), the project merged into, or the code of the node or indicator added; null for a cancellation or a removal.</param>
/// <param name="Act">The act that decided it.</param>
/// <param name="EffectiveDate">The day it takes effect (yyyy-MM-dd): scores as of an earlier day ignore it.</param>
/// <param name="Reason">Why; null when none was given.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="Structure">ReviseTarget of a structure's own target: that structure's code; absent for the plan's target.</param>
public sealed record ReprogrammingResponse(
    Guid Id, ReprogrammingKind Kind, string Node, string? Indicator, int? Year, string? Before, string? After, string Act,
    DateOnly EffectiveDate, string? Reason, DateTime RecordedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Structure = null);

public sealed class ListReprogrammingHandler(PerformanceDbContext db) : IRequestHandler<ListReprogramming, IReadOnlyList<ReprogrammingResponse>>
{
    public async Task<IReadOnlyList<ReprogrammingResponse>> Handle(ListReprogramming request, CancellationToken ct) =>
        await HistoryAsync(db, (await db.FindPlanAsync(request.Plan, ct)).Id, ct);

    public static async Task<IReadOnlyList<ReprogrammingResponse>> HistoryAsync(PerformanceDbContext db, Guid planId, CancellationToken ct)
    {
        var changes = await db.Reprogrammings.AsNoTracking().Include(r => r.Node).ThenInclude(n => n.Structure)
            .Include(r => r.Node).ThenInclude(n => n.Parent).Include(r => r.ToStructure).Include(r => r.IntoNode).Include(r => r.Indicator).ThenInclude(i => i!.Targets)
            .Include(r => r.Indicator).ThenInclude(i => i!.StructureTargets)
            .Where(r => r.PlanId == planId).ToListAsync(ct);
        var structureCodes = await db.Structures.AsNoTracking().Where(s => s.PlanId == planId).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        changes = changes.OrderBy(r => r.EffectiveDate).ThenBy(r => r.SortOrder).ToList();

        // "Before" is what the previous change in force left, or the original plan.
        var structureNow = new Dictionary<Guid, string?>();
        var targetNow = new Dictionary<(Guid, int, Guid?), string?>();
        var weightNow = new Dictionary<Guid, decimal>();
        var parentNow = new Dictionary<Guid, string?>();
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
                    // A structure's own target was, before its first act, the one it had set, else the plan's target then.
                    var plan = (r.IndicatorId!.Value, r.Year!.Value, (Guid?)null);
                    var planBefore = targetNow.TryGetValue(plan, out var t) ? t : r.Indicator!.Targets.FirstOrDefault(x => x.Year == r.Year)?.Text;
                    var key = (r.IndicatorId.Value, r.Year.Value, r.StructureId);
                    before = r.StructureId is not { } structure ? planBefore
                        : targetNow.TryGetValue(key, out var own) ? own
                        : r.Indicator!.StructureTargets.FirstOrDefault(x => x.Year == r.Year && x.StructureId == structure)?.Text ?? planBefore;
                    after = targetNow[key] = r.Target;
                    break;
                case ReprogrammingKind.ChangeWeight:
                    var weighted = r.IndicatorId ?? r.NodeId;
                    before = Text(weightNow.TryGetValue(weighted, out var w) ? w : r.Indicator?.Weight ?? r.Node.Weight);
                    weightNow[weighted] = r.Weight!.Value;
                    after = Text(r.Weight.Value);
                    break;
                case ReprogrammingKind.AddNode:
                    after = r.Node.Code;
                    break;
                case ReprogrammingKind.RemoveNode:
                    before = r.Node.Code;
                    break;
                case ReprogrammingKind.AddIndicator:
                    after = r.Indicator?.Code;
                    break;
                case ReprogrammingKind.RemoveIndicator:
                    before = r.Indicator?.Code;
                    break;
                case ReprogrammingKind.MoveNode:
                    // Before and after are the parent's code (null = top level).
                    before = parentNow.TryGetValue(r.NodeId, out var p) ? p : r.Node.Parent?.Code;
                    after = parentNow[r.NodeId] = r.IntoNode?.Code;
                    break;
            }
            return new ReprogrammingResponse(r.Id, r.Kind, r.Node.Code, r.Indicator?.Code, r.Year, before, after, r.Act, r.EffectiveDate, r.Reason, r.RecordedAt,
                r.StructureId is { } id ? structureCodes[id] : null);
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
