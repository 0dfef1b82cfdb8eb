using MediatR;
using Performance.Domain.Language;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Targets;

/// <summary>
/// The target a structure is scored against for an indicator and year, as the plan stands with every act (docs/targets.md,
/// "Targets per structure"): its own target when it has one (<c>own</c>), else the plan's target of the year. The ETag is the
/// indicator's: a structure's target is part of the indicator.
/// </summary>
public sealed record GetStructureTarget(string Plan, string Indicator, int Year, string Structure) : IRequest<StructureTargetResponse>;

/// <summary>Every structure of the plan with the target it is scored against for the indicator and year.</summary>
public sealed record ListStructureTargets(string Plan, string Indicator, int Year) : IRequest<IReadOnlyList<StructureTargetResponse>>;

/// <summary>The target a structure is scored against for an indicator and year, as the plan stands with every act: its own, or the plan's.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Structure">The structure's code.</param>
/// <param name="Year">The plan year.</param>
/// <param name="Target">The text the structure is scored against; null when neither it nor the plan has a target that year.</param>
/// <param name="Own">True when the text is the structure's own target, false when it is the plan's default.</param>
/// <param name="Parsed">The target as read for the year (a schedule's entry for it); null when there is none.</param>
/// <param name="ETag">The indicator's version (a structure's target is part of the indicator): send it as If-Match to set or remove the target.</param>
public sealed record StructureTargetResponse(
    string Indicator, string Structure, int Year, string? Target, bool Own, ParsedTarget? Parsed, string ETag);

/// <summary>The plan, indicator and structure a structure-target URL names: each of the plan (else 404), the year in the plan.</summary>
public sealed record StructureTargetScope(Plan Plan, Indicator Indicator, Structure Structure)
{
    public static async Task<Indicator> IndicatorAsync(PerformanceDbContext db, Plan plan, string key, bool tracking, CancellationToken ct)
    {
        var query = (tracking ? db.Indicators : db.Indicators.AsNoTracking()).Include(i => i.Node).Include(i => i.Targets).Include(i => i.StructureTargets);
        return await db.FindIndicatorInAsync(plan, key, ct, query);
    }

    public static async Task<Structure> StructureAsync(PerformanceDbContext db, Plan plan, string key, CancellationToken ct) =>
        (Guid.TryParse(key, out var id)
            ? await db.Structures.AsNoTracking().SingleOrDefaultAsync(s => s.PlanId == plan.Id && s.Id == id, ct)
            : await db.Structures.AsNoTracking().SingleOrDefaultAsync(s => s.PlanId == plan.Id && s.Code == key, ct))
        ?? throw new NotFoundException("Structure", key);

    /// <summary>
    /// A change's start: under the plan's lock (PlanRecord), the indicator tracked and checked against If-Match, the
    /// structure of the plan, the year of the plan.
    /// </summary>
    public static async Task<(StructureTargetScope Scope, IDbContextTransaction Transaction, PlanFreeze Freeze)> BeginChangeAsync(
        PerformanceDbContext db, string planKey, string indicatorKey, string structureKey, int year, Guid ifMatch, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(planKey, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        try
        {
            var indicator = await IndicatorAsync(db, plan, indicatorKey, tracking: true, ct);
            var structure = await StructureAsync(db, plan, structureKey, ct);
            Concurrency.Check(indicator.Version, ifMatch, Say.It($"Indicatore '{indicator.Code}'", $"Indicator '{indicator.Code}'"));
            RequireYear(plan, year);
            return (new StructureTargetScope(plan, indicator, structure), transaction, freeze);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public static void RequireYear(Plan plan, int year)
    {
        if (!plan.CoversYear(year)) throw RequestValidationException.For("year",
            Say.It($"L'anno {year} è fuori dal periodo del piano ({plan.StartYear}-{plan.EndYear}).", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
    }

    /// <summary>The structure's target as the plan stands with every act recorded (the timeline at its end).</summary>
    public static async Task<StructureTargetResponse> ProjectAsync(PerformanceDbContext db, Indicator indicator, Structure structure, int year, CancellationToken ct)
    {
        var acts = await db.Reprogrammings.AsNoTracking().Where(r => r.IndicatorId == indicator.Id).ToListAsync(ct);
        return Project(new PlanTimeline(acts, DateOnly.MaxValue), indicator, structure, year);
    }

    public static StructureTargetResponse Project(PlanTimeline timeline, Indicator indicator, Structure structure, int year)
    {
        var own = timeline.StructureTargetText(indicator, year, structure.Id);
        var text = own ?? timeline.TargetText(indicator, year);
        var parsed = text is not null && ParsedTargets.TryParse(text, indicator.Polarity, year, out var p, out _) ? p.ForYear(year) : null;
        return new StructureTargetResponse(indicator.Code, structure.Code, year, text, own is not null, parsed, Concurrency.ETag(indicator.Version));
    }
}

public sealed class GetStructureTargetHandler(PerformanceDbContext db) :
    IRequestHandler<GetStructureTarget, StructureTargetResponse>, IRequestHandler<ListStructureTargets, IReadOnlyList<StructureTargetResponse>>
{
    public async Task<StructureTargetResponse> Handle(GetStructureTarget request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var indicator = await StructureTargetScope.IndicatorAsync(db, plan, request.Indicator, tracking: false, ct);
        var structure = await StructureTargetScope.StructureAsync(db, plan, request.Structure, ct);
        StructureTargetScope.RequireYear(plan, request.Year);
        return await StructureTargetScope.ProjectAsync(db, indicator, structure, request.Year, ct);
    }

    public async Task<IReadOnlyList<StructureTargetResponse>> Handle(ListStructureTargets request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var indicator = await StructureTargetScope.IndicatorAsync(db, plan, request.Indicator, tracking: false, ct);
        StructureTargetScope.RequireYear(plan, request.Year);
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == plan.Id).OrderBy(s => s.SortOrder).ToListAsync(ct);
        var timeline = new PlanTimeline(await db.Reprogrammings.AsNoTracking().Where(r => r.IndicatorId == indicator.Id).ToListAsync(ct), DateOnly.MaxValue);
        return structures.Select(s => StructureTargetScope.Project(timeline, indicator, s, request.Year)).ToList();
    }
}

public sealed class GetStructureTargetEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{plan}/indicators/{indicator}/targets/{year:int}/structures/{structure}",
                async (string plan, string indicator, int year, string structure, IMediator mediator, HttpContext http, CancellationToken ct) =>
                {
                    var response = await mediator.Send(new GetStructureTarget(plan, indicator, year, structure), ct);
                    http.Response.Headers.ETag = response.ETag;
                    return response;
                })
            .WithName(nameof(GetStructureTarget)).RequireAuthorization(Policies.ReadPlans).WithTags("Indicators")
            .WithSummary("The target a structure is scored against for an indicator and year (its own, or the plan's); ETag for updates")
            .Produces<StructureTargetResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/plans/{plan}/indicators/{indicator}/targets/{year:int}/structures",
                (string plan, string indicator, int year, IMediator mediator, CancellationToken ct) => mediator.Send(new ListStructureTargets(plan, indicator, year), ct))
            .WithName(nameof(ListStructureTargets)).RequireAuthorization(Policies.ReadPlans).WithTags("Indicators")
            .WithSummary("Every structure of the plan with the target it is scored against for the indicator and year")
            .Produces<IReadOnlyList<StructureTargetResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<StructureTargetResponse>(t => t.Structure);
    }
}
