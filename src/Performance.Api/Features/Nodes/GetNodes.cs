using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Nodes;

/// <summary>The albero della performance of a plan, or one node with its subtree.</summary>
public sealed record GetNodeTree(string Plan) : IRequest<IReadOnlyList<NodeResponse>>;

public sealed record GetNode(string Plan, string Node) : IRequest<NodeResponse>;

public sealed class GetNodeTreeHandler(PerformanceDbContext db) : IRequestHandler<GetNodeTree, IReadOnlyList<NodeResponse>>
{
    public async Task<IReadOnlyList<NodeResponse>> Handle(GetNodeTree request, CancellationToken ct)
    {
        var tree = await PlanTree.LoadAsync(db, await db.FindPlanAsync(request.Plan, ct), ct);
        return tree.ChildrenOf[null].Select(tree.Project).ToList();
    }
}

public sealed class GetNodeHandler(PerformanceDbContext db) : IRequestHandler<GetNode, NodeResponse>
{
    public async Task<NodeResponse> Handle(GetNode request, CancellationToken ct)
    {
        var tree = await PlanTree.LoadAsync(db, await db.FindPlanAsync(request.Plan, ct), ct);
        var node = tree.FindNode(request.Node)
                   ?? throw new NotFoundException("Node", request.Node);
        return tree.Project(node);
    }
}

public sealed class GetNodesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{plan}/nodes", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new GetNodeTree(plan), ct))
            .WithName(nameof(GetNodeTree)).RequireAuthorization(Policies.ReadPlans).WithTags("Nodes").WithSummary("The plan's tree of nodes with their indicators")
            .Produces<IReadOnlyList<NodeResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<NodeResponse>(n => n.Id.ToString());
        app.MapGet("/api/plans/{plan}/nodes/{node}", async (string plan, string node, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var response = await mediator.Send(new GetNode(plan, node), ct);
                http.Response.Headers.ETag = response.ETag;
                return response;
            })
            .WithName(nameof(GetNode)).RequireAuthorization(Policies.ReadPlans).WithTags("Nodes").WithSummary("A node (by id or code) with its subtree; ETag for updates")
            .Produces<NodeResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
