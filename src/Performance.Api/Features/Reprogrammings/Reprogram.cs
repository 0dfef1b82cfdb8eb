using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Reprogrammings;

/// <summary>
/// Records a mid-year change decided by an act: reassign an objective to another structure, merge a project into
/// another, cancel a project, revise a target. The original plan is kept; scores as of a date apply the changes in force.
/// </summary>
public sealed record Reprogram(string Plan, ReprogrammingDocument? Change) : IRequest<ReprogrammingResponse>;

public sealed class ReprogramHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<Reprogram, ReprogrammingResponse>
{
    public async Task<ReprogrammingResponse> Handle(Reprogram request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        // Decided under the plan's lock against the validations and closures committed by then.
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        PlanRecord.RefuseClosed(plan);
        var nodes = await db.Nodes.Where(n => n.PlanId == plan.Id).ToDictionaryAsync(n => n.Code, ct);
        // The stored moves, as PATCH of a node checks a move against them.
        var byId = nodes.Values.ToDictionary(n => n.Id);
        var moves = await TreeEdits.MovesAsync(db, plan.Id, byId, ct);
        var structures = await db.Structures.Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Code, ct);
        var code = request.Change?.Indicator;
        var indicator = code is null ? null : await db.Indicators.Include(i => i.Node).SingleOrDefaultAsync(i => i.PlanId == plan.Id && i.Code == code, ct);

        var errors = new ValidationErrors();
        var find = new ReprogrammingRules.Lookups(nodes.GetValueOrDefault, structures.GetValueOrDefault, c => c == code ? indicator : null,
            plan.StartYear, plan.EndYear, moves, n => n.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null);
        var change = ReprogrammingRules.Read(request.Change, "", find, errors, time.UtcNow());
        // An adopted plan's changes state why, as every other change of it does (PlanRecord.ActFor).
        if (plan.Status == PlanStatus.Adopted && Domain.Audit.Reasons.Problem(request.Change?.Reason) is { } problem)
            errors.Add("reason", Say.It($"Il piano '{plan.Code}' è stato adottato con {plan.AdoptionAct} il {plan.AdoptedOn:yyyy-MM-dd}: ogni modifica richiede una motivazione. {problem}",
                $"Plan '{plan.Code}' was adopted by {plan.AdoptionAct} on {plan.AdoptedOn:yyyy-MM-dd}: every change needs a reason. {problem}"));
        errors.ThrowIfAny();
        if (change!.Kind is ReprogrammingKind.MergeProject or ReprogrammingKind.CancelProject
            && await db.Reprogrammings.AnyAsync(r => r.NodeId == change.Node.Id && (r.Kind == ReprogrammingKind.MergeProject || r.Kind == ReprogrammingKind.CancelProject), ct))
            throw new ConflictException(Say.It($"Il progetto '{change.Node.Code}' è già stato accorpato o annullato.", $"Project '{change.Node.Code}' was already merged or cancelled."), ConflictCodes.WorkflowState);
        // An act scores its year and the later ones; a revised target scores its own year.
        PlanRecord.Refuse(freeze.ChangeFrom(change.EffectiveDate) ?? (change.Year is { } year ? freeze.TargetChange(year) : null),
            freeze.ChangeFrom(change.EffectiveDate) is null && change.Year is { } revised ? PlanRecord.FreezeCode(freeze, revised) : ConflictCodes.YearValidated);

        await PlanRecord.AddAsync(db, plan, change, ct);
        audit.Record($"Reprogrammed{change.Kind}", "Node", change.Node.Id, change.Node.Code, plan.Id, plan.Organization.Code,
            after: request.Change, reason: $"{change.Act}{(change.Reason is null ? "" : ": " + change.Reason)}", indicatorId: change.Indicator?.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await ListReprogrammingHandler.HistoryAsync(db, plan.Id, ct)).Single(r => r.Id == change.Id);
    }
}

public sealed class ReprogramEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/reprogramming", async (string plan, ReprogrammingDocument? change, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new Reprogram(plan, change), ct);
                return Results.Created($"/api/plans/{plan}/reprogramming", response);
            })
            .WithName(nameof(Reprogram)).RequireAuthorization(Policies.EditPlans).WithTags("Reprogramming")
            .WithSummary("Record a reprogramming change with its act (reassign, merge, cancel, revise target, change weight); 409 in a validated year")
            .Produces<ReprogrammingResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
