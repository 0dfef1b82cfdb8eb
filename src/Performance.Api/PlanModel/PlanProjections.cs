using Performance.Domain.Projects;
using Performance.Domain.Plans;
using Performance.Domain.Targets;
using Performance.Domain.Scoring;

namespace Performance.Api.PlanModel;

/// <summary>A node of the plan's tree, with its indicators and the nodes under it (docs/model.md, "The node tree").</summary>
/// <param name="Id">The node's id.</param>
/// <param name="Code">Its code, unique in the plan.</param>
/// <param name="Kind">Mission, StrategicArea, StrategicObjective, OperationalObjective, Action or Project.</param>
/// <param name="Finalita">The narrative finalità.</param>
/// <param name="Weight">Its weight in its parent's roll-up (0: reported, not scored).</param>
/// <param name="Parent">The parent's code; null at the top.</param>
/// <param name="Structure">The responsible structure's code as stored on this node (descendants inherit it).</param>
/// <param name="Responsible">The responsible person.</param>
/// <param name="ValueArea">Its Valore Pubblico area's code.</param>
/// <param name="SubArea">Its sub-area's code.</param>
/// <param name="ProjectType">For a project: PesStrategico, PesIstituzionale or NoPes.</param>
/// <param name="Years">The plan years it is active in; empty: every year.</param>
/// <param name="ETag">Its version, to send as If-Match with a PATCH.</param>
/// <param name="Indicators">Its indicators.</param>
/// <param name="Children">The nodes under it.</param>
public sealed record NodeResponse(
    Guid Id, string Code, NodeKind Kind, string Title, string? Finalita, decimal Weight, string? Parent, string? Structure,
    string? Responsible, string? ValueArea, string? SubArea, ProjectType? ProjectType, IReadOnlyList<int> Years, string ETag,
    IReadOnlyList<IndicatorResponse> Indicators, IReadOnlyList<NodeResponse> Children);

/// <summary>An indicator as stored, with each year's target as written and as parsed (docs/model.md, "Indicators").</summary>
/// <param name="Id">The indicator's id.</param>
/// <param name="Code">Its code, unique in the plan.</param>
/// <param name="Node">The code of the node it belongs to.</param>
/// <param name="Type">Descriptive: Outcome, Impatto, Strategico, Operativo, Efficacia, Efficienza, Qualita, Output.</param>
/// <param name="Unit">Percent, Days, Euro, Hours, Count or None.</param>
/// <param name="Polarity">HigherIsBetter, LowerIsBetter or Milestone.</param>
/// <param name="Weight">Its weight in its node's roll-up (0: reported, not scored).</param>
/// <param name="Targets">Each year's target: the text as written and how it was read.</param>
/// <param name="Baseline">The declared starting point, if any.</param>
/// <param name="Formula">Modalità di calcolo.</param>
/// <param name="Numerator">For a rate: the label of its numerator.</param>
/// <param name="Denominator">For a rate: the label of its denominator.</param>
/// <param name="Source">Fonte dei dati.</param>
/// <param name="Frequency">Its reporting cadence: which periods its consuntivi cover.</param>
/// <param name="Aggregation">How its periods make the year's figure: Sum, Average, Last or RatioOfSums.</param>
/// <param name="Cap">Its own cap on the score; null: the plan's.</param>
/// <param name="ValueArea">Its own Valore Pubblico area or sub-area code.</param>
/// <param name="ETag">Its version, to send as If-Match with a PATCH.</param>
public sealed record IndicatorResponse(
    Guid Id, string Code, string Name, string Node, IndicatorType? Type, TargetUnit? Unit, Polarity? Polarity, decimal Weight,
    IReadOnlyList<TargetResponse> Targets, BaselineResponse? Baseline, string? Formula, string? Numerator, string? Denominator,
    string? Source, Frequency Frequency, Aggregation Aggregation, decimal? Cap, string? ValueArea, string ETag);

/// <summary>A year's target: the text as written and its parsed form (null with the error when it no longer parses).</summary>
/// <param name="Year">The plan year.</param>
/// <param name="Text">The target as written in the plan.</param>
/// <param name="Parsed">How it was read: operator, value, unit, reference, milestone … (docs/targets.md).</param>
/// <param name="Error">Why it no longer reads, when it does not (the text is kept as written).</param>
public sealed record TargetResponse(int Year, string Text, ParsedTarget? Parsed, string? Error);

/// <summary>An indicator's declared starting point (baseline).</summary>
/// <param name="Year">The baseline's year.</param>
/// <param name="Value">Its figure.</param>
public sealed record BaselineResponse(int Year, decimal? Value);
