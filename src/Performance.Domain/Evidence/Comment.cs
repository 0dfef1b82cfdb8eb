namespace Performance.Domain.Evidence;

/// <summary>A message, or the OIV's return of a consuntivo for correction (which opens the thread with its reason).</summary>
public enum CommentKind { Comment, Return }

/// <summary>
/// One message of the dialogue on a consuntivo (ActualId set: the thread spans the revisions of its period) or on an
/// indicator (ActualId null), between the OIV, the controllo di gestione and the referenti of the structure.
/// </summary>
public sealed class Comment
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public Guid IndicatorId { get; set; }
    public Guid? ActualId { get; set; }
    public CommentKind Kind { get; set; }
    public required string Text { get; set; }
    public required string Author { get; set; }
    public required string AuthorRole { get; set; }
    public required DateTime At { get; set; }
}
