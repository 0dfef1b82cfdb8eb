namespace Performance.Domain.Plans;

/// <summary>
/// The plan as it stands at a date: the original plan with the reprogramming acts effective by then applied
/// (reassigned objectives, merged or cancelled projects, revised targets, changed weights). The stored plan is never rewritten.
/// </summary>
public sealed class PlanTimeline(IReadOnlyList<Reprogramming> changes, DateOnly date)
{
    private readonly List<Reprogramming> _effective = changes.Where(c => c.EffectiveDate <= date).OrderBy(c => c.EffectiveDate).ThenBy(c => c.SortOrder).ToList();

    public DateOnly Date => date;

    public Guid? StructureOf(Node node) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ReassignStructure && c.NodeId == node.Id)?.ToStructureId ?? node.StructureId;

    /// <summary>Cancelled or merged into another project by the date: no longer part of the plan.</summary>
    public Reprogramming? RemovalOf(Node node) =>
        _effective.LastOrDefault(c => c.NodeId == node.Id && c.Kind is ReprogrammingKind.CancelProject or ReprogrammingKind.MergeProject);

    public decimal WeightOf(Node node) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ChangeWeight && c.NodeId == node.Id && c.IndicatorId is null)?.Weight ?? node.Weight;

    public decimal WeightOf(Indicator indicator) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ChangeWeight && c.IndicatorId == indicator.Id)?.Weight ?? indicator.Weight;

    public string? TargetText(Indicator indicator, int year) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ReviseTarget && c.IndicatorId == indicator.Id && c.Year == year)?.Target
        ?? indicator.Targets.FirstOrDefault(t => t.Year == year)?.Text;
}
