using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Plans;

/// <summary>Exports a plan in the import format (round trip).</summary>
public sealed record ExportPlan(string Plan) : IRequest<PlanDocument>;

public sealed class ExportPlanHandler(PerformanceDbContext db) : IRequestHandler<ExportPlan, PlanDocument>
{
    public async Task<PlanDocument> Handle(ExportPlan request, CancellationToken ct) =>
        await PlanDocumentWriter.WriteAsync(db, await db.FindPlanAsync(request.Plan, ct), ct);
}

public sealed class ExportPlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/export", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new ExportPlan(plan), ct))
            .WithName(nameof(ExportPlan)).RequireAuthorization(Policies.ReadPlans).WithTags("Plans").WithSummary("Export a plan as a plan document")
            .Produces<PlanDocument>().ProducesProblem(StatusCodes.Status404NotFound);
}
