using System.Globalization;
using System.Text.Json;
using Performance.Api.Infrastructure;
using Performance.Api.PlanModel;
using Performance.Api.Infrastructure.Files;
using Performance.Domain.Language;

namespace Performance.Api.Features.Plans;

/// <summary>
/// Turns a plan workbook into the <see cref="PlanDocument"/> the JSON import takes, remembering which row of which sheet
/// each part came from, so that the document validator's JSON paths can be shown as cells. Cells that cannot be converted
/// (a text where a number goes) are collected the same way; rows are never dropped silently.
/// </summary>
public sealed class PlanWorkbookReader
{
    /// <summary>One sheet as read: its specification, its layout (header row, field → column) and its data rows.</summary>
    private sealed class SheetTable(PlanWorkbook.Sheet spec)
    {
        public PlanWorkbook.Sheet Spec { get; } = spec;
        public SheetLayout Layout { get; } = new(spec.Name, spec.HeaderOf);
        public readonly List<TableRow> Rows = [];

        public string? Text(TableRow row, string field) => Layout.Text(row, field);
    }

    private readonly Dictionary<string, SheetTable> _sheets = new(StringComparer.Ordinal);
    private readonly ValidationErrors _structural = new();

    /// <summary>Which row of which sheet each part of the document came from, and the cells that could not be read.</summary>
    public SourceMap Source { get; } = new();

    public PlanDocument Document { get; private set; } = null!;

    /// <summary>
    /// Reads the workbook. A workbook whose shape is wrong (unknown or missing sheet, missing, unknown or repeated header)
    /// is a 400 at once: its rows cannot be interpreted.
    /// </summary>
    public static PlanWorkbookReader Read(XlsxWorkbook workbook)
    {
        var reader = new PlanWorkbookReader();
        reader.ReadSheets(workbook);
        reader._structural.ThrowIfAny(Say.It("La cartella di lavoro non è quella di un piano (vedere GET /api/plans/template.xlsx); non è stato salvato nulla.", "The workbook is not a plan workbook (see GET /api/plans/template.xlsx); nothing was stored."));
        reader.Document = reader.Build();
        return reader;
    }

    // ---------------- sheets and headers ----------------

    private void ReadSheets(XlsxWorkbook workbook)
    {
        foreach (var name in workbook.SheetNames)
        {
            var folded = OfficeText.Fold(name);
            if (folded == OfficeText.Fold(PlanWorkbook.InstructionsSheet)) continue;
            var spec = PlanWorkbook.Sheets.FirstOrDefault(s => OfficeText.Fold(s.Name) == folded);
            if (spec is null)
            {
                _structural.Add($"foglio \"{name}\"",
                    Say.It($"Foglio sconosciuto: la cartella di lavoro di un piano ha i fogli {string.Join(", ", PlanWorkbook.Sheets.Select(s => s.Name))} (e {PlanWorkbook.InstructionsSheet}, ignorato).", $"Unknown sheet: a plan workbook has {string.Join(", ", PlanWorkbook.Sheets.Select(s => s.Name))} (and {PlanWorkbook.InstructionsSheet}, ignored)."));
                continue;
            }
            var sheet = new SheetTable(spec);
            // "Albero" and "Albèro" are one sheet to this reader: a second one would silently replace the first.
            if (!_sheets.TryAdd(spec.Name, sheet))
            {
                _structural.Add($"foglio \"{name}\"", Say.It($"La cartella di lavoro contiene due volte il foglio {spec.Name}.", $"The workbook has the sheet {spec.Name} twice."));
                continue;
            }
            var headerSeen = false;
            foreach (var row in workbook.ReadSheet(name) ?? [])
            {
                if (row.IsBlank) continue;
                if (!headerSeen)
                {
                    headerSeen = true;
                    ReadHeader(sheet, row);
                }
                else sheet.Rows.Add(row);
            }
            if (!headerSeen) _structural.Add($"foglio \"{spec.Name}\"", Say.It("Il foglio non ha una riga di intestazione.", "The sheet has no header row."));
        }
        foreach (var spec in PlanWorkbook.Sheets.Where(s => s.Mandatory && !_sheets.ContainsKey(s.Name)))
            _structural.Add($"foglio \"{spec.Name}\"", Say.It("Il foglio manca: la cartella di lavoro di un piano richiede Piano, Albero e Indicatori.", "The sheet is missing: a plan workbook needs Piano, Albero and Indicatori."));
    }

    private void ReadHeader(SheetTable sheet, TableRow row)
    {
        sheet.Layout.HeaderRow = row.Number;
        for (var c = 0; c < row.Cells.Length; c++)
        {
            if (row[c] is not { } header) continue;
            var at = $"{sheet.Spec.Name}, intestazione, colonna \"{header}\" (cella {OfficeFiles.ColumnName(c)}{row.Number})";
            (string Field, string Header)? found = sheet.Spec.Find(header) is { } column ? (column.Field, header) : sheet.Spec.YearColumn(header);
            if (found is not { } f)
            {
                var expected = string.Join(", ", sheet.Spec.Columns.Select(x => x.Header)
                    .Concat(sheet.Spec.YearPrefix is { } p ? [$"{p} AAAA"] : []));
                _structural.Add(at, Say.It($"Colonna \"{header}\" sconosciuta: sono previste {expected}.", $"Unknown column \"{header}\": expected {expected}."));
            }
            else if (!sheet.Layout.Columns.TryAdd(f.Field, (c, f.Header))) _structural.Add(at, Say.It($"La colonna \"{header}\" compare due volte.", $"Column \"{header}\" appears twice."));
        }
        foreach (var required in sheet.Spec.Required.Where(r => !sheet.Layout.Columns.ContainsKey(r)))
            _structural.Add($"{sheet.Spec.Name}, intestazione",
                Say.It($"Manca la colonna \"{sheet.Spec.Columns.First(c => c.Field == required).Header}\".", $"The column \"{sheet.Spec.Columns.First(c => c.Field == required).Header}\" is missing."));
    }

    // ---------------- the document ----------------

    private PlanDocument Build()
    {
        var plan = ReadPlan(_sheets[PlanWorkbook.Plan.Name]);
        var areas = _sheets.TryGetValue(PlanWorkbook.Areas.Name, out var a) ? ReadAreas(a) : [];
        var structures = _sheets.TryGetValue(PlanWorkbook.Structures.Name, out var s) ? ReadStructures(s) : [];
        var nodes = ReadTree(_sheets[PlanWorkbook.Tree.Name], _sheets[PlanWorkbook.Indicators.Name]);
        var guidelines = _sheets.TryGetValue(PlanWorkbook.Guidelines.Name, out var g) ? ReadGuidelines(g) : [];
        var changes = _sheets.TryGetValue(PlanWorkbook.Reprogramming.Name, out var r) ? ReadReprogramming(r) : null;
        return plan with { ValueAreas = areas, Structures = structures, Nodes = nodes, Guidelines = guidelines, Reprogramming = changes };
    }

    private PlanDocument ReadPlan(SheetTable sheet)
    {
        var values = new Dictionary<string, TableRow>(StringComparer.Ordinal);
        var bands = new List<BandDocument>();
        foreach (var row in sheet.Rows)
        {
            var label = sheet.Text(row, "key");
            if (label is null)
            {
                Source.Unreadable(sheet.Layout, row.Number, "key", Say.It("La riga ha un valore ma non il Campo.", "The row has a value but no Campo."));
                continue;
            }
            if (OfficeText.Fold(label) == OfficeText.Fold(PlanWorkbook.BandLabel))
            {
                var path = $"scoringPolicy.bands[{bands.Count}]";
                Source.Register(path, sheet.Layout, row.Number);
                Source.Register($"{path}.from", sheet.Layout, row.Number, "value");
                Source.Register($"{path}.to", sheet.Layout, row.Number, "to");
                Source.Register($"{path}.score", sheet.Layout, row.Number, "score");
                bands.Add(new BandDocument(Number(sheet, row, "value"), Number(sheet, row, "to"), Number(sheet, row, "score")));
                continue;
            }
            var field = PlanWorkbook.PlanFields.FirstOrDefault(f => OfficeText.Fold(f.Label) == OfficeText.Fold(label));
            if (field.Path is null)
                Source.Unreadable(sheet.Layout, row.Number, "key", Say.It($"Campo \"{label}\" sconosciuto: sono previsti {string.Join(", ", PlanWorkbook.PlanFields.Select(f => f.Label))} o {PlanWorkbook.BandLabel}.", $"Unknown field \"{label}\": expected {string.Join(", ", PlanWorkbook.PlanFields.Select(f => f.Label))} or {PlanWorkbook.BandLabel}."));
            else if (!values.TryAdd(field.Path, row)) Source.Unreadable(sheet.Layout, row.Number, "key", Say.It($"\"{label}\" compare due volte.", $"\"{label}\" appears twice."));
            else Source.Register(field.Path, sheet.Layout, row.Number, "value");
        }
        // A field without its row is still named, by its label.
        foreach (var (label, path) in PlanWorkbook.PlanFields.Where(f => !values.ContainsKey(f.Path)))
            Source.Register(path, $"{PlanWorkbook.Plan.Name}, campo \"{label}\"");

        string? Text(string path) => values.TryGetValue(path, out var row) ? sheet.Text(row, "value") : null;
        decimal? Dec(string path) => values.TryGetValue(path, out var row) ? Number(sheet, row, "value") : null;
        int? Int(string path) => values.TryGetValue(path, out var row) ? Integer(sheet, row, "value") : null;
        bool? Bool(string path) => values.TryGetValue(path, out var row) ? Source.YesNo(sheet.Layout, row, "value") : null;
        DateOnly? Day(string path) => values.TryGetValue(path, out var row) ? Source.Date(sheet.Layout, row, "value") : null;

        var policyPaths = PlanWorkbook.PlanFields.Where(f => f.Path.StartsWith("scoringPolicy.", StringComparison.Ordinal)).Select(f => f.Path);
        // No policy row filled in: the plan takes the default policy, as a JSON document without scoringPolicy.
        var policy = policyPaths.All(p => Text(p) is null) && bands.Count == 0
            ? null
            : new ScoringPolicyDocument(Dec("scoringPolicy.cap"), Text("scoringPolicy.lowerIsBetter"), Text("scoringPolicy.missing"),
                Dec("scoringPolicy.threshold"), bands, Text("scoringPolicy.bandMode"), Dec("scoringPolicy.yellowFrom"),
                Bool("scoringPolicy.justificationRequiredWhenMissed"));
        var org = Text("organization.code") is null && Text("organization.name") is null
            ? null
            : new OrganizationDocument(Text("organization.code"), Text("organization.name"));
        return new PlanDocument(org, Text("code"), Text("title"), Text("description"), Int("startYear"), Int("endYear"), Text("status"),
            policy, null, null, null, null, AdoptionAct: Text("adoptionAct"), AdoptedOn: Day("adoptedOn"));
    }

    private List<ValueAreaDocument> ReadAreas(SheetTable sheet)
    {
        var top = new List<(TableRow Row, string? Code)>();
        var subs = new List<(TableRow Row, string Parent)>();
        foreach (var row in sheet.Rows)
        {
            if (sheet.Text(row, "parentArea") is { } parent) subs.Add((row, parent));
            else top.Add((row, sheet.Text(row, "code")));
        }
        var areas = new List<ValueAreaDocument>();
        foreach (var (row, code) in top)
        {
            var i = areas.Count;
            Source.Register($"valueAreas[{i}]", sheet.Layout, row.Number);
            var children = new List<SubAreaDocument>();
            foreach (var (subRow, _) in subs.Where(x => code is not null && x.Parent == code))
            {
                Source.Register($"valueAreas[{i}].subAreas[{children.Count}]", sheet.Layout, subRow.Number);
                children.Add(new SubAreaDocument(sheet.Text(subRow, "code"), sheet.Text(subRow, "name")));
            }
            areas.Add(new ValueAreaDocument(code, sheet.Text(row, "name"), Number(sheet, row, "weight"), children));
        }
        var topCodes = top.Select(t => t.Code).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (row, parent) in subs)
        {
            if (sheet.Text(row, "weight") is not null)
                Source.Unreadable(sheet.Layout, row.Number, "weight", Say.It("Un sottoambito non ha un peso proprio: lasciare vuoto Peso.", "A sub-area has no weight of its own: leave Peso empty."));
            if (topCodes.Contains(parent)) continue;
            Source.Unreadable(sheet.Layout, row.Number, "parentArea", subs.Any(x => sheet.Text(x.Row, "code") == parent)
                ? Say.It($"'{parent}' è un sottoambito: i sottoambiti dipendono da un ambito di valore.", $"'{parent}' is a sub-area: sub-areas hang from a value area.")
                : Say.It($"Codice di ambito di valore '{parent}' sconosciuto.", $"Unknown value area code '{parent}'."));
        }
        return areas;
    }

    private List<StructureDocument> ReadStructures(SheetTable sheet)
    {
        var list = new List<StructureDocument>();
        foreach (var row in sheet.Rows)
        {
            Source.Register($"structures[{list.Count}]", sheet.Layout, row.Number);
            var volumes = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var field in sheet.Layout.Columns.Keys.Where(k => k.StartsWith("volumes.", StringComparison.Ordinal)))
                if (Number(sheet, row, field) is { } v) volumes[field["volumes.".Length..]] = v;
            list.Add(new StructureDocument(sheet.Text(row, "code"), sheet.Text(row, "name"),
                sheet.Text(row, "kind") is { } kind ? PlanWorkbook.StructureKindName(kind) : null,
                sheet.Text(row, "type"), sheet.Text(row, "region"), sheet.Text(row, "parent"), volumes));
        }
        return list;
    }

    /// <summary>One Albero row and what hangs from it.</summary>
    private sealed class TreeRow(TableRow row, string? code, string? parent)
    {
        public TableRow Row { get; } = row;
        public string? Code { get; } = code;
        public string? Parent { get; } = parent;
        public readonly List<TreeRow> Children = [];
        public readonly List<TableRow> Indicators = [];
        public bool Placed;
    }

    /// <summary>
    /// The flat rows become the nested tree through Codice padre. A row whose parent is unknown, or which sits in a
    /// cycle, is given to the validator as a top-level node with <c>parent</c>, so it reports it as for a JSON document.
    /// </summary>
    private List<NodeDocument> ReadTree(SheetTable tree, SheetTable indicators)
    {
        var rows = tree.Rows.Select(r => new TreeRow(r, tree.Text(r, "code"), tree.Text(r, "parent"))).ToList();
        var byCode = new Dictionary<string, TreeRow>(StringComparer.Ordinal);
        foreach (var r in rows.Where(r => r.Code is not null)) byCode.TryAdd(r.Code!, r);
        var roots = new List<TreeRow>();
        foreach (var r in rows)
        {
            if (r.Parent is not null && byCode.TryGetValue(r.Parent, out var parent) && parent != r) parent.Children.Add(r);
            else roots.Add(r);
        }
        foreach (var row in indicators.Rows)
        {
            var node = indicators.Text(row, "node");
            if (node is null) Source.Unreadable(indicators.Layout, row.Number, "node", Say.It("Campo obbligatorio: il codice del nodo dell'indicatore nel foglio Albero.", "This field is required: the code of the indicator's node in Albero."));
            else if (!byCode.TryGetValue(node, out var owner)) Source.Unreadable(indicators.Layout, row.Number, "node", Say.It($"Codice di nodo '{node}' sconosciuto.", $"Unknown node code '{node}'."));
            else owner.Indicators.Add(row);
        }

        var nodes = new List<NodeDocument>();
        foreach (var r in roots) nodes.Add(Node(r, $"nodes[{nodes.Count}]", tree, indicators, r.Parent));
        // Rows not reached from a root are in a cycle of Codice padre.
        foreach (var r in rows.Where(r => !r.Placed).ToList())
            if (!r.Placed) nodes.Add(Node(r, $"nodes[{nodes.Count}]", tree, indicators, r.Parent));
        return nodes;
    }

    private NodeDocument Node(TreeRow r, string path, SheetTable tree, SheetTable indicators, string? parent)
    {
        r.Placed = true;
        Source.Register(path, tree.Layout, r.Row.Number);
        var row = r.Row;
        var indicatorDocuments = r.Indicators.Select((i, k) => Indicator(i, $"{path}.indicators[{k}]", indicators)).ToList();
        var children = new List<NodeDocument>();
        foreach (var child in r.Children.Where(c => !c.Placed)) children.Add(Node(child, $"{path}.children[{children.Count}]", tree, indicators, null));
        return new NodeDocument(
            r.Code, tree.Text(row, "kind") is { } kind ? PlanWorkbook.NodeKindName(kind) : null, tree.Text(row, "title"),
            Number(tree, row, "weight"), tree.Text(row, "structure"), tree.Text(row, "responsible"), tree.Text(row, "valueArea"),
            tree.Text(row, "subArea"), indicatorDocuments, children, tree.Text(row, "finalita"), tree.Text(row, "projectType"),
            Years(tree, row), Json(tree, row, "resources"), parent, Codes(tree.Text(row, "structures")));
    }

    private IndicatorDocument Indicator(TableRow row, string path, SheetTable sheet)
    {
        Source.Register(path, sheet.Layout, row.Number);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in sheet.Layout.Columns.Keys.Where(k => k.StartsWith("targets.", StringComparison.Ordinal)))
            if (sheet.Text(row, field) is { } text) targets[field["targets.".Length..]] = text;
        int? baselineYear = Integer(sheet, row, "baseline.year");
        decimal? baselineValue = Number(sheet, row, "baseline.value");
        return new IndicatorDocument(
            sheet.Text(row, "code"), sheet.Text(row, "name"), sheet.Text(row, "type"), sheet.Text(row, "unit"), sheet.Text(row, "polarity"),
            Number(sheet, row, "weight"), targets,
            baselineYear is null && baselineValue is null ? null : new BaselineDocument(baselineYear, baselineValue),
            sheet.Text(row, "formula"), sheet.Text(row, "source"), sheet.Text(row, "frequency"), sheet.Text(row, "aggregation"),
            Number(sheet, row, "cap"), sheet.Text(row, "numerator"), sheet.Text(row, "denominator"), sheet.Text(row, "valueArea"));
    }

    private List<GuidelineDocument> ReadGuidelines(SheetTable sheet)
    {
        var list = new List<GuidelineDocument>();
        foreach (var row in sheet.Rows)
        {
            Source.Register($"guidelines[{list.Count}]", sheet.Layout, row.Number);
            list.Add(new GuidelineDocument(Integer(sheet, row, "number"), sheet.Text(row, "title"), sheet.Text(row, "kind"),
                Codes(sheet.Text(row, "programmes")) ?? [], Codes(sheet.Text(row, "projects")) ?? [], sheet.Text(row, "justification"),
                Codes(sheet.Text(row, "indicators"))));
        }
        return list;
    }

    private List<ReprogrammingDocument>? ReadReprogramming(SheetTable sheet)
    {
        var list = new List<ReprogrammingDocument>();
        foreach (var row in sheet.Rows)
        {
            Source.Register($"reprogramming[{list.Count}]", sheet.Layout, row.Number);
            list.Add(new ReprogrammingDocument(sheet.Text(row, "kind"), sheet.Text(row, "node"), sheet.Text(row, "act"), Date(sheet, row, "date"),
                sheet.Text(row, "reason"), sheet.Text(row, "toStructure"), sheet.Text(row, "intoProject"), sheet.Text(row, "indicator"),
                Integer(sheet, row, "year"), sheet.Text(row, "target")));
        }
        return list.Count == 0 ? null : list;
    }

    // ---------------- cells ----------------

    private decimal? Number(SheetTable sheet, TableRow row, string field) => Source.Number(sheet.Layout, row, field);

    private int? Integer(SheetTable sheet, TableRow row, string field) => Source.Integer(sheet.Layout, row, field);

    /// <summary>"2021, 2022" (or ; or spaces), or one numeric cell.</summary>
    private List<int>? Years(SheetTable sheet, TableRow row)
    {
        if (!sheet.Layout.Columns.TryGetValue("years", out var c) || row[c.Column] is not { } text) return null;
        if (row.IsNumeric(c.Column)) return Integer(sheet, row, "years") is { } one ? [one] : null;
        var years = new List<int>();
        foreach (var part in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) { years.Add(year); continue; }
            Source.Unreadable(sheet.Layout, row.Number, "years", Say.It($"'{text}' non è un elenco di anni (scrivere 2021, 2022).", $"'{text}' is not a list of years (write 2021, 2022)."));
            return null;
        }
        return years;
    }

    private DateOnly? Date(SheetTable sheet, TableRow row, string field) => Source.Date(sheet.Layout, row, field);

    private JsonElement? Json(SheetTable sheet, TableRow row, string field)
    {
        if (sheet.Text(row, field) is not { } text) return null;
        try
        {
            using var json = JsonDocument.Parse(text);
            // The rule of every text input holds inside the JSON too (the JSON import applies it the same way).
            if (StorableText.ForbiddenIn(json.RootElement) is { } problem)
            {
                Source.Unreadable(sheet.Layout, row.Number, field, problem);
                return null;
            }
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Source.Unreadable(sheet.Layout, row.Number, field, Say.It($"JSON non valido: {e.Message}", $"Not valid JSON: {e.Message}"));
            return null;
        }
    }

    /// <summary>Codes listed in one cell, separated by commas or semicolons.</summary>
    private static List<string>? Codes(string? text) =>
        text?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } codes ? codes.ToList() : null;
}
