namespace Performance.Domain.Plans;

/// <summary>An ambito valoriale of Valore Pubblico, or (with a parent) one of its sottoambiti.</summary>
public sealed class ValueArea
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public decimal Weight { get; set; } = 1;
    public Guid? ParentId { get; set; }
    public ValueArea? Parent { get; set; }
    public int SortOrder { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
