namespace Performance.Domain.Plans;

/// <summary>
/// What an act changes. ReassignStructure: the owning structure; MergeProject / CancelProject: a project merged into
/// another or cancelled; ReviseTarget / ChangeWeight: a year's target or a weight; AddNode / AddIndicator: the element
/// (stored at once) is part of the plan from the act's date; RemoveNode / RemoveIndicator: no longer part of it from then
/// (its consuntivi stay); MoveNode: the node moves under the act's target node from then (none = top level).
/// </summary>
public enum ReprogrammingKind { ReassignStructure, MergeProject, CancelProject, ReviseTarget, ChangeWeight, AddNode, AddIndicator, RemoveNode, RemoveIndicator, MoveNode }

/// <summary>
/// A mid-year change decided by an act (e.g. "Det. DG n. 190/2024"), effective from a date. The plan keeps its original
/// form; scoring overlays the changes effective at the as-of date, so the baseline always stays visible.
/// </summary>
public sealed class Reprogramming
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public ReprogrammingKind Kind { get; set; }
    public Guid NodeId { get; set; }
    public Node Node { get; set; } = null!;
    public Guid? ToStructureId { get; set; }
    public Structure? ToStructure { get; set; }
    public Guid? IntoNodeId { get; set; }
    public Node? IntoNode { get; set; }
    public Guid? IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int? Year { get; set; }
    /// <summary>ReviseTarget: the structure whose own target is revised; null for the plan's target of the year.</summary>
    public Guid? StructureId { get; set; }
    public string? Target { get; set; }
    /// <summary>ChangeWeight: the new weight of the indicator (when <see cref="IndicatorId"/> is set) or else of the node.</summary>
    public decimal? Weight { get; set; }
    public required string Act { get; set; }
    public DateOnly EffectiveDate { get; set; }
    public string? Reason { get; set; }
    public required DateTime RecordedAt { get; set; }
    /// <summary>Order among the plan's acts: acts effective on the same day apply in this order.</summary>
    public int SortOrder { get; set; }
}

/// <summary>A common objective assigned to many structures, each reporting its own consuntivi.</summary>
public sealed class NodeStructure
{
    public Guid NodeId { get; set; }
    public Guid StructureId { get; set; }
}

/// <summary>An indicator making up the indicator component of an LGG/OGE.</summary>
public sealed class GuidelineIndicator
{
    public Guid GuidelineId { get; set; }
    public Guid IndicatorId { get; set; }
    public Indicator Indicator { get; set; } = null!;
    public int SortOrder { get; set; }
}
