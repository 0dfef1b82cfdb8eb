using Performance.Domain.Guidelines;

namespace Performance.Domain.Plans;

/// <summary>A Linea Guida Gestionale: OGE (obiettivo generale, art. 5 D.Lgs. 150/2009) or OSP, implemented by projects.</summary>
public sealed class Guideline
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public GuidelineKind Kind { get; set; }
    /// <summary>CIV programme line codes (e.g. "4.1.h"), comma separated.</summary>
    public string Programmes { get; set; } = "";
    public string? Justification { get; set; }
    public List<GuidelineProject> Projects { get; init; } = [];
    public List<GuidelineIndicator> Indicators { get; init; } = [];
}

public sealed class GuidelineProject
{
    public Guid GuidelineId { get; set; }
    public Guid NodeId { get; set; }
    public Node Node { get; set; } = null!;
    public int SortOrder { get; set; }
}
