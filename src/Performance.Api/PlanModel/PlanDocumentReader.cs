using Performance.Domain.Guidelines;
using Performance.Domain.Language;
using Performance.Domain.Projects;
using Performance.Domain.PublicValue;
using System.Globalization;
using System.Text.Json;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Files;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.PlanModel;

/// <summary>
/// Validates a whole plan document and builds the entity graph from it. Every problem is collected with its JSON path
/// (<c>nodes[2].indicators[0].targets.2021</c>); nothing is built for storage unless the document is entirely valid.
/// </summary>
public sealed partial class PlanDocumentReader
{
    private readonly ValidationErrors _errors;
    private readonly SourceMap? _source;

    private readonly DateTime _now;
    private readonly DateOnly _today;

    private PlanDocumentReader(TimeProvider time, SourceMap? source, ValidationErrors? errors = null) =>
        (_now, _today, _source, _errors) = (time.UtcNow(), time.TodayInItaly(), source, errors ?? source?.Errors() ?? new ValidationErrors());
    private readonly Dictionary<string, Structure> _structures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueArea> _areas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Indicator> _indicators = new(StringComparer.Ordinal);
    private readonly List<(Node Node, string Parent, string Path)> _pendingParents = [];
    private readonly List<PlanWarning> _warnings = [];
    private int _startYear, _endYear;
    private int _order;

    /// <param name="source">Where the document came from when it was read from a workbook: errors are located in it, and its
    /// unreadable cells fail the import with the rest.</param>
    /// <param name="time">Now is when the plan is created (and its reprogramming acts recorded); an adoption act cannot be later than today.</param>
    /// <returns>The plan to store, its organization, and what was assumed in its targets without refusing them (warnings).</returns>
    public static (Plan Plan, string OrganizationCode, string OrganizationName, IReadOnlyList<PlanWarning> Warnings) Read(
        PlanDocument? document, TimeProvider time, SourceMap? source = null)
    {
        if (document is null) throw RequestValidationException.For("body", Say.It("Il documento del piano è obbligatorio.", "A plan document is required."));
        return new PlanDocumentReader(time, source).Build(document);
    }

    /// <summary>
    /// What a stored plan already holds, for reading a node or an indicator added to it: its structures, value areas and
    /// nodes (tracked: the new element refers to them) and its indicators (codes stay unique within the plan).
    /// </summary>
    public sealed record StoredPlan(Plan Plan, IEnumerable<Structure> Structures, IEnumerable<ValueArea> ValueAreas, IEnumerable<Node> Nodes,
        IEnumerable<Indicator> Indicators);

    /// <summary>
    /// A node (with its indicators and children) added to a stored plan, checked as an import checks it, errors by path from
    /// the node itself (<c>indicators[0].targets.2021</c>); its <c>parent</c> is a stored node's code (none = top level).
    /// </summary>
    /// <param name="errors">Where its errors go, with those found before (the act's): the caller answers them all in one 400.</param>
    /// <returns>The node as read (null when there is no document); not to be stored unless <paramref name="errors"/> is empty.</returns>
    public static Node? ReadNode(NodeDocument? document, StoredPlan stored, TimeProvider time, ValidationErrors errors)
    {
        var reader = Over(stored, time, errors);
        var count = stored.Plan.Nodes.Count;
        reader.ReadNode(document, "", null, stored.Plan);
        reader.ResolveParents();
        // The node read first is the one posted (its children follow it).
        return stored.Plan.Nodes.Count > count ? stored.Plan.Nodes[count] : null;
    }

    /// <summary>An indicator added to a stored node, checked as an import checks it, errors by path from the indicator itself.</summary>
    public static Indicator? ReadIndicator(IndicatorDocument? document, Node node, StoredPlan stored, TimeProvider time, ValidationErrors errors)
    {
        var count = node.Indicators.Count;
        Over(stored, time, errors).ReadIndicator(document, "", node, stored.Plan);
        return node.Indicators.Count > count ? node.Indicators[count] : null;
    }

    /// <summary>A structure added to a stored plan, checked as an import checks it; its parent may be a stored structure.</summary>
    public static Structure? ReadStructure(StructureDocument? document, StoredPlan stored, TimeProvider time, ValidationErrors errors)
    {
        var count = stored.Plan.Structures.Count;
        Over(stored, time, errors).ReadStructures([document!], stored.Plan, "");
        return stored.Plan.Structures.Count > count ? stored.Plan.Structures[count] : null;
    }

    /// <summary>A value area (with its sub-areas) added to a stored plan, checked as an import checks it.</summary>
    public static ValueArea? ReadValueArea(ValueAreaDocument? document, StoredPlan stored, TimeProvider time, ValidationErrors errors)
    {
        var count = stored.Plan.ValueAreas.Count;
        Over(stored, time, errors).ReadValueAreas([document!], stored.Plan, "");
        return stored.Plan.ValueAreas.Count > count ? stored.Plan.ValueAreas[count] : null;
    }

    /// <summary>
    /// A plan's scoring policy (errors by path from the policy itself, monitoring under <c>monitoring</c>), as the stored
    /// JSON; the indicators its monitoring names must be the plan's.
    /// </summary>
    public static string ReadPolicy(ScoringPolicyDocument policy, StoredPlan stored, TimeProvider time, ValidationErrors errors)
    {
        var reader = Over(stored, time, errors);
        var json = reader.ReadPolicy(policy, "");
        MonitoringPolicies.Validate(policy.Monitoring, stored.Plan.StartYear, stored.Plan.EndYear, reader._indicators.ContainsKey, errors, "monitoring");
        return json;
    }

    private static PlanDocumentReader Over(StoredPlan stored, TimeProvider time, ValidationErrors errors)
    {
        var reader = new PlanDocumentReader(time, null, errors) { _startYear = stored.Plan.StartYear, _endYear = stored.Plan.EndYear };
        foreach (var s in stored.Structures) { reader._structures[s.Code] = s; reader._order = Math.Max(reader._order, s.SortOrder + 1); }
        foreach (var a in stored.ValueAreas) { reader._areas[a.Code] = a; reader._order = Math.Max(reader._order, a.SortOrder + 1); }
        foreach (var n in stored.Nodes) { reader._nodes[n.Code] = n; reader._order = Math.Max(reader._order, n.SortOrder + 1); }
        foreach (var i in stored.Indicators) { reader._indicators[i.Code] = i; reader._order = Math.Max(reader._order, i.SortOrder + 1); }
        return reader;
    }

    private (Plan, string, string, IReadOnlyList<PlanWarning>) Build(PlanDocument d)
    {
        var orgCode = Code(d.Organization?.Code, "organization.code", 64);
        var orgName = Required(d.Organization?.Name, "organization.name", 2000);
        var code = Code(d.Code, "code", 64);
        var title = Required(d.Title, "title", 2000);
        Optional(d.Description, "description", 8000);
        _startYear = Year(d.StartYear, "startYear");
        _endYear = Year(d.EndYear, "endYear");
        if (_startYear > 0 && _endYear > 0 && _endYear < _startYear) _errors.Add("endYear", Say.It("endYear non può essere anteriore a startYear.", "endYear must not be before startYear."));
        var status = d.Status is null ? PlanStatus.Draft : ParseEnum(d.Status, "status", PlanStatus.Draft);
        var (act, adoptedOn) = ReadAdoption(d, status, code);

        var plan = new Plan
        {
            Code = code, Title = title, Description = d.Description, StartYear = _startYear, EndYear = _endYear, Status = status,
            AdoptionAct = act, AdoptedOn = adoptedOn, ScoringPolicyJson = ReadPolicy(d.ScoringPolicy), CreatedAt = _now,
        };
        ReadValueAreas(d.ValueAreas, plan);
        ReadStructures(d.Structures, plan);
        for (var i = 0; i < (d.Nodes?.Count ?? 0); i++) ReadNode(d.Nodes![i], $"nodes[{i}]", null, plan);
        ResolveParents();
        MonitoringPolicies.Validate(d.ScoringPolicy?.Monitoring, _startYear, _endYear, _indicators.ContainsKey, _errors);
        ReadGuidelines(d.Guidelines, plan);
        ReadReprogramming(d.Reprogramming, plan);

        if (_source is { } file && (_errors.HasErrors || file.HasUnreadableCells))
            throw file.Fail(_errors.All, n => Say.It($"La cartella di lavoro contiene {n} errori; non è stato salvato nulla.", $"The workbook has {n} error(s); nothing was stored."));
        _errors.ThrowIfAny(Say.It($"Il documento del piano contiene {_errors.Count} errori; non è stato salvato nulla.", $"The plan document has {_errors.Count} error(s); nothing was stored."));
        return (plan, orgCode, orgName, _warnings);
    }

    /// <summary>
    /// A plan past Draft was adopted by an act: the document carries it (as export writes it), checked as POST .../adopt
    /// checks it. A draft has no act yet.
    /// </summary>
    private (string? Act, DateOnly? On) ReadAdoption(PlanDocument d, PlanStatus status, string code)
    {
        if (status == PlanStatus.Draft)
        {
            if (d.AdoptionAct is not null) _errors.Add("adoptionAct", Say.It("Un piano in bozza non ha atto di adozione: impostare status \"Adopted\" per importare il piano come adottato con quell'atto.", "A draft plan has no adoption act: set status \"Adopted\" to import the plan as adopted by it."));
            if (d.AdoptedOn is not null) _errors.Add("adoptedOn", Say.It("Un piano in bozza non ha data di adozione: impostare status \"Adopted\" per importare il piano come adottato in quella data.", "A draft plan has no adoption date: set status \"Adopted\" to import the plan as adopted on it."));
            return (null, null);
        }
        var adopt = $"POST /api/plans/{(code.Length > 0 ? code : "{plan}")}/adopt";
        PlanRecord.CheckAdoption(d.AdoptionAct, d.AdoptedOn, _endYear, _today, _errors, "adoptionAct", "adoptedOn",
            Say.It($"Un piano con status \"{status}\" richiede l'atto che lo ha adottato (per esempio \"Delibera G.C. n. 12/2021\"), oppure va importato come \"Draft\" e adottato con {adopt}.",
                $"A plan with status \"{status}\" needs the act that adopted it (e.g. \"Delibera G.C. n. 12/2021\"), or import the plan as \"Draft\" and adopt it with {adopt}."),
            Say.It($"Un piano con status \"{status}\" richiede la data dell'atto che lo ha adottato, oppure va importato come \"Draft\" e adottato con {adopt}.",
                $"A plan with status \"{status}\" needs the date of the act that adopted it, or import the plan as \"Draft\" and adopt it with {adopt}."));
        return (d.AdoptionAct?.Trim(), d.AdoptedOn);
    }

    /// <param name="root">Where the policy stands: a document's <c>scoringPolicy</c>, or "" when it is the body itself.</param>
    private string ReadPolicy(ScoringPolicyDocument? p, string root = "scoringPolicy")
    {
        var policy = p ?? PlanPolicies.DefaultDocument;
        if (policy.Cap is <= 0) _errors.Add($"{Under(root)}cap", Say.It("Il tetto (cap) deve essere positivo (o null per nessun tetto).", "The cap must be positive (or null for no cap)."));
        if (policy.Threshold is < 0) _errors.Add($"{Under(root)}threshold", Say.It("La soglia non può essere negativa.", "The threshold must not be negative."));
        // An achievement (%) from which a missed target is yellow: below 0 every miss would be yellow, above 100 none could be.
        if (policy.YellowFrom is < 0 or > 100) _errors.Add($"{Under(root)}yellowFrom", Say.It("La soglia del giallo (yellowFrom) è un raggiungimento in percentuale: da 0 a 100.", "yellowFrom is an achievement in percent: from 0 to 100."));
        if (policy.LowerIsBetter is not null) ParseEnum(policy.LowerIsBetter, $"{Under(root)}lowerIsBetter", LowerIsBetterFormula.InverseRatio);
        if (policy.Missing is not null) ParseEnum(policy.Missing, $"{Under(root)}missing", MissingRule.Exclude);
        if (policy.BandMode is not null) ParseEnum(policy.BandMode, $"{Under(root)}bandMode", BandMode.Step);
        for (var i = 0; i < (policy.Bands?.Count ?? 0); i++)
        {
            var band = policy.Bands![i];
            var path = $"{Under(root)}bands[{i}]";
            if (band.From is null) _errors.Add($"{path}.from", Say.It("Una fascia richiede 'from'.", "A band needs 'from'."));
            if (band.Score is null) _errors.Add($"{path}.score", Say.It("Una fascia richiede 'score'.", "A band needs 'score'."));
            if (band.From is { } f && band.To is { } t && t <= f) _errors.Add($"{path}.to", Say.It("'to' deve essere maggiore di 'from'.", "'to' must be greater than 'from'."));
        }
        var json = JsonSerializer.Serialize(policy, PlanPolicies.JsonOptions);
        if (json.Length > PlanPolicies.MaxJsonLength)
            _errors.Add(root.Length == 0 ? "body" : root, Say.It($"La politica di valutazione occupa {json.Length} caratteri; al massimo {PlanPolicies.MaxJsonLength} (meno profili stagionali o target di periodo).", $"The scoring policy takes {json.Length} characters stored; at most {PlanPolicies.MaxJsonLength} (fewer seasonal profiles or period targets)."));
        return json;
    }

    /// <param name="root">The path of a value area posted alone ("" = the body); a document's areas are under valueAreas[i].</param>
    private void ReadValueAreas(List<ValueAreaDocument>? areas, Plan plan, string? root = null)
    {
        for (var i = 0; i < (areas?.Count ?? 0); i++)
        {
            var a = areas![i];
            var path = root ?? $"valueAreas[{i}]";
            if (a is null) { _errors.Add(path.Length == 0 ? "body" : path, Say.It("Un ambito di valore non può essere null.", "A value area cannot be null.")); continue; }
            var area = new ValueArea
            {
                Code = Code(a.Code, $"{Under(path)}code", 64), Name = Required(a.Name, $"{Under(path)}name", 2000),
                Weight = Weight(a.Weight, $"{Under(path)}weight"), SortOrder = _order++,
            };
            AddUnique(_areas, area.Code, area, $"{Under(path)}code", "value area");
            plan.ValueAreas.Add(area);
            for (var j = 0; j < (a.SubAreas?.Count ?? 0); j++)
            {
                var s = a.SubAreas![j];
                var subPath = $"{Under(path)}subAreas[{j}]";
                var sub = new ValueArea
                {
                    Code = Code(s.Code, $"{Under(subPath)}code", 64), Name = Required(s.Name, $"{Under(subPath)}name", 2000),
                    Parent = area, SortOrder = _order++,
                };
                AddUnique(_areas, sub.Code, sub, $"{Under(subPath)}code", "value area");
                plan.ValueAreas.Add(sub);
            }
        }
    }

    /// <param name="root">The path of a structure posted alone ("" = the body); a document's are under structures[i].</param>
    private void ReadStructures(List<StructureDocument>? structures, Plan plan, string? root = null)
    {
        var list = structures ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            var path = root ?? $"structures[{i}]";
            if (s is null) { _errors.Add(path.Length == 0 ? "body" : path, Say.It("Una struttura non può essere null.", "A structure cannot be null.")); continue; }
            var structure = new Structure
            {
                Code = Code(s.Code, $"{Under(path)}code", 64), Name = Required(s.Name, $"{Under(path)}name", 2000),
                Kind = s.Kind is null ? StructureKind.Central : ParseEnum(s.Kind, $"{Under(path)}kind", StructureKind.Central),
                Type = Optional(s.Type, $"{Under(path)}type", 2000), Region = Optional(s.Region, $"{Under(path)}region", 2000), SortOrder = _order++,
            };
            foreach (var (key, volume) in s.Volumes ?? [])
            {
                var volumePath = $"{Under(path)}volumes.{key}";
                // A volume weighs a structure in the Valore Pubblico of its year: only the plan's years are scored (as PATCH checks).
                // (When the document's own years are wrong, they have their error, and any year of the service's range is let be.)
                var (first, last) = _startYear > 0 && _endYear >= _startYear ? (_startYear, _endYear) : (1900, 2200);
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < first || year > last)
                    _errors.Add(volumePath, Say.It($"Le chiavi dei volumi sono anni del piano ({first}-{last}), per esempio \"{first}\".", $"Volume keys must be years of the plan ({first}-{last}), e.g. \"{first}\"."));
                else if (volume < 0) _errors.Add(volumePath, Say.It("Un volume di produzione non può essere negativo.", "A production volume must not be negative."));
                else structure.Volumes.Add(new StructureVolume { Year = year, Volume = volume });
            }
            AddUnique(_structures, structure.Code, structure, $"{Under(path)}code", "structure");
            plan.Structures.Add(structure);
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i]?.Parent is not { } parent) continue;
            var parentPath = $"{Under(root ?? $"structures[{i}]")}parent";
            if (!_structures.TryGetValue(parent, out var p)) _errors.Add(parentPath, Say.It($"Codice di struttura '{parent}' sconosciuto.", $"Unknown structure code '{parent}'."));
            else if (list[i].Code == parent) _errors.Add(parentPath, Say.It("Una struttura non può essere madre di se stessa.", "A structure cannot be its own parent."));
            else if (list[i].Code is { } c && _structures.TryGetValue(c, out var self)) self.Parent = p;
        }
    }

    private void ReadNode(NodeDocument? n, string path, Node? parent, Plan plan)
    {
        if (n is null) { _errors.Add(path.Length == 0 ? "body" : path, Say.It("Un nodo non può essere null.", "A node cannot be null.")); return; }
        var node = new Node
        {
            Code = Code(n.Code, $"{Under(path)}code", 64),
            Kind = n.Kind is null ? Missing($"{Under(path)}kind", NodeKind.Action) : ParseEnum(n.Kind, $"{Under(path)}kind", NodeKind.Action),
            Title = Required(n.Title, $"{Under(path)}title", 2000),
            Finalita = Optional(n.Finalita, $"{Under(path)}finalita", 8000),
            Weight = Weight(n.Weight, $"{Under(path)}weight"),
            Responsible = Optional(n.Responsible, $"{Under(path)}responsible", 2000),
            ProjectType = n.ProjectType is null ? null : ParseEnum(n.ProjectType, $"{Under(path)}projectType", ProjectType.NoPes),
            Years = NodeYears(n.Years, $"{Under(path)}years"),
            ResourcesJson = n.Resources is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } r ? r.GetRawText() : null,
            Parent = parent,
            SortOrder = _order++,
        };
        if (node.ResourcesJson is { Length: > 8000 }) _errors.Add($"{Under(path)}resources", Say.It("Le risorse possono contenere al massimo 8000 caratteri di JSON.", "Resources must be at most 8000 characters of JSON."));
        node.Structure = Reference(_structures, n.Structure, $"{Under(path)}structure", "structure");
        node.ValueArea = Reference(_areas, n.ValueArea, $"{Under(path)}valueArea", "value area");
        node.SubArea = Reference(_areas, n.SubArea, $"{Under(path)}subArea", "sub-area");
        // Same levels as UpdateNode accepts: a value area is top-level, a sub-area has a parent.
        if (node.ValueArea is { Parent: not null }) _errors.Add($"{Under(path)}valueArea", Say.It($"'{n.ValueArea}' è un sottoambito; indicarlo come subArea.", $"'{n.ValueArea}' is a sub-area; give it as subArea."));
        if (node.SubArea is { Parent: null }) _errors.Add($"{Under(path)}subArea", Say.It($"'{n.SubArea}' è un ambito di valore, non un sottoambito.", $"'{n.SubArea}' is a value area, not a sub-area."));
        else if (node.SubArea is not null && node.ValueArea is not null && node.SubArea.Parent != node.ValueArea)
            _errors.Add($"{Under(path)}subArea", SubAreaNotOfArea(n.SubArea!, n.ValueArea!));
        if (n.Parent is not null)
        {
            if (parent is not null) _errors.Add($"{Under(path)}parent", Say.It("Un nodo annidato prende il padre dalla sua posizione; rimuovere 'parent'.", "A nested node takes its parent from where it stands; remove 'parent'."));
            else _pendingParents.Add((node, n.Parent, $"{Under(path)}parent"));
        }
        for (var i = 0; i < (n.Structures?.Count ?? 0); i++)
        {
            var assigned = Reference(_structures, n.Structures![i], $"{Under(path)}structures[{i}]", "structure");
            if (assigned is null) continue;
            if (node.AssignedStructures.Any(a => a.StructureId == assigned.Id)) _errors.Add($"{Under(path)}structures[{i}]", Say.It($"La struttura '{assigned.Code}' compare due volte.", $"Structure '{assigned.Code}' is listed twice."));
            else node.AssignedStructures.Add(new NodeStructure { StructureId = assigned.Id });
        }
        AddUnique(_nodes, node.Code, node, $"{Under(path)}code", "node");
        plan.Nodes.Add(node);
        parent?.Children.Add(node);

        for (var i = 0; i < (n.Indicators?.Count ?? 0); i++) ReadIndicator(n.Indicators![i], $"{Under(path)}indicators[{i}]", node, plan);
        for (var i = 0; i < (n.Children?.Count ?? 0); i++) ReadNode(n.Children![i], $"{Under(path)}children[{i}]", node, plan);
    }

    private void ReadIndicator(IndicatorDocument? d, string path, Node node, Plan plan)
    {
        if (d is null) { _errors.Add(path.Length == 0 ? "body" : path, Say.It("Un indicatore non può essere null.", "An indicator cannot be null.")); return; }
        var indicator = new Indicator
        {
            PlanId = plan.Id,
            Code = Code(d.Code, $"{Under(path)}code", 64),
            Name = Required(d.Name, $"{Under(path)}name", 2000),
            Type = d.Type is null ? null : ParseEnum(d.Type, $"{Under(path)}type", IndicatorType.Output),
            Unit = d.Unit is null ? null : ParseEnum(d.Unit, $"{Under(path)}unit", TargetUnit.None),
            Polarity = d.Polarity is null ? null : ParseEnum(d.Polarity, $"{Under(path)}polarity", Polarity.HigherIsBetter),
            Weight = Weight(d.Weight, $"{Under(path)}weight"),
            Formula = Optional(d.Formula, $"{Under(path)}formula", 2000),
            NumeratorLabel = Optional(d.Numerator, $"{Under(path)}numerator", 2000),
            DenominatorLabel = Optional(d.Denominator, $"{Under(path)}denominator", 2000),
            Source = Optional(d.Source, $"{Under(path)}source", 2000),
            Frequency = d.Frequency is null ? Frequency.Annual : ParseEnum(d.Frequency, $"{Under(path)}frequency", Frequency.Annual),
            Aggregation = d.Aggregation is null ? Aggregation.Last : ParseEnum(d.Aggregation, $"{Under(path)}aggregation", Aggregation.Last),
            Cap = d.Cap,
            BaselineYear = d.Baseline?.Year,
            BaselineValue = d.Baseline?.Value,
            Node = node,
            SortOrder = _order++,
        };
        if (d.Cap is <= 0) _errors.Add($"{Under(path)}cap", Say.It("Il tetto (cap) deve essere positivo (o null per usare la politica del piano).", "The cap must be positive (or null to use the plan's policy)."));
        if (d.Baseline is { Year: null }) _errors.Add($"{Under(path)}baseline.year", Say.It("Una baseline richiede il suo anno.", "A baseline needs its year."));
        indicator.ValueArea = Reference(_areas, d.ValueArea, $"{Under(path)}valueArea", "value area");
        AddUnique(_indicators, indicator.Code, indicator, $"{Under(path)}code", "indicator");

        ReadTargets(d.Targets, path, indicator);
        ReadStructureTargets(d.StructureTargets, path, indicator);
        node.Indicators.Add(indicator);
    }

    /// <summary>
    /// Structures' own targets (docs/targets.md, "Targets per structure"): a structure of the plan, listed once per
    /// indicator, with one target per year of the plan, each a target of its year.
    /// </summary>
    private void ReadStructureTargets(List<StructureTargetDocument>? entries, string path, Indicator indicator)
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entryPath = $"{Under(path)}structureTargets[{i}]";
            if (entries![i] is not { } entry) { _errors.Add(entryPath, Say.It("I target di una struttura non possono essere null.", "A structure's targets cannot be null.")); continue; }
            if (entry.Structure is null) { _errors.Add($"{entryPath}.structure", Say.It("Il codice della struttura è obbligatorio.", "The structure code is required.")); continue; }
            var structure = Reference(_structures, entry.Structure, $"{entryPath}.structure", "structure");
            if (structure is null) continue;
            if (!seen.Add(structure.Id))
            {
                _errors.Add($"{entryPath}.structure", Say.It($"La struttura '{structure.Code}' compare due volte: indicare tutti i suoi anni in una sola voce.",
                    $"Structure '{structure.Code}' is listed twice: give all its years in one entry."));
                continue;
            }
            foreach (var (key, text) in entry.Targets ?? [])
            {
                var targetPath = $"{entryPath}.targets.{key}";
                if (!IsYearTarget(key, text, targetPath, out var year)) continue;
                if (TargetTexts.Problem(text, indicator.Polarity, year, revises: false) is { } problem) _errors.Add(targetPath, problem);
                else indicator.StructureTargets.Add(new StructureTarget { IndicatorId = indicator.Id, StructureId = structure.Id, Year = year, Text = text.Trim() });
            }
        }
    }

    /// <summary>
    /// One target per year. A cell may hold a schedule ("Anno 2025: &gt;= 80% Anno 2026: &gt;= 85%"): each of its years is
    /// stored as that year's target, with that year's words, wherever the cell stands; a year given twice must say the
    /// same thing (the same schedule pasted in every year's column is fine). What the reader assumed becomes a warning.
    /// </summary>
    private void ReadTargets(Dictionary<string, string>? targets, string path, Indicator indicator)
    {
        var given = new Dictionary<int, (string Text, string Path)>();
        foreach (var (key, text) in targets ?? [])
        {
            var targetPath = $"{Under(path)}targets.{key}";
            if (!IsYearTarget(key, text, targetPath, out var year)) continue;
            if (!ParsedTargets.TryParse(text, indicator.Polarity, year, out var parsed, out var error))
            {
                _errors.Add(targetPath, error!.Message);
                continue;
            }
            Warn(targetPath, parsed.Warnings);
            IEnumerable<(int Year, ParsedTarget Target)> years = parsed.ByYear is { } schedule
                ? schedule.Select(e => (e.Key, e.Value))
                : [(year, parsed with { Text = text.Trim() })];
            foreach (var (y, target) in years)
            {
                if (y < _startYear || y > _endYear)
                    _errors.Add(targetPath, Say.It($"Il calendario indica un target per il {y}, fuori dal piano ({_startYear}-{_endYear}).", $"The schedule gives a target for {y}, outside the plan ({_startYear}-{_endYear})."));
                else if (given.TryGetValue(y, out var earlier))
                {
                    if (earlier.Text != target.Text)
                        _errors.Add(targetPath, Say.It($"Il target del {y} è indicato due volte: \"{earlier.Text}\" ({earlier.Path}) e \"{target.Text}\" qui.", $"The target of {y} is given twice: \"{earlier.Text}\" ({earlier.Path}) and \"{target.Text}\" here."));
                }
                else
                {
                    given[y] = (target.Text, targetPath);
                    indicator.Polarity ??= TargetPolarity.From(target);
                    indicator.Targets.Add(new IndicatorTarget { Year = y, Text = target.Text });
                }
            }
        }
        indicator.Targets.Sort((a, b) => a.Year.CompareTo(b.Year));
    }

    /// <summary>The prefix of a field's path: nothing at a fragment's root (a node or indicator posted alone).</summary>
    private static string Under(string path) => path.Length == 0 ? "" : path + ".";

    /// <summary>A target's key is a year of the plan and its text is there, not too long; else the error is recorded.</summary>
    private bool IsYearTarget(string key, string? text, string path, out int year)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year < _startYear || year > _endYear)
            _errors.Add(path, Say.It($"Le chiavi dei target devono essere anni del piano ({_startYear}-{_endYear}).", $"Target keys must be years of the plan ({_startYear}-{_endYear})."));
        else if (string.IsNullOrWhiteSpace(text)) _errors.Add(path, Say.It("Il testo del target è vuoto.", "The target text is empty."));
        else if (text.Length > 500) _errors.Add(path, Say.It("Un target può contenere al massimo 500 caratteri.", "A target must be at most 500 characters."));
        else return true;
        return false;
    }

    private void Warn(string path, IEnumerable<TargetWarning> warnings)
    {
        foreach (var w in warnings) _warnings.Add(new PlanWarning(path, w.Code, w.Message, _source?.Locate(path)));
    }

    private void ResolveParents()
    {
        foreach (var (node, parentCode, path) in _pendingParents)
        {
            if (!_nodes.TryGetValue(parentCode, out var parent)) { _errors.Add(path, Say.It($"Codice del nodo padre '{parentCode}' sconosciuto.", $"Unknown parent node code '{parentCode}'.")); continue; }
            if (IsAncestorOrSelf(node, parent)) { _errors.Add(path, Say.It($"Il padre '{parentCode}' creerebbe un ciclo.", $"Parent '{parentCode}' would make a cycle.")); continue; }
            node.Parent = parent;
            parent.Children.Add(node);
        }
    }

    private static bool IsAncestorOrSelf(Node node, Node parent)
    {
        for (var p = parent; p is not null; p = p.Parent)
            if (p == node) return true;
        return false;
    }

    private void ReadGuidelines(List<GuidelineDocument>? guidelines, Plan plan)
    {
        var numbers = new HashSet<int>();
        for (var i = 0; i < (guidelines?.Count ?? 0); i++)
        {
            var g = guidelines![i];
            var path = $"guidelines[{i}]";
            if (g.Number is not { } number || number <= 0) { _errors.Add($"{path}.number", Say.It("Una linea guida richiede un numero positivo.", "A guideline needs a positive number.")); number = 0; }
            else if (!numbers.Add(number)) _errors.Add($"{path}.number", Say.It($"Numero di linea guida {number} duplicato.", $"Duplicate guideline number {number}."));
            var guideline = new Guideline
            {
                Number = number, Title = Required(g.Title, $"{path}.title", 2000),
                Kind = g.Kind is null ? Missing($"{path}.kind", GuidelineKind.OSP) : ParseEnum(g.Kind, $"{path}.kind", GuidelineKind.OSP),
                Programmes = string.Join(',', g.Programmes ?? []), Justification = Optional(g.Justification, $"{path}.justification", 2000),
            };
            if ((g.Programmes ?? []).Any(p => string.IsNullOrWhiteSpace(p) || p.Contains(',')))
                _errors.Add($"{path}.programmes", Say.It("I codici dei programmi non possono essere vuoti né contenere virgole.", "Programme codes must be non-empty and contain no comma."));
            // They are kept joined by commas in one column of 2000 characters.
            else if (guideline.Programmes.Length > MaxProgrammesLength)
                _errors.Add($"{path}.programmes", Say.It($"I codici dei programmi, separati da virgole, occupano {guideline.Programmes.Length} caratteri: al massimo {MaxProgrammesLength}.",
                    $"The programme codes, separated by commas, take {guideline.Programmes.Length} characters: at most {MaxProgrammesLength}."));
            for (var j = 0; j < (g.Projects?.Count ?? 0); j++)
            {
                var code = g.Projects![j];
                if (code is null || !_nodes.TryGetValue(code, out var project)) _errors.Add($"{path}.projects[{j}]", Say.It($"Codice di nodo '{code}' sconosciuto.", $"Unknown node code '{code}'."));
                else if (guideline.Projects.Any(p => p.Node == project)) _errors.Add($"{path}.projects[{j}]", Say.It($"Il progetto '{code}' compare due volte.", $"Project '{code}' is listed twice."));
                else guideline.Projects.Add(new GuidelineProject { Node = project, SortOrder = j });
            }
            for (var j = 0; j < (g.Indicators?.Count ?? 0); j++)
            {
                var indicator = Reference(_indicators, g.Indicators![j], $"{path}.indicators[{j}]", "indicator");
                if (indicator is null) continue;
                if (guideline.Indicators.Any(x => x.Indicator == indicator)) _errors.Add($"{path}.indicators[{j}]", Say.It($"L'indicatore '{indicator.Code}' compare due volte.", $"Indicator '{indicator.Code}' is listed twice."));
                else guideline.Indicators.Add(new GuidelineIndicator { Indicator = indicator, SortOrder = j });
            }
            plan.Guidelines.Add(guideline);
        }
    }

    private void ReadReprogramming(List<ReprogrammingDocument>? changes, Plan plan)
    {
        // The document's moves read so far, in the order the timeline replays them (by date, then by order).
        var moves = new List<TreeMove>();
        var find = new ReprogrammingRules.Lookups(_nodes.GetValueOrDefault, _structures.GetValueOrDefault, _indicators.GetValueOrDefault, _startYear, _endYear,
            moves, n => n.Parent);
        for (var i = 0; i < (changes?.Count ?? 0); i++)
            if (ReprogrammingRules.Read(changes![i], $"reprogramming[{i}]", find, _errors, _now) is { } change)
            {
                if (change.Kind == ReprogrammingKind.MoveNode)
                    moves.Insert(moves.FindLastIndex(m => m.Date <= change.EffectiveDate) + 1, new TreeMove(change.Node, change.EffectiveDate, change.IntoNode));
                if (change is { Target: { } text, Year: { } year } && ParsedTargets.TryParse(text, change.Indicator?.Polarity, year, out var revised, out _))
                    Warn($"reprogramming[{i}].target", revised.Warnings);
                change.SortOrder = i;
                plan.Reprogrammings.Add(change);
            }
    }

    /// <summary>A node's sub-area is one of its value area's: what a node naming another is told (at import and by PATCH).</summary>
    public static string SubAreaNotOfArea(string subArea, string valueArea) =>
        Say.It($"Il sottoambito '{subArea}' non appartiene all'ambito di valore '{valueArea}'.", $"Sub-area '{subArea}' does not belong to value area '{valueArea}'.");

    // ---- small readers: each records its error and returns a harmless value so reading can go on ----

    /// <summary>Codes name resources in URLs (/api/plans/{plan}, planCode:indicatorCode): letters, digits, '.', '_' and '-' only.</summary>
    private string Code(string? value, string path, int maxLength)
    {
        var code = Required(value, path, maxLength);
        if (code.Length > 0 && !CodePattern().IsMatch(code))
            _errors.Add(path, Say.It("Un codice può contenere solo lettere, cifre, '.', '_' e '-', e inizia con una lettera o una cifra.", "A code may contain only letters, digits, '.', '_' and '-', and starts with a letter or digit."));
        return code;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();

    private string Required(string? value, string path, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) { _errors.Add(path, Say.It("Campo obbligatorio.", "This field is required.")); return ""; }
        return Optional(value, path, maxLength)!;
    }

    private string? Optional(string? value, string path, int maxLength)
    {
        if (value is null) return null;
        if (value.Length > maxLength) _errors.Add(path, Say.It($"Al massimo {maxLength} caratteri (ricevuti {value.Length}).", $"Must be at most {maxLength} characters (got {value.Length})."));
        if (value.Any(char.IsControl) && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            _errors.Add(path, Say.It("I caratteri di controllo non sono ammessi.", "Control characters are not allowed."));
        return value.Trim();
    }

    private int Year(int? value, string path)
    {
        if (value is not { } year) { _errors.Add(path, Say.It("Campo obbligatorio.", "This field is required.")); return 0; }
        if (year is < 1990 or > 2200) { _errors.Add(path, Say.It("Deve essere un anno tra il 1990 e il 2200.", "Must be a year between 1990 and 2200.")); return 0; }
        return year;
    }

    private decimal Weight(decimal? value, string path)
    {
        if (value is < 0) { _errors.Add(path, Say.It("Un peso non può essere negativo (0 significa rendicontato, non valutato).", "A weight must not be negative (0 means reported, not scored).")); return 0; }
        if (value is > 1_000_000) { _errors.Add(path, Say.It("Un peso può valere al massimo 1000000.", "A weight must be at most 1000000.")); return 0; }
        return value ?? 1;
    }

    private string NodeYears(List<int>? years, string path)
    {
        if (years is null) return "";
        foreach (var y in years.Where(y => y < _startYear || y > _endYear))
            _errors.Add(path, Say.It($"L'anno {y} non rientra nel piano ({_startYear}-{_endYear}).", $"Year {y} is outside the plan ({_startYear}-{_endYear})."));
        return StoredNodeYears(years, path, _errors);
    }

    /// <summary>The longest list of a guideline's programme codes, joined by commas (the column of <c>Guideline.Programmes</c>).</summary>
    public const int MaxProgrammesLength = 2000;

    /// <summary>The most distinct years a node may list: "1990,…" in the 200 characters of <c>Node.Years</c>.</summary>
    public const int MaxNodeYears = 40;

    /// <summary>
    /// A node's years as stored ("2024,2025"): each year once, in order. More than <see cref="MaxNodeYears"/> do not fit
    /// their column (a 500 on PostgreSQL), so they are an error under <paramref name="path"/>.
    /// </summary>
    public static string StoredNodeYears(IEnumerable<int> years, string path, ValidationErrors errors)
    {
        var distinct = years.Distinct().Order().ToList();
        if (distinct.Count > MaxNodeYears)
            errors.Add(path, Say.It($"Un nodo può essere attivo al massimo {MaxNodeYears} anni distinti (ricevuti {distinct.Count}); nessun elenco significa ogni anno del piano.",
                $"A node may be active in at most {MaxNodeYears} distinct years (got {distinct.Count}); no list means every year of the plan."));
        return string.Join(',', distinct);
    }

    private T Missing<T>(string path, T fallback) where T : struct, Enum
    {
        _errors.Add(path, Say.It($"Campo obbligatorio: uno tra {string.Join(", ", Enum.GetNames<T>())}.", $"This field is required: one of {string.Join(", ", Enum.GetNames<T>())}."));
        return fallback;
    }

    private T ParseEnum<T>(string value, string path, T fallback) where T : struct, Enum
    {
        if (EnumText.TryParse<T>(value, out var parsed)) return parsed;
        _errors.Add(path, Say.It($"'{value}' non è tra i valori ammessi: {string.Join(", ", Enum.GetNames<T>())}.", $"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}."));
        return fallback;
    }

    private T? Reference<T>(Dictionary<string, T> known, string? code, string path, string what) where T : class
    {
        if (code is null) return null;
        if (known.TryGetValue(code, out var found)) return found;
        _errors.Add(path, Say.It($"Codice {Of(what)} '{code}' sconosciuto.", $"Unknown {what} code '{code}'."));
        return null;
    }

    // "the value area code" in Italian: "il codice dell'ambito di valore".
    private static string Of(string what) => what switch
    {
        "value area" => "dell'ambito di valore", "indicator" => "dell'indicatore", "node" => "del nodo", "structure" => "della struttura", _ => what,
    };

    private void AddUnique<T>(Dictionary<string, T> map, string code, T item, string path, string what)
    {
        if (code.Length == 0) return;
        if (!map.TryAdd(code, item)) _errors.Add(path, Say.It($"Codice {Of(what)} '{code}' duplicato: i codici sono unici all'interno di un piano.", $"Duplicate {what} code '{code}': codes are unique within a plan."));
    }
}
