using Performance.Domain.Plans;
using Performance.Domain.PublicValue;

namespace Performance.Api.PlanModel;

/// <summary>Every structure's own scorecard on one loaded tree, and its scored items classified by value area.</summary>
public sealed record StructureScoring(Structure Structure, PlanScoring Scoring, decimal? Volume, IReadOnlyList<ScoredItem> Items);

public static class StructureScorings
{
    public static IReadOnlyList<StructureScoring> Compute(PlanTree tree, ScoreQuery query) =>
        tree.Structures.Select(structure =>
        {
            var scoring = PlanScoring.Compute(tree, query with { Structure = structure.Code });
            var volume = structure.Volumes.FirstOrDefault(v => v.Year == scoring.Year)?.Volume;
            return new StructureScoring(structure, scoring, volume, ItemsOf(scoring));
        }).ToList();

    /// <summary>
    /// The structure's scored indicators (weight 0 = reported, not scored, is left out), each in the value area of the
    /// indicator or else of its nearest classified node. Unclassified items do not enter Valore Pubblico.
    /// </summary>
    private static List<ScoredItem> ItemsOf(PlanScoring scoring)
    {
        var tree = scoring.Tree;
        var areas = tree.ValueAreas.ToDictionary(a => a.Id);
        var items = new List<ScoredItem>();
        foreach (var nodeScore in scoring.AllNodes())
        {
            var node = scoring.NodesByCode[nodeScore.Code];
            foreach (var indicatorScore in nodeScore.Indicators)
            {
                if (indicatorScore.Score is not { } score || indicatorScore.Weight == 0) continue;
                var indicator = scoring.IndicatorsByCode[indicatorScore.Code];
                var (area, subArea) = indicator.ValueAreaId is { } id
                    ? areas[id].ParentId is { } parent ? (areas[parent].Code, areas[id].Code) : (areas[id].Code, null)
                    : tree.ClassificationOf(node, scoring.Timeline);
                if (area is not null) items.Add(new ScoredItem(indicator.Code, area, subArea, score));
            }
        }
        return items;
    }
}
