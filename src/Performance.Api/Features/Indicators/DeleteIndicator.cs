using MediatR;
using Performance.Domain.Language;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Indicators;

/// <summary>
/// Removes an indicator (If-Match required). In Draft it is deleted, unless it has consuntivi or other record (409:
/// cancel it by an act). Once the plan is adopted it needs an act (<c>act</c>, <c>date</c>, <c>reason</c>) and leaves the
/// plan from the act's date only, its consuntivi kept. Never in a validated year (409).
/// </summary>
public sealed record DeleteIndicator(string Indicator, Guid IfMatch, string? Act, DateOnly? Date, string? Reason) : IRequest<Unit>;

public sealed class DeleteIndicatorHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<DeleteIndicator, Unit>
{
    public async Task<Unit> Handle(DeleteIndicator request, CancellationToken ct)
    {
        var (found, plan) = await db.FindIndicatorInPlanAsync(request.Indicator, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var indicator = await db.Indicators.Include(i => i.Node).Include(i => i.Targets).Include(i => i.StructureTargets).SingleAsync(i => i.Id == found.Id, ct);
        Concurrency.Check(indicator.Version, request.IfMatch, Say.It($"Indicatore '{indicator.Code}'", $"Indicator '{indicator.Code}'"));
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, request.Act, request.Date, request.Reason, time.TodayInItaly(), errors);
        errors.ThrowIfAny();
        PlanRecord.Refuse(act is null ? freeze.PlanWideChange() : freeze.ChangeFrom(act.Date));

        if (act is not null)
        {
            if (await db.Reprogrammings.AnyAsync(r => r.IndicatorId == indicator.Id && r.Kind == ReprogrammingKind.RemoveIndicator, ct))
                throw new ConflictException(Say.It($"L'indicatore '{indicator.Code}' è già stato tolto da un atto.", $"Indicator '{indicator.Code}' was already removed by an act."), ConflictCodes.AlreadyRemoved);
            await TreeEdits.RecordAsync(db, plan, act, ReprogrammingKind.RemoveIndicator, indicator.Node, time.UtcNow(), ct, indicator);
            indicator.Version = Guid.NewGuid();
        }
        else
        {
            await TreeEdits.RefuseLosingRecordAsync(db, ($"L'indicatore '{indicator.Code}'", $"Indicator '{indicator.Code}'"), [indicator.Id], [], ct);
            db.RemoveRange(await db.GuidelineIndicators.Where(g => g.IndicatorId == indicator.Id).ToListAsync(ct));
            // Through the tracker, not the database's cascade: the audit trail records every row that goes.
            db.RemoveRange(indicator.Targets);
            db.RemoveRange(indicator.StructureTargets);
            db.Indicators.Remove(indicator);
        }
        audit.Record(act is null ? "IndicatorDeleted" : "IndicatorRemoved", "Indicator", indicator.Id, indicator.Code, plan.Id, plan.Organization.Code,
            before: new { Node = indicator.Node.Code, indicator.Code, indicator.Name, indicator.Weight },
            after: act is null ? null : new { act.Act, act.Date }, reason: act?.AuditReason ?? request.Reason, indicatorId: indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Unit.Value;
    }
}

public sealed class DeleteIndicatorEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/indicators/{indicator}", async (string indicator, string? act, DateOnly? date, string? reason,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteIndicator(indicator, Concurrency.RequireIfMatch(http.Request), act, date, reason), ct);
                return Results.NoContent();
            })
            .WithName(nameof(DeleteIndicator)).RequireAuthorization(Policies.EditPlans).WithTags("Indicators")
            .WithSummary("Remove an indicator (If-Match required); an adopted plan's by an act, from its date")
            .Produces(StatusCodes.Status204NoContent).ProducesGuardedWriteProblems();
}
