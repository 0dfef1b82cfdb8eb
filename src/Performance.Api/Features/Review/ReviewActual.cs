using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Review;

public enum ReviewAction { Submit, Validate, Return }

/// <summary>
/// Moves the current revision of a consuntivo through its lifecycle: submitted by the office or referente that entered it,
/// then validated or returned (with a reason) by the OIV, never by who entered or submitted it (<see cref="ReviewRules"/>).
/// Only the latest revision of a period can be reviewed.
/// </summary>
public sealed record ReviewActual(Guid Actual, ReviewAction Action, string? Reason) : IRequest<ActualResponse>;

/// <summary>
/// The body of submit, validate and return on one consuntivo (<c>POST /api/actuals/{id}/submit</c>, <c>/validate</c>,
/// <c>/return</c>); it may be left out except to return.
/// </summary>
/// <param name="Reason">Why: required to return a consuntivo (the OIV's reason, shown to who entered it); optional otherwise.</param>
public sealed record ReviewBody(string? Reason);

public sealed class ReviewActualValidator : AbstractValidator<ReviewActual>
{
    public ReviewActualValidator()
    {
        RuleFor(x => x.Reason).Text("reason");
        // Sending a figure back must say why, in words.
        RuleFor(x => x.Reason).Reason("reason").When(x => x.Action == ReviewAction.Return);
    }
}

public sealed class ReviewActualHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) : IRequestHandler<ReviewActual, ActualResponse>
{
    public async Task<ActualResponse> Handle(ReviewActual request, CancellationToken ct)
    {
        // Another organization's consuntivo does not exist for the caller: the same 404 as an unknown id, naming nothing (not
        // even the id sent, which the address already shows).
        var visible = db.VisiblePlans();
        var located = await db.Actuals.AsNoTracking()
            .Where(a => a.Id == request.Actual && db.Indicators.Any(i => i.Id == a.IndicatorId && visible.Any(p => p.Id == i.PlanId)))
            .Select(a => new { a.IndicatorId, a.StructureId }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException(Say.It("Nessun consuntivo con questo id.", "No consuntivo with this id was found."));
        var (indicator, plan) = await db.FindIndicatorInPlanAsync(located.IndicatorId.ToString(), ct, tracking: false);
        var structure = located.StructureId is { } s ? await db.Structures.Where(x => x.Id == s).Select(x => x.Code).SingleAsync(ct) : null;
        var referenti = request.Action == ReviewAction.Submit ? await ReferenteScope.LoadAsync(db, plan.Id, time, ct) : null;

        // The state is read, and changed, under the plan's lock: a new revision recorded meanwhile is seen, never overtaken.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var actual = await db.Actuals.SingleAsync(a => a.Id == request.Actual, ct);
        var latest = await db.Actuals.Where(a => a.IndicatorId == actual.IndicatorId && a.ScopeId == actual.ScopeId && a.Year == actual.Year && a.Period == actual.Period)
            .MaxAsync(a => a.Revision, ct);
        if (latest != actual.Revision)
            throw new ConflictException(Say.It($"La revisione {actual.Revision} di {actual.Period} {actual.Year} è stata sostituita dalla revisione {latest}: esaminare quella.",
                $"Revision {actual.Revision} of {actual.Period} {actual.Year} was superseded by revision {latest}; review that one."), ConflictCodes.RevisionSuperseded);
        if (ReviewRules.Refusal(actual, request.Action, scope, referenti, indicator, structure) is { } forbidden) throw new ForbiddenException(forbidden);
        if (ReviewRules.Frozen(actual, await PlanRecord.FreezeAsync(db, plan.Id, ct)) is { } frozen) throw new ConflictException(frozen, ConflictCodes.YearValidated);
        if (ReviewRules.StateProblem(actual, request.Action) is { } state) throw new ConflictException(state, ConflictCodes.WorkflowState);

        ReviewRules.Apply(db, actual, request.Action, request.Reason, indicator, structure, plan, audit, scope, time.UtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ActualResponse.From(actual, indicator.Code, structure);
    }
}

public sealed class ReviewActualEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Map(app, ReviewAction.Submit, "Submit a consuntivo for the OIV's validation");
        Map(app, ReviewAction.Validate, "Validate a submitted consuntivo (OIV)");
        Map(app, ReviewAction.Return, "Return a submitted consuntivo with a reason (OIV)");
    }

    private static void Map(IEndpointRouteBuilder app, ReviewAction action, string summary)
    {
        var (verb, policy) = ReviewRules.RouteOf(action);
        app.MapPost($"/api/actuals/{{actual:guid}}/{verb}", (Guid actual, ReviewBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReviewActual(actual, action, body?.Reason), ct))
            .WithName($"{action}Actual").WithTags("Review").WithSummary(summary).RequireAuthorization(policy)
            .Produces<ActualResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
