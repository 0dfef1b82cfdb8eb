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

/// <summary>
/// The controllo di gestione proposes a forzatura for one indicator and year: non valutabile (excluded, the rest re-weighted)
/// or a forced score, with a reason and evidence (attachments of the plan). Nothing changes in the scores until the OIV
/// approves it; one proposal at a time per indicator and year; none once the OIV has validated the year.
/// </summary>
public sealed record ProposeForzatura(string Indicator, ForzaturaBody? Body) : IRequest<ForzaturaResponse>;

/// <summary>
/// A forzatura (a controlled override of an indicator's score) proposed for one indicator and year
/// (<c>POST /api/indicators/{indicator}/forzature</c>); it changes no score until the OIV approves it.
/// </summary>
/// <param name="Year">The plan year it applies to: required, one of the plan's years.</param>
/// <param name="Kind">Required: NotAssessable (non valutabile: not scored, its node re-weights the rest) or ForcedScore.</param>
/// <param name="Score">For ForcedScore only, and required then: the score set by judgement, 0 to 100 (a degree of achievement in %). Leave it out for NotAssessable.</param>
/// <param name="Reason">Why the indicator cannot be measured or is scored by judgement: required, at most 4000 characters.</param>
/// <param name="Evidence">The ids of attachments of the same plan that support it: 1 to 20, each once (upload them first). Cited attachments can no longer be deleted.</param>
public sealed record ForzaturaBody(int? Year, ForzaturaKind? Kind, decimal? Score, string? Reason, IReadOnlyList<Guid>? Evidence);

public sealed class ProposeForzaturaValidator : AbstractValidator<ProposeForzatura>
{
    public const int MaxEvidence = 20;

    public ProposeForzaturaValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage(_ => Say.It("La forzatura è obbligatoria.", "A forzatura is required.")).OverridePropertyName("body");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body!.Year).NotNull().WithMessage(_ => Say.It("L'anno è obbligatorio.", "The year is required.")).OverridePropertyName("year");
            RuleFor(x => x.Body!.Kind).NotNull().WithMessage(_ => Say.It("Il tipo è obbligatorio: NotAssessable o ForcedScore.", "The kind is required: NotAssessable or ForcedScore.")).OverridePropertyName("kind");
            RuleFor(x => x.Body!.Score).NotNull().When(x => x.Body!.Kind == ForzaturaKind.ForcedScore)
                .WithMessage(_ => Say.It("Un punteggio forzato richiede il punteggio (da 0 a 100).", "A forced score needs the score (0 to 100).")).OverridePropertyName("score");
            RuleFor(x => x.Body!.Score).InclusiveBetween(0m, Forzatura.MaxScore).When(x => x.Body!.Score is not null)
                .WithMessage(_ => Say.It($"Il punteggio è compreso tra 0 e {Forzatura.MaxScore:0}.", $"The score is between 0 and {Forzatura.MaxScore:0}.")).OverridePropertyName("score");
            RuleFor(x => x.Body!.Score).Null().When(x => x.Body!.Kind == ForzaturaKind.NotAssessable)
                .WithMessage(_ => Say.It("Un indicatore non valutabile non ha punteggio: omettere score.", "A non valutabile indicator has no score: leave score out.")).OverridePropertyName("score");
            RuleFor(x => x.Body!.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => Say.It("La motivazione è obbligatoria.", "The reason is required.")).OverridePropertyName("reason");
            RuleFor(x => x.Body!.Reason).Text("reason");
            RuleFor(x => x.Body!.Evidence).Must(e => e is { Count: > 0 })
                .WithMessage(_ => Say.It("Serve almeno un allegato (il suo id) come evidenza: caricarlo prima.", "At least one attachment (its id) is required as evidence: upload it first.")).OverridePropertyName("evidence");
            RuleFor(x => x.Body!.Evidence).Must(e => e is null || (e.Count <= MaxEvidence && e.Distinct().Count() == e.Count))
                .WithMessage(_ => Say.It($"Al massimo {MaxEvidence} allegati, ciascuno una sola volta.", $"At most {MaxEvidence} attachments, each once.")).OverridePropertyName("evidence");
        });
    }
}

public sealed class ProposeForzaturaHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time)
    : IRequestHandler<ProposeForzatura, ForzaturaResponse>
{
    public async Task<ForzaturaResponse> Handle(ProposeForzatura request, CancellationToken ct)
    {
        var (indicator, plan) = await db.FindIndicatorInPlanAsync(request.Indicator, ct, tracking: false);
        var body = request.Body!;
        var year = body.Year!.Value;
        // Checked and stored under the plan's lock, read after it: a proposal never lands in a year the OIV is validating at
        // that moment, nor cites an attachment being removed.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var errors = new ValidationErrors();
        if (!plan.CoversYear(year)) errors.Add("year", Say.It($"L'anno {year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        var evidence = body.Evidence!;
        var found = await db.Set<Attachment>().AsNoTracking().Where(a => a.PlanId == plan.Id && evidence.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        for (var i = 0; i < evidence.Count; i++)
            if (!found.Contains(evidence[i])) errors.Add($"evidence[{i}]", Say.It($"'{evidence[i]}' non è un allegato del piano '{plan.Code}'.", $"Attachment '{evidence[i]}' is not an attachment of plan '{plan.Code}'."));
        errors.ThrowIfAny();

        await YearRecord.EnsureNotValidatedAsync(db, plan.Id, year, ct);
        if (await db.Set<Forzatura>().AsNoTracking().FirstOrDefaultAsync(f => f.IndicatorId == indicator.Id && f.Year == year && f.Status == ForzaturaStatus.Proposed, ct) is { } pending)
            throw new ConflictException(Say.It($"Una forzatura di {indicator.Code} per il {year}, proposta da {pending.ProposedBy} il {pending.ProposedAt:yyyy-MM-dd}, attende la decisione dell'OIV.",
                $"A forzatura of {indicator.Code} for {year} proposed by {pending.ProposedBy} on {pending.ProposedAt:yyyy-MM-dd} awaits the OIV's decision."), ConflictCodes.PendingDecisions);

        var forzatura = new Forzatura
        {
            PlanId = plan.Id, IndicatorId = indicator.Id, Year = year, Kind = body.Kind!.Value, Score = body.Score, Reason = body.Reason!.Trim(),
            ProposedBy = scope.Actor, ProposedAt = time.UtcNow(),
            Evidence = evidence.Select(id => new ForzaturaEvidence { AttachmentId = id }).ToList(),
        };
        db.Set<Forzatura>().Add(forzatura);
        audit.Record("ForzaturaProposed", "Forzatura", forzatura.Id, $"{indicator.Code} {year}", plan.Id, plan.Organization.Code,
            after: new { forzatura.Kind, forzatura.Score, forzatura.Year, evidence }, reason: forzatura.Reason, indicatorId: indicator.Id);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DatabaseErrors.IsConflict(e))
        {
            // Another proposal for the same indicator and year was stored between our check and our write (a unique index).
            throw new ConflictException(Say.It($"Un'altra forzatura di {indicator.Code} per il {year} è stata proposta nello stesso momento e attende la decisione dell'OIV.",
                $"Another forzatura of {indicator.Code} for {year} was proposed at the same moment and awaits the OIV's decision."), ConflictCodes.ConcurrentChange);
        }
        await transaction.CommitAsync(ct);
        return await ForzatureQueries.OneAsync(db, plan, forzatura, ct);
    }
}

public sealed class ProposeForzaturaEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/indicators/{indicator}/forzature", async (string indicator, ForzaturaBody? body, IMediator mediator, CancellationToken ct) =>
            {
                var forzatura = await mediator.Send(new ProposeForzatura(indicator, body), ct);
                return Results.Created($"/api/indicators/{Uri.EscapeDataString(indicator)}/forzature?year={forzatura.Year}", forzatura);
            })
            .WithName(nameof(ProposeForzatura)).WithTags("Forzature").RequireAuthorization(Policies.EditPlans)
            .WithSummary("Propose a forzatura (non valutabile or a forced score) for an indicator and year, with a reason and evidence")
            .Produces<ForzaturaResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
