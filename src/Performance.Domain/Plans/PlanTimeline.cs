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

    /// <summary>
    /// The year's target as the plan stands at the date. For a structure, structure first: its own target as revised by an
    /// act, else as set, else the plan's (revised) target — the default every structure without its own shares.
    /// </summary>
    public string? TargetText(Indicator indicator, int year, Guid? structure = null) =>
        (structure is { } s ? StructureTargetText(indicator, year, s) : null)
        ?? _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ReviseTarget && c.IndicatorId == indicator.Id && c.Year == year && c.StructureId is null)?.Target
        ?? indicator.Targets.FirstOrDefault(t => t.Year == year)?.Text;

    /// <summary>The structure's own target of the year at the date (its act-revised text first), or null when it has none.</summary>
    public string? StructureTargetText(Indicator indicator, int year, Guid structure) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ReviseTarget && c.IndicatorId == indicator.Id && c.Year == year && c.StructureId == structure)?.Target
        ?? indicator.StructureTargets.FirstOrDefault(t => t.Year == year && t.StructureId == structure)?.Text;
}
