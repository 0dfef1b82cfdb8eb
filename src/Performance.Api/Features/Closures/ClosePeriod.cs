using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Audit;
using Performance.Domain.Language;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Closures;

/// <summary>
/// Closes a period (or the whole year with "Y") to new consuntivi: entries into it are refused with a 409 naming the
/// closure, until an Admin reopens it with a reason. Closures are kept, reopened ones too, as part of the record.
/// </summary>
public sealed record ClosePeriod(string Plan, int? Year, string? Period, string? Reason) : IRequest<ClosureResponse>;

public sealed record ReopenPeriod(string Plan, Guid Closure, string? Reason) : IRequest<ClosureResponse>;

public sealed record ListClosures(string Plan, int? Year) : IRequest<IReadOnlyList<ClosureResponse>>;

/// <summary>Closes a period of a plan year to new consuntivi (<c>POST /api/plans/{plan}/closures</c>) until an Admin reopens it.</summary>
/// <param name="Year">The plan year.</param>
/// <param name="Period">The period to close (<c>Q1</c>, <c>S2</c>, …), or <c>Y</c> for the whole year (the default).</param>
/// <param name="Reason">Why it is closed (optional).</param>
public sealed record CloseBody(int? Year, string? Period, string? Reason);

/// <summary>Reopens a closed period (<c>POST /api/plans/{plan}/closures/{closure}/reopen</c>, Admin only); the closure stays on record.</summary>
/// <param name="Reason">Why it is reopened: required, kept with the closure and in the audit trail.</param>
public sealed record ReopenBody(string? Reason);

/// <summary>A closure of a period to new consuntivi, kept even once reopened, as part of the record.</summary>
/// <param name="Id">The closure's id (to reopen it).</param>
/// <param name="Year">The plan year.</param>
/// <param name="Period">The period closed, or <c>Y</c> for the whole year.</param>
/// <param name="Open">True once an Admin reopened the period: the closure no longer stands.</param>
/// <param name="ClosedAt">When it was closed (UTC).</param>
/// <param name="ClosedBy">Who closed it.</param>
/// <param name="Reason">Why it was closed.</param>
/// <param name="ReopenedAt">When it was reopened (UTC), if it was.</param>
/// <param name="ReopenedBy">Who reopened it.</param>
/// <param name="ReopenReason">Why.</param>
public sealed record ClosureResponse(
    Guid Id, int Year, string Period, bool Open, DateTime ClosedAt, string ClosedBy, string? Reason, DateTime? ReopenedAt,
    string? ReopenedBy, string? ReopenReason)
{
    public static ClosureResponse From(PeriodClosure c) =>
        new(c.Id, c.Year, c.Period, c.IsOpen, c.ClosedAt, c.ClosedBy, c.Reason, c.ReopenedAt, c.ReopenedBy, c.ReopenReason);
}

public sealed class ClosuresHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) :
    IRequestHandler<ClosePeriod, ClosureResponse>, IRequestHandler<ReopenPeriod, ClosureResponse>, IRequestHandler<ListClosures, IReadOnlyList<ClosureResponse>>
{
    public async Task<ClosureResponse> Handle(ClosePeriod request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        // The year needs the plan: every check is made here, in one pass, so one answer lists every error.
        var errors = new ValidationErrors();
        if (request.Year is not { } year || !plan.CoversYear(year)) errors.Add("year", Say.It($"È obbligatorio un anno del piano ({plan.StartYear}-{plan.EndYear}).", $"A year of the plan ({plan.StartYear}-{plan.EndYear}) is required."));
        if (!Period.TryParse(request.Period ?? "Y", out var period)) errors.Add("period", Say.It($"'{request.Period}' non è un periodo: usare Y, S1-S2, T1-T3, Q1-Q4, M01-M12 o una previsione F1-F4.", $"'{request.Period}' is not a period: use Y, S1-S2, T1-T3, Q1-Q4, M01-M12 or a forecast F1-F4."));
        if (request.Reason is { Length: > ValidationRules.MaxTextLength }) errors.Add("reason", Say.It($"La motivazione può contenere al massimo {ValidationRules.MaxTextLength} caratteri.", $"The reason must be at most {ValidationRules.MaxTextLength} characters."));
        errors.ThrowIfAny();
        // Under the plan's lock, like every consuntivo: an entry either committed before the closure or sees it.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        if (await db.PeriodClosures.AnyAsync(c => c.PlanId == plan.Id && c.Year == request.Year && c.Period == period.Code && c.ReopenedAt == null, ct))
            throw new ConflictException(Say.It($"Il periodo {period.Code} {request.Year} è già chiuso.", $"{period.Code} {request.Year} is already closed."), ConflictCodes.PeriodClosed);

        var closure = new PeriodClosure { PlanId = plan.Id, Year = request.Year!.Value, Period = period.Code, ClosedBy = scope.Actor, Reason = request.Reason, ClosedAt = time.UtcNow() };
        db.PeriodClosures.Add(closure);
        audit.Record("PeriodClosed", "PeriodClosure", closure.Id, $"{plan.Code} {closure.Year} {closure.Period}", plan.Id, plan.Organization.Code,
            after: ClosureResponse.From(closure), reason: request.Reason);
        WebhookOutbox.Record(db, closure.ClosedAt, WebhookEventTypes.PeriodClosed, plan,
            new { closure = closure.Id, closure.Year, closure.Period, by = closure.ClosedBy, reason = closure.Reason });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ClosureResponse.From(closure);
    }

    public async Task<ClosureResponse> Handle(ReopenPeriod request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        // Checked once the plan is found: another organization's closure is a 404 whatever the body says.
        if (Reasons.Problem(request.Reason) is { } problem) throw RequestValidationException.For("reason", Say.It($"La riapertura di un periodo chiuso richiede una motivazione. {problem}", $"Reopening a closed period needs a reason. {problem}"));
        if (request.Reason!.Length > ValidationRules.MaxTextLength)
            throw RequestValidationException.For("reason", Say.It($"La motivazione può contenere al massimo {ValidationRules.MaxTextLength} caratteri.", $"The reason must be at most {ValidationRules.MaxTextLength} characters."));
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var closure = await db.PeriodClosures.SingleOrDefaultAsync(c => c.Id == request.Closure && c.PlanId == plan.Id, ct)
                      ?? throw new NotFoundException("Closure", request.Closure.ToString());
        if (closure.IsOpen)
            throw new ConflictException(Say.It($"Il periodo {closure.Period} {closure.Year} è già stato riaperto da {closure.ReopenedBy}.",
                $"{closure.Period} {closure.Year} was already reopened by {closure.ReopenedBy}."), ConflictCodes.WorkflowState);

        var before = ClosureResponse.From(closure);
        (closure.ReopenedAt, closure.ReopenedBy, closure.ReopenReason) = (time.UtcNow(), scope.Actor, request.Reason.Trim());
        audit.Record("PeriodReopened", "PeriodClosure", closure.Id, $"{plan.Code} {closure.Year} {closure.Period}", plan.Id, plan.Organization.Code,
            before, ClosureResponse.From(closure), request.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ClosureResponse.From(closure);
    }

    public async Task<IReadOnlyList<ClosureResponse>> Handle(ListClosures request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var closures = await db.PeriodClosures.AsNoTracking()
            .Where(c => c.PlanId == plan.Id && (request.Year == null || c.Year == request.Year)).ToListAsync(ct);
        return closures.OrderBy(c => c.Year).ThenBy(c => c.ClosedAt).Select(ClosureResponse.From).ToList();
    }
}

public sealed class ClosuresEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{plan}/closures", async (string plan, CloseBody? body, IMediator mediator, CancellationToken ct) =>
            {
                var closure = await mediator.Send(new ClosePeriod(plan, body?.Year, body?.Period, body?.Reason), ct);
                return Results.Created($"/api/plans/{plan}/closures", closure);
            })
            .WithName(nameof(ClosePeriod)).WithTags("Closures").RequireAuthorization(Policies.ClosePeriods)
            .WithSummary("Close a period (or the year, period Y) to new consuntivi")
            .Produces<ClosureResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/plans/{plan}/closures/{closure:guid}/reopen", (string plan, Guid closure, ReopenBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReopenPeriod(plan, closure, body?.Reason), ct))
            .WithName(nameof(ReopenPeriod)).WithTags("Closures").RequireAuthorization(Policies.Reopen)
            .WithSummary("Reopen a closed period (Admin, with a reason)")
            .Produces<ClosureResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/plans/{plan}/closures", (string plan, int? year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListClosures(plan, year), ct))
            .WithName(nameof(ListClosures)).WithTags("Closures").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("Closures of the plan, reopened ones included")
            .Produces<IReadOnlyList<ClosureResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<ClosureResponse>(c => c.Id.ToString());
    }
}
