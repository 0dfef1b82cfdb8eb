using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>
/// One step of a calculation. <see cref="Value"/> is the result of the step, <see cref="Before"/> the value it
/// started from (for policy steps: threshold, band, cap, floor), <see cref="Calculation"/> the arithmetic with
/// numbers substituted. Numbers are full precision; the API rounds them when presenting.
/// </summary>
public sealed record ExplanationStep(
    string Step,
    string Description,
    decimal? Value,
    decimal? Before = null,
    string? Calculation = null);

/// <summary>An actual as it entered (or did not enter) the figure, with its period and revision.</summary>
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
public sealed record Explanation(IReadOnlyList<ExplanationStep> Steps)
{
    /// <summary>The explanation of an evaluation scored with <see cref="ScoringView.Explain"/> off: no steps, nothing else.</summary>
    public static Explanation NotRequested { get; } = new([]);

    public string? IndicatorCode { get; init; }
    public string? TargetText { get; init; }
    public ParsedTarget? Target { get; init; }
    public Polarity? Polarity { get; init; }
    public Aggregation? AggregationRule { get; init; }
    public AggregationBasis? AggregationBasis { get; init; }
    public IReadOnlyList<ExplainedActual> ActualsUsed { get; init; } = [];
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
