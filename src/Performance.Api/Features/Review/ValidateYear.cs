using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Reports;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Review;

/// <summary>The OIV validates a plan year (the Relazione sulla Performance) once every current consuntivo of it is validated.</summary>
public sealed record ValidateYear(string Plan, int Year, string? Note) : IRequest<YearStatusResponse>;

public sealed record GetYearStatus(string Plan, int Year) : IRequest<YearStatusResponse>;

/// <summary>The OIV's validation of a plan year (<c>POST /api/plans/{plan}/years/{year}/validate</c>); the body may be left out.</summary>
/// <param name="Note">The OIV's note on the validation (kept with it and in the audit trail).</param>
public sealed record YearStatusBody(string? Note);

public sealed class ValidateYearValidator : AbstractValidator<ValidateYear>
{
    public ValidateYearValidator() => RuleFor(x => x.Note).Text("note");
}

/// <summary>Where a plan year stands: validated by the OIV or not, and its current consuntivi by status.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Year">The year.</param>
/// <param name="Validated">True once the OIV validated the year (and no Admin reopened it): the year is frozen.</param>
/// <param name="ValidatedAt">When (UTC).</param>
/// <param name="ValidatedBy">Who validated it.</param>
/// <param name="Note">The OIV's note.</param>
/// <param name="CurrentConsuntivi">The current revisions of the year's consuntivi, counted by status (Draft, Submitted, Validated, Returned).</param>
/// <param name="ClosedPeriods">The periods of the year closed to new consuntivi.</param>
public sealed record YearStatusResponse(
    string Plan, int Year, bool Validated, DateTime? ValidatedAt, string? ValidatedBy, string? Note,
    IReadOnlyDictionary<ActualStatus, int> CurrentConsuntivi, IReadOnlyList<string> ClosedPeriods);

public sealed class ValidateYearHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time, IMediator mediator)
    : IRequestHandler<ValidateYear, YearStatusResponse>, IRequestHandler<GetYearStatus, YearStatusResponse>
{
    public async Task<YearStatusResponse> Handle(ValidateYear request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        // Counted and recorded under the plan's lock: no consuntivo changes between the count and the validation.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var status = await StatusAsync(plan, request.Year, ct);
        if (status.Validated) throw new ConflictException(Say.It($"L'anno {request.Year} è già stato validato da {status.ValidatedBy} il {status.ValidatedAt:yyyy-MM-dd}.",
                $"Year {request.Year} was already validated by {status.ValidatedBy} on {status.ValidatedAt:yyyy-MM-dd}."), ConflictCodes.YearValidated);
        var pending = status.CurrentConsuntivi.Where(s => s.Key != ActualStatus.Validated && s.Value > 0).ToList();
        if (pending.Count > 0 || status.CurrentConsuntivi.Values.Sum() == 0)
            throw new ConflictException(pending.Count > 0
                ? Say.It($"L'anno {request.Year} non può ancora essere validato: {string.Join(", ", pending.Select(p => $"{p.Value} {p.Key}"))} consuntivi non sono validati.",
                    $"Year {request.Year} cannot be validated yet: {string.Join(", ", pending.Select(p => $"{p.Value} {p.Key}"))} consuntivi are not validated.")
                : Say.It($"L'anno {request.Year} non ha consuntivi da validare.", $"Year {request.Year} has no consuntivi to validate."), ConflictCodes.PendingDecisions);

        var validation = new YearValidation { PlanId = plan.Id, Year = request.Year, ValidatedBy = scope.Actor, Note = request.Note, ValidatedAt = time.UtcNow() };
        db.YearValidations.Add(validation);
        audit.Record("YearValidated", "Plan", plan.Id, $"{plan.Code} {request.Year}", plan.Id, plan.Organization.Code, after: new { request.Year }, reason: request.Note);
        WebhookOutbox.Record(db, validation.ValidatedAt, WebhookEventTypes.YearValidated, plan,
            new { validation.Year, by = validation.ValidatedBy, note = validation.Note });
        // The documento di validazione is produced now, in the same save, and kept unchanged (docs/evidence.md).
        await ValidationDocuments.ProduceAsync(db, mediator, audit, plan, validation, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await StatusAsync(plan, request.Year, ct);
    }

    public async Task<YearStatusResponse> Handle(GetYearStatus request, CancellationToken ct) =>
        await StatusAsync(await db.FindPlanAsync(request.Plan, ct), request.Year, ct);

    private async Task<YearStatusResponse> StatusAsync(Plan plan, int year, CancellationToken ct)
    {
        if (!plan.CoversYear(year)) throw RequestValidationException.For("year", Say.It($"L'anno {year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        var actuals = db.Actuals.AsNoTracking().Where(a => a.Year == year && db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        var counts = await actuals
            .Where(a => !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Period == a.Period && b.Revision > a.Revision))
            .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var validation = await db.YearValidations.AsNoTracking().SingleOrDefaultAsync(v => v.PlanId == plan.Id && v.Year == year, ct);
        var closed = await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == plan.Id && c.Year == year && c.ReopenedAt == null).Select(c => c.Period).ToListAsync(ct);
        return new YearStatusResponse(plan.Code, year, validation is not null, validation?.ValidatedAt, validation?.ValidatedBy, validation?.Note,
            Enum.GetValues<ActualStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0), closed);
    }
}

public sealed class ValidateYearEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{plan}/years/{year:int}/validate", (string plan, int year, YearStatusBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ValidateYear(plan, year, body?.Note), ct))
            .WithName(nameof(ValidateYear)).WithTags("Review").RequireAuthorization(Policies.Validate)
            .WithSummary("Validate the year (Relazione sulla Performance) once every consuntivo is validated (OIV)")
            .Produces<YearStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/plans/{plan}/years/{year:int}", (string plan, int year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetYearStatus(plan, year), ct))
            .WithName(nameof(GetYearStatus)).WithTags("Review").RequireAuthorization(Policies.ReadScores)
            .WithSummary("The year's state: consuntivi by status, closed periods, OIV validation")
            .Produces<YearStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
