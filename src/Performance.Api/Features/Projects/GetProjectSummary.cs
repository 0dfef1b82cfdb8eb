using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Projects;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Projects;

/// <summary>Project realization (achieved / due KPIs, capped at 100) overall and by value area, sub-area and type.</summary>
public sealed record GetProjectSummary(string Plan, ScoreQuery Query) : IRequest<ProjectSummaryResponse>;

public sealed record ProjectGroupResponse(
    string? Area, string? SubArea, ProjectType? Type, decimal? Realization, int Count, int Measured, int Complete, int Delayed,
    decimal? CompletePercent, ProjectTypeCounts ByType);

public sealed record ProjectResponse(string Code, string? Area, string? SubArea, ProjectType Type, int KpisDue, int KpisAchieved, decimal? Realization);

public sealed record ProjectSummaryResponse(
    string Plan, int Year, ProjectGroupResponse Overall, IReadOnlyList<ProjectGroupResponse> ByArea, IReadOnlyList<ProjectGroupResponse> BySubArea,
    IReadOnlyList<ProjectGroupResponse> ByType, IReadOnlyList<ProjectResponse> Projects);

public sealed class GetProjectSummaryHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetProjectSummary, ProjectSummaryResponse>
{
    public async Task<ProjectSummaryResponse> Handle(GetProjectSummary request, CancellationToken ct)
    {
        var scoring = await PlanScoring.ComputeAsync(db, trees, await db.FindPlanAsync(request.Plan, ct), request.Query with { Structure = null }, ct);
        var projects = ProjectRealizations.From(scoring);
        var summary = ProjectSummary.Compute(projects);
        return new ProjectSummaryResponse(scoring.Tree.Plan.Code, scoring.Year, Group(summary.Overall),
            summary.ByArea.Select(Group).ToList(), summary.BySubArea.Select(Group).ToList(), summary.ByType.Select(Group).ToList(),
            projects.Select(p => new ProjectResponse(p.Code, p.AreaCode, p.SubAreaCode, p.Type, p.KpisDue, p.KpisAchieved,
                Rounding.Present(ProjectRealization.Of(p.KpisDue, p.KpisAchieved)))).ToList());
    }

    private static ProjectGroupResponse Group(ProjectGroupSummary g) => new(
        g.AreaCode, g.SubAreaCode, g.Type, Rounding.Present(g.Realization), g.Count, g.Measured, g.Complete, g.Delayed,
        Rounding.Present(g.CompletePercent), g.ByType);
}

public sealed class GetProjectSummaryEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/projects/summary", (string plan, int? year, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetProjectSummary(plan, new ScoreQuery(year, asOf)), ct))
            .WithName(nameof(GetProjectSummary)).RequireAuthorization(Policies.ReadScores).WithTags("Valore Pubblico")
            .WithSummary("Project realization by value area, sub-area and project type, with counts")
            .Produces<ProjectSummaryResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
