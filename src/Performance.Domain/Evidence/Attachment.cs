namespace Performance.Domain.Evidence;

/// <summary>What an attachment supports: one revision of a consuntivo, an indicator, or a node of the tree.</summary>
public enum AttachmentOwner { Actual, Indicator, Node }

/// <summary>
/// A fonte or evidenza attached to a consuntivo, an indicator or a node. The row holds what listings show; the bytes are
/// kept by the storage named in <see cref="Storage"/> under the attachment's id, never under a name the client chose.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public AttachmentOwner Owner { get; set; }
    /// <summary>The consuntivo revision it supports (Owner = Actual).</summary>
    public Guid? ActualId { get; set; }
    /// <summary>The indicator (Owner = Indicator, and the consuntivo's indicator for Owner = Actual).</summary>
    public Guid? IndicatorId { get; set; }
    public Guid? NodeId { get; set; }
    /// <summary>The client's name, sanitized: no path, no control characters, bounded length.</summary>
    public required string FileName { get; set; }
    /// <summary>Sniffed from the bytes. What the client declared is kept apart and never used to serve the file.</summary>
    public required string ContentType { get; set; }
    public string? DeclaredContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Lowercase hex SHA-256 of the bytes, also written in the audit entry of the upload.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Which storage holds the bytes (<c>Database</c> or <c>Directory</c>): files stay readable when the setting changes.</summary>
    public required string Storage { get; set; }
    public string? Description { get; set; }
    public required DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>The bytes of an attachment kept in the database: a table of their own, so listing attachments never loads them.</summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; set; }
    public required byte[] Bytes { get; set; }
}
