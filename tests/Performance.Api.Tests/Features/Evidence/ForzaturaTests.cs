using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>
/// Forzature: the office proposes (non valutabile or a forced score) with a reason and evidence, the OIV approves or rejects;
/// only an approved one changes the scores, and every step is in the audit trail and in explain.
/// </summary>
public sealed class ForzaturaTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>IA1 = 50 and IA2 = 100 (targets >= 100, uncapped): OBJ-A scores 75; OBJ-B (IB1 = 100) 100; the plan 87,5.</summary>
    private async Task<(EvidencePlan Plan, string Evidence)> ScoredPlanAsync()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        await plan.ActualAsync("IA1", 50);
        await plan.ActualAsync("IA2", 100);
        await plan.ActualAsync("IB1", 100);
        // Entered in December 2024 (before any tree is read and cached), so an asOf of 2024 knows them.
        foreach (var indicator in new[] { "IA1", "IA2", "IB1" })
            await factory.BackdateAsync(plan.Code, indicator, "Y", 1, new DateTime(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(321), "nota-inps.pdf");
        return (plan, (string)evidence["id"]!);
    }

    private static string Proposal(string kind, string evidence, decimal? score = null, int year = 2024, string reason = "banca dati esterna non disponibile") =>
        new JsonObject { ["year"] = year, ["kind"] = kind, ["score"] = score, ["reason"] = reason, ["evidence"] = new JsonArray(evidence) }.ToJsonString();

    private static async Task<JsonNode> ProposeAsync(EvidencePlan plan, string body) =>
        await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature", body), HttpStatusCode.Created);

    private static async Task<(JsonNode Card, JsonNode IA1)> ScorecardAsync(EvidencePlan plan, string query = "")
    {
        var card = await plan.Viewer.GetJsonAsync($"/api/plans/{plan.Code}/scorecard?year=2024{query}");
        return (card, TestPlans.IndicatorIn(card, "IA1"));
    }

    [Fact]
    public async Task Non_valutabile_changes_the_scores_only_once_the_oiv_approves_it()
    {
        var (plan, evidence) = await ScoredPlanAsync();
        var proposed = await ProposeAsync(plan, Proposal("NotAssessable", evidence));
        Assert.Equal("Proposed", (string?)proposed["status"]);
        Assert.Equal("nota-inps.pdf", (string?)Assert.Single(proposed["evidence"]!.AsArray())!["fileName"]);

        var (card, ia1) = await ScorecardAsync(plan);
        Assert.Equal(75m, TestPlans.Dec(TestPlans.NodeIn(card, "OBJ-A")["score"]));
        Assert.Equal(50m, TestPlans.Dec(ia1["score"]));
        Assert.Null(ia1["forzatura"]);
        // explain already lists the waiting proposal, and still explains the computed score.
        var waiting = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/score?year=2024&explain=true");
        Assert.Equal(50m, TestPlans.Dec(waiting["score"]));
        Assert.Null(waiting["forzatura"]);
        Assert.Equal("Proposed", (string?)Assert.Single(waiting["forzature"]!.AsArray())!["status"]);
        Assert.DoesNotContain(waiting["explanation"]!["steps"]!.AsArray(), s => (string?)s!["step"] == "forzatura");

        // Four eyes: whoever proposed it cannot decide it, whatever the role; the Referente and the Viewer cannot either.
        var adminProposal = await EvidencePlan.OkAsync(plan.Admin.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IB1")}/forzature", Proposal("NotAssessable", evidence)),
            HttpStatusCode.Created);
        // Deciding is the OIV's act alone (issue 12's four eyes): the Admin who proposed it is refused by its role already.
        await (await plan.Admin.PostJsonTextAsync($"/api/forzature/{adminProposal["id"]}/approve", "{}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await plan.Admin.PostJsonTextAsync($"/api/forzature/{adminProposal["id"]}/reject", """{"note":"no"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        foreach (var client in new[] { plan.Office, plan.Referente, plan.Viewer })
            await (await client.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/approve", "{}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var approved = await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/approve", """{"note":"documentazione adeguata"}"""));
        Assert.Equal("Approved", (string?)approved["status"]);
        Assert.Equal(TrustKit.Key("Oiv", EvidencePlan.Org), (string?)approved["decidedBy"]);

        (card, ia1) = await ScorecardAsync(plan);
        Assert.Equal(100m, TestPlans.Dec(TestPlans.NodeIn(card, "OBJ-A")["score"])); // IA1 excluded, IA2 alone
        Assert.Equal(100m, TestPlans.Dec(card["score"]));
        Assert.Null(ia1["score"]);
        Assert.Equal("NotAssessable", (string?)ia1["forzatura"]!["kind"]);
        Assert.Equal(50m, TestPlans.Dec(ia1["forzatura"]!["computedScore"]));
        Assert.Contains("banca dati esterna non disponibile", (string?)ia1["missingReason"]);

        // explain: no score to explain, but the forzatura, its evidence and its steps.
        var explained = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/score?year=2024&explain=true");
        Assert.Null(explained["score"]);
        Assert.Equal("NotAssessable", (string?)explained["forzatura"]!["kind"]);
        var listed = Assert.Single(explained["forzature"]!.AsArray())!;
        Assert.Equal("Approved", (string?)listed["status"]);
        Assert.Equal(TrustKit.Key("ControlloGestione", EvidencePlan.Org), (string?)listed["proposedBy"]);
        Assert.Equal(evidence, (string?)listed["evidence"]![0]!["id"]);
        var node = await plan.Oiv.GetJsonAsync($"/api/plans/{plan.Code}/nodes/OBJ-A/score?year=2024&explain=true");
        var contribution = node["explanation"]!["contributions"]!.AsArray().Single(c => (string?)c!["code"] == "IA1")!;
        Assert.True((bool)contribution["excluded"]!);
        var relazione = await plan.Viewer.GetStringAsync($"/api/plans/{plan.Code}/relazione?year=2024");
        Assert.Contains("Non valutabile (forzatura approvata dall&#39;OIV): banca dati esterna non disponibile", relazione);

        // Every step is in the audit trail.
        Assert.Equal([TrustKit.Key("Admin", EvidencePlan.Org), TrustKit.Key("ControlloGestione", EvidencePlan.Org)],
            (await plan.AuditAsync("ForzaturaProposed")).Where(e => (string?)e["reason"] == "banca dati esterna non disponibile").Select(e => (string)e["actor"]!));
        var decided = Assert.Single(await plan.AuditAsync("ForzaturaApproved"));
        Assert.Equal("documentazione adeguata", (string?)decided["reason"]);
        Assert.Contains("Proposed", (string?)decided["before"]);
    }

    [Fact]
    public async Task A_forced_score_replaces_the_computed_one_in_scores_explain_and_the_relazione()
    {
        var (plan, evidence) = await ScoredPlanAsync();
        var proposed = await ProposeAsync(plan, Proposal("ForcedScore", evidence, 80, reason: "dato certificato dall'ente vigilante"));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/approve", "{}"));

        var (card, ia1) = await ScorecardAsync(plan);
        Assert.Equal(80m, TestPlans.Dec(ia1["score"]));
        Assert.Equal(50m, TestPlans.Dec(ia1["actual"]));
        Assert.Equal(50m, TestPlans.Dec(ia1["achievement"]));
        Assert.Equal(80m, TestPlans.Dec(ia1["forzatura"]!["score"]));
        Assert.Equal(50m, TestPlans.Dec(ia1["forzatura"]!["computedScore"]));
        Assert.Equal(90m, TestPlans.Dec(TestPlans.NodeIn(card, "OBJ-A")["score"]));

        var explained = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/score?year=2024&explain=true");
        Assert.Equal(80m, TestPlans.Dec(explained["score"]));
        var step = explained["explanation"]!["steps"]!.AsArray()[^1]!;
        Assert.Equal("forzatura", (string?)step["step"]);
        Assert.Equal(80m, TestPlans.Dec(step["value"]));
        Assert.Equal(50m, TestPlans.Dec(step["before"]));
        Assert.Contains("dato certificato", (string?)step["description"]);

        var relazione = await plan.Viewer.GetStringAsync($"/api/plans/{plan.Code}/relazione?year=2024");
        Assert.Contains("Punteggio forzato a 80,00 (forzatura approvata dall&#39;OIV; calcolato 50,00): dato certificato dall&#39;ente vigilante", relazione);

        // What was known on a date before the approval (the consuntivi were dated December 2024): the computed score.
        var (before, ia1Before) = await ScorecardAsync(plan, "&asOf=2024-12-31");
        Assert.Equal(50m, TestPlans.Dec(ia1Before["score"]));
        Assert.Null(ia1Before["forzatura"]);
        Assert.Equal(75m, TestPlans.Dec(TestPlans.NodeIn(before, "OBJ-A")["score"]));

        // A later approval supersedes the earlier one; the earlier stays on record.
        var again = await ProposeAsync(plan, Proposal("ForcedScore", evidence, 95, reason: "rettifica del dato certificato"));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{again["id"]}/approve", "{}"));
        Assert.Equal(95m, TestPlans.Dec((await ScorecardAsync(plan)).IA1["score"]));
        var all = (await plan.Office.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature?year=2024")).AsArray();
        Assert.Equal(["Approved", "Superseded"], all.Select(f => (string)f!["status"]!));
        Assert.Single(await plan.AuditAsync("ForzaturaSuperseded"));
    }

    [Fact]
    public async Task The_indicator_trend_gives_the_year_as_the_scorecard_does_with_an_approved_forzatura()
    {
        var (plan, evidence) = await ScoredPlanAsync();
        var forced = await ProposeAsync(plan, Proposal("ForcedScore", evidence, 80));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{forced["id"]}/approve", "{}"));
        var notAssessable = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IB1")}/forzature",
            Proposal("NotAssessable", evidence)), HttpStatusCode.Created);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{notAssessable["id"]}/approve", "{}"));

        var (card, _) = await ScorecardAsync(plan);
        foreach (var (code, score) in new[] { ("IA1", (decimal?)80m), ("IB1", null) })
        {
            var scored = TestPlans.IndicatorIn(card, code);
            var trend = await plan.Viewer.GetJsonAsync($"/api/indicators/{plan.Indicator(code)}/trend");
            var year = trend["points"]!.AsArray().Single(p => (int)p!["year"]! == 2024 && (string?)p["period"] == "Y")!;
            Assert.Equal(score, TestPlans.Dec(scored["score"]));
            Assert.Equal(TestPlans.Dec(scored["score"]), TestPlans.Dec(year["score"]));
            Assert.Equal((string?)scored["status"], (string?)year["status"]);
            Assert.Equal(TestPlans.Dec(scored["actual"]), TestPlans.Dec(year["actual"]));
            Assert.Equal(TestPlans.Dec(scored["achievement"]), TestPlans.Dec(year["achievement"]));
            Assert.Equal((bool?)scored["met"], (bool?)year["met"]);
        }
    }

    [Fact]
    public async Task A_rejected_forzatura_changes_nothing_and_only_one_waits_at_a_time()
    {
        var (plan, evidence) = await ScoredPlanAsync();
        var proposed = await ProposeAsync(plan, Proposal("ForcedScore", evidence, 100));
        var twice = await (await plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature", Proposal("NotAssessable", evidence)))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("awaits", (string?)twice["detail"]);
        Assert.Single((await plan.Oiv.GetJsonAsync($"/api/plans/{plan.Code}/forzature?status=Proposed")).AsArray());

        (await (await plan.Oiv.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/reject", "{}")).AssertValidationProblemAsync()).AssertError("note");
        var rejected = await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/reject", """{"note":"la fonte allegata non lo dimostra"}"""));
        Assert.Equal("Rejected", (string?)rejected["status"]);
        await (await plan.Oiv.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/approve", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(50m, TestPlans.Dec((await ScorecardAsync(plan)).IA1["score"]));
        Assert.Null((await ScorecardAsync(plan)).IA1["forzatura"]);
        var explained = await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/score?year=2024&explain=true");
        Assert.Equal(50m, TestPlans.Dec(explained["score"]));
        var listed = Assert.Single(explained["forzature"]!.AsArray())!;
        Assert.Equal("Rejected", (string?)listed["status"]);
        Assert.Equal("la fonte allegata non lo dimostra", (string?)listed["decisionNote"]);
        Assert.Single(await plan.AuditAsync("ForzaturaRejected"));
        await ProposeAsync(plan, Proposal("NotAssessable", evidence));
    }

    [Fact]
    public async Task Bad_proposals_are_400s_naming_the_field_and_a_validated_year_takes_none()
    {
        var (plan, evidence) = await ScoredPlanAsync();
        var url = $"/api/indicators/{plan.Indicator("IA1")}/forzature";
        var other = await EvidencePlan.ImportAsync(factory);
        var foreign = (string)(await other.UploadAsync(other.Office, $"/api/indicators/{other.Indicator("IA1")}/attachments", EvidencePlan.Pdf(10), "x.pdf"))["id"]!;
        var cases = new (string Body, string Path)[]
        {
            ("""{"year":2024,"kind":"NotAssessable","reason":"r"}""", "evidence"),
            (Proposal("ForcedScore", evidence), "score"),
            (Proposal("ForcedScore", evidence, 100.01m), "score"),
            (Proposal("ForcedScore", evidence, -1), "score"),
            (Proposal("NotAssessable", evidence, 50), "score"),
            (Proposal("NotAssessable", evidence, reason: " "), "reason"),
            (Proposal("NotAssessable", evidence, year: 2031), "year"),
            (Proposal("NotAssessable", foreign), "evidence[0]"),
            ("""{"year":2024,"kind":"Sometimes","reason":"r","evidence":[]}""", "kind"),
        };
        foreach (var (body, path) in cases)
        {
            var errors = await (await plan.Office.PostJsonTextAsync(url, body)).AssertValidationProblemAsync();
            Assert.True(errors.ContainsKey(path), $"{body}: {string.Join(" | ", errors.Keys)}");
        }
        Assert.Empty((await plan.Office.GetJsonAsync($"/api/plans/{plan.Code}/forzature")).AsArray());

        // With a proposal waiting the year cannot be validated; once the year is validated, no forzatura is taken.
        foreach (var indicator in new[] { "IA1", "IA2", "IB1" })
        {
            var actual = (await plan.Office.GetJsonAsync($"/api/indicators/{plan.Indicator(indicator)}/actuals?year=2024"))[0]!["current"]!["id"]!;
            await plan.SubmitAsync(Guid.Parse((string)actual!));
            await plan.ValidateAsync(Guid.Parse((string)actual!));
        }
        var waiting = await ProposeAsync(plan, Proposal("NotAssessable", evidence));
        var blocked = await (await plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("forzatura", (string?)blocked["detail"]);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{waiting["id"]}/reject", """{"note":"no"}"""));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}"));
        var closed = await (await plan.Office.PostJsonTextAsync(url, Proposal("NotAssessable", evidence))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("validated", (string?)closed["detail"]);
    }
}
