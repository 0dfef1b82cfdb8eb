namespace Performance.Domain.Evidence;

/// <summary>
/// The documento di validazione della Relazione sulla Performance, produced when the OIV validates the year and kept byte
/// for byte afterwards: its SHA-256 is in the audit entry that recorded it.
/// </summary>
public sealed class ValidationDocument
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public int Year { get; set; }
    /// <summary>The year validation it documents.</summary>
    public Guid YearValidationId { get; set; }
    public required DateTime CreatedAt { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
}
