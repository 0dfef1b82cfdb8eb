using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Periods;

namespace Performance.Api.Features.Actuals;

/// <summary>An indicator's consuntivi per period, each with its current revision and the full revision history.</summary>
public sealed record ListActuals(string Indicator, int? Year) : IRequest<IReadOnlyList<PeriodActuals>>;

/// <summary>One period's consuntivo of an indicator (for one structure, or the indicator as a whole): the current revision and all of them.</summary>
/// <param name="Year">The plan year.</param>
/// <param name="Period">The period (<c>Y</c>, <c>Q3</c>, <c>M07</c>, …).</param>
/// <param name="Structure">The structure's code when the figures are one structure's; null for the indicator as a whole.</param>
/// <param name="Current">The highest revision: the figure that counts.</param>
/// <param name="Revisions">Every revision, the first first.</param>
public sealed record PeriodActuals(int Year, string Period, string? Structure, ActualResponse Current, IReadOnlyList<ActualResponse> Revisions);

public sealed class ListActualsHandler(PerformanceDbContext db) : IRequestHandler<ListActuals, IReadOnlyList<PeriodActuals>>
{
    public async Task<IReadOnlyList<PeriodActuals>> Handle(ListActuals request, CancellationToken ct)
    {
        var indicator = await db.FindIndicatorAsync(request.Indicator, ct, tracking: false);
        var structures = await db.Structures.Where(s => s.PlanId == indicator.PlanId).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var query = db.Actuals.AsNoTracking().Where(a => a.IndicatorId == indicator.Id);
        if (request.Year is { } year) query = query.Where(a => a.Year == year);
        var actuals = await query.ToListAsync(ct);

        return actuals
            .GroupBy(a => (a.Year, a.Period, a.StructureId))
            .Select(g =>
            {
                var structure = g.Key.StructureId is { } id ? structures[id] : null;
                var revisions = g.OrderBy(a => a.Revision).Select(a => ActualResponse.From(a, indicator.Code, structure)).ToList();
                return new PeriodActuals(g.Key.Year, g.Key.Period, structure, revisions[^1], revisions);
            })
            .OrderBy(p => p.Year).ThenBy(p => Period.Parse(p.Period).Kind).ThenBy(p => Period.Parse(p.Period).Index).ThenBy(p => p.Structure)
            .ToList();
    }
}

public sealed class ListActualsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/indicators/{indicator}/actuals", (string indicator, int? year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListActuals(indicator, year), ct))
            .WithName(nameof(ListActuals)).RequireAuthorization(Policies.ReadPlans).WithTags("Actuals").WithSummary("Consuntivi of an indicator with their revision history")
            .Produces<IReadOnlyList<PeriodActuals>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<PeriodActuals>(a => $"{a.Year}|{a.Period}|{a.Structure}");
}
