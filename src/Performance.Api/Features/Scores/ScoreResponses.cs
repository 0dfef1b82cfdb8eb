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

public sealed record DeviationResponse(decimal? Relative, decimal? Points, decimal? Ratio, decimal? Difference)
{
    public static DeviationResponse? From(Deviation? d) => d is null
        ? null
        : new(Rounding.Present(d.Relative), Rounding.Present(d.Points), Rounding.Present(d.Ratio), Rounding.Present(d.Difference));
}

/// <param name="YearToDate">With a period: the figure at the period's end (its aggregation of the periods ending by then).</param>
/// <param name="Expected">With a period: the expected value E at the period's end (docs/monitoring.md).</param>
/// <param name="Progress">With a period: the achievement formula applied to the year-to-date figure and E (%).</param>
/// <param name="Forecast">With a period: the year-end forecast (an entered F1–F4, else the projection).</param>
/// <param name="Reachable">With a period: whether the forecast meets the yearly target (raggiungibile al 31/12).</param>
/// <param name="MonitoringStatus">With a period: InLinea, ARischio or Critico; <paramref name="MonitoringLabel"/> in Italian.</param>
public sealed record ScorecardIndicator(
    string Code, string Name, decimal Weight, TargetUnit? Unit, string? Target, decimal? Actual, decimal? Achievement, decimal? Score,
    bool? Met, ScoreStatus Status, DeviationResponse? Deviation, bool JustificationRequired, string? MissingReason,
    decimal? YearToDate = null, decimal? Expected = null, decimal? Progress = null, decimal? Forecast = null, bool? Reachable = null,
    MonitoringStatus? MonitoringStatus = null, string? MonitoringLabel = null, string? MonitoringMissingReason = null,
    MonitoringExplanation? MonitoringExplanation = null, AppliedForzatura? Forzatura = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousYearFigures? PreviousYear = null);

/// <summary>
/// compare=previousYear: the element's figures the year before (this plan's, or the plan it was rolled forward from), beside
/// this year's; achievement and score are null when that year has none (and achievement always for a node).
/// </summary>
public sealed record PreviousYearFigures(int Year, string? Plan, decimal? Achievement, decimal? Score);

/// <summary>explain=true on a period scorecard: how E and the forecast were obtained, at full precision.</summary>
public sealed record MonitoringExplanation(
    ExpectationMethod? ExpectedMethod, string ExpectedCalculation, decimal? Expected, ForecastMethod? ForecastMethod, string? ForecastCalculation, decimal? Forecast);

/// <summary>The approved forzatura a score carries: non valutabile, or the forced score beside the one the consuntivi gave.</summary>
public sealed record AppliedForzatura(JudgementKind Kind, decimal? Score, decimal? ComputedScore, string Reason)
{
    public static AppliedForzatura? From(IndicatorScore score) => score.Judgement is { } j
        ? new AppliedForzatura(j.Kind, Rounding.Present(j.Score), Rounding.Present(score.ComputedScore), j.Reason)
        : null;
}

public sealed record ScorecardNode(
    string Code, string Title, NodeKind Kind, decimal Weight, string? Structure, decimal? Score, ScoreStatus Status,
    IReadOnlyList<ScorecardNode> Children, IReadOnlyList<ScorecardIndicator> Indicators,
    decimal? Progress = null, MonitoringStatus? MonitoringStatus = null, string? MonitoringLabel = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousYearFigures? PreviousYear = null);

public sealed record ScorecardResponse(
    string Plan, int Year, DateOnly? AsOf, string? Structure, int? Forecast, decimal? Score, ScoreStatus Status, IReadOnlyList<ScorecardNode> Nodes,
    Period? Period = null, decimal? Progress = null, MonitoringStatus? MonitoringStatus = null, string? MonitoringLabel = null);

/// <summary>One child of a node in its roll-up, at full precision: Σ contribution = the node's exact score.</summary>
public sealed record ContributionResponse(
    string Code, string Type, decimal Weight, decimal NormalizedWeight, decimal? Score, decimal Contribution, bool Excluded);

public sealed record NodeScoreExplanation(string Formula, MissingRule MissingRule, decimal? ExactScore, IReadOnlyList<ContributionResponse> Contributions);

public sealed record NodeScoreResponse(
    string Plan, string Code, string Title, NodeKind Kind, int Year, decimal? Score, ScoreStatus Status, NodeScoreExplanation? Explanation);

public sealed record IndicatorScoreResponse(
    string Plan, string Code, string Name, int Year, DateOnly? AsOf, string? Target, decimal? Actual, decimal? Achievement,
    decimal? Score, bool? Met, ScoreStatus Status, DeviationResponse? Deviation, bool JustificationRequired, string? MissingReason,
    ScoringPolicy? Policy, Explanation? Explanation, AppliedForzatura? Forzatura = null,
    IReadOnlyList<ActualEvidence>? Evidence = null, IReadOnlyList<ForzaturaResponse>? Forzature = null);
