namespace Performance.Domain.Plans;

/// <summary>A Piano della Performance (or PIAO section) over a span of years, with one scoring policy.</summary>
public sealed class Plan
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public required string Code { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Draft;
    /// <summary>The act that adopted the plan (e.g. "Delibera G.C. n. 12/2021") and its date; null while a draft.</summary>
    public string? AdoptionAct { get; set; }
    public DateOnly? AdoptedOn { get; set; }
    /// <summary>The scoring policy travels with the plan (versioned with it), stored as its JSON form.</summary>
    public required string ScoringPolicyJson { get; set; }
    public required DateTime CreatedAt { get; init; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<Structure> Structures { get; init; } = [];
    public List<ValueArea> ValueAreas { get; init; } = [];
    public List<Node> Nodes { get; init; } = [];
    public List<Guideline> Guidelines { get; init; } = [];
    public List<Reprogramming> Reprogrammings { get; init; } = [];

    public bool CoversYear(int year) => year >= StartYear && year <= EndYear;
}
