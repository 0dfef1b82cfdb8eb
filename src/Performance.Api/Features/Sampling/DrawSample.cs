using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Sampling;

/// <summary>
/// The OIV draws a reproducible random sample of the year's consuntivi for verification: the current revision of every
/// figure submitted or validated, stratified by structure (the figure's own structure, else the one responsible for its
/// indicator at the end of the year), a size or a share, a seed (chosen at random and recorded when not given), by the
/// algorithm of <see cref="SampleDrawing"/>. A second draw for the same year needs a reason and supersedes the first,
/// which stays on record; both are in the audit trail and in the validation document. A draw is refused once the year is
/// validated, also when the validation commits while the draw is being computed.
/// </summary>
public sealed record DrawSample(string Plan, int Year, SampleBody? Body) : IRequest<SampleResponse>;

/// <summary>
/// How the OIV draws a verification sample of a plan year's consuntivi (<c>POST /api/plans/{plan}/years/{year}/samples</c>):
/// a size or a share of the population, not both.
/// </summary>
/// <param name="Seed">A whole number from 0 that makes the draw reproducible; by default the service picks one at random (below 2^53) and records it.</param>
/// <param name="Size">How many consuntivi to draw: at least 1, at most the population (the year's current revisions submitted or validated).</param>
/// <param name="Share">Or the share of the population to draw, more than 0 and at most 1 (0.1 = 10%), rounded up to whole consuntivi, at least one.</param>
/// <param name="Reason">Why the year is sampled again: required for every draw after the first (else a 409), which it supersedes; at most 4000 characters.</param>
public sealed record SampleBody(long? Seed, int? Size, decimal? Share, string? Reason);

public sealed class DrawSampleValidator : AbstractValidator<DrawSample>
{
    public DrawSampleValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage(_ => Say.It("Indicare l'ampiezza del campione: size o share.", "Say how large the sample is: size or share.")).OverridePropertyName("body");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body).Must(b => b!.Size is null != b.Share is null)
                .WithMessage(_ => Say.It("Indicare l'ampiezza (size, un numero di consuntivi) o la quota (share, da 0 a 1), non entrambe.", "Give the size (a number of consuntivi) or the share (0 to 1), not both.")).OverridePropertyName("size");
            RuleFor(x => x.Body!.Size).GreaterThan(0).When(x => x.Body!.Size is not null).WithMessage(_ => Say.It("L'ampiezza è almeno 1.", "The size is at least 1.")).OverridePropertyName("size");
            RuleFor(x => x.Body!.Share).Must(s => s is > 0m and <= 1m).When(x => x.Body!.Share is not null)
                .WithMessage(_ => Say.It("La quota è maggiore di 0 e al massimo 1 (0.1 = 10%).", "The share is more than 0 and at most 1 (0.1 = 10%).")).OverridePropertyName("share");
            RuleFor(x => x.Body!.Seed).GreaterThanOrEqualTo(0).When(x => x.Body!.Seed is not null).WithMessage(_ => Say.It("Il seme (seed) è un numero intero da 0 in su.", "The seed is a whole number from 0.")).OverridePropertyName("seed");
            RuleFor(x => x.Body!.Reason).Text("reason");
        });
    }
}

public sealed class DrawSampleHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) : IRequestHandler<DrawSample, SampleResponse>
{
    /// <summary>Seeds chosen by the service stay below 2⁵³, so every JSON client reads them back exactly.</summary>
    private const long MaxChosenSeed = 1L << 53;

    public async Task<SampleResponse> Handle(DrawSample request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var body = request.Body!;
        if (!plan.CoversYear(request.Year)) throw RequestValidationException.For("year", Say.It($"L'anno {request.Year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {request.Year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        await YearRecord.EnsureNotValidatedAsync(db, plan.Id, request.Year, ct);

        var candidates = await CandidatesAsync(plan, request.Year, ct);
        if (candidates.Count == 0) throw new ConflictException(Say.It($"L'anno {request.Year} non ha consuntivi inviati o validati da campionare.", $"Year {request.Year} has no submitted or validated consuntivi to sample."), ConflictCodes.WorkflowState);
        var size = SampleDrawing.SizeFor(candidates.Count, body.Size, body.Share);
        if (size > candidates.Count)
            throw RequestValidationException.For("size", Say.It($"L'anno ha {candidates.Count} consuntivi inviati o validati; il campione non può essere più ampio.", $"The year has {candidates.Count} submitted or validated consuntivi; the sample cannot be larger."));

        // The latest draw is the one in force (each later draw supersedes it).
        var current = await db.Set<VerificationSample>().Where(s => s.PlanId == plan.Id && s.Year == request.Year)
            .OrderByDescending(s => s.Draw).FirstOrDefaultAsync(ct);
        if (current is not null && string.IsNullOrWhiteSpace(body.Reason))
            throw new ConflictException(Say.It($"Un campione del {request.Year} è stato estratto da {current.DrawnBy} il {current.DrawnAt:yyyy-MM-dd} (seme {current.Seed}); " +
                                        "una nuova estrazione richiede una motivazione, e il primo campione resta agli atti.",
                                        $"A sample of {request.Year} was drawn by {current.DrawnBy} on {current.DrawnAt:yyyy-MM-dd} (seed {current.Seed}); " +
                                        "drawing again needs a reason, and the first sample stays on record."), ConflictCodes.AlreadyExists);

        var seed = body.Seed ?? BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & (MaxChosenSeed - 1);
        var drawn = SampleDrawing.Draw(candidates, seed, size);
        var sample = new VerificationSample
        {
            PlanId = plan.Id, Year = request.Year, Draw = (current?.Draw ?? 0) + 1, Seed = seed, Share = body.Share, Size = size, Population = candidates.Count,
            Algorithm = SampleDrawing.Algorithm, DrawnAt = time.UtcNow(), DrawnBy = scope.Actor,
            Reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim(),
            Items = drawn.Select((c, k) => new SampledActual { ActualId = c.Id, Stratum = c.Stratum, Position = k + 1 }).ToList(),
        };
        db.Set<VerificationSample>().Add(sample);
        if (current is not null)
        {
            current.SupersededById = sample.Id;
            audit.Record("SampleSuperseded", "Sample", current.Id, $"{plan.Code} {request.Year} seed {current.Seed}", plan.Id, plan.Organization.Code,
                after: new { supersededBy = sample.Id }, reason: sample.Reason);
        }
        audit.Record("SampleDrawn", "Sample", sample.Id, $"{plan.Code} {request.Year} seed {seed}", plan.Id, plan.Organization.Code,
            after: new { sample.Seed, sample.Size, sample.Share, sample.Population, sample.Algorithm, actuals = drawn.Select(c => c.Id) }, reason: sample.Reason);
        // Stored under the plan's lock, after checking again what was read without it: a year validated meanwhile (its
        // validation document lists the samples; a draw must not land after it), or a draw stored meanwhile.
        await using (var transaction = await db.BeginPlanWriteAsync(plan.Id, ct))
        {
            await YearRecord.EnsureNotValidatedAsync(db, plan.Id, request.Year, ct);
            var latest = await db.Set<VerificationSample>().Where(s => s.PlanId == plan.Id && s.Year == request.Year).MaxAsync(s => (int?)s.Draw, ct);
            if (latest != current?.Draw) throw DrawnMeanwhile(request.Year);
            try { await db.SaveChangesAsync(ct); }
            // The unique draw number stays the last guard.
            catch (DbUpdateException e) when (DatabaseErrors.IsConflict(e)) { throw DrawnMeanwhile(request.Year); }
            await transaction.CommitAsync(ct);
        }
        return (await SampleQueries.ListAsync(db, plan.Id, request.Year, ct, sample.Id)).Single();
    }

    /// <summary>Another draw of the same year was stored between this one's read and its write: exactly one is stored.</summary>
    private static ConflictException DrawnMeanwhile(int year) =>
        new(Say.It($"Un altro campione del {year} è stato estratto nello stesso momento: leggere i campioni e, per una nuova estrazione, indicare una motivazione.",
            $"Another sample of {year} was drawn at the same moment: read the samples and, to draw again, give a reason."), ConflictCodes.ConcurrentChange);

    /// <summary>The current revision of every submitted or validated consuntivo of the year, with its stratum and a stable key.</summary>
    private async Task<List<SampleCandidate>> CandidatesAsync(Plan plan, int year, CancellationToken ct)
    {
        var tree = await PlanTree.LoadAsync(db, plan, ct);
        var timeline = new PlanTimeline(tree.Reprogrammings, new DateOnly(year, 12, 31));
        var indicators = tree.Indicators.ToDictionary(i => i.Id);
        var actuals = db.Actuals.AsNoTracking().Where(a => a.Year == year && db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        var current = await actuals
            .Where(a => !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Period == a.Period && b.Revision > a.Revision))
            .Where(a => a.Status == ActualStatus.Submitted || a.Status == ActualStatus.Validated)
            .Select(a => new { a.Id, a.IndicatorId, a.StructureId, a.Period })
            .ToListAsync(ct);
        string Stratum(Guid indicatorId, Guid? structureId)
        {
            if (structureId is { } own) return tree.StructureCodes[own];
            var responsible = timeline.SelfAndAncestors(tree.NodesById[indicators[indicatorId].NodeId], tree.NodesById).Select(timeline.StructureOf).FirstOrDefault(s => s is not null);
            return responsible is { } r ? tree.StructureCodes[r] : "";
        }
        return current.Select(a =>
        {
            var stratum = Stratum(a.IndicatorId, a.StructureId);
            return new SampleCandidate(a.Id, stratum, $"{indicators[a.IndicatorId].Code}|{a.Period}|{(a.StructureId is null ? "" : stratum)}");
        }).ToList();
    }
}

public sealed class DrawSampleEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/years/{year:int}/samples", async (string plan, int year, SampleBody? body, IMediator mediator, CancellationToken ct) =>
            {
                var sample = await mediator.Send(new DrawSample(plan, year, body), ct);
                return Results.Created($"/api/samples/{sample.Id}", sample);
            })
            .WithName(nameof(DrawSample)).WithTags("Sampling").RequireAuthorization(Policies.Validate)
            .WithSummary("Draw a reproducible random sample of the year's consuntivi for verification (OIV): seed, size or share, stratified by structure")
            .Produces<SampleResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
