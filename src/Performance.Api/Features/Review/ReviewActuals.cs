using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Review;

/// <summary>
/// Submits, validates or returns many consuntivi of a plan in one call, all or nothing: by a list of ids, or by a filter
/// (year, and optionally structure, period, indicator, status) over the current revisions. Every selected consuntivo
/// passes the same rules as one reviewed alone (<see cref="ReviewRules"/>); if any fails, the answer is one 409 listing
/// every failing item (<c>ids[3]</c>, or the consuntivo's id for a filter) and nothing is written. One audit entry per
/// consuntivo, all under the plan's lock.
/// </summary>
public sealed record ReviewActuals(string Plan, ReviewAction Action, ReviewSelection? Body) : IRequest<ReviewActualsResult>;

/// <summary>
/// Which consuntivi a bulk submit, validate or return acts on (<c>POST /api/plans/{plan}/actuals/submit</c>, <c>/validate</c>,
/// <c>/return</c>): a list of ids, or a filter with at least the year, not both.
/// </summary>
/// <param name="Ids">These consuntivi (each must be the current revision of its period).</param>
/// <param name="Year">Or every current revision of this year matching the other fields.</param>
/// <param name="Structure">For a filter: only this structure's consuntivi.</param>
/// <param name="Period">For a filter: only this period (<c>Q3</c>, <c>M07</c>, …).</param>
/// <param name="Indicator">For a filter: only this indicator's (its code in the plan).</param>
/// <param name="Status">For a filter: by default Draft and Returned to submit, Submitted to validate or return.</param>
/// <param name="Reason">Required to return (the same reason for each); kept in each audit entry.</param>
public sealed record ReviewSelection(
    List<Guid>? Ids = null, int? Year = null, string? Structure = null, string? Period = null, string? Indicator = null,
    ActualStatus? Status = null, string? Reason = null);

/// <summary>What a bulk submit, validate or return did: every selected consuntivo moved, or none (the refusal is a 409).</summary>
/// <param name="Action">Submit, Validate or Return.</param>
/// <param name="Count">How many consuntivi it moved.</param>
/// <param name="Actuals">Each of them as it now stands.</param>
public sealed record ReviewActualsResult(ReviewAction Action, int Count, IReadOnlyList<ActualResponse> Actuals);

public sealed class ReviewActualsValidator : AbstractValidator<ReviewActuals>
{
    /// <summary>Well within every engine's parameter limit; a plan's year is a few thousand consuntivi at most.</summary>
    public const int MaxIds = 10_000;

    public ReviewActualsValidator()
    {
        RuleFor(x => x.Body).NotNull().WithMessage(_ => Say.It("Serve un corpo con gli id, oppure un filtro con l'anno.", "A body with ids, or a filter with a year, is required.")).OverridePropertyName("body");
        When(x => x.Body is not null, () =>
        {
            RuleFor(x => x.Body!.Reason).Text("reason");
            RuleFor(x => x.Body!.Reason).Reason("reason").When(x => x.Action == ReviewAction.Return);
            RuleFor(x => x.Body!).Must(b => b.Ids is not null || b.Year is not null)
                .WithMessage(_ => Say.It("Selezionare i consuntivi: un elenco di id, oppure un filtro con almeno l'anno.", "Select the consuntivi: a list of ids, or a filter with at least the year.")).OverridePropertyName("body");
            RuleFor(x => x.Body!).Must(b => b.Ids is null || b is { Year: null, Structure: null, Period: null, Indicator: null, Status: null })
                .WithMessage(_ => Say.It("Indicare gli id oppure un filtro (year, structure, period, indicator, status), non entrambi.", "Give either ids or a filter (year, structure, period, indicator, status), not both.")).OverridePropertyName("ids");
            RuleFor(x => x.Body!.Ids).Must(ids => ids!.Count is > 0 and <= MaxIds)
                .WithMessage(_ => Say.It($"L'elenco contiene da 1 a {MaxIds} id.", $"The list of ids holds 1 to {MaxIds} ids.")).OverridePropertyName("ids").When(x => x.Body!.Ids is not null);
            RuleFor(x => x.Body!.Ids).Custom((ids, context) =>
            {
                var seen = new HashSet<Guid>();
                for (var i = 0; ids is not null && i < ids.Count && i < MaxIds; i++)
                    if (!seen.Add(ids[i])) context.AddFailure($"ids[{i}]", Say.It("Questo id compare più di una volta.", "This id is listed more than once."));
            });
            RuleFor(x => x.Body!.Structure).Text("structure");
            RuleFor(x => x.Body!.Period).Text("period");
            RuleFor(x => x.Body!.Indicator).Text("indicator");
        });
    }
}

public sealed class ReviewActualsHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time)
    : IRequestHandler<ReviewActuals, ReviewActualsResult>
{
    public async Task<ReviewActualsResult> Handle(ReviewActuals request, CancellationToken ct)
    {
        var body = request.Body!;
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Id, ct);
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var (structureId, indicatorId) = ResolveFilter(body, plan, indicators, structures);
        var referenti = request.Action == ReviewAction.Submit ? await ReferenteScope.LoadAsync(db, plan.Id, time, ct) : null;

        // Selected, checked and changed under the plan's lock: nothing recorded meanwhile slips between check and write.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var freeze = await PlanRecord.FreezeAsync(db, plan.Id, ct);
        // A filter over a validated year selects nothing to review: say why rather than answer "0 reviewed".
        if (body.Year is { } year && freeze.ValidationOf(year) is { } validation) throw new ConflictException(PlanFreeze.Describe(validation), ConflictCodes.YearValidated);
        var ofPlan = db.Actuals.Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        var query = ofPlan.Select(a => new
        {
            Actual = a,
            Latest = ofPlan.Where(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Year == a.Year && b.Period == a.Period).Max(b => b.Revision),
        });
        var errors = new ValidationErrors();
        List<(Actual Actual, int Latest, string Path)> selected;
        if (body.Ids is { } ids)
        {
            var found = (await query.Where(x => ids.Contains(x.Actual.Id)).ToListAsync(ct)).ToDictionary(x => x.Actual.Id);
            selected = [];
            for (var i = 0; i < ids.Count; i++)
                if (found.TryGetValue(ids[i], out var x)) selected.Add((x.Actual, x.Latest, $"ids[{i}]"));
                // Another plan's, or another organization's, consuntivo is simply not in this plan: nothing more is said.
                else errors.Add($"ids[{i}]", Say.It($"Nessun consuntivo {ids[i]} nel piano {plan.Code}.", $"No consuntivo {ids[i]} in plan {plan.Code}."));
        }
        else
        {
            ActualStatus[] statuses = body.Status is { } s ? [s]
                : request.Action == ReviewAction.Submit ? [ActualStatus.Draft, ActualStatus.Returned] : [ActualStatus.Submitted];
            var current = query.Where(x => x.Actual.Revision == x.Latest && x.Actual.Year == body.Year && statuses.Contains(x.Actual.Status));
            if (structureId is { } sid) current = current.Where(x => x.Actual.StructureId == sid);
            if (body.Period is { } period) current = current.Where(x => x.Actual.Period == period);
            if (indicatorId is { } iid) current = current.Where(x => x.Actual.IndicatorId == iid);
            selected = (await current.ToListAsync(ct))
                .OrderBy(x => indicators[x.Actual.IndicatorId].SortOrder).ThenBy(x => x.Actual.Period, StringComparer.Ordinal).ThenBy(x => x.Actual.ScopeId)
                .Select(x => (x.Actual, x.Latest, x.Actual.Id.ToString())).ToList();
        }

        foreach (var (actual, latest, path) in selected)
        {
            var indicator = indicators[actual.IndicatorId];
            var structure = actual.StructureId is { } sid ? structures[sid] : null;
            var problem = actual.Revision != latest
                ? Say.It($"La revisione {actual.Revision} di {indicator.Code} {actual.Period} {actual.Year} è stata sostituita dalla revisione {latest}: esaminare quella.",
                    $"Revision {actual.Revision} of {indicator.Code} {actual.Period} {actual.Year} was superseded by revision {latest}; review that one.")
                : ReviewRules.Refusal(actual, request.Action, scope, referenti, indicator, structure)
                  ?? ReviewRules.Frozen(actual, freeze) ?? ReviewRules.StateProblem(actual, request.Action);
            if (problem is not null) errors.Add(path, problem);
        }
        if (errors.HasErrors)
            throw new RequestValidationException(errors.All, Say.It($"{errors.Count} consuntivi su {(body.Ids?.Count ?? selected.Count)} non possono essere " +
                $"{Participle(request.Action)}: l'operazione non è stata applicata a nessuno.", $"{errors.Count} of {(body.Ids?.Count ?? selected.Count)} consuntivi cannot be " +
                $"{ReviewRules.Verb(request.Action)}; nothing was {ReviewRules.Verb(request.Action)}.")) { Status = StatusCodes.Status409Conflict };

        var now = time.UtcNow();
        foreach (var (actual, _, _) in selected)
            ReviewRules.Apply(db, actual, request.Action, body.Reason, indicators[actual.IndicatorId], actual.StructureId is { } sid ? structures[sid] : null,
                plan, audit, scope, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ReviewActualsResult(request.Action, selected.Count, selected
            .Select(x => ActualResponse.From(x.Actual, indicators[x.Actual.IndicatorId].Code, x.Actual.StructureId is { } sid ? structures[sid] : null)).ToList());
    }

    /// <summary>The filter's structure and indicator codes in this plan (400 naming the field when one is not).</summary>
    private static (Guid? Structure, Guid? Indicator) ResolveFilter(ReviewSelection body, Plan plan, Dictionary<Guid, Indicator> indicators, Dictionary<Guid, string> structures)
    {
        var errors = new ValidationErrors();
        Guid? structure = null, indicator = null;
        if (body.Structure is { } code)
        {
            structure = structures.FirstOrDefault(s => s.Value == code).Key;
            if (structure == Guid.Empty) errors.Add("structure", Say.It($"Il piano {plan.Code} non ha la struttura '{ValidationRules.Excerpt(code)}'.", $"Plan {plan.Code} has no structure '{ValidationRules.Excerpt(code)}'."));
        }
        if (body.Indicator is { } ic)
        {
            indicator = indicators.Values.FirstOrDefault(i => i.Code == ic)?.Id;
            if (indicator is null) errors.Add("indicator", Say.It($"Il piano {plan.Code} non ha l'indicatore '{ValidationRules.Excerpt(ic)}'.", $"Plan {plan.Code} has no indicator '{ValidationRules.Excerpt(ic)}'."));
        }
        if (body.Year is { } year && !plan.CoversYear(year)) errors.Add("year", Say.It($"L'anno {year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        errors.ThrowIfAny();
        return (structure, indicator);
    }

    // The act refused, in Italian (the English names it with ReviewRules.Verb).
    private static string Participle(ReviewAction action) => action switch
    {
        ReviewAction.Submit => "inviati", ReviewAction.Validate => "validati", _ => "restituiti",
    };
}

public sealed class ReviewActualsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Map(app, ReviewAction.Submit, "Submit many consuntivi in one call, by ids or by filter, all or nothing");
        Map(app, ReviewAction.Validate, "Validate many submitted consuntivi in one call, by ids or by filter, all or nothing (OIV)");
        Map(app, ReviewAction.Return, "Return many submitted consuntivi with one reason, by ids or by filter, all or nothing (OIV)");
    }

    private static void Map(IEndpointRouteBuilder app, ReviewAction action, string summary)
    {
        var (verb, policy) = ReviewRules.RouteOf(action);
        app.MapPost($"/api/plans/{{plan}}/actuals/{verb}", (string plan, ReviewSelection? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReviewActuals(plan, action, body), ct))
            .WithName($"{action}Actuals").WithTags("Review").WithSummary(summary).RequireAuthorization(policy)
            .Produces<ReviewActualsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
    }
}
