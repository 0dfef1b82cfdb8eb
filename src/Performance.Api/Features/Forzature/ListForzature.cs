using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;

namespace Performance.Api.Features.Forzature;

/// <summary>The forzature of a plan (the OIV's queue with status=Proposed) or of one indicator, newest first, with their evidence.</summary>
public sealed record ListForzature(string? Plan, string? Indicator, int? Year, ForzaturaStatus? Status) : IRequest<IReadOnlyList<ForzaturaResponse>>;

public sealed class ListForzatureHandler(PerformanceDbContext db) : IRequestHandler<ListForzature, IReadOnlyList<ForzaturaResponse>>
{
    public async Task<IReadOnlyList<ForzaturaResponse>> Handle(ListForzature request, CancellationToken ct)
    {
        if (request.Indicator is { } key)
        {
            var (indicator, plan) = await db.FindIndicatorInPlanAsync(key, ct, tracking: false);
            return await ForzatureQueries.ListAsync(db, plan, ct, indicator.Id, request.Year, request.Status);
        }
        return await ForzatureQueries.ListAsync(db, await db.FindPlanAsync(request.Plan!, ct), ct, null, request.Year, request.Status);
    }
}

public sealed class ListForzatureEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Describe(app.MapGet("/api/plans/{plan}/forzature", (string plan, int? year, ForzaturaStatus? status, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListForzature(plan, null, year, status), ct)), "ListPlanForzature", "The forzature of a plan (status=Proposed: what awaits the OIV)");
        Describe(app.MapGet("/api/indicators/{indicator}/forzature", (string indicator, int? year, ForzaturaStatus? status, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListForzature(null, indicator, year, status), ct)), "ListIndicatorForzature", "The forzature of an indicator");
    }

    private static void Describe(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithTags("Forzature").WithSummary(summary).RequireAuthorization(Policies.ReadPlans)
            .Produces<IReadOnlyList<ForzaturaResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<ForzaturaResponse>(f => f.Id.ToString());
}
