namespace Performance.Domain.Audit;

/// <summary>
/// A signed statement that the chain had entry <see cref="Sequence"/> with <see cref="Hash"/> at <see cref="At"/>. Written
/// periodically with the entries and exportable, so that entries removed from the end of the chain are noticed: a chain
/// that ends before a checkpoint, or differs from it, was cut or rewritten.
/// </summary>
public sealed class AuditCheckpoint
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public long Sequence { get; init; }
    public required string Hash { get; init; }
    /// <summary>UTC, truncated to microseconds like the entries.</summary>
    public DateTime At { get; init; }
    public required string Signature { get; init; }
}
