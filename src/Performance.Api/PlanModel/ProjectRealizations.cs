using Performance.Domain.Plans;
using Performance.Domain.Projects;

namespace Performance.Api.PlanModel;

/// <summary>
/// A project's KPIs as the engine scored them: due = its indicators with a target for the year, achieved = those met.
/// Projects cancelled or merged by the date are not in the scored tree, so they are not counted (183 → 181).
/// </summary>
public static class ProjectRealizations
{
    public static IReadOnlyList<ProjectInput> From(PlanScoring scoring) =>
        scoring.AllNodes()
            .Select(score => (Score: score, Node: scoring.NodesByCode[score.Code]))
            .Where(x => x.Node.Kind == NodeKind.Project)
            .Select(x =>
            {
                var (area, subArea) = scoring.Tree.ClassificationOf(x.Node, scoring.Timeline);
                var due = x.Score.Indicators.Where(i => i.Evaluation is not null).ToList();
                return new ProjectInput(x.Node.Code, area, subArea, x.Node.ProjectType ?? ProjectType.NoPes, due.Count, due.Count(i => i.Evaluation!.Met == true));
            })
            .ToList();
}
