namespace Performance.Domain.Plans;

/// <summary>
/// The plan as it stands at a date: the original plan with the reprogramming acts effective by then applied
/// (reassigned objectives, merged or cancelled projects, revised targets, changed weights, nodes and indicators added,
/// removed or moved). The stored plan is never rewritten: an element added by an act is stored at once but is not part
/// of the plan before the act's date.
/// </summary>
public sealed class PlanTimeline(IReadOnlyList<Reprogramming> changes, DateOnly date)
{
    private readonly List<Reprogramming> _effective = changes.Where(c => c.EffectiveDate <= date).OrderBy(c => c.EffectiveDate).ThenBy(c => c.SortOrder).ToList();

    // Elements an act adds later than the date: stored, not yet part of the plan.
    private readonly HashSet<Guid> _addedLater = changes.Where(c => c.EffectiveDate > date)
        .Select(c => c.Kind switch { ReprogrammingKind.AddNode => c.NodeId, ReprogrammingKind.AddIndicator => c.IndicatorId, _ => null })
        .OfType<Guid>().ToHashSet();

    public DateOnly Date => date;

    /// <summary>True when an act moved a node by the date (the tree's children then follow <see cref="ParentOf"/>).</summary>
    public bool HasMoves => _effective.Exists(c => c.Kind == ReprogrammingKind.MoveNode);

    public Guid? StructureOf(Node node) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.ReassignStructure && c.NodeId == node.Id)?.ToStructureId ?? node.StructureId;

    /// <summary>Cancelled, removed or merged into another project by the date: no longer part of the plan.</summary>
    public Reprogramming? RemovalOf(Node node) =>
        _effective.LastOrDefault(c => c.NodeId == node.Id
            && c.Kind is ReprogrammingKind.CancelProject or ReprogrammingKind.MergeProject or ReprogrammingKind.RemoveNode);

    /// <summary>Part of the plan at the date: added by then (or from the start) and not removed.</summary>
    public bool Includes(Node node) => !_addedLater.Contains(node.Id) && RemovalOf(node) is null;

    public bool Includes(Indicator indicator) =>
        !_addedLater.Contains(indicator.Id) && !_effective.Exists(c => c.Kind == ReprogrammingKind.RemoveIndicator && c.IndicatorId == indicator.Id);

    /// <summary>The node's parent at the date: the last act that moved it (null = top level), else where it is stored.</summary>
    public Guid? ParentOf(Node node) =>
        _effective.LastOrDefault(c => c.Kind == ReprogrammingKind.MoveNode && c.NodeId == node.Id) is { } move ? move.IntoNodeId : node.ParentId;

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
