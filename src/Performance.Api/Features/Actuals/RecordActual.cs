using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Actuals;
using Performance.Domain.Language;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Records a consuntivo. A second entry for the same indicator, structure, year and period is a new revision;
/// earlier revisions are kept. Concurrent entries of a plan are numbered one after the other under its lock; the unique
/// revision index stays as the last line of defence.
/// </summary>
public sealed record RecordActual(string Indicator, ActualEntry? Entry) : IRequest<ActualResponse>;

public sealed class RecordActualHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) : IRequestHandler<RecordActual, ActualResponse>
{
    public async Task<ActualResponse> Handle(RecordActual request, CancellationToken ct)
    {
        var entry = request.Entry ?? throw RequestValidationException.For("body", Say.It("Il consuntivo è obbligatorio.", "A consuntivo is required."));
        var (found, plan) = await db.FindIndicatorInPlanAsync(request.Indicator, ct, tracking: false);
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == found.Id, ct);
        var structures = await db.Structures.Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);

        if ((await ReferenteScope.LoadAsync(db, plan.Id, time, ct)).Refusal(indicator, entry.Structure) is { } refusal)
            throw new ForbiddenException(refusal);

        var errors = new ValidationErrors();
        var actual = ActualEntries.Validate(entry, indicator, plan, PlanPolicies.ToDomain(plan.ScoringPolicyJson), structures, "", errors,
            (time.UtcNow(), time.TodayInItaly()), scope.MayBackdate);
        errors.ThrowIfAny();

        (actual!.RecordedBy, actual.RecordedAs) = (scope.Actor, scope.Role);
        // The closures and the latest revision are read, and the new one written, under the plan's lock: a closure or a
        // review committed meanwhile is seen, never overtaken.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct, PlanWrite.NewConsuntivi);
        var guards = await ActualGuards.LoadAsync(db, plan.Id, [indicator.Id], ct);
        if (guards.FrozenYear(actual) is { } frozen) throw new ConflictException(frozen, ConflictCodes.YearValidated);
        if (guards.ClosureFor(actual) is { } closure) throw new ConflictException(ActualAdmission.Describe(closure), ConflictCodes.PeriodClosed);
        if (guards.Admit(actual) is { } refused) throw new ConflictException(refused, BulkRecordActualsHandler.RefusalCode(guards, actual));
        // A revision changes the figure: the audit keeps the revision it supersedes as its "before".
        var previous = actual.Revision == 1 ? null : await db.Actuals.AsNoTracking().SingleOrDefaultAsync(a => a.IndicatorId == actual.IndicatorId
            && a.ScopeId == actual.ScopeId && a.Year == actual.Year && a.Period == actual.Period && a.Revision == actual.Revision - 1, ct);
        db.Actuals.Add(actual);
        var response = ActualResponse.From(actual, indicator.Code, entry.Structure);
        audit.Record(actual.Revision == 1 ? "ActualRecorded" : "ActualRevised", "Actual", actual.Id, $"{indicator.Code} {actual.Year} {actual.Period}",
            plan.Id, plan.Organization.Code, before: previous is null ? null : ActualResponse.From(previous, indicator.Code, entry.Structure),
            after: response, reason: actual.CorrectionReason, indicatorId: indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Telemetry.ActualsStored.Add(1, new KeyValuePair<string, object?>("route", "single"));
        return response;
    }
}

public sealed class RecordActualEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/indicators/{indicator}/actuals", async (string indicator, ActualEntry? entry, IMediator mediator, CancellationToken ct) =>
            {
                var actual = await mediator.Send(new RecordActual(indicator, entry), ct);
                // The bare code is not an indicator key (it needs its plan): point at the key the caller used, which resolved.
                return Results.Created($"/api/indicators/{Uri.EscapeDataString(indicator)}/actuals?year={actual.Year}", actual);
            })
            .WithName(nameof(RecordActual)).RequireAuthorization(Policies.RecordActuals).WithTags("Actuals")
            .WithSummary("Record a consuntivo (a new revision when the period already has one)")
            .Produces<ActualResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
