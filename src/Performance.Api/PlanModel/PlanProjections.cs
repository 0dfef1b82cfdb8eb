using Performance.Domain.Projects;
using Performance.Domain.Plans;
using Performance.Domain.Targets;
using Performance.Domain.Scoring;

namespace Performance.Api.PlanModel;

public sealed record NodeResponse(
    Guid Id, string Code, NodeKind Kind, string Title, string? Finalita, decimal Weight, string? Parent, string? Structure,
    string? Responsible, string? ValueArea, string? SubArea, ProjectType? ProjectType, IReadOnlyList<int> Years, string ETag,
    IReadOnlyList<IndicatorResponse> Indicators, IReadOnlyList<NodeResponse> Children);

public sealed record IndicatorResponse(
    Guid Id, string Code, string Name, string Node, IndicatorType? Type, TargetUnit? Unit, Polarity? Polarity, decimal Weight,
    IReadOnlyList<TargetResponse> Targets, BaselineResponse? Baseline, string? Formula, string? Numerator, string? Denominator,
    string? Source, Frequency Frequency, Aggregation Aggregation, decimal? Cap, string? ValueArea, string ETag);

/// <summary>A year's target: the text as written and its parsed form (null with the error when it no longer parses).</summary>
public sealed record TargetResponse(int Year, string Text, ParsedTarget? Parsed, string? Error);

public sealed record BaselineResponse(int Year, decimal? Value);
