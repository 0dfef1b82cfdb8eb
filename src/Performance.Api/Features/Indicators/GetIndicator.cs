using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Indicators;

/// <summary>An indicator by id or planCode:indicatorCode, with every target parsed.</summary>
public sealed record GetIndicator(string Indicator) : IRequest<IndicatorResponse>;

public sealed class GetIndicatorHandler(PerformanceDbContext db) : IRequestHandler<GetIndicator, IndicatorResponse>
{
    public async Task<IndicatorResponse> Handle(GetIndicator request, CancellationToken ct)
    {
        var found = await db.FindIndicatorAsync(request.Indicator, ct, tracking: false);
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.Node).SingleAsync(i => i.Id == found.Id, ct);
        var areas = await db.ValueAreas.Where(a => a.PlanId == indicator.PlanId).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        return PlanTree.ProjectIndicator(indicator, indicator.Node.Code, areas);
    }
}

/// <summary>Every indicator of a plan, flat (for pickers and data-entry screens).</summary>
public sealed record ListIndicators(string Plan) : IRequest<IReadOnlyList<IndicatorResponse>>;

public sealed class ListIndicatorsHandler(PerformanceDbContext db) : IRequestHandler<ListIndicators, IReadOnlyList<IndicatorResponse>>
{
    public async Task<IReadOnlyList<IndicatorResponse>> Handle(ListIndicators request, CancellationToken ct)
    {
        var tree = await PlanTree.LoadAsync(db, await db.FindPlanAsync(request.Plan, ct), ct);
        var nodeCodes = tree.Nodes.ToDictionary(n => n.Id, n => n.Code);
        return tree.Indicators.Select(i => PlanTree.ProjectIndicator(i, nodeCodes[i.NodeId], tree.AreaCodes)).ToList();
    }
}

public sealed class GetIndicatorEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators/{indicator}", async (string indicator, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var response = await mediator.Send(new GetIndicator(indicator), ct);
                http.Response.Headers.ETag = response.ETag;
                return response;
            })
            .WithName(nameof(GetIndicator)).RequireAuthorization(Policies.ReadPlans).WithTags("Indicators").WithSummary("An indicator by id or planCode:indicatorCode; ETag for updates")
            .Produces<IndicatorResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/plans/{plan}/indicators", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new ListIndicators(plan), ct))
            .WithName(nameof(ListIndicators)).RequireAuthorization(Policies.ReadPlans).WithTags("Indicators").WithSummary("All indicators of a plan")
            .Produces<IReadOnlyList<IndicatorResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<IndicatorResponse>(i => i.Id.ToString());
    }
}
