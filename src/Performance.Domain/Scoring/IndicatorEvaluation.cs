namespace Performance.Domain.Scoring;

/// <summary>
/// The result for one indicator: Actual (the aggregated figure; for milestones the completion %), Achievement
/// (raw, uncapped %), Score (after the policy), Met (operator exactly), Status, Deviation (null for milestones),
/// and the Explanation. All values are full precision; use <see cref="Rounding.Present(decimal?)"/> to show them.
/// A null Score means missing (status Grey), never 0.
/// </summary>
public sealed record IndicatorEvaluation(
    decimal? Actual,
    decimal? Achievement,
    decimal? Score,
    bool? Met,
    ScoreStatus Status,
    Deviation? Deviation,
    Explanation Explanation,
    bool JustificationRequired = false)
{
    /// <summary>The score as numerator ÷ denominator, before its division (what an exact roll-up reads).</summary>
    internal Quotient? ExactScore { get; init; }
}
