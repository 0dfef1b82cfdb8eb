namespace Performance.Domain.Plans;

/// <summary>A broken workflow rule (validating a draft, editing a validated figure...): a 409 for the caller.</summary>
public sealed class WorkflowException(string message) : Exception(message);

/// <summary>A period (or the whole year, "Y") closed to new consuntivi until an Admin reopens it with a reason.</summary>
public sealed class PeriodClosure
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public int Year { get; set; }
    public required string Period { get; set; }
    public required DateTime ClosedAt { get; set; }
    public required string ClosedBy { get; set; }
    public string? Reason { get; set; }
    public DateTime? ReopenedAt { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }

    public bool IsOpen => ReopenedAt is not null;
}

/// <summary>The OIV's validation of a plan year (the Relazione sulla Performance).</summary>
public sealed class YearValidation
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public int Year { get; set; }
    public required DateTime ValidatedAt { get; set; }
    public required string ValidatedBy { get; set; }
    public string? Note { get; set; }
}
