using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Audit;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Plans;

/// <summary>
/// Records the act that adopted a draft plan (e.g. the Giunta's deliberation approving the PIAO). From then on every change
/// of its targets, weights, indicators or tree needs an act and a reason and is kept in its history (docs/workflow.md).
/// </summary>
public sealed record AdoptPlan(string Plan, AdoptBody Body) : IRequest<PlanResponse>;

/// <summary>The act that adopts a draft plan.</summary>
/// <param name="Act">The act that adopted it (e.g. <c>Delibera G.C. n. 12 del 31/01/2021</c>): required, at most 500 characters.</param>
/// <param name="Date">The act's date (yyyy-MM-dd): required, not in the future nor after the plan's last year.</param>
/// <param name="Reason">Why, optionally (at most 4000 characters): kept with the act in the audit trail.</param>
public sealed record AdoptBody(string? Act, DateOnly? Date, string? Reason);

public sealed class AdoptPlanHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<AdoptPlan, PlanResponse>
{
    public async Task<PlanResponse> Handle(AdoptPlan request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        // Checked once the plan is found: another organization's plan is a 404 whatever the body says.
        var (act, date, reason) = request.Body;
        var errors = new ValidationErrors();
        PlanRecord.CheckAdoption(act, date, plan.EndYear, time.TodayInItaly(), errors, "act", "date",
            Say.It("L'atto di adozione del piano è obbligatorio (per esempio \"Delibera G.C. n. 12 del 31/01/2021\").", "The act that adopts the plan is required (e.g. \"Delibera G.C. n. 12 del 31/01/2021\")."),
            Say.It("La data dell'atto è obbligatoria.", "The date of the act is required."));
        PlanRecord.CheckReasonLength(act, reason, errors);
        errors.ThrowIfAny();

        var (transaction, _) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var __ = transaction;
        if (plan.Status != PlanStatus.Draft)
            throw new ConflictException(Say.It($"Il piano '{plan.Code}' è {(plan.Status == PlanStatus.Adopted ? "adottato" : "chiuso")}{(plan.AdoptionAct is null ? "" : $" con {plan.AdoptionAct} del {plan.AdoptedOn:yyyy-MM-dd}")}: si adotta solo un piano in bozza.",
                $"Plan '{plan.Code}' is {plan.Status}{(plan.AdoptionAct is null ? "" : $" by {plan.AdoptionAct} on {plan.AdoptedOn:yyyy-MM-dd}")}: only a draft is adopted."), ConflictCodes.PlanNotDraft);
        var before = new { plan.Status, plan.AdoptionAct, plan.AdoptedOn };
        (plan.Status, plan.AdoptionAct, plan.AdoptedOn) = (PlanStatus.Adopted, act!.Trim(), date);
        plan.Version = Guid.NewGuid();
        audit.Record("PlanAdopted", "Plan", plan.Id, plan.Code, plan.Id, plan.Organization.Code, before,
            new { plan.Status, plan.AdoptionAct, plan.AdoptedOn }, Reasons.IsBlank(reason) ? plan.AdoptionAct : $"{plan.AdoptionAct}: {reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await new GetPlanHandler(db).Handle(new GetPlan(plan.Id.ToString()), ct);
    }
}

public sealed class AdoptPlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/adopt", (string plan, AdoptBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AdoptPlan(plan, body), ct))
            .WithName(nameof(AdoptPlan)).RequireAuthorization(Policies.EditPlans).WithTags("Plans")
            .WithSummary("Adopt a draft plan by its act (act, date, reason): from then on changes need an act")
            .Produces<PlanResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
