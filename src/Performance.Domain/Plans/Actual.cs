using Performance.Domain.Language;

namespace Performance.Domain.Plans;

/// <summary>
/// One revision of a consuntivo for an indicator, year and period. Revisions are appended, never overwritten:
/// the latest revision is the current value, earlier ones stay readable for audit and "as of" queries.
/// </summary>
public sealed class Actual
{
    /// <summary>Time-ordered (version 7): new rows land at the end of the key index instead of at random pages, which made
    /// bulk loads of SQLite 1.6-2.4 times faster in a side measurement (360,000 rows).</summary>
    public Guid Id { get; init; } = Keys.TimeOrdered();
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
    /// <summary>The role it was entered in: a referente's draft is submitted by a referente of its structure, not by the office.</summary>
    public string? RecordedAs { get; set; }
    /// <summary>Who submitted this revision for validation (null until submitted): the four-eyes rule compares it with the reviewer.</summary>
    public string? SubmittedBy { get; set; }

    // The consuntivo lifecycle (docs/workflow.md): draft → submitted → validated by the OIV, or returned with a reason.

    /// <summary>Why this revision cannot be submitted now (its state), or null.</summary>
    public string? SubmitProblem() => Status is ActualStatus.Draft or ActualStatus.Returned
        ? null
        : Say.It($"La revisione {Revision} di {Period} {Year} è {State(Status)}: si può inviare solo un consuntivo in bozza o restituito.", $"Revision {Revision} of {Period} {Year} is {Status}: only a draft or returned consuntivo can be submitted.");

    /// <summary>Why this revision cannot be validated or returned now (its state), or null.</summary>
    public string? ReviewProblem(string verb) => Status == ActualStatus.Submitted
        ? null
        : Say.It($"La revisione {Revision} di {Period} {Year} è {State(Status)}: solo un consuntivo inviato può essere {Participle(verb)}.", $"Revision {Revision} of {Period} {Year} is {Status}: only a submitted consuntivo can be {verb}.");

    /// <summary>
    /// Four eyes: whoever entered or submitted a figure never certifies it, whatever role they act in (the identity name is
    /// compared, so one person holding an office key and an OIV key is still one person). Null when <paramref name="reviewer"/> may.
    /// </summary>
    public string? FourEyesProblem(string reviewer) =>
        string.Equals(reviewer, RecordedBy, StringComparison.Ordinal)
            ? Say.It($"La revisione {Revision} di {Period} {Year} è stata inserita da {reviewer}: chi inserisce un consuntivo non può validarlo né restituirlo (principio dei quattro occhi).", $"Revision {Revision} of {Period} {Year} was entered by {reviewer}: who enters a consuntivo cannot validate or return it (four eyes).")
            : string.Equals(reviewer, SubmittedBy, StringComparison.Ordinal)
                ? Say.It($"La revisione {Revision} di {Period} {Year} è stata inviata da {reviewer}: chi invia un consuntivo non può validarlo né restituirlo (principio dei quattro occhi).", $"Revision {Revision} of {Period} {Year} was submitted by {reviewer}: who submits a consuntivo cannot validate or return it (four eyes).")
                : null;

    // The Italian words for a revision's state and for the act refused (the English text names the enum and the verb).
    private static string State(ActualStatus status) => status switch
    {
        ActualStatus.Draft => "in bozza", ActualStatus.Submitted => "inviata", ActualStatus.Validated => "validata", _ => "restituita",
    };

    private static string Participle(string verb) => verb switch { "validated" => "validato", "returned" => "restituito", "submitted" => "inviato", _ => verb };

    public void Submit(string by)
    {
        if (SubmitProblem() is { } problem) throw new WorkflowException(problem);
        (Status, SubmittedBy) = (ActualStatus.Submitted, by);
    }

    public void Validate(string by, DateTime at)
    {
        if ((ReviewProblem("validated") ?? FourEyesProblem(by)) is { } problem) throw new WorkflowException(problem);
        (Status, ReviewedBy, ReviewedAt, ReturnReason) = (ActualStatus.Validated, by, at, null);
    }

    public void Return(string by, string reason, DateTime at)
    {
        if (Audit.Reasons.Problem(reason) is { } problem) throw new WorkflowException(Say.It($"Un consuntivo restituito richiede la motivazione della restituzione: {problem}", $"A returned consuntivo needs the reason it is sent back: {problem}"));
        if ((ReviewProblem("returned") ?? FourEyesProblem(by)) is { } refused) throw new WorkflowException(refused);
        (Status, ReviewedBy, ReviewedAt, ReturnReason) = (ActualStatus.Returned, by, at, reason.Trim());
    }
}
