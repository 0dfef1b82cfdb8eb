using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Review;

/// <summary>
/// What awaits someone: for the OIV the submitted consuntivi, for the office the drafts and the returned ones.
/// Only the current revision of each period counts.
/// </summary>
public sealed record ListReviewQueue(string Plan, ActualStatus Status, int? Year) : IRequest<IReadOnlyList<QueueItem>>;

public sealed record QueueItem(string IndicatorName, string? Target, ActualResponse Actual);

public sealed class ListReviewQueueHandler(PerformanceDbContext db) : IRequestHandler<ListReviewQueue, IReadOnlyList<QueueItem>>
{
    public async Task<IReadOnlyList<QueueItem>> Handle(ListReviewQueue request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Id, ct);
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var actuals = db.Actuals.AsNoTracking().Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        if (request.Year is { } year) actuals = actuals.Where(a => a.Year == year);
        var current = await actuals
            .Where(a => a.Status == request.Status
                        && !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Year == a.Year && b.Period == a.Period && b.Revision > a.Revision))
            .ToListAsync(ct);
        return current
            .Select(a => (Actual: a, Indicator: indicators[a.IndicatorId]))
            .OrderBy(x => x.Indicator.SortOrder).ThenBy(x => x.Actual.Year).ThenBy(x => x.Actual.Period, StringComparer.Ordinal)
            .Select(x => new QueueItem(x.Indicator.Name, x.Indicator.Targets.FirstOrDefault(t => t.Year == x.Actual.Year)?.Text,
                ActualResponse.From(x.Actual, x.Indicator.Code, x.Actual.StructureId is { } s ? structures[s] : null)))
            .ToList();
    }
}

public sealed class ListReviewQueueEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/actuals/queue", (string plan, ActualStatus? status, int? year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListReviewQueue(plan, status ?? ActualStatus.Submitted, year), ct))
            .WithName(nameof(ListReviewQueue)).WithTags("Review").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("Consuntivi awaiting action (status=Submitted for the OIV; Draft or Returned for the office)")
            .Produces<IReadOnlyList<QueueItem>>().ProducesProblem(StatusCodes.Status404NotFound);
}
