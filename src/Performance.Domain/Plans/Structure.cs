using Performance.Domain.PublicValue;

namespace Performance.Domain.Plans;

/// <summary>A struttura / centro di responsabilità (DR, DCM, DP, Servizio...), central or territorial.</summary>
public sealed class Structure
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public StructureKind Kind { get; set; }
    public string? Type { get; set; }
    public string? Region { get; set; }
    public Guid? ParentId { get; set; }
    public Structure? Parent { get; set; }
    public int SortOrder { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    /// <summary>Production volumes per year: the weights of the territorial Valore Pubblico.</summary>
    public List<StructureVolume> Volumes { get; init; } = [];
}

public sealed class StructureVolume
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid StructureId { get; set; }
    public int Year { get; set; }
    public decimal Volume { get; set; }
}
