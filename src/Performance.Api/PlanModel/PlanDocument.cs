using System.Text.Json;

namespace Performance.Api.PlanModel;

// The plan document of docs/model.md, used for import and export. Enumerations are strings and every field is optional here
// so that the validator can report every problem with its JSON path, instead of the deserializer stopping at the first.
// An adopted plan travels with its act (adoptionAct, adoptedOn) and its reprogramming acts, so that an office migrating a
// plan already adopted imports it as it stands and export → import gives the same record.

/// <summary>A whole plan as imported and exported (docs/model.md, "The plan document"): the tree, its indicators and targets, its policy.</summary>
/// <param name="Organization">The organization the plan belongs to (created by the import when its code is new).</param>
/// <param name="Code">What people call the plan (<c>PP-2021-2023</c>); unique within the organization.</param>
/// <param name="StartYear">The first year the plan covers; targets, consuntivi and acts fall within StartYear–EndYear.</param>
/// <param name="EndYear">The last year the plan covers.</param>
/// <param name="Status"><c>Draft</c> (default), <c>Adopted</c> or <c>Closed</c>; a plan not in draft needs its act (AdoptionAct, AdoptedOn).</param>
/// <param name="ScoringPolicy">How achievements become scores (threshold, bands, cap, missing children); absent: the defaults (cap 100, missing excluded).</param>
/// <param name="ValueAreas">The ambiti of Valore Pubblico, with their sub-areas and weights.</param>
/// <param name="Structures">The strutture / centri di responsabilità.</param>
/// <param name="Nodes">The albero della performance: nested (children) or flat with parent codes.</param>
/// <param name="Guidelines">The Linee Guida Gestionali (LGG) and the projects and indicators that implement them.</param>
/// <param name="Reprogramming">The acts that changed an adopted plan (as exported), kept with their dates and reasons.</param>
/// <param name="AdoptionAct">The act that adopted the plan (e.g. <c>Delibera n. 12/2024</c>), with a status other than Draft.</param>
/// <param name="AdoptedOn">Its date.</param>
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

/// <summary>The organization a plan belongs to.</summary>
/// <param name="Code">The organization's code (<c>INPS</c>, <c>CCIAA-CR</c>).</param>
/// <param name="Name">Its name.</param>
public sealed record OrganizationDocument(string? Code, string? Name);

/// <summary>The plan's scoring policy (docs/scoring.md, "The scoring policy").</summary>
/// <param name="Cap">The highest score an indicator can reach (e.g. 100); absent or null: uncapped.</param>
/// <param name="LowerIsBetter">How a lower-is-better indicator's achievement is computed: <c>InverseRatio</c> (T / A × 100, default) or <c>Reflected</c> ((2T − A) / T × 100, floored at 0).</param>
/// <param name="Missing">A child without a score: <c>Exclude</c> (default: the others re-weighted) or <c>Zero</c>.</param>
/// <param name="Threshold">Soglia: an achievement below it scores 0.</param>
/// <param name="Bands">Fasce: achievement ranges mapped to scores.</param>
/// <param name="YellowFrom">The achievement from which a missed target is yellow rather than red (default 90).</param>
/// <param name="BandMode">How a band gives its score: <c>Step</c> (default: the band's score) or <c>Interpolated</c> (linear from the band's score at its from to the next band's score at its to).</param>
/// <param name="JustificationRequiredWhenMissed">A consuntivo that misses its target must carry a justification.</param>
/// <param name="Monitoring">The monitoraggio intermedio's thresholds, due days and per-indicator schedules.</param>
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
/// <param name="OnTrackFrom">Progress (% of the expected value) at or above which an indicator is in linea (on track): default 95, not negative.</param>
/// <param name="AtRiskFrom">Progress at or above which, below OnTrackFrom, it is a rischio (at risk); below it, critico: default 80, not above OnTrackFrom.</param>
/// <param name="EntryDays">Days after a period's end by which its consuntivo is due, overdue after (0–366, default 30).</param>
/// <param name="Indicators">By indicator code (an indicator of the plan): its seasonal profile and cumulative period targets.</param>
public sealed record MonitoringPolicyDocument(
    decimal? OnTrackFrom = null,
    decimal? AtRiskFrom = null,
    int? EntryDays = null,
    Dictionary<string, IndicatorScheduleDocument>? Indicators = null);

/// <summary>How one indicator's year is expected to unfold, for the monitoraggio intermedio (docs/monitoring.md).</summary>
/// <param name="Profile">For a Sum indicator: the % of the yearly target falling in each period (<c>{ "Q1": 10, "Q2": 20, "Q3": 30, "Q4": 40 }</c>); periods of one kind (S1–S2, T1–T3, Q1–Q4 or M01–M12), shares not negative and adding up to 100.</param>
/// <param name="Targets">Cumulative targets by plan year and period (<c>{ "2021": { "S1": 25, "S2": 50 } }</c>): the figure expected at the end of that period, in the indicator's unit; they win over the profile.</param>
public sealed record IndicatorScheduleDocument(
    Dictionary<string, decimal>? Profile = null,
    Dictionary<string, Dictionary<string, decimal>>? Targets = null);

/// <summary>A fascia (score band) of the scoring policy: an achievement from From (included) to To (excluded) scores Score.</summary>
/// <param name="From">The band's lowest achievement (%), included: the band is [From, To).</param>
/// <param name="To">The achievement (%) where the next band starts, excluded; null: and above.</param>
/// <param name="Score">The score an achievement in the band gets.</param>
public sealed record BandDocument(decimal? From, decimal? To, decimal? Score);

/// <summary>An ambito valoriale (value area) of Valore Pubblico, with its sottoambiti (sub-areas).</summary>
/// <param name="Code">The area's code, as nodes and indicators name it (valueArea).</param>
/// <param name="Weight">Its weight in Valore Pubblico (default 1; relative; 0 = reported, not weighed).</param>
/// <param name="SubAreas">Its sub-areas; a node's subArea must be one of its valueArea's.</param>
public sealed record ValueAreaDocument(string? Code, string? Name, decimal? Weight, List<SubAreaDocument>? SubAreas);

/// <summary>A sottoambito (sub-area) of a value area: its code, unique among the plan's areas and sub-areas, and its name.</summary>
public sealed record SubAreaDocument(string? Code, string? Name);

/// <summary>A struttura (structure, centro di responsabilità) of the plan.</summary>
/// <param name="Code">The structure's code, as nodes, targets and consuntivi name it.</param>
/// <param name="Kind"><c>Central</c> (default) or <c>Territorial</c>: central structures enter Valore Pubblico by simple mean, territorial ones weighted by volume.</param>
/// <param name="Type">Free text (<c>DR</c>, <c>DCM</c>, <c>Servizio</c>, …).</param>
/// <param name="Region">Its region, free text (descriptive: shown in rankings and exports).</param>
/// <param name="Parent">The code of the structure it belongs to, if any.</param>
/// <param name="Volumes">Production volume per year (<c>{ "2024": 1392284 }</c>), never negative.</param>
public sealed record StructureDocument(
    string? Code, string? Name, string? Kind, string? Type, string? Region, string? Parent, Dictionary<string, decimal>? Volumes);

/// <summary>A node of the albero della performance.</summary>
/// <param name="Code">Unique among the plan's nodes (Cremona: <c>2021_01_01_02</c>).</param>
/// <param name="Kind"><c>Mission</c>, <c>StrategicArea</c>, <c>StrategicObjective</c>, <c>OperationalObjective</c>, <c>Action</c> or <c>Project</c>.</param>
/// <param name="Weight">Its weight in its parent's roll-up: default 1, 0 = reported, not scored.</param>
/// <param name="Structure">The responsible structure's code, inherited by the descendants that name none.</param>
/// <param name="Responsible">The responsible person, free text.</param>
/// <param name="ValueArea">Its Valore Pubblico area's code (inherited by what is not classified itself).</param>
/// <param name="SubArea">Its sub-area's code (of that area).</param>
/// <param name="Finalita">The narrative finalità.</param>
/// <param name="ProjectType">For a project: <c>PesStrategico</c>, <c>PesIstituzionale</c> or <c>NoPes</c> (default).</param>
/// <param name="Years">The plan years it is active in; absent or empty: every year; at most 40 distinct years.</param>
/// <param name="Resources">The resources the plan assigns it, as free JSON (e.g. <c>{ "euro": 430000 }</c>).</param>
/// <param name="Parent">In a flat list: the parent's code (top-level entries only).</param>
/// <param name="Structures">Further structures the objective is assigned to, each reporting its own consuntivi.</param>
/// <param name="Indicators">The indicators attached to this node.</param>
/// <param name="Children">The nodes under it (or list them flat at the top level with <paramref name="Parent"/>).</param>
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

/// <summary>An indicator with its targets (docs/model.md, "Indicators"; the target grammar in docs/targets.md).</summary>
/// <param name="Code">Unique among the plan's indicators (Cremona: <c>2021_01_01_01.I1</c>).</param>
/// <param name="Type">Descriptive: Outcome, Impatto, Strategico, Operativo, Efficacia, Efficienza, Qualita, Output.</param>
/// <param name="Unit">Percent, Days, Euro, Hours, Count or None (descriptive; the target's own unit decides the deviation in points).</param>
/// <param name="Polarity">HigherIsBetter, LowerIsBetter or Milestone; absent: taken from the first target that states an operator.</param>
/// <param name="Weight">Its weight in its node's roll-up: default 1, 0 = reported, not scored.</param>
/// <param name="Targets">Each plan year's target as written (docs/targets.md): <c>{ "2021": "almeno 80%", "2022": "Realizzazione del progetto" }</c>.</param>
/// <param name="Baseline">The declared starting point: the reference of a relative target when no consuntivo of its year is stored.</param>
/// <param name="Formula">Modalità di calcolo, free text.</param>
/// <param name="Source">Fonte dei dati, free text.</param>
/// <param name="Frequency">Monthly, Quarterly, FourMonthly, Semiannual or Annual (default): which periods its consuntivi cover.</param>
/// <param name="Aggregation">How the periods make the year's figure: Sum, Average, Last (default) or RatioOfSums.</param>
/// <param name="Cap">Replaces the policy's cap for this indicator; null: the plan's.</param>
/// <param name="Numerator">For a rate: the label of its numerator.</param>
/// <param name="Denominator">For a rate: the label of its denominator.</param>
/// <param name="ValueArea">Its own Valore Pubblico area or sub-area code.</param>
/// <param name="StructureTargets">Structures' own targets, by year (docs/targets.md, "Targets per structure").</param>
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
/// <param name="Structure">The structure's code (listed once per indicator).</param>
/// <param name="Targets">Its own target per plan year, as written (<c>{ "2024": "almeno 1361" }</c>); it replaces the plan's target of that year for this structure.</param>
public sealed record StructureTargetDocument(string? Structure, Dictionary<string, string>? Targets);

/// <summary>An indicator's declared starting point (baseline).</summary>
/// <param name="Year">The baseline's year.</param>
/// <param name="Value">Its figure, in the indicator's unit.</param>
public sealed record BaselineDocument(int? Year, decimal? Value);

/// <summary>A Linea Guida Gestionale (LGG): an OGE or an OSP, the programmes it implements, its projects and, for an OGE, its indicators (docs/public-value-and-lgg.md).</summary>
/// <param name="Number">Its number: positive, unique in the plan (INPS: 1–23).</param>
/// <param name="Kind"><c>OGE</c> (obiettivo generale di Ente) or <c>OSP</c> (obiettivo specifico): required; only an OGE has a result.</param>
/// <param name="Programmes">The codes of the CIV programme lines it implements (<c>["4.1.h"]</c>); none empty or with a comma, at most 2000 characters joined by commas.</param>
/// <param name="Projects">The codes of the nodes (projects) that implement it: its attuazione is the mean of their realization (capped at 100).</param>
/// <param name="Justification">Why its attuazione is below 100 (printed in the report; flagged when missing).</param>
/// <param name="Indicators">For an OGE: the codes of the indicators whose mean score is its indicator component.</param>
public sealed record GuidelineDocument(
    int? Number, string? Title, string? Kind, List<string>? Programmes, List<string>? Projects, string? Justification = null,
    List<string>? Indicators = null);

/// <summary>
/// A mid-year change with its act: ReassignStructure (node → toStructure), MergeProject (node → intoProject),
/// CancelProject (node), ReviseTarget (indicator, year → target; with structure, that structure's own target),
/// ChangeWeight (node or indicator → weight), AddNode and RemoveNode (node), AddIndicator and RemoveIndicator (indicator),
/// MoveNode (node → intoProject, its new parent; absent = top level). The plan keeps the original.
/// </summary>
/// <param name="Kind">Which change: ReassignStructure, MergeProject, CancelProject, ReviseTarget, ChangeWeight, AddNode, RemoveNode, AddIndicator, RemoveIndicator or MoveNode.</param>
/// <param name="Node">The code of the node the act changes (a project for MergeProject and CancelProject); not used when the change names an indicator.</param>
/// <param name="Act">The act that decided the change (e.g. <c>Det. DG n. 190/2024</c>): required, at most 500 characters.</param>
/// <param name="Date">The day the change takes effect (yyyy-MM-dd): required, in one of the plan's years; scores as of an earlier day ignore it.</param>
/// <param name="Reason">Why, in words: required when posted to an adopted plan (at least 3 letters), else optional; at most 4000 characters.</param>
/// <param name="ToStructure">ReassignStructure: the code of the structure that takes the node over (with what inherits from it).</param>
/// <param name="IntoProject">MergeProject: the code of the project it is merged into; MoveNode: the code of its new parent (absent: top level).</param>
/// <param name="Indicator">The indicator's code for ReviseTarget, AddIndicator and RemoveIndicator; for ChangeWeight, the indicator whose weight changes (absent: the node's).</param>
/// <param name="Year">ReviseTarget: the plan year whose target is revised.</param>
/// <param name="Target">ReviseTarget: the new target text, as written (at most 500 characters; it must parse as a target of that year).</param>
/// <param name="Weight">ChangeWeight: the new weight (0–1,000,000; 0 = reported, not scored).</param>
/// <param name="Structure">ReviseTarget: the structure whose own target is revised; absent: the plan's target of the year.</param>
public sealed record ReprogrammingDocument(
    string? Kind, string? Node, string? Act, DateOnly? Date, string? Reason = null, string? ToStructure = null, string? IntoProject = null,
    string? Indicator = null, int? Year = null, string? Target = null, decimal? Weight = null, string? Structure = null);

/// <summary>
/// What the reader assumed in a target it did not refuse (docs/targets.md, Warnings): the target's JSON path, the warning's
/// stable code and message, and — when the plan came from a workbook — its sheet, row, column and cell.
/// </summary>
/// <param name="Path">The target's JSON path (<c>nodes[0].indicators[1].targets.2021</c>, <c>reprogramming[3].target</c>).</param>
/// <param name="Code">The warning's stable code: OperatorInferred, UnitGuessed, MilestoneWithoutCue, Placeholder, MaintainAssumedHigherIsBetter or ChangeAgainstPolarity.</param>
/// <param name="Message">What was assumed, in words (in the request's language; a schedule's prefixed with its year).</param>
/// <param name="Location">From a workbook: the sheet, row, column and cell; null for a JSON document.</param>
public sealed record PlanWarning(string Path, string Code, string Message, Infrastructure.FileLocation? Location = null);
