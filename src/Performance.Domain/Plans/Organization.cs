namespace Performance.Domain.Plans;

/// <summary>An ente (INPS, a Camera di Commercio, a Comune): owner of plans and the unit of data isolation.</summary>
public sealed class Organization
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Code { get; init; }
    public required string Name { get; set; }
}
