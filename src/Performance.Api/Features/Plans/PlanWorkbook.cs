using System.Globalization;
using Performance.Api.Features.Plans;
using Performance.Domain.Plans;
using Performance.Domain.PublicValue;
using Performance.Api.PlanModel;
using Performance.Api.Infrastructure.Files;

namespace Performance.Api.Features.Plans;

/// <summary>
/// The plan workbook: the plan document of docs/model.md as flat sheets an office fills in (Piano, Albero, Indicatori,
/// Strutture, Ambiti, LGG, Riprogrammazioni). Each column carries the JSON field it stands for, so a validation error
/// on <c>nodes[2].indicators[0].targets.2021</c> can be shown on its cell.
/// </summary>
public static class PlanWorkbook
{
    /// <summary>A column: its Italian header, the field of the document it fills (relative to the row's object) and accepted spellings.</summary>
    public sealed record Column(string Header, string Field, params string[] Aliases);

    /// <summary>
    /// A sheet: its columns, those it cannot do without, and (Indicatori, Strutture) a family of per-year columns
    /// such as "Target 2021" → <c>targets.2021</c>.
    /// </summary>
    public sealed record Sheet(string Name, bool Mandatory, IReadOnlyList<Column> Columns, IReadOnlyList<string> Required,
        string? YearPrefix = null, string? YearField = null, int YearsAfter = -1)
    {
        public Column? Find(string header)
        {
            var folded = OfficeText.Fold(header.TrimStart('\uFEFF'));
            return Columns.FirstOrDefault(c => OfficeText.Fold(c.Header) == folded || c.Aliases.Contains(folded));
        }

        /// <summary>The header of a field of this sheet (<c>targets.2021</c> → "Target 2021"), or null when it has no such column.</summary>
        public string? HeaderOf(string field) =>
            Columns.FirstOrDefault(c => c.Field == field)?.Header
            ?? (YearField is { } y && field.StartsWith(y + ".", StringComparison.Ordinal) ? $"{YearPrefix} {field[(y.Length + 1)..]}" : null);

        /// <summary>"Target 2021" → targets.2021 (and its header back).</summary>
        public (string Field, string Header)? YearColumn(string header)
        {
            if (YearPrefix is null) return null;
            var parts = OfficeText.Fold(header).Split(' ');
            return parts.Length == 2 && parts[0] == OfficeText.Fold(YearPrefix)
                   && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200
                ? ($"{YearField}.{year}", $"{YearPrefix} {year}")
                : null;
        }

        /// <summary>The headers with the year columns for the given years in their place.</summary>
        public IReadOnlyList<string> Headers(IEnumerable<int> years)
        {
            var fixedHeaders = Columns.Select(c => c.Header).ToList();
            if (YearPrefix is null) return fixedHeaders;
            fixedHeaders.InsertRange(YearsAfter + 1, years.Select(y => $"{YearPrefix} {y}"));
            return fixedHeaders;
        }
    }

    public static readonly Sheet Plan = new("Piano", true,
    [
        new("Campo", "key", "field"), new("Valore", "value", "value"), new("Fascia fino a", "to", "a", "fino a"),
        new("Fascia punteggio", "score", "punteggio"),
    ], ["key", "value"]);

    /// <summary>The rows of Piano: label → JSON path (bands are the repeatable "Fascia" rows).</summary>
    public static readonly IReadOnlyList<(string Label, string Path)> PlanFields =
    [
        ("Ente codice", "organization.code"), ("Ente nome", "organization.name"), ("Codice piano", "code"), ("Titolo", "title"),
        ("Descrizione", "description"), ("Anno inizio", "startYear"), ("Anno fine", "endYear"), ("Stato", "status"),
        ("Atto di adozione", "adoptionAct"), ("Data di adozione", "adoptedOn"),
        ("Cap punteggio", "scoringPolicy.cap"), ("Formula minore è meglio", "scoringPolicy.lowerIsBetter"),
        ("Consuntivo mancante", "scoringPolicy.missing"), ("Soglia", "scoringPolicy.threshold"), ("Modalità fasce", "scoringPolicy.bandMode"),
        ("Giallo da", "scoringPolicy.yellowFrom"), ("Giustificazione obbligatoria", "scoringPolicy.justificationRequiredWhenMissed"),
    ];

    public const string BandLabel = "Fascia";

    public static readonly Sheet Tree = new("Albero", true,
    [
        new("Codice", "code", "code"), new("Codice padre", "parent", "padre", "parent"), new("Livello", "kind", "tipo", "livello/tipo", "kind"),
        new("Titolo", "title", "title"), new("Finalità", "finalita", "finalita"), new("Peso", "weight", "weight"),
        new("Struttura", "structure", "structure", "codice struttura"), new("Strutture assegnate", "structures", "strutture", "structures"),
        new("Responsabile", "responsible", "responsible"), new("Ambito", "valueArea", "valuearea"), new("Sottoambito", "subArea", "subarea"),
        new("Tipo progetto", "projectType", "projecttype"), new("Anni", "years", "years"), new("Risorse (JSON)", "resources", "risorse", "resources"),
    ], ["code", "kind", "title"]);

    public static readonly Sheet Indicators = new("Indicatori", true,
    [
        new("Codice", "code", "code"), new("Nodo", "node", "codice nodo", "obiettivo", "node"), new("Nome", "name", "indicatore", "name"),
        new("Tipo", "type", "type"), new("Unità", "unit", "unita di misura", "unit"), new("Polarità", "polarity", "polarity"),
        new("Peso", "weight", "weight"),
        new("Baseline anno", "baseline.year"), new("Baseline valore", "baseline.value"), new("Formula", "formula", "formula"),
        new("Numeratore", "numerator", "numerator"), new("Denominatore", "denominator", "denominator"), new("Fonte", "source", "source"),
        new("Frequenza", "frequency", "frequency"), new("Aggregazione", "aggregation", "aggregation"), new("Cap", "cap", "cap"),
        new("Ambito", "valueArea", "valuearea"),
    ], ["code", "node", "name"], "Target", "targets", YearsAfter: 6);

    public static readonly Sheet Structures = new("Strutture", false,
    [
        new("Codice", "code", "code"), new("Nome", "name", "name"), new("Tipo", "kind", "centrale/territoriale", "kind"),
        new("Tipologia", "type", "type"), new("Regione", "region", "region"), new("Padre", "parent", "struttura padre", "parent"),
    ], ["code", "name"], "Volume", "volumes", YearsAfter: 5);

    public static readonly Sheet Areas = new("Ambiti", false,
    [
        new("Codice", "code", "code"), new("Nome", "name", "name"), new("Peso", "weight", "weight"),
        new("Ambito padre", "parentArea", "padre", "parent"),
    ], ["code", "name"]);

    public static readonly Sheet Guidelines = new("LGG", false,
    [
        new("Numero", "number", "number", "n."), new("Titolo", "title", "title"), new("Tipo", "kind", "oge/osp", "kind"),
        new("Programmi CIV", "programmes", "programmi", "programmes"), new("Progetti", "projects", "projects"),
        new("Indicatori", "indicators", "indicators"), new("Giustificazione", "justification", "justification"),
    ], ["number", "title", "kind"]);

    public static readonly Sheet Reprogramming = new("Riprogrammazioni", false,
    [
        new("Tipo", "kind", "kind"), new("Nodo", "node", "node"), new("Atto", "act", "act"), new("Data", "date", "date"),
        new("Motivo", "reason", "reason"), new("Verso struttura", "toStructure", "tostructure"), new("In progetto", "intoProject", "intoproject"),
        new("Indicatore", "indicator", "indicator"), new("Anno", "year", "year"), new("Target", "target", "target"),
        new("Struttura", "structure", "structure"),
    ], ["kind"]);

    /// <summary>One row per indicator and structure with targets of its own (docs/targets.md, "Targets per structure").</summary>
    public static readonly Sheet StructureTargets = new("Target per struttura", false,
    [
        new("Indicatore", "indicator", "indicator", "codice indicatore"), new("Struttura", "structure", "structure", "codice struttura"),
    ], ["indicator", "structure"], "Target", "targets", YearsAfter: 1);

    public static readonly IReadOnlyList<Sheet> Sheets = [Plan, Tree, Indicators, Structures, Areas, Guidelines, Reprogramming, StructureTargets];

    /// <summary>Read by people only; ignored on import.</summary>
    public const string InstructionsSheet = "Istruzioni";

    public static readonly IReadOnlyDictionary<NodeKind, string[]> KindLabels = new Dictionary<NodeKind, string[]>
    {
        [NodeKind.Mission] = ["missione", "mandato"],
        [NodeKind.StrategicArea] = ["area strategica"],
        [NodeKind.StrategicObjective] = ["obiettivo strategico"],
        [NodeKind.OperationalObjective] = ["obiettivo operativo"],
        [NodeKind.Action] = ["azione"],
        [NodeKind.Project] = ["progetto"],
    };

    /// <summary>Italian labels become the document's names; anything else goes through as written, for the validator to name.</summary>
    public static string NodeKindName(string text)
    {
        var folded = OfficeText.Fold(text);
        foreach (var (kind, labels) in KindLabels)
            if (labels.Contains(folded)) return kind.ToString();
        return text;
    }

    public static string StructureKindName(string text) => OfficeText.Fold(text) switch
    {
        "centrale" => nameof(StructureKind.Central),
        "territoriale" => nameof(StructureKind.Territorial),
        _ => text,
    };

    // ---------------- writing ----------------

    /// <summary>A plan document as the workbook's tables; an empty document gives the template.</summary>
    public static IReadOnlyList<OfficeTable> Tables(PlanDocument d, IReadOnlyList<int> defaultYears)
    {
        var nodes = Flatten(d.Nodes ?? [], null).ToList();
        var planYears = d.StartYear is { } s && d.EndYear is { } e && e >= s ? Enumerable.Range(s, e - s + 1).ToList() : defaultYears.ToList();
        var targetYears = planYears.Union(nodes.SelectMany(n => n.Node.Indicators ?? []).SelectMany(i => (i.Targets ?? []).Keys).Select(YearKey).OfType<int>())
            .Order().ToList();
        var volumeYears = (d.Structures ?? []).SelectMany(st => (st.Volumes ?? []).Keys).Select(YearKey).OfType<int>().Distinct().Order().ToList();
        if (volumeYears.Count == 0) volumeYears = planYears;

        return
        [
            new(Plan.Name, Plan.Columns.Select(c => c.Header).ToList(), PlanRows(d)),
            new(Tree.Name, Tree.Headers([]), nodes.Select(x => TreeRow(x.Node, x.Parent))),
            new(Indicators.Name, Indicators.Headers(targetYears),
                nodes.SelectMany(x => (x.Node.Indicators ?? []).Select(i => IndicatorRow(i, x.Node.Code, targetYears)))),
            new(Structures.Name, Structures.Headers(volumeYears), (d.Structures ?? []).Select(st => StructureRow(st, volumeYears))),
            new(Areas.Name, Areas.Headers([]), (d.ValueAreas ?? []).SelectMany(AreaRows)),
            new(Guidelines.Name, Guidelines.Headers([]), (d.Guidelines ?? []).Select(g => new object?[]
            {
                g.Number, g.Title, g.Kind, List(g.Programmes), List(g.Projects), List(g.Indicators), g.Justification,
            })),
            new(Reprogramming.Name, Reprogramming.Headers([]), (d.Reprogramming ?? []).Select(r => new object?[]
            {
                r.Kind, r.Node, r.Act, r.Date, r.Reason, r.ToStructure, r.IntoProject, r.Indicator, r.Year, r.Target, r.Structure,
            })),
            new(StructureTargets.Name, StructureTargets.Headers(planYears),
                nodes.SelectMany(x => x.Node.Indicators ?? []).SelectMany(i => (i.StructureTargets ?? []).Select(t => (object?[])
                [
                    i.Code, t.Structure, .. planYears.Select(y => (object?)(t.Targets ?? []).GetValueOrDefault(y.ToString(CultureInfo.InvariantCulture))),
                ]))),
            Instructions(),
        ];
    }

    private static int? YearKey(string key) => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;

    private static string? List(List<string>? items) => items is { Count: > 0 } ? string.Join(", ", items) : null;

    private static IEnumerable<(NodeDocument Node, string? Parent)> Flatten(IEnumerable<NodeDocument> nodes, string? parent)
    {
        foreach (var n in nodes)
        {
            yield return (n, n.Parent ?? parent);
            foreach (var child in Flatten(n.Children ?? [], n.Code)) yield return child;
        }
    }

    private static IEnumerable<object?[]> PlanRows(PlanDocument d)
    {
        var p = d.ScoringPolicy;
        object?[] values =
        [
            d.Organization?.Code, d.Organization?.Name, d.Code, d.Title, d.Description, d.StartYear, d.EndYear, d.Status, d.AdoptionAct, d.AdoptedOn,
            p?.Cap, p?.LowerIsBetter, p?.Missing, p?.Threshold, p?.BandMode, p?.YellowFrom, p?.JustificationRequiredWhenMissed,
        ];
        for (var i = 0; i < PlanFields.Count; i++) yield return [PlanFields[i].Label, values[i]];
        foreach (var band in p?.Bands ?? []) yield return [BandLabel, band.From, band.To, band.Score];
    }

    private static object?[] TreeRow(NodeDocument n, string? parent) =>
    [
        n.Code, parent, n.Kind is { } k && Enum.TryParse<NodeKind>(k, out var kind) ? OfficeText.Label(kind) : n.Kind, n.Title, n.Finalita,
        n.Weight, n.Structure, List(n.Structures), n.Responsible, n.ValueArea, n.SubArea, n.ProjectType,
        // One year stays a number; several are a list in one text cell.
        n.Years is [var only] ? only : n.Years is { Count: > 1 } ys ? string.Join(", ", ys) : null,
        n.Resources?.GetRawText(),
    ];

    private static object?[] IndicatorRow(IndicatorDocument i, string? node, IReadOnlyList<int> years)
    {
        var targets = years.Select(y => (object?)(i.Targets ?? []).GetValueOrDefault(y.ToString(CultureInfo.InvariantCulture)));
        object?[] head = [i.Code, node, i.Name, i.Type, i.Unit, i.Polarity, i.Weight];
        object?[] tail =
        [
            i.Baseline?.Year, i.Baseline?.Value, i.Formula, i.Numerator, i.Denominator, i.Source, i.Frequency, i.Aggregation, i.Cap, i.ValueArea,
        ];
        return [.. head, .. targets, .. tail];
    }

    private static object?[] StructureRow(StructureDocument s, IReadOnlyList<int> years)
    {
        var kind = s.Kind is { } k && Enum.TryParse<StructureKind>(k, out var parsed) ? OfficeText.Label(parsed) : s.Kind;
        object?[] head = [s.Code, s.Name, kind, s.Type, s.Region, s.Parent];
        return [.. head, .. years.Select(y => (s.Volumes ?? []).TryGetValue(y.ToString(CultureInfo.InvariantCulture), out var v) ? (object?)v : null)];
    }

    private static IEnumerable<object?[]> AreaRows(ValueAreaDocument a)
    {
        yield return [a.Code, a.Name, a.Weight, null];
        foreach (var s in a.SubAreas ?? []) yield return [s.Code, s.Name, null, a.Code];
    }

    private static OfficeTable Instructions() => new(InstructionsSheet, ["Foglio", "Come compilarlo"],
    [
        ["Piano", "Una riga per campo (colonna Campo, valore in Valore): Ente codice, Ente nome, Codice piano, Titolo, Anno inizio, Anno fine sono obbligatori. "
                  + "Stato: Draft, Adopted, Closed; un piano non Draft indica Atto di adozione e Data di adozione (altrimenti si importa Draft e si adotta poi). Politica di punteggio: Cap punteggio, Formula minore è meglio (InverseRatio...), Consuntivo mancante (Exclude...), "
                  + "Soglia, Modalità fasce, Giallo da, Giustificazione obbligatoria (sì/no); una riga Fascia per ogni fascia (Valore = da, Fascia fino a, Fascia punteggio)."],
        ["Albero", "Una riga per nodo; Codice padre vuoto per i nodi di primo livello. Livello: Missione (o Mandato), Area strategica, Obiettivo strategico, "
                   + "Obiettivo operativo, Azione, Progetto (o i nomi inglesi Mission, StrategicArea...). Peso: numero. Strutture assegnate, Anni: elenchi separati da virgola. "
                   + "Risorse: JSON libero."],
        ["Indicatori", "Una riga per indicatore; Nodo è il codice del nodo dell'Albero. Una colonna \"Target AAAA\" per ogni anno del piano "
                       + "(testo del target, es. >=80%, <=30 giorni, entro il 30/06, n.d. se per quell'anno non c'è target). Una cella può indicare "
                       + "un target per anno (Anno 2025: >=80% Anno 2026: >=85%): ogni anno è registrato come target di quell'anno. "
                       + "Numeri: 1.234,56 oppure 1234.56 o celle numeriche."],
        ["Strutture", "Una riga per struttura: Tipo Centrale o Territoriale, Padre = codice della struttura madre, una colonna \"Volume AAAA\" per anno."],
        ["Ambiti", "Ambiti di Valore Pubblico con il loro Peso; i sottoambiti hanno Ambito padre e nessun peso."],
        ["LGG", "Facoltativo: Numero, Titolo, Tipo (OGE/OSP), Programmi CIV, Progetti, Indicatori (codici separati da virgola), Giustificazione."],
        ["Riprogrammazioni", "Facoltativo: Tipo (ReassignStructure, MergeProject, CancelProject, ReviseTarget), Nodo, Atto, Data (gg/mm/aaaa), Motivo, "
                             + "Verso struttura, In progetto, Indicatore, Anno, Target, Struttura (per rivedere il target proprio di una struttura)."],
        ["Target per struttura", "Facoltativo: una riga per indicatore e struttura che ha un target proprio (es. uno per direzione regionale), "
                                 + "con una colonna \"Target AAAA\" per anno. La struttura è valutata sul proprio target; le altre sul target dell'indicatore."],
        ["Errori", "L'importazione è tutto o niente: ogni errore indica foglio, riga, colonna e cella (es. Indicatori, riga 12, colonna \"Target 2021\" (cella H13))."],
    ]);
}
