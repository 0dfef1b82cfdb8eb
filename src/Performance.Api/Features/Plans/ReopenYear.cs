using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Audit;
using Performance.Domain.Language;

namespace Performance.Api.Features.Plans;

/// <summary>
/// An Admin reopens a year the OIV validated, by an act and with a reason: its figures, targets and weights can change
/// again, and the OIV must validate it anew. The validation it undoes stays in the audit trail (the entry's "before").
/// </summary>
public sealed record ReopenYear(string Plan, int Year, ReopenYearBody Body) : IRequest<YearReopenedResponse>;

/// <summary>The act and the reason that reopen a year the OIV (the independent evaluation body) validated.</summary>
/// <param name="Act">The act that decides the reopening: required, at most 500 characters.</param>
/// <param name="Reason">Why, in words: required (at least 3 letters, at most 4000 characters); kept in the audit trail.</param>
public sealed record ReopenYearBody(string? Act, string? Reason);

/// <summary>A year reopened: the OIV's validation it removed, and who reopened it, when, by which act and why.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Year">The year reopened.</param>
/// <param name="ReopenedAt">When it was reopened (UTC).</param>
/// <param name="ReopenedBy">Who reopened it.</param>
/// <param name="Act">The act that decided it.</param>
/// <param name="Reason">Why.</param>
/// <param name="WasValidatedAt">When the OIV had validated the year (UTC).</param>
/// <param name="WasValidatedBy">Who had validated it.</param>
public sealed record YearReopenedResponse(
    string Plan, int Year, DateTime ReopenedAt, string ReopenedBy, string Act, string Reason, DateTime WasValidatedAt, string WasValidatedBy);

public sealed class ReopenYearHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) : IRequestHandler<ReopenYear, YearReopenedResponse>
{
    public async Task<YearReopenedResponse> Handle(ReopenYear request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (act, reason) = request.Body;
        var errors = new ValidationErrors();
        if (!plan.CoversYear(request.Year)) errors.Add("year", Say.It($"L'anno {request.Year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {request.Year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        PlanRecord.RequireAct(act, Say.It("La riapertura di un anno validato richiede l'atto che la dispone.", "Reopening a validated year needs the act that decides it."), errors);
        if (Reasons.Problem(reason) is { } problem) errors.Add("reason", Say.It($"La riapertura di un anno validato richiede una motivazione. {problem}", $"Reopening a validated year needs a reason. {problem}"));
        else PlanRecord.CheckReasonLength(act, reason, errors);
        errors.ThrowIfAny();

        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var validation = await db.YearValidations.SingleOrDefaultAsync(v => v.PlanId == plan.Id && v.Year == request.Year, ct)
                         ?? throw new ConflictException(Say.It($"L'anno {request.Year} del piano '{plan.Code}' non è validato: non c'è nulla da riaprire.",
                             $"Year {request.Year} of plan '{plan.Code}' is not validated: there is nothing to reopen."), ConflictCodes.WorkflowState);
        db.YearValidations.Remove(validation);
        var response = new YearReopenedResponse(plan.Code, request.Year, time.UtcNow(), scope.Actor, act!.Trim(), reason!.Trim(),
            validation.ValidatedAt, validation.ValidatedBy);
        audit.Record("YearReopened", "Plan", plan.Id, $"{plan.Code} {request.Year}", plan.Id, plan.Organization.Code,
            before: new { validation.Year, validation.ValidatedAt, validation.ValidatedBy, validation.Note }, after: response,
            reason: $"{response.Act}: {response.Reason}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }
}

public sealed class ReopenYearEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/years/{year:int}/reopen", (string plan, int year, ReopenYearBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReopenYear(plan, year, body), ct))
            .WithName(nameof(ReopenYear)).RequireAuthorization(Policies.Reopen).WithTags("Review")
            .WithSummary("Reopen a year the OIV validated (Admin, with an act and a reason); the OIV must validate it again")
            .Produces<YearReopenedResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
