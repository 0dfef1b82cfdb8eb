using Performance.Domain.Periods;

namespace Performance.Domain.Scoring;

/// <summary>
/// One actual (consuntivo) of an indicator for a period of the scored year; the caller passes the latest revision
/// of each period, and if several revisions of a period arrive the aggregator keeps the highest one.
/// Numerator/Denominator are for rates (ratio of sums); Done/Completion/CompletedOn for milestones and deadlines.
/// </summary>
public sealed record PeriodActual(
    Period Period,
    decimal? Value,
    decimal? Numerator = null,
    decimal? Denominator = null,
    bool? Done = null,
    decimal? Completion = null,
    int Revision = 1,
    DateTime? RecordedAt = null,
    DateOnly? CompletedOn = null)
{
    public bool HasRatio => Numerator is not null && Denominator is not null;

    /// <summary>True when the entry carries anything the engine can use.</summary>
    public bool HasData => Value is not null || HasRatio || Done is not null || Completion is not null;
}
