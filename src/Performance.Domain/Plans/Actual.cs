namespace Performance.Domain.Plans;

/// <summary>
/// One revision of a consuntivo for an indicator, year and period. Revisions are appended, never overwritten:
/// the latest revision is the current value, earlier ones stay readable for audit and "as of" queries.
/// </summary>
public sealed class Actual
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid IndicatorId { get; set; }
    /// <summary>Set when a common indicator is reported per structure; null for the indicator as a whole.</summary>
    public Guid? StructureId { get; set; }
    /// <summary>StructureId or Guid.Empty: a non-null key so the unique revision index also holds for indicator-wide rows
    /// (SQL unique indexes treat NULLs as distinct).</summary>
    public Guid ScopeId { get; set; }
    public int Year { get; set; }
    public required string Period { get; set; }
    public int Revision { get; set; }
    public decimal? Value { get; set; }
    public decimal? Numerator { get; set; }
    public decimal? Denominator { get; set; }
    public bool? Done { get; set; }
    public decimal? Completion { get; set; }
    /// <summary>When a milestone was achieved: a deadline target is met only when done by its due date.</summary>
    public DateOnly? CompletedOn { get; set; }
    public string? Note { get; set; }
    public string? Justification { get; set; }
    public ActualStatus Status { get; set; } = ActualStatus.Draft;
    /// <summary>Why this revision corrects a validated one (required for such corrections).</summary>
    public string? CorrectionReason { get; set; }
    /// <summary>The OIV's reason when the consuntivo was returned.</summary>
    public string? ReturnReason { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public required DateTime RecordedAt { get; set; }
    /// <summary>
    /// The day the figure was officially reported (comunicato): what "as of" questions ask about. Normally the day it was
    /// recorded; earlier when an office loads its history. The audit trail keeps the true recording time.
    /// </summary>
    public required DateOnly ReportedOn { get; set; }
    public string? RecordedBy { get; set; }

    // The consuntivo lifecycle (docs/workflow.md): draft → submitted → validated by the OIV, or returned with a reason.

    public void Submit()
    {
        if (Status is not (ActualStatus.Draft or ActualStatus.Returned))
            throw new WorkflowException($"Revision {Revision} of {Period} {Year} is {Status}: only a draft or returned consuntivo can be submitted.");
        Status = ActualStatus.Submitted;
    }

    public void Validate(string by, DateTime at)
    {
        if (Status != ActualStatus.Submitted)
            throw new WorkflowException($"Revision {Revision} of {Period} {Year} is {Status}: only a submitted consuntivo can be validated.");
        (Status, ReviewedBy, ReviewedAt, ReturnReason) = (ActualStatus.Validated, by, at, null);
    }

    public void Return(string by, string reason, DateTime at)
    {
        if (Audit.Reasons.Problem(reason) is { } problem) throw new WorkflowException($"A returned consuntivo needs the reason it is sent back: {problem}");
        if (Status != ActualStatus.Submitted)
            throw new WorkflowException($"Revision {Revision} of {Period} {Year} is {Status}: only a submitted consuntivo can be returned.");
        (Status, ReviewedBy, ReviewedAt, ReturnReason) = (ActualStatus.Returned, by, at, reason.Trim());
    }
}
