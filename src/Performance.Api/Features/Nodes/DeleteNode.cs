using MediatR;
using Performance.Domain.Language;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Nodes;

/// <summary>
/// Removes a node with everything below it (If-Match required). In Draft it is deleted, unless it (or anything below it)
/// has consuntivi or other record (409: cancel it by an act). Once the plan is adopted it needs an act (<c>act</c>,
/// <c>date</c>, <c>reason</c>) and is removed from the act's date only: stored and shown by asOf before it, its
/// consuntivi kept. Never in a validated year (409).
/// </summary>
public sealed record DeleteNode(string Plan, string Node, Guid IfMatch, string? Act, DateOnly? Date, string? Reason) : IRequest<Unit>;

public sealed class DeleteNodeHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<DeleteNode, Unit>
{
    public async Task<Unit> Handle(DeleteNode request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var node = await db.FindNodeAsync(plan.Id, request.Node, ct);
        Concurrency.Check(node.Version, request.IfMatch, Say.It($"Nodo '{node.Code}'", $"Node '{node.Code}'"));
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, request.Act, request.Date, request.Reason, time.TodayInItaly(), errors);
        errors.ThrowIfAny();
        PlanRecord.Refuse(act is null ? freeze.PlanWideChange() : freeze.ChangeFrom(act.Date));

        if (act is not null)
        {
            if (await db.Reprogrammings.AnyAsync(r => r.NodeId == node.Id && (r.Kind == ReprogrammingKind.RemoveNode
                    || r.Kind == ReprogrammingKind.CancelProject || r.Kind == ReprogrammingKind.MergeProject), ct))
                throw new ConflictException(Say.It($"Il nodo '{node.Code}' è già stato tolto, annullato o accorpato da un atto.", $"Node '{node.Code}' was already removed, cancelled or merged by an act."), ConflictCodes.AlreadyRemoved);
            await TreeEdits.RecordAsync(db, plan, act, ReprogrammingKind.RemoveNode, node, time.UtcNow(), ct);
            node.Version = Guid.NewGuid();
        }
        else
        {
            var subtree = TreeEdits.Subtree(node, await db.Nodes.Where(n => n.PlanId == plan.Id).ToListAsync(ct));
            var nodeIds = subtree.Select(n => n.Id).ToList();
            var indicators = await db.Indicators.Include(i => i.Targets).Include(i => i.StructureTargets).Where(i => nodeIds.Contains(i.NodeId)).ToListAsync(ct);
            var indicatorIds = indicators.Select(i => i.Id).ToList();
            await TreeEdits.RefuseLosingRecordAsync(db, ($"Il nodo '{node.Code}'", $"Node '{node.Code}'"), indicatorIds, nodeIds, ct);
            // Links to guidelines and structures go with the node; the rows are removed through the tracker so the trail records them.
            db.RemoveRange(await db.GuidelineProjects.Where(g => nodeIds.Contains(g.NodeId)).ToListAsync(ct));
            db.RemoveRange(await db.GuidelineIndicators.Where(g => indicatorIds.Contains(g.IndicatorId)).ToListAsync(ct));
            db.RemoveRange(await db.NodeStructures.Where(s => nodeIds.Contains(s.NodeId)).ToListAsync(ct));
            db.RemoveRange(indicators.SelectMany(i => i.Targets));
            db.RemoveRange(indicators.SelectMany(i => i.StructureTargets));
            db.RemoveRange(indicators);
            // Deepest first: a parent row goes after its children (the parent key has no cascade).
            foreach (var removed in Enumerable.Reverse(subtree)) db.Nodes.Remove(removed);
        }
        audit.Record(act is null ? "NodeDeleted" : "NodeRemoved", "Node", node.Id, node.Code, plan.Id, plan.Organization.Code,
            before: new { node.Code, node.Kind, node.Title, node.Weight }, after: act is null ? null : new { act.Act, act.Date },
            reason: act?.AuditReason ?? request.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Unit.Value;
    }
}

public sealed class DeleteNodeEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/plans/{plan}/nodes/{node}", async (string plan, string node, string? act, DateOnly? date, string? reason,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteNode(plan, node, Concurrency.RequireIfMatch(http.Request), act, date, reason), ct);
                return Results.NoContent();
            })
            .WithName(nameof(DeleteNode)).RequireAuthorization(Policies.EditPlans).WithTags("Nodes")
            .WithSummary("Remove a node and its subtree (If-Match required); an adopted plan's by an act, from its date")
            .Produces(StatusCodes.Status204NoContent).ProducesGuardedWriteProblems();
}
