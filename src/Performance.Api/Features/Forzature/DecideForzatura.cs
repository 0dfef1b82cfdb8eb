using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;

namespace Performance.Api.Features.Forzature;

public enum ForzaturaDecision { Approve, Reject }

/// <summary>
/// The OIV approves or rejects a proposed forzatura (a rejection with its reason). Four eyes: whoever proposed it cannot
/// decide it. An approval changes the scores from that moment (and supersedes an earlier approved forzatura of the same
/// indicator and year); a rejection changes nothing.
/// </summary>
public sealed record DecideForzatura(Guid Id, ForzaturaDecision Decision, string? Note) : IRequest<ForzaturaResponse>;

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
        var forzatura = await db.Set<Forzatura>().SingleOrDefaultAsync(f => f.Id == request.Id, ct)
                        ?? throw new NotFoundException("Forzatura", request.Id.ToString());
        var plan = await db.VisiblePlans().Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == forzatura.PlanId, ct)
                   ?? throw new NotFoundException("Forzatura", request.Id.ToString());
        if (forzatura.ProposedBy == scope.Actor)
            throw new ForbiddenException(Say.It($"Ha proposto lei questa forzatura: deve deciderla un altro soggetto (l'OIV).", $"You proposed this forzatura: someone else (the OIV) must decide it."));
        await YearRecord.EnsureNotValidatedAsync(db, plan.Id, forzatura.Year, ct);
        var code = await db.Indicators.Where(i => i.Id == forzatura.IndicatorId).Select(i => i.Code).SingleAsync(ct);

        var now = time.UtcNow();
        if (request.Decision == ForzaturaDecision.Approve)
        {
            forzatura.Approve(scope.Actor, now, request.Note);
            var earlier = await db.Set<Forzatura>()
                .Where(f => f.IndicatorId == forzatura.IndicatorId && f.Year == forzatura.Year && f.Status == ForzaturaStatus.Approved && f.Id != forzatura.Id)
                .ToListAsync(ct);
            foreach (var superseded in earlier)
            {
                superseded.Status = ForzaturaStatus.Superseded;
                audit.Record("ForzaturaSuperseded", "Forzatura", superseded.Id, $"{code} {superseded.Year}", plan.Id, plan.Organization.Code,
                    new { status = ForzaturaStatus.Approved }, new { status = ForzaturaStatus.Superseded, by = forzatura.Id }, indicatorId: forzatura.IndicatorId);
            }
        }
        else forzatura.Reject(scope.Actor, now, request.Note ?? "");
        audit.Record($"Forzatura{forzatura.Status}", "Forzatura", forzatura.Id, $"{code} {forzatura.Year}", plan.Id, plan.Organization.Code,
            new { status = ForzaturaStatus.Proposed }, new { status = forzatura.Status, forzatura.Kind, forzatura.Score }, forzatura.DecisionNote, forzatura.IndicatorId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            // Status is a concurrency token: another decision changed this proposal (or the one it supersedes) after we read it.
            throw new ConflictException(Say.It("La forzatura è stata decisa da altri nello stesso momento: rileggerla.", "The forzatura was decided by someone else at the same moment: read it again."), ConflictCodes.ConcurrentChange);
        }
        return await ForzatureQueries.OneAsync(db, plan, forzatura, ct);
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
