using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Scores;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Html = Performance.Api.Features.Reports.GetRelazioneHandler.Html;
using R = Performance.Api.Features.Reports.GetRelazioneHandler;

namespace Performance.Api.Features.Reports;

/// <summary>
/// The documento di validazione della Relazione sulla Performance: produced when the OIV validates the year, in the
/// Relazione's self-contained, printable style (same stylesheet, same CSP by hash, same accessible tables), and stored byte
/// for byte with its SHA-256 in the audit entry. It states the OIV's outcome, the verification sample and its results, the
/// forzature approved and the returns for correction (those still open, and every return of the year with its outcome).
/// </summary>
public static class ValidationDocuments
{
    /// <summary>
    /// Refuses (409) while the year's judgements are unfinished — a forzatura awaiting its decision, or sampled figures not
    /// yet checked — then renders the document and adds it, with its audit entry, to the validation's unit of work.
    /// </summary>
    public static async Task ProduceAsync(PerformanceDbContext db, IMediator mediator, AuditTrail audit, Plan plan, YearValidation validation, CancellationToken ct)
    {
        var year = validation.Year;
        var pending = await db.Set<Forzatura>().CountAsync(f => f.PlanId == plan.Id && f.Year == year && f.Status == ForzaturaStatus.Proposed, ct);
        if (pending > 0) throw new ConflictException(Say.It($"L'anno {year} ha {pending} forzature in attesa della decisione dell'OIV: approvarle o respingerle prima della validazione.",
            $"Year {year} has {pending} forzatura(e) awaiting the OIV's decision: approve or reject them before validating."), ConflictCodes.PendingDecisions);
        var samples = await SampleQueries.ListAsync(db, plan.Id, year, ct);
        if (samples.FirstOrDefault(s => s.SupersededBy is null) is { } sample && sample.Outcomes[SampleOutcome.Pending] is > 0 and var notChecked)
            throw new ConflictException(Say.It($"Il campione di verifica del {year} ha {notChecked} consuntivi non ancora verificati: segnare ciascuno Verified o NotVerified prima della validazione.",
                $"The verification sample of {year} has {notChecked} consuntivi not yet checked: mark each Verified or NotVerified before validating."), ConflictCodes.PendingDecisions);

        var scorecard = await mediator.Send(new GetScorecard(plan.Id.ToString(), new ScoreQuery(year)), ct);
        var forzature = await ForzatureQueries.ListAsync(db, plan, ct, year: year);
        var returns = await ReturnsAsync(db, plan.Id, year, ct);
        var actuals = db.Actuals.AsNoTracking().Where(a => a.Year == year && db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id));
        var validatedCount = await actuals.CountAsync(a => a.Status == ActualStatus.Validated
            && !actuals.Any(b => b.IndicatorId == a.IndicatorId && b.ScopeId == a.ScopeId && b.Period == a.Period && b.Revision > a.Revision), ct);

        var bytes = Encoding.UTF8.GetBytes(Render(plan, validation, scorecard, validatedCount, samples, forzature, returns));
        var document = new ValidationDocument
        {
            PlanId = plan.Id, Year = year, YearValidationId = validation.Id, CreatedAt = validation.ValidatedAt, Content = bytes,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
        db.Set<ValidationDocument>().Add(document);
        audit.Record("ValidationDocumentProduced", "ValidationDocument", document.Id, $"{plan.Code} {year}", plan.Id, plan.Organization.Code,
            after: new { document.Sha256, size = bytes.Length, yearValidation = validation.Id });
    }

    /// <summary>A return for correction: the reason, who and when, and where that period stands now.</summary>
    private sealed record Return(string Indicator, string Period, string? Structure, int Revision, string Reason, string By, DateTime At, ActualStatus Now);

    private static async Task<List<Return>> ReturnsAsync(PerformanceDbContext db, Guid planId, int year, CancellationToken ct)
    {
        var rows = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.PlanId == planId && c.Kind == CommentKind.Return)
            .Join(db.Actuals.Where(a => a.Year == year), c => c.ActualId, a => a.Id, (c, a) => new { c.Text, c.Author, c.At, Actual = a })
            .ToListAsync(ct);
        var indicatorIds = rows.Select(r => r.Actual.IndicatorId).Distinct().ToList();
        var codes = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, ct);
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == planId).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var current = new Dictionary<(Guid, Guid, string), ActualStatus>();
        foreach (var key in rows.Select(r => (r.Actual.IndicatorId, r.Actual.ScopeId, r.Actual.Period)).Distinct())
            current[key] = await db.Actuals.AsNoTracking().Where(a => a.IndicatorId == key.IndicatorId && a.ScopeId == key.ScopeId && a.Year == year && a.Period == key.Period)
                .OrderByDescending(a => a.Revision).Select(a => a.Status).FirstAsync(ct);
        return rows.Select(r => new Return(codes[r.Actual.IndicatorId], r.Actual.Period, r.Actual.StructureId is { } s ? structures[s] : null, r.Actual.Revision,
                r.Text, r.Author, r.At, current[(r.Actual.IndicatorId, r.Actual.ScopeId, r.Actual.Period)]))
            .OrderBy(r => r.At).ToList();
    }

    private static string Render(Plan plan, YearValidation validation, ScorecardResponse scorecard, int validatedCount,
        IReadOnlyList<SampleResponse> samples, IReadOnlyList<ForzaturaResponse> forzature, IReadOnlyList<Return> returns)
    {
        var year = R.Whole(validation.Year);
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        html.Text($"Documento di validazione della Relazione sulla Performance {year} – {plan.Organization.Name}");
        html.Raw("</title>\n<style>" + RelazioneStyle.Block + "</style>\n</head>\n<body>\n<header>\n<h1>Documento di validazione della Relazione sulla Performance ")
            .Text(year).Raw("</h1>\n<p class=\"ente\">").Text(plan.Organization.Name).Raw("</p>\n<p>").Text($"{plan.Title} ({plan.Code}), anno {year}")
            .Raw("</p>\n<p class=\"fonte\">Documento prodotto dal servizio Performance nel momento della validazione dell'OIV e conservato senza modifiche; " +
                 "la sua impronta SHA-256 è registrata nel registro delle modifiche.</p>\n</header>\n<main>\n");

        // 1. The outcome.
        html.Raw("<section id=\"esito\">\n<h2>1. Esito della validazione</h2>\n<p>L'Organismo Indipendente di Valutazione <strong>valida</strong> la Relazione sulla Performance ")
            .Text(year).Raw(".</p>\n");
        R.Table(html, "v1", "Tabella 1 – Validazione", ["Voce", "Valore"]);
        html.Raw("<tbody>\n");
        Row(html, "Validata da", validation.ValidatedBy);
        Row(html, "Data e ora (UTC)", When(validation.ValidatedAt));
        Row(html, "Motivazione e note dell'OIV", validation.Note ?? "nessuna");
        Row(html, "Consuntivi validati", validatedCount.ToString("#,##0", Italian()));
        html.Raw("<tr><th scope=\"row\">Grado di raggiungimento complessivo</th><td>").Text(R.Figure(scorecard.Score)).Raw(" ").Raw(R.Status(scorecard.Status)).Raw("</td></tr>\n");
        R.EndTable(html);
        html.Raw("</section>\n");

        // 2. The sample.
        html.Raw("<section id=\"campione\">\n<h2>2. Campione di verifica</h2>\n");
        if (samples.Count == 0) html.Raw("<p class=\"nota\">Nessun campione di consuntivi è stato estratto per l'anno.</p>\n");
        for (var k = 0; k < samples.Count; k++) Sample(html, samples[k], k + 1);
        html.Raw("</section>\n");

        // 3. Forzature.
        html.Raw("<section id=\"forzature\">\n<h2>3. Forzature approvate</h2>\n");
        var approved = forzature.Where(f => f.Status == ForzaturaStatus.Approved).OrderBy(f => f.Indicator, StringComparer.Ordinal).ToList();
        if (approved.Count == 0) html.Raw("<p class=\"nota\">Nessuna forzatura approvata per l'anno.</p>\n");
        else
        {
            R.Table(html, "v3", "Tabella 3 – Forzature approvate dall'OIV",
                ["Indicatore", "Tipo", "Punteggio", "Motivazione", "Proposta da", "Approvata da", "Evidenze (SHA-256)"]);
            html.Raw("<tbody>\n");
            foreach (var f in approved)
            {
                html.Raw("<tr><th scope=\"row\">").Text($"{f.Indicator} – {f.IndicatorName}").Raw("</th><td>")
                    .Text(f.Kind == ForzaturaKind.NotAssessable ? "Non valutabile" : "Punteggio forzato").Raw("</td><td class=\"num\">")
                    .Text(f.Kind == ForzaturaKind.NotAssessable ? "" : R.Figure(f.Score)).Raw("</td><td>").Text(f.Reason).Raw("</td><td>")
                    .Text($"{f.ProposedBy}, {When(f.ProposedAt)}").Raw("</td><td>").Text($"{f.DecidedBy}, {When(f.DecidedAt!.Value)}")
                    .Raw(f.DecisionNote is null ? "" : "<br>").Text(f.DecisionNote ?? "").Raw("</td><td>");
                foreach (var e in f.Evidence) html.Text(e.FileName).Raw(" <code>").Text(e.Sha256).Raw("</code><br>");
                html.Raw("</td></tr>\n");
            }
            R.EndTable(html);
        }
        var rejected = forzature.Count(f => f.Status == ForzaturaStatus.Rejected);
        html.Raw("<p>Forzature respinte nell'anno: ").Text(rejected.ToString(CultureInfo.InvariantCulture)).Raw(".</p>\n</section>\n");

        // 4. Returns for correction.
        html.Raw("<section id=\"restituzioni\">\n<h2>4. Restituzioni per correzione</h2>\n<p>Restituzioni ancora aperte alla validazione: <strong>")
            .Text(returns.Where(r => r.Now == ActualStatus.Returned).Select(r => (r.Indicator, r.Period, r.Structure)).Distinct().Count().ToString(CultureInfo.InvariantCulture))
            .Raw("</strong>.</p>\n");
        if (returns.Count == 0) html.Raw("<p class=\"nota\">Nessun consuntivo dell'anno è stato restituito per correzione.</p>\n");
        else
        {
            R.Table(html, "v4", "Tabella 4 – Consuntivi restituiti per correzione nell'anno e loro stato alla validazione",
                ["Indicatore", "Periodo", "Struttura", "Revisione", "Motivo della restituzione", "Restituito da", "Stato attuale"]);
            html.Raw("<tbody>\n");
            foreach (var r in returns)
                html.Raw("<tr><th scope=\"row\">").Text(r.Indicator).Raw("</th><td>").Text(r.Period).Raw("</td><td>").Text(r.Structure ?? "")
                    .Raw("</td><td class=\"num\">").Text(R.Whole(r.Revision)).Raw("</td><td>").Text(r.Reason).Raw("</td><td>").Text($"{r.By}, {When(r.At)}")
                    .Raw("</td><td>").Text(r.Now == ActualStatus.Returned ? "Aperta: ancora restituito" : "Chiusa: " + StatusWord(r.Now)).Raw("</td></tr>\n");
            R.EndTable(html);
        }
        html.Raw("</section>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Sample(Html html, SampleResponse s, int number)
    {
        var id = $"v2-{number}";
        html.Raw($"<h3 id=\"{id}\">").Text($"Campione {number}: estratto il {When(s.DrawnAt)}" + (s.SupersededBy is null ? " (in vigore)" : " (sostituito da una nuova estrazione)"))
            .Raw("</h3>\n");
        R.Table(html, $"{id}p", $"Tabella 2.{number} – Parametri del campione {number}", ["Voce", "Valore"]);
        html.Raw("<tbody>\n");
        Row(html, "Seme", s.Seed.ToString(CultureInfo.InvariantCulture));
        Row(html, "Dimensione", $"{s.Size} consuntivi su {s.Population} inviati o validati" + (s.Share is { } share ? $" (quota richiesta {R.Figure(share * 100)} %)" : ""));
        Row(html, "Algoritmo", s.Algorithm);
        Row(html, "Estratto da", s.DrawnBy);
        if (s.Reason is not null) Row(html, "Motivo della nuova estrazione", s.Reason);
        Row(html, "Esiti", $"verificati {s.Outcomes[SampleOutcome.Verified]}, non verificati {s.Outcomes[SampleOutcome.NotVerified]}, da verificare {s.Outcomes[SampleOutcome.Pending]}");
        R.EndTable(html);
        R.Table(html, $"{id}c", $"Tabella 2.{number} bis – Consuntivi del campione {number} e loro verifica",
            ["N.", "Indicatore", "Struttura", "Periodo", "Revisione", "Consuntivo", "Esito", "Nota", "Verificato da"]);
        html.Raw("<tbody>\n");
        foreach (var i in s.Items)
            html.Raw("<tr><td class=\"num\">").Text(R.Whole(i.Position)).Raw("</td><th scope=\"row\">").Text($"{i.Indicator} – {i.IndicatorName}").Raw("</th><td>")
                .Text(i.Structure ?? "").Raw("</td><td>").Text(i.Period).Raw("</td><td class=\"num\">").Text(R.Whole(i.Revision)).Raw("</td><td class=\"num\">")
                .Text(Entered(i)).Raw("</td><td>").Text(i.Outcome switch
                {
                    SampleOutcome.Verified => "Verificato",
                    SampleOutcome.NotVerified => "Non verificato",
                    _ => "Da verificare",
                }).Raw("</td><td>").Text(i.Note ?? "").Raw("</td><td>").Text(i.CheckedBy is null ? "" : $"{i.CheckedBy}, {When(i.CheckedAt!.Value)}")
                .Raw("</td></tr>\n");
        R.EndTable(html);
    }

    private static void Row(Html html, string header, string value) =>
        html.Raw("<tr><th scope=\"row\">").Text(header).Raw("</th><td>").Text(value).Raw("</td></tr>\n");

    private static NumberFormatInfo Italian() => Infrastructure.Files.OfficeText.Italian;

    /// <summary>The consuntivo exactly as entered, in Italian notation.</summary>
    private static string Entered(SampleItemResponse i)
    {
        static string N(decimal v) => v.ToString("#,##0.############", Italian());
        if (i.Numerator is { } n && i.Denominator is { } d) return $"{N(n)} / {N(d)}";
        if (i.Value is { } v) return N(v);
        if (i.Done is { } done) return done ? "fatto" : "non fatto";
        return i.Completion is { } c ? N(c) + " %" : "";
    }

    private static string When(DateTime utc) => utc.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string StatusWord(ActualStatus status) => status switch
    {
        ActualStatus.Draft => "nuova bozza",
        ActualStatus.Submitted => "inviato all'OIV",
        ActualStatus.Validated => "validato",
        _ => "restituito",
    };
}
