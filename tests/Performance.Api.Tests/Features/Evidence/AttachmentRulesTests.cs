using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>What an attachment is served as, when evidence may change, who may touch it, and where it shows.</summary>
public sealed class AttachmentRulesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>fetch('/api/plans')</script></body></html>");

    [Fact]
    public async Task Html_uploaded_as_png_is_stored_as_html_and_only_ever_downloaded_as_bytes()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var actual = await plan.ActualAsync("IA1", 80);
        var created = await plan.UploadAsync(plan.Office, $"/api/actuals/{actual}/attachments", Html, "foto.png", "image/png");
        Assert.Equal("text/html", (string?)created["contentType"]);
        Assert.Equal("image/png", (string?)created["declaredContentType"]);

        var download = await plan.Office.GetAsync($"/api/attachments/{created["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Html, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("foto.png", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        var csp = string.Join(",", download.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("sandbox", csp);

        // The same with a raw body declaring image/png, and an SVG (which can carry script) declared as an image too.
        var raw = await EvidencePlan.OkAsync(EvidencePlan.RawAsync(plan.Office, $"/api/actuals/{actual}/attachments?name=x.png", Html, "image/png"), HttpStatusCode.Created);
        Assert.Equal("text/html", (string?)raw["contentType"]);
        var svg = await EvidencePlan.OkAsync(EvidencePlan.RawAsync(plan.Office, $"/api/actuals/{actual}/attachments?name=logo.svg",
            Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "image/png"), HttpStatusCode.Created);
        Assert.Equal("image/svg+xml", (string?)svg["contentType"]);
        Assert.Equal("application/octet-stream", (await plan.Office.GetAsync($"/api/attachments/{svg["id"]}")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_validated_figures_evidence_cannot_be_removed_nor_added_to()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var actual = await plan.ActualAsync("IA1", 80);
        var bytes = EvidencePlan.Pdf(5000);
        var created = await plan.UploadAsync(plan.Referente, $"/api/actuals/{actual}/attachments", bytes, "fonte.pdf");
        var id = (string)created["id"]!;

        await plan.SubmitAsync(actual);
        var underReview = await (await plan.Referente.DeleteAsync($"/api/attachments/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("submitted", (string?)underReview["detail"]);
        await plan.ValidateAsync(actual);

        foreach (var client in new[] { plan.Referente, plan.Office, plan.Admin })
        {
            var problem = await (await client.DeleteAsync($"/api/attachments/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("validated", (string?)problem["detail"]);
        }
        await (await EvidencePlan.MultipartAsync(plan.Office, $"/api/actuals/{actual}/attachments", bytes, "altra.pdf")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(bytes, await plan.Oiv.GetByteArrayAsync($"/api/attachments/{id}"));
        Assert.Single((await plan.Oiv.GetJsonAsync($"/api/actuals/{actual}/attachments")).AsArray());

        // The upload's audit entry names the bytes by their SHA-256.
        var uploaded = Assert.Single(await plan.AuditAsync("AttachmentUploaded"));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)uploaded["after"]);
        Assert.Equal(TrustKit.Key("Referente", EvidencePlan.Org), (string?)uploaded["actor"]);
    }

    [Fact]
    public async Task A_draft_or_returned_figures_evidence_can_be_removed_and_a_superseded_revisions_cannot_change()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var first = await plan.ActualAsync("IA1", 80);
        var a = await plan.UploadAsync(plan.Office, $"/api/actuals/{first}/attachments", EvidencePlan.Pdf(100), "a.pdf");
        var b = await plan.UploadAsync(plan.Office, $"/api/actuals/{first}/attachments", EvidencePlan.Pdf(100, 2), "b.pdf");
        Assert.Equal(HttpStatusCode.NoContent, (await plan.Office.DeleteAsync($"/api/attachments/{a["id"]}")).StatusCode);

        await plan.SubmitAsync(first);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/actuals/{first}/return", """{"reason":"manca la fonte del dato"}"""));
        var c = await plan.UploadAsync(plan.Office, $"/api/actuals/{first}/attachments", EvidencePlan.Pdf(100, 3), "c.pdf");

        // A new revision supersedes the first: its evidence stays as it was.
        await plan.ActualAsync("IA1", 85);
        await (await plan.Office.DeleteAsync($"/api/attachments/{b["id"]}")).AssertProblemAsync(HttpStatusCode.Conflict);
        var problem = await (await EvidencePlan.MultipartAsync(plan.Office, $"/api/actuals/{first}/attachments", EvidencePlan.Pdf(10), "d.pdf"))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("superseded", (string?)problem["detail"]);
        Assert.Equal(["b.pdf", "c.pdf"], (await plan.Office.GetJsonAsync($"/api/actuals/{first}/attachments")).AsArray().Select(x => (string)x!["fileName"]!));
        Assert.NotNull(c);
    }

    [Fact]
    public async Task Indicator_and_node_evidence_stays_once_a_year_is_validated_and_cited_evidence_always()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var onIndicator = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(50), "scheda.pdf");
        var onNode = await plan.UploadAsync(plan.Office, $"/api/plans/{plan.Code}/nodes/OBJ-B/attachments", EvidencePlan.Pdf(50, 2), "delibera.pdf");
        var cited = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA2")}/attachments", EvidencePlan.Pdf(50, 3), "nota.pdf");
        await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA2")}/forzature",
            new JsonObject { ["year"] = 2024, ["kind"] = "NotAssessable", ["reason"] = "fonte dismessa", ["evidence"] = new JsonArray((string)cited["id"]!) }.ToJsonString()),
            HttpStatusCode.Created);
        var problem = await (await plan.Office.DeleteAsync($"/api/attachments/{cited["id"]}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("forzatura", (string?)problem["detail"]);

        // Validating 2024 (every consuntivo validated, the forzatura decided) closes the evidence that was on record.
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{(await plan.Office.GetJsonAsync($"/api/plans/{plan.Code}/forzature"))[0]!["id"]}/reject",
            """{"note":"non necessaria"}"""));
        await plan.ValidatedAsync("IA1", 100);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}"));
        foreach (var attachment in new[] { onIndicator, onNode })
        {
            var refused = await (await plan.Office.DeleteAsync($"/api/attachments/{attachment["id"]}")).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("2024", (string?)refused["detail"]);
        }
        // New documents may still be added (for later years) and removed until the next validation.
        var later = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(50, 4), "nuova.pdf");
        Assert.Equal(HttpStatusCode.NoContent, (await plan.Office.DeleteAsync($"/api/attachments/{later["id"]}")).StatusCode);
    }

    [Fact]
    public async Task A_referente_works_on_its_structures_evidence_only_and_removes_only_its_own()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var mine = await plan.ActualAsync("IA1", 80);
        var theirs = await plan.ActualAsync("IB1", 80);
        var pdf = EvidencePlan.Pdf(64);

        await plan.UploadAsync(plan.Referente, $"/api/actuals/{mine}/attachments", pdf, "mia.pdf");
        await plan.UploadAsync(plan.Referente, $"/api/indicators/{plan.Indicator("IA2")}/attachments", pdf, "scheda.pdf");
        await plan.UploadAsync(plan.Referente, $"/api/plans/{plan.Code}/nodes/OBJ-A/attachments", pdf, "nodo.pdf");
        foreach (var url in new[] { $"/api/actuals/{theirs}/attachments", $"/api/indicators/{plan.Indicator("IB1")}/attachments", $"/api/plans/{plan.Code}/nodes/OBJ-B/attachments" })
        {
            var refused = await (await EvidencePlan.MultipartAsync(plan.Referente, url, pdf, "x.pdf")).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("B", (string?)refused["detail"]);
            await (await plan.Referente.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        var office = await plan.UploadAsync(plan.Office, $"/api/actuals/{theirs}/attachments", pdf, "ufficio.pdf");
        await (await plan.Referente.GetAsync($"/api/attachments/{office["id"]}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var officeOnMine = await plan.UploadAsync(plan.Office, $"/api/actuals/{mine}/attachments", pdf, "ufficio.pdf");
        await (await plan.Referente.DeleteAsync($"/api/attachments/{officeOnMine["id"]}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(pdf, await plan.Referente.GetByteArrayAsync($"/api/attachments/{officeOnMine["id"]}"));

        // Viewer: nothing. Another organization: nothing exists.
        await (await plan.Viewer.GetAsync($"/api/actuals/{mine}/attachments")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var other = factory.CreateClientAs(TrustKit.Key("Admin", "OTHER"));
        await (await other.GetAsync($"/api/attachments/{office["id"]}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/attachments/{office["id"]}/metadata")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/api/attachments/{office["id"]}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await EvidencePlan.MultipartAsync(other, $"/api/actuals/{mine}/attachments", pdf, "x.pdf")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_explanation_of_a_score_lists_the_evidence_of_the_consuntivi_it_used()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var q1 = await plan.ActualAsync("IS", 40, "Q1");
        var q2 = await plan.ActualAsync("IS", 60, "Q2");
        var fonte = await plan.UploadAsync(plan.Office, $"/api/actuals/{q2}/attachments", EvidencePlan.Pdf(777), "fonte-q2.pdf");

        var score = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IS")}/score?year=2024&explain=true");
        Assert.Equal(100m, (decimal)score["score"]!);
        var evidence = score["evidence"]!.AsArray();
        Assert.Equal(["Q1", "Q2"], evidence.Select(e => (string)e!["period"]!));
        Assert.Equal([q1.ToString(), q2.ToString()], evidence.Select(e => (string)e!["id"]!));
        Assert.Empty(evidence[0]!["attachments"]!.AsArray());
        var listed = Assert.Single(evidence[1]!["attachments"]!.AsArray())!;
        Assert.Equal((string?)fonte["id"], (string?)listed["id"]);
        Assert.Equal("fonte-q2.pdf", (string?)listed["fileName"]);
        Assert.Equal((string?)fonte["sha256"], (string?)listed["sha256"]);
        Assert.Equal(777, (int)listed["size"]!);

        // A figure the score did not use (Last takes Q2 of IA1) is not evidence of it.
        var ignored = await plan.ActualAsync("IA1", 40, "Q1");
        await plan.UploadAsync(plan.Office, $"/api/actuals/{ignored}/attachments", EvidencePlan.Pdf(10), "q1.pdf");
        var used = await plan.ActualAsync("IA1", 90, "Q2");
        var last = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/score?year=2024&explain=true");
        Assert.Equal(used.ToString(), (string?)Assert.Single(last["evidence"]!.AsArray())!["id"]);

        // Without explain, no evidence is looked up.
        var plain = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IS")}/score?year=2024");
        Assert.Null(plain["evidence"]);
    }
}
