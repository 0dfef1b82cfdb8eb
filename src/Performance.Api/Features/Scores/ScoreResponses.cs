using System.Text.Json.Serialization;
using Performance.Domain.Monitoring;
using Performance.Domain.Periods;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Scores;

// Presented figures are rounded half away from zero to 2 decimals; explanations keep full precision so an OIV
// can redo the arithmetic and round once at the end.

/// <summary>Scostamento (deviation from the target) in the four forms reports use; each null where undefined (e.g. a target of 0).</summary>
/// <param name="Relative">(A − T) / T in %, signed so that positive is better than the target whatever the polarity.</param>
/// <param name="Points">A − T in percentage points, for percentage indicators only.</param>
/// <param name="Ratio">A / T.</param>
/// <param name="Difference">A − T in the indicator's unit.</param>
public sealed record DeviationResponse(decimal? Relative, decimal? Points, decimal? Ratio, decimal? Difference)
{
    public static DeviationResponse? From(Deviation? d) => d is null
        ? null
        : new(Rounding.Present(d.Relative), Rounding.Present(d.Points), Rounding.Present(d.Ratio), Rounding.Present(d.Difference));
}

/// <summary>An indicator on the scorecard: its target, figure and score for the year (figures rounded to 2 decimals).</summary>
/// <param name="Code">The indicator's code in the plan.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Unit">Its unit (Percent, Days, Euro, Hours, Count, None).</param>
/// <param name="Weight">Its weight among its node's indicators and children.</param>
/// <param name="Target">The year's target as written (as revised by reprogramming by the date read).</param>
/// <param name="Actual">The year's figure aggregated from its periods (for a milestone: the completion %).</param>
/// <param name="Achievement">Grado di raggiungimento: the figure against the target in %, uncapped.</param>
/// <param name="Score">The achievement after the plan's scoring policy (threshold, bands, cap): what rolls up. Null: not scored.</param>
/// <param name="Met">Whether the figure satisfies the target's operator exactly.</param>
/// <param name="Status">Semaforo: Green (met), Yellow (not met, achievement at or above the policy's yellowFrom), Red, Grey (not scored).</param>
/// <param name="Deviation">Scostamento from the target.</param>
/// <param name="JustificationRequired">The policy asks for a justification and the target is missed.</param>
/// <param name="MissingReason">Why it is not scored (no target this year, no consuntivo, …); null when scored.</param>
/// <param name="YearToDate">With a period: the figure at the period's end (its aggregation of the periods ending by then).</param>
/// <param name="Expected">With a period: the expected value E at the period's end (docs/monitoring.md).</param>
/// <param name="Progress">With a period: the achievement formula applied to the year-to-date figure and E (%).</param>
/// <param name="Forecast">With a period: the year-end forecast (an entered F1–F4, else the projection).</param>
/// <param name="Reachable">With a period: whether the forecast meets the yearly target (raggiungibile al 31/12).</param>
/// <param name="MonitoringStatus">With a period: InLinea, ARischio or Critico.</param>
/// <param name="MonitoringLabel">With a period: the monitoring status in Italian (in linea, a rischio, critico).</param>
/// <param name="MonitoringMissingReason">With a period: why the indicator has no monitoring status, when it has none.</param>
/// <param name="MonitoringExplanation">With a period and explain=true: how the expected value and the forecast were obtained.</param>
/// <param name="Forzatura">The approved forzatura the score carries, if any.</param>
/// <param name="PreviousYear">With compare=previousYear: its figures the year before.</param>
public sealed record ScorecardIndicator(
    string Code, string Name, decimal Weight, TargetUnit? Unit, string? Target, decimal? Actual, decimal? Achievement, decimal? Score,
    bool? Met, ScoreStatus Status, DeviationResponse? Deviation, bool JustificationRequired, string? MissingReason,
    decimal? YearToDate = null, decimal? Expected = null, decimal? Progress = null, decimal? Forecast = null, bool? Reachable = null,
    MonitoringStatus? MonitoringStatus = null, string? MonitoringLabel = null, string? MonitoringMissingReason = null,
    MonitoringExplanation? MonitoringExplanation = null, AppliedForzatura? Forzatura = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousYearFigures? PreviousYear = null)
{
    /// <summary>The year's target is written but does not parse: for the Relazione, which words its own reason. Not sent.</summary>
    [JsonIgnore]
    public bool TargetUnreadable { get; init; }
}

/// <summary>
/// compare=previousYear: the element's figures the year before (this plan's, or the plan it was rolled forward from), beside
/// this year's; achievement and score are null when that year has none (and achievement always for a node).
/// </summary>
/// <param name="Year">The year before the scored one.</param>
/// <param name="Plan">The code of the plan that scored that year (this one, or the one it was rolled forward from); null when
/// neither covers it or the structure asked is not in it, and then there are no figures.</param>
/// <param name="Achievement">Grado di raggiungimento (the figure against the target) that year, in %, uncapped, rounded to 2 decimals.</param>
/// <param name="Score">The score that year, rounded to 2 decimals.</param>
public sealed record PreviousYearFigures(int Year, string? Plan, decimal? Achievement, decimal? Score);

/// <summary>explain=true on a period scorecard: how E and the forecast were obtained, at full precision.</summary>
/// <param name="ExpectedMethod">How E was obtained; null when the indicator has no target to monitor against.</param>
/// <param name="ExpectedCalculation">The arithmetic that gave E, with the figures (e.g. "Sum: E = T × 6/12 months = 1200 × 6 ÷ 12"); "—" when there is no E.</param>
/// <param name="Expected">E, the value expected at the period's end, in the indicator's unit (for a milestone: % completion); null when none.</param>
/// <param name="ForecastMethod">How the year-end forecast was obtained; null when there is none (a milestone, no target, or no
/// forecast entered and no year-to-date figure to project).</param>
/// <param name="ForecastCalculation">The arithmetic that gave the forecast, with the figures, or why none could be projected; null when there is none.</param>
/// <param name="Forecast">The year-end forecast, in the indicator's unit; null when none.</param>
public sealed record MonitoringExplanation(
    ExpectationMethod? ExpectedMethod, string ExpectedCalculation, decimal? Expected, ForecastMethod? ForecastMethod, string? ForecastCalculation, decimal? Forecast);

/// <summary>
/// The approved forzatura (an override by judgement, approved by the OIV) a score carries: non valutabile, or the forced score
/// beside the one the consuntivi gave.
/// </summary>
/// <param name="Kind">NotAssessable (non valutabile: not scored, left out of its node's mean) or ForcedScore.</param>
/// <param name="Score">The forced score (0–100), rounded to 2 decimals; null for non valutabile.</param>
/// <param name="ComputedScore">The score the consuntivi (actual figures) alone give, rounded to 2 decimals; null when they give none.</param>
/// <param name="Reason">The reason stated in the proposal the OIV approved.</param>
public sealed record AppliedForzatura(JudgementKind Kind, decimal? Score, decimal? ComputedScore, string Reason)
{
    public static AppliedForzatura? From(IndicatorScore score) => score.Judgement is { } j
        ? new AppliedForzatura(j.Kind, Rounding.Present(j.Score), Rounding.Present(score.ComputedScore), j.Reason)
        : null;
}

/// <summary>A node of the albero della performance on the scorecard, with its children and indicators.</summary>
/// <param name="Code">The node's code in the plan.</param>
/// <param name="Title">The node's title.</param>
/// <param name="Children">The nodes under it.</param>
/// <param name="Indicators">Its indicators.</param>
/// <param name="Kind">Its level in the albero: Mission, StrategicArea, StrategicObjective, OperationalObjective, Action or Project.</param>
/// <param name="Weight">Its weight among its parent's children.</param>
/// <param name="Structure">The responsible structure's code, if any.</param>
/// <param name="Score">The weighted mean of its indicators' and child nodes' scores (roll-up, docs/scoring.md); null when none is scored.</param>
/// <param name="Status">Semaforo: Green (score ≥ 100), Yellow (≥ the policy's yellowFrom), Red, Grey (no score).</param>
/// <param name="Progress">With a period: the roll-up of its indicators' progress.</param>
/// <param name="MonitoringStatus">With a period: InLinea, ARischio or Critico.</param>
/// <param name="MonitoringLabel">With a period: the monitoring status in Italian.</param>
/// <param name="PreviousYear">With compare=previousYear: its score the year before.</param>
public sealed record ScorecardNode(
    string Code, string Title, NodeKind Kind, decimal Weight, string? Structure, decimal? Score, ScoreStatus Status,
    IReadOnlyList<ScorecardNode> Children, IReadOnlyList<ScorecardIndicator> Indicators,
    decimal? Progress = null, MonitoringStatus? MonitoringStatus = null, string? MonitoringLabel = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousYearFigures? PreviousYear = null);

/// <summary>The plan's scorecard for a year: every node and indicator with its score, as the engine computes them.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Year">The year scored.</param>
/// <param name="AsOf">The date the figures were read as of (the consuntivi reported and the plan as reprogrammed by then); null: now.</param>
/// <param name="Structure">The structure's code when the scorecard is one structure's; null for the whole plan.</param>
/// <param name="Forecast">The forecast scored instead of the consuntivi (1–4: F1–F4), if asked.</param>
/// <param name="Score">The plan's score: the weighted mean of its top nodes.</param>
/// <param name="Status">The plan's semaforo, as a node's.</param>
/// <param name="Nodes">The top-level nodes, each with its children and indicators.</param>
/// <param name="Period">The monitoring period asked (<c>?period=</c>), if any.</param>
/// <param name="Progress">With a period: the plan's progress against the expected values at the period's end.</param>
/// <param name="MonitoringStatus">With a period: InLinea, ARischio or Critico.</param>
/// <param name="MonitoringLabel">With a period: the monitoring status in Italian (in linea, a rischio, critico).</param>
public sealed record ScorecardResponse(
    string Plan, int Year, DateOnly? AsOf, string? Structure, int? Forecast, decimal? Score, ScoreStatus Status, IReadOnlyList<ScorecardNode> Nodes,
    Period? Period = null, decimal? Progress = null, MonitoringStatus? MonitoringStatus = null, string? MonitoringLabel = null);

/// <summary>One child of a node in its roll-up, at full precision: Σ contribution = the node's exact score.</summary>
/// <param name="Code">The child's code.</param>
/// <param name="Type"><c>indicator</c> or <c>node</c>.</param>
/// <param name="Weight">Its weight as given.</param>
/// <param name="NormalizedWeight">Its weight over the sum of the counted children's weights (0 when excluded).</param>
/// <param name="Score">Its score, at full precision; null when it has none.</param>
/// <param name="Contribution">Its share of the node's score: normalized weight × score.</param>
/// <param name="Excluded">Left out of the mean: no score under missing: Exclude, or weight 0 (reported, not scored).</param>
public sealed record ContributionResponse(
    string Code, string Type, decimal Weight, decimal NormalizedWeight, decimal? Score, decimal Contribution, bool Excluded);

/// <summary>How a node's score was obtained from its children.</summary>
/// <param name="Formula">The roll-up written out with the figures.</param>
/// <param name="MissingRule">What a child without a score counts as: Exclude (left out, the rest re-weighted) or Zero.</param>
/// <param name="ExactScore">The node's score at full precision (the presented score rounds it).</param>
/// <param name="Contributions">Each child's weight, score and share; the shares add up to the exact score.</param>
public sealed record NodeScoreExplanation(string Formula, MissingRule MissingRule, decimal? ExactScore, IReadOnlyList<ContributionResponse> Contributions);

/// <summary>A node's score for a year, with (explain=true) how its children make it up.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Code">The node's code.</param>
/// <param name="Title">The node's title.</param>
/// <param name="Kind">Its level in the albero.</param>
/// <param name="Year">The year scored.</param>
/// <param name="Score">The weighted mean of its children's scores; null when none is scored.</param>
/// <param name="Status">Semaforo: Green (score ≥ 100), Yellow (≥ the policy's yellowFrom), Red, Grey (no score).</param>
/// <param name="Explanation">With explain=true: the roll-up, child by child.</param>
public sealed record NodeScoreResponse(
    string Plan, string Code, string Title, NodeKind Kind, int Year, decimal? Score, ScoreStatus Status, NodeScoreExplanation? Explanation);

/// <summary>An indicator's score for a year, with (explain=true) every step from the consuntivi to the score.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Code">The indicator's code.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Year">The year scored.</param>
/// <param name="AsOf">The date the figures were read as of; null: now.</param>
/// <param name="Target">The year's target as written (as revised by reprogramming by then).</param>
/// <param name="Actual">The year's figure aggregated from its periods (for a milestone: the completion %).</param>
/// <param name="Achievement">Grado di raggiungimento: the figure against the target in %, uncapped.</param>
/// <param name="Score">The achievement after the plan's scoring policy; null: not scored.</param>
/// <param name="Met">Whether the figure satisfies the target's operator exactly.</param>
/// <param name="Status">Semaforo: Green (met), Yellow (not met, achievement at or above yellowFrom), Red, Grey (not scored).</param>
/// <param name="Deviation">Scostamento from the target.</param>
/// <param name="JustificationRequired">The policy asks for a justification and the target is missed.</param>
/// <param name="MissingReason">Why it is not scored; null when scored.</param>
/// <param name="Policy">With explain=true: the scoring policy applied.</param>
/// <param name="Explanation">With explain=true: each step, at full precision, so the arithmetic can be redone.</param>
/// <param name="Forzatura">The approved forzatura the score carries, if any.</param>
/// <param name="Evidence">With explain=true: the consuntivi used, each with its attachments (fonti; docs/evidence.md).</param>
/// <param name="Forzature">With explain=true: every forzatura of this indicator and year, with its steps.</param>
public sealed record IndicatorScoreResponse(
    string Plan, string Code, string Name, int Year, DateOnly? AsOf, string? Target, decimal? Actual, decimal? Achievement,
    decimal? Score, bool? Met, ScoreStatus Status, DeviationResponse? Deviation, bool JustificationRequired, string? MissingReason,
    ScoringPolicy? Policy, Explanation? Explanation, AppliedForzatura? Forzatura = null,
    IReadOnlyList<ActualEvidence>? Evidence = null, IReadOnlyList<ForzaturaResponse>? Forzature = null);
