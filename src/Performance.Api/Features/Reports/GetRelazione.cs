using System.Net;
using System.Security.Cryptography;
using System.Text;
using MediatR;
using Performance.Api.Features.Guidelines;
using Performance.Api.Features.PublicValue;
using Performance.Api.Features.Scores;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Api.Infrastructure.Files;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Reports;

/// <summary>
/// The tables of the Relazione sulla Performance (DFP Linee guida n. 3/2018) for a year, as one self-contained, printable
/// HTML document. Figures come from the scorecard, Valore Pubblico and LGG queries; only their formatting is done here.
/// </summary>
public sealed record GetRelazione(string Plan, int? Year) : IRequest<string>;

public sealed class GetRelazioneHandler(IMediator mediator, PerformanceDbContext db) : IRequestHandler<GetRelazione, string>
{
    public async Task<string> Handle(GetRelazione request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var query = new ScoreQuery(request.Year);
        var scorecard = await mediator.Send(new GetScorecard(request.Plan, query), ct);
        var value = await mediator.Send(new GetPublicValue(request.Plan, query, false), ct);
        var guidelines = await mediator.Send(new GetGuidelines(request.Plan, query), ct);
        var notes = await ActualNotes.ForYearAsync(db, plan.Id, scorecard.Year, ct);

        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        html.Text($"Relazione sulla Performance {scorecard.Year} – {plan.Organization.Name}");
        html.Raw("</title>\n<style>" + RelazioneStyle.Block + "</style>\n</head>\n<body>\n<header>\n<h1>Relazione sulla Performance ");
        html.Text(Whole(scorecard.Year));
        html.Raw("</h1>\n<p class=\"ente\">").Text(plan.Organization.Name).Raw("</p>\n<p>").Text($"{plan.Title} ({plan.Code}), anno {scorecard.Year}")
            .Raw("</p>\n<p class=\"fonte\">Tabelle redatte secondo le Linee guida DFP n. 3/2018; valori calcolati dal servizio Performance.</p>\n</header>\n<main>\n");

        // Legend: the state is told in words and a shape, never by colour alone.
        html.Raw("<section id=\"legenda\">\n<h2>Legenda dello stato</h2>\n<ul class=\"legenda\">\n");
        foreach (var (status, meaning) in Legend) html.Raw("<li>").Raw(Status(status)).Raw(" ").Text(meaning).Raw("</li>\n");
        html.Raw("</ul>\n</section>\n");

        // 1. Performance organizzativa complessiva
        html.Raw("<section id=\"performance-organizzativa\">\n<h2>1. Performance organizzativa complessiva</h2>\n");
        html.Raw("<p class=\"complessiva\">Grado di raggiungimento complessivo: <strong data-figure=\"complessiva\">").Text(Figure(scorecard.Score))
            .Raw("</strong> ").Raw(Status(scorecard.Status)).Raw("</p>\n");
        Table(html, "t1", "Tabella 1 – Punteggio delle aree strategiche", ["Codice", "Area / obiettivo", "Peso", "Punteggio", "Stato"]);
        html.Raw("<tbody>\n");
        foreach (var n in scorecard.Nodes)
            html.Raw("<tr><td>").Text(n.Code).Raw("</td><th scope=\"row\">").Text(n.Title).Raw("</th><td class=\"num\">").Text(OfficeText.Number(n.Weight))
                .Raw("</td><td class=\"num\">").Text(Figure(n.Score)).Raw("</td><td>").Raw(Status(n.Status)).Raw("</td></tr>\n");
        EndTable(html);
        html.Raw("</section>\n");

        // 2. Obiettivi: one row group per area; every cell names its column, its row and the rows above it in the tree
        // (headers), so the hierarchy is in the markup, not only in the indentation.
        html.Raw("<section id=\"obiettivi\">\n<h2>2. Obiettivi e indicatori</h2>\n");
        Table(html, "t2", "Tabella 2 – Obiettivi e indicatori: ogni riga di indicatore segue l'obiettivo a cui appartiene", ObjectiveColumns, "albero");
        var rows = 0;
        foreach (var n in scorecard.Nodes)
        {
            html.Raw("<tbody>\n");
            Objective(html, n, [], notes, ref rows);
            html.Raw("</tbody>\n");
        }
        html.Raw("</table>\n</div>\n</section>\n");

        // 3. Valore Pubblico
        html.Raw("<section id=\"valore-pubblico\">\n<h2>3. Valore Pubblico per ambito</h2>\n");
        if (value.Areas.Count == 0) html.Raw("<p class=\"nota\">Il piano non definisce ambiti di Valore Pubblico.</p>\n");
        else
        {
            html.Raw("<p>Valore Pubblico dell'istituto: <strong data-figure=\"vp-istituto\">").Text(Figure(value.Institute)).Raw("</strong> (centrale ")
                .Text(Figure(value.Central)).Raw(", territoriale ").Text(Figure(value.Territorial)).Raw(")</p>\n");
            Table(html, "t3", "Tabella 3 – Valore Pubblico per ambito", ["Codice", "Ambito", "Peso", "Centrale", "Territoriale", "Istituto"]);
            html.Raw("<tbody>\n");
            foreach (var a in value.Areas)
                html.Raw("<tr><td>").Text(a.Code).Raw("</td><th scope=\"row\">").Text(a.Name).Raw("</th><td class=\"num\">").Text(OfficeText.Number(a.Weight))
                    .Raw("</td><td class=\"num\">").Text(Figure(a.Central?.Score)).Raw("</td><td class=\"num\">").Text(Figure(a.Territorial?.Score))
                    .Raw("</td><td class=\"num\">").Text(Figure(a.Institute?.Score)).Raw("</td></tr>\n");
            EndTable(html);
        }
        html.Raw("</section>\n");

        // 4. LGG
        html.Raw("<section id=\"linee-guida\">\n<h2>4. Attuazione delle Linee Guida Gestionali</h2>\n");
        if (guidelines.Count == 0) html.Raw("<p class=\"nota\">Il piano non prevede Linee Guida Gestionali.</p>\n");
        else
        {
            Table(html, "t4", "Tabella 4 – Attuazione delle Linee Guida Gestionali (OSP: obiettivo specifico; OGE: obiettivo generale)",
                ["N.", "Linea guida", "Tipo", "Attuazione %", "Risultato", "Giustificazione"]);
            html.Raw("<tbody>\n");
            foreach (var g in guidelines)
                html.Raw("<tr><td>").Text(Whole(g.Number)).Raw("</td><th scope=\"row\">").Text(g.Title)
                    .Raw("</th><td>").Text(g.Kind.ToString()).Raw("</td><td class=\"num\">").Text(Figure(g.Attuazione))
                    .Raw("</td><td class=\"num\">").Text(Figure(g.Result)).Raw("</td><td>").Text(g.Justification ?? (g.JustificationMissing ? "giustificazione mancante" : ""))
                    .Raw("</td></tr>\n");
            EndTable(html);
        }
        html.Raw("</section>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static readonly (ScoreStatus Status, string Meaning)[] Legend =
    [
        (ScoreStatus.Green, "target raggiunto"),
        (ScoreStatus.Yellow, "sotto il target, entro la tolleranza prevista dal piano"),
        (ScoreStatus.Red, "sotto la tolleranza prevista dal piano"),
        (ScoreStatus.Grey, "nessun consuntivo o nessun target per l'anno"),
    ];

    private static readonly string[] ObjectiveColumns =
        ["Codice", "Obiettivo / indicatore", "Target", "Consuntivo", "Scostamento %", "Grado di raggiungimento %", "Punteggio", "Stato", "Giustificazione / note"];

    /// <summary>A captioned table in a box that scrolls on its own (and by keyboard) when the page is narrower than the table.</summary>
    internal static void Table(Html html, string id, string caption, string[] columns, string? cssClass = null)
    {
        html.Raw($"<div class=\"tabella\" role=\"region\" aria-labelledby=\"{id}-caption\" tabindex=\"0\">\n<table")
            .Raw(cssClass is null ? "" : $" class=\"{cssClass}\"").Raw($">\n<caption id=\"{id}-caption\">").Text(caption).Raw("</caption>\n<thead><tr>");
        for (var c = 0; c < columns.Length; c++)
            html.Raw($"<th scope=\"col\" id=\"{id}-c{c}\"").Raw(columns[c].EndsWith('%') || columns[c] is "Peso" or "Punteggio" or "Consuntivo" ? " class=\"num\"" : "")
                .Raw(">").Text(columns[c]).Raw("</th>");
        html.Raw("</tr></thead>\n");
    }

    internal static void EndTable(Html html) => html.Raw("</tbody>\n</table>\n</div>\n");

    private static void Objective(Html html, ScorecardNode n, IReadOnlyList<string> ancestors, IReadOnlyDictionary<string, ActualNotes.Notes> notes, ref int rows)
    {
        var depth = ancestors.Count;
        var self = $"t2-r{++rows}";
        var above = string.Join(' ', ancestors);
        string Cell(int column, string row) => $"<td headers=\"t2-c{column} {row}{(above.Length == 0 ? "" : " " + above)}\"";
        html.Raw($"<tr class=\"nodo l{Math.Min(depth, 6)}\" data-code=\"").Text(n.Code).Raw("\">").Raw(Cell(0, self)).Raw(">").Text(n.Code)
            .Raw($"</td><th scope=\"row\" id=\"{self}\"").Raw(above.Length == 0 ? "" : $" headers=\"{above}\"").Raw("><span class=\"tipo\">")
            .Text(OfficeText.Label(n.Kind)).Raw("</span> ").Text(n.Title).Raw("</th>");
        for (var c = 2; c <= 5; c++) html.Raw(Cell(c, self)).Raw("></td>");
        html.Raw(Cell(6, self)).Raw(" class=\"num\">").Text(Figure(n.Score)).Raw("</td>").Raw(Cell(7, self)).Raw(">").Raw(Status(n.Status))
            .Raw("</td>").Raw(Cell(8, self)).Raw("></td></tr>\n");
        var path = ancestors.Prepend(self).ToList();
        var parent = string.Join(' ', path);
        foreach (var i in n.Indicators)
        {
            var row = $"t2-r{++rows}";
            string Data(int column) => $"<td headers=\"t2-c{column} {row} {parent}\"";
            var note = notes.GetValueOrDefault(i.Code);
            var text = string.Join(" — ", new[] { Forzatura(i.Forzatura), note?.Justification, note?.Note }.Where(t => !string.IsNullOrWhiteSpace(t)));
            if (text.Length == 0 && i.Score is null) text = Missing(i);
            html.Raw($"<tr class=\"indicatore l{Math.Min(depth + 1, 6)}\" data-code=\"").Text(i.Code).Raw("\">").Raw(Data(0)).Raw(">").Text(i.Code)
                .Raw($"</td><th scope=\"row\" id=\"{row}\" headers=\"{parent}\">").Text(i.Name)
                .Raw("</th>").Raw(Data(2)).Raw(">").Text(i.Target ?? "").Raw("</td>").Raw(Data(3)).Raw(" class=\"num\">").Text(Actual(i))
                .Raw("</td>").Raw(Data(4)).Raw(" class=\"num\">").Text(Figure(i.Deviation?.Relative)).Raw("</td>").Raw(Data(5)).Raw(" class=\"num\">").Text(Figure(i.Achievement))
                .Raw("</td>").Raw(Data(6)).Raw(" class=\"num\">").Text(Figure(i.Score)).Raw("</td>").Raw(Data(7)).Raw(">").Raw(Status(i.Status))
                .Raw("</td>").Raw(Data(8)).Raw(">").Text(text).Raw("</td></tr>\n");
        }
        foreach (var c in n.Children) Objective(html, c, path, notes, ref rows);
    }

    /// <summary>An approved forzatura, said in the row of its indicator (docs/evidence.md).</summary>
    private static string? Forzatura(AppliedForzatura? f) => f switch
    {
        null => null,
        { Kind: JudgementKind.NotAssessable } => $"Non valutabile (forzatura approvata dall'OIV): {f.Reason}",
        _ => $"Punteggio forzato a {Figure(f.Score)} (forzatura approvata dall'OIV; calcolato {Figure(f.ComputedScore)}): {f.Reason}",
    };

    /// <summary>
    /// Why an indicator has no score, in Italian whatever the caller reads: from the facts, never from the API's reason,
    /// whose words follow the caller's language.
    /// </summary>
    private static string Missing(ScorecardIndicator i) =>
        i.Target is null ? "Nessun target per l'anno."
        : i.TargetUnreadable ? "Target non interpretabile: nessun punteggio."
        : i.Actual is null ? "Nessun consuntivo per l'anno."
        : "Punteggio non calcolato.";

    private static readonly System.Globalization.NumberFormatInfo Italian = OfficeText.Italian;

    /// <summary>Figures as the report prints them: two decimals ("115,90"), "n.d." when there is none.</summary>
    internal static string Figure(decimal? value) => value is { } v ? v.ToString("#,##0.00", Italian) : "n.d.";

    /// <summary>
    /// A consuntivo as entered, with at least the report's two decimals ("1,048" stays "1,048", "85" prints "85,00"); a
    /// count is a whole number ("2", not "2,00") unless it really has a fraction.
    /// </summary>
    private static string Actual(ScorecardIndicator i) =>
        i.Actual is not { } v ? "n.d."
        : i.Unit == TargetUnit.Count && v == decimal.Truncate(v) ? v.ToString("#,##0", Italian)
        : v.ToString("#,##0.00####", Italian);

    internal static string Whole(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string Status(ScoreStatus status) =>
        $"<span class=\"stato {status.ToString().ToLowerInvariant()}\"><span aria-hidden=\"true\">{Icon(status)}</span> {Outcome(status)}</span>";

    private static string Icon(ScoreStatus status) => status switch
    {
        ScoreStatus.Green => "✓",
        ScoreStatus.Yellow => "◐",
        ScoreStatus.Red => "✕",
        _ => "–",
    };

    private static string Outcome(ScoreStatus status) => status switch
    {
        ScoreStatus.Green => "Raggiunto",
        ScoreStatus.Yellow => "Parzialmente raggiunto",
        ScoreStatus.Red => "Non raggiunto",
        _ => "Non disponibile",
    };

    /// <summary>Everything that is not markup goes through <see cref="Text"/>: plan titles and notes are user input.</summary>
    internal sealed class Html
    {
        private readonly StringBuilder _builder = new();
        public Html Raw(string markup) { _builder.Append(markup); return this; }
        public Html Text(string text) { _builder.Append(WebUtility.HtmlEncode(text)); return this; }
        public override string ToString() => _builder.ToString();
    }

}

/// <summary>
/// The Relazione's one inline stylesheet and the Content-Security-Policy that admits exactly it (by its SHA-256), so the
/// document renders styled from the service URL as from a saved file, and nothing else (no script, no other style) runs.
/// </summary>
public static class RelazioneStyle
{
    /// <summary>Exactly the text between &lt;style&gt; and &lt;/style&gt;: the hash is over these characters.</summary>
    public const string Block = "\n" + Css;

    public static readonly string Hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Block)));

    public static readonly string Policy = $"default-src 'none'; style-src '{Hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // Status colours as on the dashboard: apart in hue and lightness, each with a word and a shape; text ≥ 4.5:1.
    private const string Css = """
        body { font-family: "Titillium Web", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 2em auto; max-width: 90em; padding: 0 1em; overflow-wrap: break-word; }
        h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { font-size: 1.3em; border-bottom: 2px solid #06c; padding-bottom: 0.2em; margin-top: 1.6em; }
        .ente { font-size: 1.2em; font-weight: bold; margin: 0; } .fonte, .nota { color: #555; font-style: italic; }
        .complessiva { font-size: 1.2em; }
        .legenda { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.5em; }
        .tabella { overflow-x: auto; max-width: 100%; margin: 0.6em 0; }
        .tabella:focus-visible { outline: 3px solid #06c; outline-offset: 2px; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.45em; vertical-align: top; text-align: left; }
        thead th { background: #e8eef6; } tbody th { font-weight: normal; min-width: 10em; } .num { text-align: right; font-variant-numeric: tabular-nums; } td.num { white-space: nowrap; }
        tr.nodo td, tr.nodo th { background: #f4f6f9; font-weight: bold; } tr.nodo.l0 td, tr.nodo.l0 th { background: #dfe7f1; }
        tr.l1 > th { padding-left: 1.4em; } tr.l2 > th { padding-left: 2.4em; } tr.l3 > th { padding-left: 3.4em; }
        tr.l4 > th { padding-left: 4.4em; } tr.l5 > th { padding-left: 5.4em; } tr.l6 > th { padding-left: 6.4em; }
        .tipo { font-weight: normal; color: #555; font-size: 0.85em; text-transform: uppercase; }
        .stato { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; font-weight: bold; border: 1px solid transparent; }
        .stato.green { background: #1f5fa6; color: #fff; } .stato.yellow { background: #f5c04a; color: #1d2330; }
        .stato.red { background: #e4683f; color: #1d2330; } .stato.grey { background: #dfe3e8; color: #1d2330; border-color: #9aa1ab; }
        @media (max-width: 40em) { body { margin: 1em auto; padding: 0 0.5em; } tr.l1 > th, tr.l2 > th, tr.l3 > th, tr.l4 > th, tr.l5 > th, tr.l6 > th { padding-left: 0.8em; } }
        @media print {
          body { margin: 0; max-width: none; font-size: 9pt; } h2 { break-after: avoid; } tr { break-inside: avoid; } .tabella { overflow: visible; }
          thead { display: table-header-group; } .stato { border: 1px solid #999; } @page { size: A4 landscape; margin: 1.5cm; }
        }

        """;
}

public sealed class GetRelazioneEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/relazione", async (string plan, int? year, IMediator mediator, CancellationToken ct) =>
                Results.Content(await mediator.Send(new GetRelazione(plan, year), ct), "text/html; charset=utf-8"))
            .WithName(nameof(GetRelazione)).RequireAuthorization(Policies.ReadScores).WithTags("Office")
            .WithSummary("Relazione sulla Performance tables for a year as a self-contained, printable HTML document")
            .WithMetadata(new ContentSecurityPolicyMetadata(RelazioneStyle.Policy))
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
