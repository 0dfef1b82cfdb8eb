using System.Net;
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
        html.Raw($"<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        html.Text($"Relazione sulla Performance {scorecard.Year} – {plan.Organization.Name}");
        html.Raw("</title>\n<style>\n" + Css + "</style>\n</head>\n<body>\n<header>\n<h1>Relazione sulla Performance ");
        html.Text(scorecard.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        html.Raw("</h1>\n<p class=\"ente\">").Text(plan.Organization.Name).Raw("</p>\n<p>").Text($"{plan.Title} ({plan.Code}), anno {scorecard.Year}")
            .Raw("</p>\n<p class=\"fonte\">Tabelle redatte secondo le Linee guida DFP n. 3/2018; valori calcolati dal servizio Performance.</p>\n</header>\n");

        // 1. Performance organizzativa complessiva
        html.Raw("<section id=\"performance-organizzativa\">\n<h2>1. Performance organizzativa complessiva</h2>\n");
        html.Raw("<p class=\"complessiva\">Grado di raggiungimento complessivo: <strong data-figure=\"complessiva\">").Text(Figure(scorecard.Score))
            .Raw("</strong> ").Raw(Status(scorecard.Status)).Raw("</p>\n");
        html.Raw("<table>\n<thead><tr><th>Codice</th><th>Area / obiettivo</th><th>Peso</th><th>Punteggio</th><th>Stato</th></tr></thead>\n<tbody>\n");
        foreach (var n in scorecard.Nodes)
            html.Raw("<tr><td>").Text(n.Code).Raw("</td><td>").Text(n.Title).Raw("</td><td class=\"num\">").Text(OfficeText.Number(n.Weight))
                .Raw("</td><td class=\"num\">").Text(Figure(n.Score)).Raw("</td><td>").Raw(Status(n.Status)).Raw("</td></tr>\n");
        html.Raw("</tbody>\n</table>\n</section>\n");

        // 2. Obiettivi
        html.Raw("<section id=\"obiettivi\">\n<h2>2. Obiettivi e indicatori</h2>\n<table class=\"albero\">\n<thead><tr><th>Codice</th><th>Obiettivo / indicatore</th>"
            + "<th>Target</th><th>Consuntivo</th><th>Scostamento %</th><th>Grado di raggiungimento %</th><th>Punteggio</th><th>Giustificazione / note</th></tr></thead>\n<tbody>\n");
        foreach (var n in scorecard.Nodes) Objective(html, n, 0, notes);
        html.Raw("</tbody>\n</table>\n</section>\n");

        // 3. Valore Pubblico
        html.Raw("<section id=\"valore-pubblico\">\n<h2>3. Valore Pubblico per ambito</h2>\n");
        if (value.Areas.Count == 0) html.Raw("<p class=\"nota\">Il piano non definisce ambiti di Valore Pubblico.</p>\n");
        else
        {
            html.Raw("<p>Valore Pubblico dell'istituto: <strong data-figure=\"vp-istituto\">").Text(Figure(value.Institute)).Raw("</strong> (centrale ")
                .Text(Figure(value.Central)).Raw(", territoriale ").Text(Figure(value.Territorial)).Raw(")</p>\n");
            html.Raw("<table>\n<thead><tr><th>Codice</th><th>Ambito</th><th>Peso</th><th>Centrale</th><th>Territoriale</th><th>Istituto</th></tr></thead>\n<tbody>\n");
            foreach (var a in value.Areas)
                html.Raw("<tr><td>").Text(a.Code).Raw("</td><td>").Text(a.Name).Raw("</td><td class=\"num\">").Text(OfficeText.Number(a.Weight))
                    .Raw("</td><td class=\"num\">").Text(Figure(a.Central?.Score)).Raw("</td><td class=\"num\">").Text(Figure(a.Territorial?.Score))
                    .Raw("</td><td class=\"num\">").Text(Figure(a.Institute?.Score)).Raw("</td></tr>\n");
            html.Raw("</tbody>\n</table>\n");
        }
        html.Raw("</section>\n");

        // 4. LGG
        html.Raw("<section id=\"linee-guida\">\n<h2>4. Attuazione delle Linee Guida Gestionali</h2>\n");
        if (guidelines.Count == 0) html.Raw("<p class=\"nota\">Il piano non prevede Linee Guida Gestionali.</p>\n");
        else
        {
            html.Raw("<table>\n<thead><tr><th>N.</th><th>Linea guida</th><th>Tipo</th><th>Attuazione %</th><th>Risultato</th><th>Giustificazione</th></tr></thead>\n<tbody>\n");
            foreach (var g in guidelines)
                html.Raw("<tr><td>").Text(g.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Raw("</td><td>").Text(g.Title)
                    .Raw("</td><td>").Text(g.Kind.ToString()).Raw("</td><td class=\"num\">").Text(Figure(g.Attuazione))
                    .Raw("</td><td class=\"num\">").Text(Figure(g.Result)).Raw("</td><td>").Text(g.Justification ?? (g.JustificationMissing ? "giustificazione mancante" : ""))
                    .Raw("</td></tr>\n");
            html.Raw("</tbody>\n</table>\n");
        }
        html.Raw("</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Objective(Html html, ScorecardNode n, int depth, IReadOnlyDictionary<string, ActualNotes.Notes> notes)
    {
        html.Raw($"<tr class=\"nodo l{Math.Min(depth, 5)}\"><td>").Text(n.Code).Raw($"</td><td style=\"padding-left:{0.4 + depth * 1.2:0.0}em\">")
            .Raw("<span class=\"tipo\">").Text(OfficeText.Label(n.Kind)).Raw("</span> ").Text(n.Title)
            .Raw("</td><td></td><td></td><td></td><td></td><td class=\"num\">").Text(Figure(n.Score)).Raw("</td><td>").Raw(Status(n.Status)).Raw("</td></tr>\n");
        foreach (var i in n.Indicators)
        {
            var note = notes.GetValueOrDefault(i.Code);
            var text = string.Join(" — ", new[] { note?.Justification, note?.Note }.Where(t => !string.IsNullOrWhiteSpace(t)));
            if (text.Length == 0 && i.MissingReason is { } missing) text = missing;
            html.Raw($"<tr class=\"indicatore\" data-code=\"").Text(i.Code).Raw($"\"><td>").Text(i.Code)
                .Raw($"</td><td style=\"padding-left:{1.6 + depth * 1.2:0.0}em\">").Text(i.Name)
                .Raw("</td><td>").Text(i.Target ?? "").Raw("</td><td class=\"num\">").Text(Figure(i.Actual))
                .Raw("</td><td class=\"num\">").Text(Figure(i.Deviation?.Relative)).Raw("</td><td class=\"num\">").Text(Figure(i.Achievement))
                .Raw("</td><td class=\"num\">").Text(Figure(i.Score)).Raw("</td><td>").Text(text).Raw("</td></tr>\n");
        }
        foreach (var c in n.Children) Objective(html, c, depth + 1, notes);
    }

    private static string Figure(decimal? value) => value is null ? "–" : OfficeText.Number(value);

    private static string Status(Domain.Scoring.ScoreStatus status) =>
        $"<span class=\"stato {status.ToString().ToLowerInvariant()}\">{OfficeText.Label(status)}</span>";

    /// <summary>Everything that is not markup goes through <see cref="Text"/>: plan titles and notes are user input.</summary>
    private sealed class Html
    {
        private readonly StringBuilder _builder = new();
        public Html Raw(string markup) { _builder.Append(markup); return this; }
        public Html Text(string text) { _builder.Append(WebUtility.HtmlEncode(text)); return this; }
        public override string ToString() => _builder.ToString();
    }

    private const string Css = """
        body { font-family: "Titillium Web", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 2em auto; max-width: 80em; padding: 0 1em; }
        h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { font-size: 1.3em; border-bottom: 2px solid #06c; padding-bottom: 0.2em; margin-top: 1.6em; }
        .ente { font-size: 1.2em; font-weight: bold; margin: 0; } .fonte, .nota { color: #555; font-style: italic; }
        .complessiva { font-size: 1.2em; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.45em; vertical-align: top; text-align: left; }
        th { background: #e8eef6; } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr.nodo td { background: #f4f6f9; font-weight: bold; } tr.nodo.l0 td { background: #dfe7f1; }
        .tipo { font-weight: normal; color: #555; font-size: 0.85em; text-transform: uppercase; }
        .stato { padding: 0 0.4em; border-radius: 0.3em; font-weight: normal; } .stato.green { background: #cdeccd; } .stato.yellow { background: #fbeeb8; }
        .stato.red { background: #f6c9c9; } .stato.grey { background: #e3e3e3; }
        @media print {
          body { margin: 0; max-width: none; font-size: 9pt; } h2 { break-after: avoid; } tr { break-inside: avoid; }
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
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
