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

public sealed record ScorecardIndicator(
    string Code, string Name, decimal Weight, TargetUnit? Unit, string? Target, decimal? Actual, decimal? Achievement, decimal? Score,
    bool? Met, ScoreStatus Status, DeviationResponse? Deviation, bool JustificationRequired, string? MissingReason,
    AppliedForzatura? Forzatura = null);

/// <summary>The approved forzatura a score carries: non valutabile, or the forced score beside the one the consuntivi gave.</summary>
public sealed record AppliedForzatura(JudgementKind Kind, decimal? Score, decimal? ComputedScore, string Reason)
{
    public static AppliedForzatura? From(IndicatorScore score) => score.Judgement is { } j
        ? new AppliedForzatura(j.Kind, Rounding.Present(j.Score), Rounding.Present(score.ComputedScore), j.Reason)
        : null;
}

public sealed record ScorecardNode(
    string Code, string Title, NodeKind Kind, decimal Weight, string? Structure, decimal? Score, ScoreStatus Status,
    IReadOnlyList<ScorecardNode> Children, IReadOnlyList<ScorecardIndicator> Indicators);

public sealed record ScorecardResponse(
    string Plan, int Year, DateOnly? AsOf, string? Structure, int? Forecast, decimal? Score, ScoreStatus Status, IReadOnlyList<ScorecardNode> Nodes);

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
