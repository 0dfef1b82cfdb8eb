using MediatR;
using Performance.Domain.Language;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Targets;

/// <summary>
/// Removes a structure's own target (If-Match: the indicator's ETag): the structure is scored against the plan's target
/// again. Only in a Draft plan: an adopted plan's targets are revised by acts, never removed (409); never in a validated
/// year or while a closure of the year stands (409).
/// </summary>
public sealed record RemoveStructureTarget(string Plan, string Indicator, int Year, string Structure, Guid IfMatch) : IRequest<StructureTargetResponse>;

public sealed class RemoveStructureTargetHandler(PerformanceDbContext db, AuditTrail audit) : IRequestHandler<RemoveStructureTarget, StructureTargetResponse>
{
    public async Task<StructureTargetResponse> Handle(RemoveStructureTarget request, CancellationToken ct)
    {
        var ((plan, indicator, structure), transaction, freeze) = await StructureTargetScope.BeginChangeAsync(
            db, request.Plan, request.Indicator, request.Structure, request.Year, request.IfMatch, ct);
        await using var _ = transaction;
        if (plan.Status != PlanStatus.Draft)
            throw new ConflictException(Say.It(
                $"Il piano '{plan.Code}' è stato adottato con {plan.AdoptionAct}: il target di una struttura si rivede con un atto (PUT con act, date e reason), non si rimuove.",
                $"Plan '{plan.Code}' was adopted by {plan.AdoptionAct}: a structure's target is revised by an act (PUT with act, date and reason), not removed."),
                ConflictCodes.PlanNotDraft);
        var stored = indicator.StructureTargets.FirstOrDefault(t => t.StructureId == structure.Id && t.Year == request.Year)
                     ?? throw new NotFoundException(Say.It(
                         $"La struttura '{structure.Code}' non ha un target proprio del {request.Year} per l'indicatore '{indicator.Code}'.",
                         $"Structure '{structure.Code}' has no own target of {request.Year} for indicator '{indicator.Code}'."));
        PlanRecord.Refuse(freeze.TargetChange(request.Year));

        db.StructureTargets.Remove(stored);
        indicator.Version = Guid.NewGuid();
        audit.Record("StructureTargetRemoved", "Indicator", indicator.Id, indicator.Code, plan.Id, plan.Organization.Code,
            new { structure = structure.Code, year = request.Year, target = stored.Text }, null, null, indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        indicator.StructureTargets.Remove(stored);
        return await StructureTargetScope.ProjectAsync(db, indicator, structure, request.Year, ct);
    }
}

public sealed class RemoveStructureTargetEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/plans/{plan}/indicators/{indicator}/targets/{year:int}/structures/{structure}",
                async (string plan, string indicator, int year, string structure, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var response = await mediator.Send(new RemoveStructureTarget(plan, indicator, year, structure, Concurrency.RequireIfMatch(http.Request)), ct);
                    return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
                })
            .WithName(nameof(RemoveStructureTarget)).RequireAuthorization(Policies.EditPlans).WithTags("Indicators")
            .WithSummary("Remove a structure's own target (Draft plans; If-Match: the indicator's ETag): the plan's target applies again")
            .Produces<StructureTargetResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
