using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>The documento di validazione: produced when the OIV validates the year, listing what it rests on, kept unchanged.</summary>
public sealed class ValidationDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Validating_the_year_produces_the_document_with_the_sample_the_forzature_and_the_returns_and_keeps_it_unchanged()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "VAL");
        var url = $"/api/plans/{plan.Code}/years/2024/validation-document";
        var none = await (await plan.Viewer.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("not validated", (string?)none["detail"]);

        // IA1 returned once, then corrected; IA2 and IB1 validated at once; IS forced (non valutabile) with evidence.
        var returned = await plan.ActualAsync("IA1", 70);
        await plan.SubmitAsync(returned);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/actuals/{returned}/return", """{"reason":"manca la fonte del dato"}"""));
        await plan.ValidatedAsync("IA1", 75);
        await plan.ValidatedAsync("IA2", 100);
        await plan.ValidatedAsync("IB1", 100);
        var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IS")}/attachments", EvidencePlan.Pdf(500), "circolare-dismissione.pdf");
        var forzatura = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IS")}/forzature",
            new JsonObject { ["year"] = 2024, ["kind"] = "NotAssessable", ["reason"] = "rilevazione soppressa per legge", ["evidence"] = new JsonArray((string)evidence["id"]!) }
                .ToJsonString()), HttpStatusCode.Created);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{forzatura["id"]}/approve", "{}"));
        var sample = await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/samples", """{"seed":424242,"size":2}"""),
            HttpStatusCode.Created);
        foreach (var item in sample["items"]!.AsArray())
            await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/samples/{sample["id"]}/items/{item!["actual"]}", """{"outcome":"Verified","note":"conforme al registro"}"""));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", """{"note":"Relazione conforme; campione verificato"}"""));

        var response = await plan.Viewer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var html = Encoding.UTF8.GetString(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        // What it says: the outcome, the sample (seed, size, every item and its check), the forzatura with its evidence, the return.
        Assert.Contains("<html lang=\"it\">", html);
        Assert.Contains("Documento di validazione della Relazione sulla Performance 2024", html);
        Assert.Contains("Relazione conforme; campione verificato", html);
        Assert.Contains("<td>424242</td>", html);
        Assert.Contains("2 consuntivi su 3 inviati o validati", html);
        foreach (var item in sample["items"]!.AsArray())
            Assert.Contains($"{item!["indicator"]} – Indicatore {item["indicator"]}", html);
        Assert.Equal(2, Regex.Matches(html, "<td>Verificato</td>").Count);
        Assert.Contains("rilevazione soppressa per legge", html);
        Assert.Contains("circolare-dismissione.pdf", html);
        Assert.Contains((string)evidence["sha256"]!, html);
        Assert.Contains("manca la fonte del dato", html);
        Assert.Contains("Chiusa: validato", html);
        Assert.Contains("Restituzioni ancora aperte alla validazione: <strong>0</strong>", html);

        // Markup as the Relazione's: <main>, captioned tables, column and row headers; its own CSP admitting exactly its style.
        Assert.Contains("<main>", html);
        Assert.True(Regex.Matches(html, "<caption").Count >= 5);
        Assert.Contains("<th scope=\"col\"", html);
        Assert.Contains("<th scope=\"row\">", html);
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("<script", html);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", string.Join(",", response.Headers.GetValues("Repr-Digest")));

        // Its SHA-256 is in the audit trail.
        var produced = Assert.Single(await plan.AuditAsync("ValidationDocumentProduced"));
        Assert.Equal(sha, (string?)JsonNode.Parse((string)produced["after"]!)!["sha256"]);

        // Kept unchanged: later comments, evidence and a correction do not touch it.
        var first = (await plan.Office.GetJsonAsync($"/api/indicators/{plan.Indicator("IA2")}/actuals?year=2024"))[0]!["current"]!["id"]!;
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/actuals/{first}/comments", """{"text":"nota successiva"}"""), HttpStatusCode.Created);
        // The validated year is frozen: a correction waits until an Admin reopens the year by an act.
        await (await plan.Office.PostAsync($"/api/indicators/{plan.Indicator("IA2")}/actuals", JsonContent.Create(
            new { year = 2024, period = "Y", value = 120, reason = "rettifica dopo la validazione" }))).AssertProblemAsync(HttpStatusCode.Conflict);
        await EvidencePlan.OkAsync(plan.Admin.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/reopen",
            """{"act":"Det. DG n. 12/2025","reason":"rettifica autorizzata dopo la validazione"}"""));
        await plan.ActualAsync("IA2", 120, reason: "rettifica dopo la validazione");
        Assert.Equal(bytes, await plan.Viewer.GetByteArrayAsync(url));
        await (await plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await plan.AuditAsync("ValidationDocumentProduced"));
    }

    [Fact]
    public async Task A_year_without_sample_forzature_or_returns_says_so()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "VAL");
        await plan.ValidatedAsync("IA1", 100);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}"));
        var html = await plan.Office.GetStringAsync($"/api/plans/{plan.Code}/years/2024/validation-document");
        Assert.Contains("Nessun campione di consuntivi è stato estratto per l'anno.", html);
        Assert.Contains("Nessuna forzatura approvata per l'anno.", html);
        Assert.Contains("Nessun consuntivo dell'anno è stato restituito per correzione.", html);
        Assert.Contains("<td>nessuna</td>", html);
        await (await factory.CreateClientAs(Security.TrustKit.Key("Admin", "OTHER")).GetAsync($"/api/plans/{plan.Code}/years/2024/validation-document"))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
