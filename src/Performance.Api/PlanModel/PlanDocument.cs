using System.Text.Json;

namespace Performance.Api.PlanModel;

// The plan document of docs/model.md, used for import and export. Enumerations are strings and every field is optional here
// so that the validator can report every problem with its JSON path, instead of the deserializer stopping at the first.
// An adopted plan travels with its act (adoptionAct, adoptedOn) and its reprogramming acts, so that an office migrating a
// plan already adopted imports it as it stands and export → import gives the same record.

public sealed record PlanDocument(
    OrganizationDocument? Organization,
    string? Code,
    string? Title,
    string? Description,
    int? StartYear,
    int? EndYear,
    string? Status,
    ScoringPolicyDocument? ScoringPolicy,
    List<ValueAreaDocument>? ValueAreas,
    List<StructureDocument>? Structures,
    List<NodeDocument>? Nodes,
    List<GuidelineDocument>? Guidelines,
    List<ReprogrammingDocument>? Reprogramming = null,
    string? AdoptionAct = null,
    DateOnly? AdoptedOn = null);

public sealed record OrganizationDocument(string? Code, string? Name);

public sealed record ScoringPolicyDocument(
    decimal? Cap,
    string? LowerIsBetter,
    string? Missing,
    decimal? Threshold,
    List<BandDocument>? Bands,
    string? BandMode = null,
    decimal? YellowFrom = null,
    bool? JustificationRequiredWhenMissed = null,
    MonitoringPolicyDocument? Monitoring = null);

/// <summary>
/// Monitoraggio intermedio (docs/monitoring.md): thresholds of progress (defaults 95 and 80), days after a period's end by
/// which its consuntivo is due (default 30), and per indicator code an optional seasonal profile (period → % of a Sum
/// indicator's yearly target) and cumulative per-period targets (year → period → expected figure).
/// </summary>
public sealed record MonitoringPolicyDocument(
    decimal? OnTrackFrom = null,
    decimal? AtRiskFrom = null,
    int? EntryDays = null,
    Dictionary<string, IndicatorScheduleDocument>? Indicators = null);

public sealed record IndicatorScheduleDocument(
    Dictionary<string, decimal>? Profile = null,
    Dictionary<string, Dictionary<string, decimal>>? Targets = null);

public sealed record BandDocument(decimal? From, decimal? To, decimal? Score);

public sealed record ValueAreaDocument(string? Code, string? Name, decimal? Weight, List<SubAreaDocument>? SubAreas);

public sealed record SubAreaDocument(string? Code, string? Name);

public sealed record StructureDocument(
    string? Code, string? Name, string? Kind, string? Type, string? Region, string? Parent, Dictionary<string, decimal>? Volumes);

public sealed record NodeDocument(
    string? Code,
    string? Kind,
    string? Title,
    decimal? Weight,
    string? Structure,
    string? Responsible,
    string? ValueArea,
    string? SubArea,
    List<IndicatorDocument>? Indicators,
    List<NodeDocument>? Children,
    string? Finalita = null,
    string? ProjectType = null,
    List<int>? Years = null,
    JsonElement? Resources = null,
    string? Parent = null,
    List<string>? Structures = null);

public sealed record IndicatorDocument(
    string? Code,
    string? Name,
    string? Type,
    string? Unit,
    string? Polarity,
    decimal? Weight,
    Dictionary<string, string>? Targets,
    BaselineDocument? Baseline,
    string? Formula,
    string? Source,
    string? Frequency,
    string? Aggregation,
    decimal? Cap,
    string? Numerator = null,
    string? Denominator = null,
    string? ValueArea = null,
    List<StructureTargetDocument>? StructureTargets = null);

/// <summary>One structure's own targets of an indicator, by year (docs/targets.md, "Targets per structure").</summary>
public sealed record StructureTargetDocument(string? Structure, Dictionary<string, string>? Targets);

public sealed record BaselineDocument(int? Year, decimal? Value);

public sealed record GuidelineDocument(
    int? Number, string? Title, string? Kind, List<string>? Programmes, List<string>? Projects, string? Justification = null,
    List<string>? Indicators = null);

/// <summary>
/// A mid-year change with its act: ReassignStructure (node → toStructure), MergeProject (node → intoProject),
/// CancelProject (node), ReviseTarget (indicator, year → target; with structure, that structure's own target),
/// ChangeWeight (node or indicator → weight), AddNode and RemoveNode (node), AddIndicator and RemoveIndicator (indicator),
/// MoveNode (node → intoProject, its new parent; absent = top level). The plan keeps the original.
/// </summary>
public sealed record ReprogrammingDocument(
    string? Kind, string? Node, string? Act, DateOnly? Date, string? Reason = null, string? ToStructure = null, string? IntoProject = null,
    string? Indicator = null, int? Year = null, string? Target = null, decimal? Weight = null, string? Structure = null);

/// <summary>
/// What the reader assumed in a target it did not refuse (docs/targets.md, Warnings): the target's JSON path, the warning's
/// stable code and message, and — when the plan came from a workbook — its sheet, row, column and cell.
/// </summary>
public sealed record PlanWarning(string Path, string Code, string Message, Infrastructure.FileLocation? Location = null);
