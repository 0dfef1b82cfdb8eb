namespace Performance.Domain.Plans;

/// <summary>
/// The plan as it stands at a date: the original plan with the reprogramming acts effective by then applied
/// (reassigned objectives, merged or cancelled projects, revised targets, changed weights, nodes and indicators added,
/// removed or moved). The stored plan is never rewritten: an element added by an act is stored at once but is not part
/// of the plan before the act's date.
/// </summary>
public sealed class PlanTimeline
{
    // The effective acts of each node and of each indicator, in the order they apply. Every question below is about one
    // element, and a scorecard asks several for each of up to 30,000 indicators: one look-up each, not a scan of every act
    // (nor a closure allocated per question, which was a fifth of what a scored read allocated).
    private readonly Dictionary<Guid, List<Reprogramming>> _onNode = [], _onIndicator = [];

    // Elements an act adds later than the date: stored, not yet part of the plan.
    private readonly HashSet<Guid> _addedLater;

    public PlanTimeline(IReadOnlyList<Reprogramming> changes, DateOnly date)
    {
        Date = date;
        foreach (var act in changes.Where(c => c.EffectiveDate <= date).OrderBy(c => c.EffectiveDate).ThenBy(c => c.SortOrder))
        {
            if (act.NodeId is { } node) ActsOf(_onNode, node).Add(act);
            if (act.IndicatorId is { } indicator) ActsOf(_onIndicator, indicator).Add(act);
            HasMoves |= act.Kind == ReprogrammingKind.MoveNode;
        }
        _addedLater = changes.Where(c => c.EffectiveDate > date)
            .Select(c => c.Kind switch { ReprogrammingKind.AddNode => c.NodeId, ReprogrammingKind.AddIndicator => c.IndicatorId, _ => null })
            .OfType<Guid>().ToHashSet();
    }

    public DateOnly Date { get; }

    /// <summary>True when an act moved a node by the date (the tree's children then follow <see cref="ParentOf"/>).</summary>
    public bool HasMoves { get; }

    public Guid? StructureOf(Node node) =>
        Last(_onNode, node.Id, ReprogrammingKind.ReassignStructure, 0, static (_, _) => true)?.ToStructureId ?? node.StructureId;

    /// <summary>Cancelled, removed or merged into another project by the date: no longer part of the plan.</summary>
    public Reprogramming? RemovalOf(Node node) =>
        Last(_onNode, node.Id, null, 0, static (c, _) => c.Kind is ReprogrammingKind.CancelProject or ReprogrammingKind.MergeProject or ReprogrammingKind.RemoveNode);

    /// <summary>Part of the plan at the date: added by then (or from the start) and not removed.</summary>
    public bool Includes(Node node) => !_addedLater.Contains(node.Id) && RemovalOf(node) is null;

    public bool Includes(Indicator indicator) =>
        !_addedLater.Contains(indicator.Id) && Last(_onIndicator, indicator.Id, ReprogrammingKind.RemoveIndicator, 0, static (_, _) => true) is null;

    /// <summary>The node's parent at the date: the last act that moved it (null = top level), else where it is stored.</summary>
    public Guid? ParentOf(Node node) =>
        Last(_onNode, node.Id, ReprogrammingKind.MoveNode, 0, static (_, _) => true) is { } move ? move.IntoNodeId : node.ParentId;

    /// <summary>
    /// The node and its ancestors at the date, nearest first, following moves by act (<see cref="ParentOf"/>): where what a
    /// node inherits (responsible structure, assignments, inclusion) is looked up as reprogrammed. Ends at a parent not in
    /// <paramref name="nodes"/>, and after as many steps as there are nodes whatever the stored acts say.
    /// </summary>
    public IEnumerable<Node> SelfAndAncestors(Node node, IReadOnlyDictionary<Guid, Node> nodes)
    {
        var steps = 0;
        for (Node? n = node; n is not null && steps++ <= nodes.Count; n = ParentOf(n) is { } p ? nodes.GetValueOrDefault(p) : null)
            yield return n;
    }

    public decimal WeightOf(Node node) =>
        Last(_onNode, node.Id, ReprogrammingKind.ChangeWeight, 0, static (c, _) => c.IndicatorId is null)?.Weight ?? node.Weight;

    public decimal WeightOf(Indicator indicator) =>
        Last(_onIndicator, indicator.Id, ReprogrammingKind.ChangeWeight, 0, static (_, _) => true)?.Weight ?? indicator.Weight;

    /// <summary>
    /// The year's target as the plan stands at the date. For a structure, structure first: its own target as revised by an
    /// act, else as set, else the plan's (revised) target — the default every structure without its own shares.
    /// </summary>
    public string? TargetText(Indicator indicator, int year, Guid? structure = null) =>
        (structure is { } s ? StructureTargetText(indicator, year, s) : null)
        ?? Last(_onIndicator, indicator.Id, ReprogrammingKind.ReviseTarget, year, static (c, y) => c.Year == y && c.StructureId is null)?.Target
        ?? SetTarget(indicator, year);

    /// <summary>The structure's own target of the year at the date (its act-revised text first), or null when it has none.</summary>
    public string? StructureTargetText(Indicator indicator, int year, Guid structure) =>
        Last(_onIndicator, indicator.Id, ReprogrammingKind.ReviseTarget, (year, structure), static (c, s) => c.Year == s.year && c.StructureId == s.structure)?.Target
        ?? SetStructureTarget(indicator, year, structure);

    private static List<Reprogramming> ActsOf(Dictionary<Guid, List<Reprogramming>> acts, Guid element)
    {
        if (!acts.TryGetValue(element, out var list)) acts[element] = list = [];
        return list;
    }

    /// <summary>The element's last effective act of that kind (any kind when null) that also <paramref name="matches"/>.</summary>
    private static Reprogramming? Last<TState>(Dictionary<Guid, List<Reprogramming>> acts, Guid element, ReprogrammingKind? kind, TState state,
        Func<Reprogramming, TState, bool> matches)
    {
        if (!acts.TryGetValue(element, out var list)) return null;
        for (var i = list.Count - 1; i >= 0; i--)
            if ((kind is null || list[i].Kind == kind) && matches(list[i], state)) return list[i];
        return null;
    }

    private static string? SetTarget(Indicator indicator, int year)
    {
        foreach (var target in indicator.Targets)
            if (target.Year == year) return target.Text;
        return null;
    }

    private static string? SetStructureTarget(Indicator indicator, int year, Guid structure)
    {
        foreach (var target in indicator.StructureTargets)
            if (target.Year == year && target.StructureId == structure) return target.Text;
        return null;
    }
}
