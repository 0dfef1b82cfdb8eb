using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>
/// One step of a calculation, in the order taken. Numbers are at full precision, so the arithmetic can
/// be redone; the figures presented beside the explanation are the rounded ones.
/// </summary>
/// <param name="Step">The step's stable name: target, reference, aggregation, actual, achievement, threshold, band, cap, floor,
/// score, met, deviation, status, missing or forzatura.</param>
/// <param name="Description">What the step did, in words, with its figures.</param>
/// <param name="Value">The step's result (the target's value, the year's figure, the achievement, the score after the step, the
/// relative deviation, the forced score); null for steps without a number, such as met and status.</param>
/// <param name="Before">The value the step started from: the score before a threshold, band, cap or floor, the computed score
/// before a forzatura (an override approved by the OIV), the reference value B of a relative target; null for the other steps.</param>
/// <param name="Calculation">The arithmetic with the numbers substituted, when the step has any (for the reference step: where
/// B came from); null otherwise.</param>
public sealed record ExplanationStep(
    string Step,
    string Description,
    decimal? Value,
    decimal? Before = null,
    string? Calculation = null);

/// <summary>An actual as it entered (or did not enter) the figure, with its period and revision.</summary>
/// <param name="Period">The period it covers: Y, S1–S2, T1–T3 (four-month), Q1–Q4, M01–M12, or a forecast F1–F4.</param>
/// <param name="Value">The figure as entered, in the indicator's unit; null when none was (a rate, a milestone state).</param>
/// <param name="Numerator">For a rate: the numerator; null otherwise.</param>
/// <param name="Denominator">For a rate: the denominator; null otherwise.</param>
/// <param name="Done">For a milestone: whether it was achieved; null when not stated.</param>
/// <param name="Completion">For a milestone: the completion (SAL, stato di avanzamento) in %; null when not stated.</param>
/// <param name="CompletedOn">For a deadline: the day it was achieved (yyyy-MM-dd); null when not stated.</param>
/// <param name="Revision">Which revision of the period's figure this is: 1 for the first, each correction adds one.</param>
/// <param name="RecordedAt">When the service stored that revision (UTC).</param>
/// <param name="Reason">Among the ignored actuals: why it did not enter the figure (superseded, a forecast, after the as-of date,
/// no value, …); null for the used ones.</param>
public sealed record ExplainedActual(
    string Period,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    bool? Done,
    decimal? Completion,
    DateOnly? CompletedOn,
    int Revision,
    DateTime? RecordedAt,
    string? Reason = null)
{
    public static ExplainedActual From(PeriodActual a, string? reason = null) =>
        new(a.Period.Code, a.Value, a.Numerator, a.Denominator, a.Done, a.Completion, a.CompletedOn, a.Revision,
            a.RecordedAt, reason);
}

/// <summary>
/// How a score was obtained, enough for an OIV to recompute it by hand: the target as written and parsed, the actuals
/// used and ignored, the aggregation, the formula with its numbers, each policy step, met and status reasons.
/// Only records, lists, strings, decimals and dates: serialises to JSON as is.
/// </summary>
/// <param name="Steps">Each step of the calculation, in order, at full precision.</param>
public sealed record Explanation(IReadOnlyList<ExplanationStep> Steps)
{
    /// <summary>The explanation of an evaluation scored with <see cref="ScoringView.Explain"/> off: no steps, nothing else.</summary>
    public static Explanation NotRequested { get; } = new([]);

    /// <summary>The indicator's code.</summary>
    public string? IndicatorCode { get; init; }

    /// <summary>The year's target as written (as revised by reprogramming); null when there is none to show (no target for the
    /// year, or a forced score with nothing computed from the consuntivi).</summary>
    public string? TargetText { get; init; }

    /// <summary>The target as parsed and scored (a relative target already made numeric from its reference value); for an
    /// indicator not scored, as written; null when there is none.</summary>
    public ParsedTarget? Target { get; init; }

    /// <summary>Which way is better for the indicator: its declared polarity, else the one its target implies (HigherIsBetter
    /// when scored and neither says); null when not known.</summary>
    public Polarity? Polarity { get; init; }

    /// <summary>How the period figures were combined into the year's (Last for a milestone, whatever the indicator declares).</summary>
    public Aggregation? AggregationRule { get; init; }

    /// <summary>What the year's figure rests on; null when the indicator is not scored for lack of a target.</summary>
    public AggregationBasis? AggregationBasis { get; init; }

    /// <summary>The consuntivi (actual figures) that made the year's figure, each at the revision used.</summary>
    public IReadOnlyList<ExplainedActual> ActualsUsed { get; init; } = [];

    /// <summary>The consuntivi left out of the figure, each with the reason.</summary>
    public IReadOnlyList<ExplainedActual> ActualsIgnored { get; init; } = [];

    /// <summary>The achievement formula in symbols, e.g. "T / A × 100".</summary>
    public string? Formula { get; init; }

    /// <summary>The formula with numbers, e.g. "T / A × 100 = 5 / 4 × 100 = 125".</summary>
    public string? Calculation { get; init; }

    /// <summary>Effective cap (indicator override or plan policy); null = uncapped.</summary>
    public decimal? Cap { get; init; }

    public LowerIsBetterFormula? LowerIsBetterFormula { get; init; }

    public ExplanationStep? Find(string step) => Steps.FirstOrDefault(s => s.Step == step);
}

/// <summary>Names of explanation steps, stable for clients.</summary>
public static class ExplanationSteps
{
    public const string Target = "target";
    /// <summary>How a relative target was computed from its reference value (or why it could not be).</summary>
    public const string Reference = "reference";
    public const string Aggregation = "aggregation";
    public const string Actual = "actual";
    public const string Achievement = "achievement";
    public const string Threshold = "threshold";
    public const string Band = "band";
    public const string Cap = "cap";
    public const string Floor = "floor";
    public const string Score = "score";
    public const string Met = "met";
    public const string Status = "status";
    public const string Deviation = "deviation";
    public const string Missing = "missing";
}
