using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Plans;
using Performance.Domain.Language;

namespace Performance.Api.Features.Forzature;

public enum ForzaturaDecision { Approve, Reject }

/// <summary>
/// The OIV approves or rejects a proposed forzatura (a rejection with its reason). Four eyes: whoever proposed it cannot
/// decide it. An approval changes the scores from that moment (and supersedes an earlier approved forzatura of the same
/// indicator and year); a rejection changes nothing.
/// </summary>
public sealed record DecideForzatura(Guid Id, ForzaturaDecision Decision, string? Note) : IRequest<ForzaturaResponse>;

/// <summary>The OIV's decision on a proposed forzatura (<c>POST /api/forzature/{id}/approve</c> or <c>/reject</c>).</summary>
/// <param name="Note">Why: required to reject, optional to approve; kept as the decision note and in the audit trail (at most 4000 characters).</param>
public sealed record ForzaturaDecisionBody(string? Note);

public sealed class DecideForzaturaValidator : AbstractValidator<DecideForzatura>
{
    public DecideForzaturaValidator()
    {
        RuleFor(x => x.Note).Must(n => !string.IsNullOrWhiteSpace(n)).When(x => x.Decision == ForzaturaDecision.Reject)
            .WithMessage(_ => Say.It("Un rigetto richiede la sua motivazione (note).", "A rejection needs its reason (note).")).OverridePropertyName("note");
        RuleFor(x => x.Note).Text("note");
    }
}

public sealed class DecideForzaturaHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time)
    : IRequestHandler<DecideForzatura, ForzaturaResponse>
{
    public async Task<ForzaturaResponse> Handle(DecideForzatura request, CancellationToken ct)
    {
        var planId = await db.Set<Forzatura>().Where(f => f.Id == request.Id).Select(f => (Guid?)f.PlanId).SingleOrDefaultAsync(ct)
                     ?? throw new NotFoundException("Forzatura", request.Id.ToString());
        var plan = await db.VisiblePlans().Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == planId, ct)
                   ?? throw new NotFoundException("Forzatura", request.Id.ToString());
        // Decided under the plan's lock, read after it: one decision at a time per plan, never beside the year's validation,
        // so the forzatura in force per indicator and year is the one the last decision left (the unique index agrees).
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var forzatura = await db.Set<Forzatura>().SingleAsync(f => f.Id == request.Id, ct);
        if (forzatura.FourEyesProblem(scope.Actor) is { } problem) throw new ForbiddenException(problem);
        await YearRecord.EnsureNotValidatedAsync(db, plan.Id, forzatura.Year, ct);
        var code = await db.Indicators.Where(i => i.Id == forzatura.IndicatorId).Select(i => i.Code).SingleAsync(ct);

        var now = time.UtcNow();
        if (request.Decision == ForzaturaDecision.Approve)
        {
            await SupersedeAsync(forzatura, plan, code, ct);
            forzatura.Approve(scope.Actor, now, request.Note);
        }
        else forzatura.Reject(scope.Actor, now, request.Note ?? "");
        audit.Record($"Forzatura{forzatura.Status}", "Forzatura", forzatura.Id, $"{code} {forzatura.Year}", plan.Id, plan.Organization.Code,
            new { status = ForzaturaStatus.Proposed }, new { status = forzatura.Status, forzatura.Kind, forzatura.Score }, forzatura.DecisionNote, forzatura.IndicatorId);
        await SaveAsync(ct);
        await transaction.CommitAsync(ct);
        return await ForzatureQueries.OneAsync(db, plan, forzatura, ct);
    }

    /// <summary>
    /// The forzatura approved before for the same indicator and year steps aside first, in a save of its own (the same
    /// transaction: a refused approval rolls it back): the unique index admits one approved forzatura per indicator and
    /// year at every statement, and a single save may order its updates either way.
    /// </summary>
    private async Task SupersedeAsync(Forzatura approved, Plan plan, string code, CancellationToken ct)
    {
        var earlier = await db.Set<Forzatura>()
            .Where(f => f.IndicatorId == approved.IndicatorId && f.Year == approved.Year && f.Status == ForzaturaStatus.Approved && f.Id != approved.Id)
            .ToListAsync(ct);
        if (earlier.Count == 0) return;
        foreach (var superseded in earlier)
        {
            superseded.Status = ForzaturaStatus.Superseded;
            audit.Record("ForzaturaSuperseded", "Forzatura", superseded.Id, $"{code} {superseded.Year}", plan.Id, plan.Organization.Code,
                new { status = ForzaturaStatus.Approved }, new { status = ForzaturaStatus.Superseded, by = approved.Id }, indicatorId: approved.IndicatorId);
        }
        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            // Status is a concurrency token (a backstop to the plan's lock): the row changed after we read it.
            throw new ConflictException(Say.It("La forzatura è stata decisa da altri nello stesso momento: rileggerla.", "The forzatura was decided by someone else at the same moment: read it again."), ConflictCodes.ConcurrentChange);
        }
    }
}

public sealed class DecideForzaturaEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Map(app, "approve", ForzaturaDecision.Approve, "Approve a proposed forzatura (OIV; not by whoever proposed it)");
        Map(app, "reject", ForzaturaDecision.Reject, "Reject a proposed forzatura with a reason (OIV; not by whoever proposed it)");
    }

    private static void Map(IEndpointRouteBuilder app, string verb, ForzaturaDecision decision, string summary) =>
        app.MapPost($"/api/forzature/{{id:guid}}/{verb}", (Guid id, ForzaturaDecisionBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DecideForzatura(id, decision, body?.Note), ct))
            .WithName($"{decision}Forzatura").WithTags("Forzature").WithSummary(summary).RequireAuthorization(Policies.Validate)
            .Produces<ForzaturaResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
