using Performance.Domain.Projects;

namespace Performance.Domain.Plans;

/// <summary>A node of the albero della performance: area, objective, action or project.</summary>
public sealed class Node
{
    public Guid Id { get; init; } = Keys.TimeOrdered();  // time-ordered, see Indicator.Id
    public Guid PlanId { get; set; }
    public Guid? ParentId { get; set; }
    public Node? Parent { get; set; }
    public required string Code { get; init; }
    public NodeKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Finalita { get; set; }
    public decimal Weight { get; set; } = 1;
    public Guid? StructureId { get; set; }
    public Structure? Structure { get; set; }
    public string? Responsible { get; set; }
    public Guid? ValueAreaId { get; set; }
    public ValueArea? ValueArea { get; set; }
    public Guid? SubAreaId { get; set; }
    public ValueArea? SubArea { get; set; }
    public ProjectType? ProjectType { get; set; }
    /// <summary>Plan years the node is active in, comma separated ("2021,2022,2023"); empty = every year.</summary>
    public string Years { get; set; } = "";
    /// <summary>Resources assigned to the node as the plan states them (free JSON).</summary>
    public string? ResourcesJson { get; set; }
    public int SortOrder { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    /// <summary>The node of the earlier plan this one was rolled forward from.</summary>
    public Guid? SourceNodeId { get; set; }

    public List<Node> Children { get; init; } = [];
    public List<Indicator> Indicators { get; init; } = [];
    /// <summary>Structures a common objective is assigned to (besides the responsible one).</summary>
    public List<NodeStructure> AssignedStructures { get; init; } = [];

    public IReadOnlyList<int> YearList =>
        Years.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}
