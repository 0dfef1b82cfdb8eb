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

/// <summary>
/// The realization of a group of projects: all of them, one value area, one sub-area or one project type. Realization is the
/// simple mean over the group's measured projects; figures in %, rounded to 2 decimals.
/// </summary>
/// <param name="Area">The value area's code (in byArea and bySubArea); null in overall and byType, and for the projects classified in no area.</param>
/// <param name="SubArea">The sub-area's code (in bySubArea); null elsewhere, and for the projects classified in no sub-area.</param>
/// <param name="Type">The project type (in byType); null elsewhere.</param>
/// <param name="Realization">The simple mean of the realizations of the group's measured projects (0–100); null when none is measured.</param>
/// <param name="Count">How many projects the group has, measured or not.</param>
/// <param name="Measured">How many of them have KPIs due in the year.</param>
/// <param name="Complete">How many measured projects are at 100.</param>
/// <param name="Delayed">How many measured projects are below 100.</param>
/// <param name="CompletePercent">Complete ÷ measured × 100; null when none is measured.</param>
/// <param name="DelayedPercent">Delayed ÷ measured × 100 (the complement of completePercent, rounded on its own); null when none is measured.</param>
/// <param name="ByType">The group's projects (measured or not) counted by type.</param>
public sealed record ProjectGroupResponse(
    string? Area, string? SubArea, ProjectType? Type, decimal? Realization, int Count, int Measured, int Complete, int Delayed,
    decimal? CompletePercent, decimal? DelayedPercent, ProjectTypeCounts ByType);

/// <summary>A performance project (a node of kind Project) with its KPIs (its own indicators) due and achieved in the year.</summary>
/// <param name="Code">The project node's code.</param>
/// <param name="Area">The value area's code: the project's own, else its nearest classified ancestor's; null when none.</param>
/// <param name="SubArea">The sub-area's code, found the same way; null when none.</param>
/// <param name="Type">PesStrategico, PesIstituzionale or NoPes (NoPes when the node states none).</param>
/// <param name="KpisDue">How many of its indicators have a target for the year, whatever their weight (one without a consuntivo is
/// due and not achieved; a non valutabile one is not counted).</param>
/// <param name="KpisAchieved">How many of those met their target.</param>
/// <param name="Realization">KPIs achieved ÷ KPIs due × 100, capped at 100, rounded to 2 decimals; null when nothing is due (not measured).</param>
public sealed record ProjectResponse(string Code, string? Area, string? SubArea, ProjectType Type, int KpisDue, int KpisAchieved, decimal? Realization);

/// <summary>
/// The realization of the plan's performance projects for a year (docs/public-value-and-lgg.md): overall, by value area, by
/// sub-area and by type, then project by project. Projects cancelled or merged by the date are not counted.
/// </summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Year">The year scored.</param>
/// <param name="Overall">Every project of the plan.</param>
/// <param name="ByArea">One group per value area, in order of first appearance (the projects without one form a group with area null).</param>
/// <param name="BySubArea">One group per value area and sub-area pair, in order of first appearance.</param>
/// <param name="ByType">One group per project type: PesStrategico, PesIstituzionale, NoPes, always all three.</param>
/// <param name="Projects">Each project with its KPIs and realization.</param>
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
        Rounding.Present(g.CompletePercent), Rounding.Present(g.DelayedPercent), g.ByType);
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
