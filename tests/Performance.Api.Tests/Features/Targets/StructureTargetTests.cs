using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Targets;

/// <summary>
/// Targets per indicator × structure × year over real HTTP: the INPS PNDD (Relazione 2024, "Piano Nazionale di Difesa a
/// Distanza": one target per coordinating structure) scored structure by structure against its own target, the plan's
/// target staying the default; the plan-status rules, ETag, audit and the plan document round trip.
/// </summary>
public sealed class StructureTargetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    // Giudizi da sussidiare (T) and sussidiati al 31/12/2024 (A) per struttura sussidiante; "% su obiettivo" = (A − T)/T as
    // the Relazione prints it (seed 002, L2053-2069).
    public static readonly (string Code, int Target, int Actual, decimal Percent)[] Pndd =
    [
        ("CGL", 1032, 1039, 0.68m), ("ABRUZZO", 651, 656, 0.77m), ("DCM-MILANO", 907, 929, 2.43m), ("EMILIA-ROMAGNA", 1273, 1301, 2.20m),
        ("FVG", 174, 180, 3.45m), ("LIGURIA", 783, 789, 0.77m), ("LOMBARDIA", 637, 643, 0.94m), ("MARCHE", 864, 898, 3.94m),
        ("MOLISE", 383, 386, 0.78m), ("PIEMONTE-VDA", 977, 982, 0.51m), ("SARDEGNA", 1134, 1173, 3.44m), ("TOSCANA", 1361, 1418, 4.19m),
        ("TAA", 898, 900, 0.22m), ("UMBRIA", 870, 879, 1.03m), ("VENETO", 531, 537, 1.13m),
    ];

    /// <summary>The PNDD plan: the 15 structures and one without a target of its own (DR-X), all assigned the common objective.</summary>
    private async Task<string> PnddPlanAsync(string status = "Draft")
    {
        var code = "PNDD-" + Guid.NewGuid().ToString("N")[..8];
        var structures = Pndd.Select(p => (JsonNode)Structure(p.Code, "Territorial", 1)).Append(Structure("DR-X", "Territorial", 1)).ToArray();
        var document = Plan(code, areas: Array(Area("SOC")), structures: new JsonArray(structures),
            nodes: Array(Node("PNDD", structures: [.. Pndd.Select(p => p.Code), "DR-X"], area: "SOC",
                indicators: Array(Indicator("PNDD.I1", ">= 12475")))));
        if (status == "Adopted") (document["status"], document["adoptionAct"], document["adoptedOn"]) = ("Adopted", "Det. DG n. 1/2024", "2024-01-15");
        await _client.ImportOkAsync(document);
        return code;
    }

    private string Url(string plan, string structure, int year = 2024) => $"/api/plans/{plan}/indicators/PNDD.I1/targets/{year}/structures/{structure}";

    private Task<HttpResponseMessage> PutAsync(string url, string body, string? ifMatch) => SendAsync(HttpMethod.Put, url, body, ifMatch);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _client.SendAsync(request);
    }

    private async Task<string> ETagAsync(string plan) => (await _client.GetAsync($"/api/indicators/{plan}:PNDD.I1")).ETag();

    [Fact]
    public async Task Pndd_each_regional_direction_is_scored_against_its_own_target()
    {
        var plan = await PnddPlanAsync();
        var etag = await ETagAsync(plan);
        foreach (var (structure, target, _, _) in Pndd)
        {
            var put = await PutAsync(Url(plan, structure), $$"""{"target":">= {{target}}"}""", etag);
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
            var body = await put.ReadJsonAsync();
            Assert.True((bool)body["own"]!);
            Assert.Equal(target, (decimal)body["parsed"]!["value"]!);
            Assert.NotEqual(etag, put.ETag()); // every change moves the indicator's version
            etag = put.ETag();
        }
        await _client.ActualsAsync(plan, [.. Pndd.Select(p => ("PNDD.I1", (string?)p.Code, (decimal)p.Actual)), ("PNDD.I1", "DR-X", 1000m)]);

        foreach (var (structure, target, actual, percent) in Pndd)
        {
            var card = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&structure={structure}");
            var indicator = card.AllNodes().Single()["indicators"]![0]!;
            Assert.Equal($">= {target}", (string?)indicator["target"]);
            Assert.Equal(actual, indicator["actual"].Dec());
            // Achievement A/T × 100: 100 + the Relazione's "% su obiettivo" (no cap in this plan, so the score too).
            Assert.Equal(100 + percent, indicator["achievement"].Dec());
            Assert.Equal(100 + percent, indicator["score"].Dec());
            // The explained path agrees with the scorecard, structure by structure.
            var explained = await _client.GetJsonAsync($"/api/indicators/{plan}:PNDD.I1/score?year=2024&structure={structure}&explain=true");
            Assert.Equal(100 + percent, explained["score"].Dec());
            Assert.Equal($">= {target}", (string?)explained["explanation"]!["targetText"]);
        }

        // DR-X has no target of its own: the plan's (national) target is its default. 1000 / 12475 = 8.016… → 8.02.
        var other = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&structure=DR-X");
        Assert.Equal(">= 12475", (string?)other.AllNodes().Single()["indicators"]![0]!["target"]);
        Assert.Equal(8.02m, other["score"].Dec());

        // The ranking and Valore Pubblico use the same per-structure scores: Toscana first (+4.19%), DR-X last.
        var ranking = (await _client.GetJsonAsync($"/api/plans/{plan}/structures/ranking?year=2024")).AsArray();
        Assert.Equal("TOSCANA", (string?)ranking[0]!["code"]);
        Assert.Equal(104.19m, ranking[0]!["score"].Dec());
        Assert.Equal("DR-X", (string?)ranking[^1]!["code"]);
        Assert.Equal(8.02m, ranking[^1]!["score"].Dec());
        var value = await _client.GetJsonAsync($"/api/plans/{plan}/public-value?year=2024");
        var marche = value["structures"]!.AsArray().Single(s => (string?)s!["code"] == "MARCHE")!;
        Assert.Equal(103.94m, marche["value"].Dec());

        // The list answers every structure's target: its own, or the plan's for DR-X.
        var list = (await _client.GetJsonAsync($"/api/plans/{plan}/indicators/PNDD.I1/targets/2024/structures")).AsArray();
        Assert.Equal(16, list.Count);
        Assert.Equal(15, list.Count(t => (bool)t!["own"]!));
        Assert.Equal(">= 12475", (string?)list.Single(t => (string?)t!["structure"] == "DR-X")!["target"]);
    }

    [Fact]
    public async Task A_draft_plans_structure_target_needs_the_indicators_etag_a_valid_target_and_known_names()
    {
        var plan = await PnddPlanAsync();
        var etag = await ETagAsync(plan);
        await (await PutAsync(Url(plan, "TOSCANA"), """{"target":">= 1361"}""", null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await PutAsync(Url(plan, "TOSCANA"), """{"target":">= 1361"}""", EndpointCatalog.StaleETag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        (await (await PutAsync(Url(plan, "TOSCANA"), """{"target":"non inferiore al 2023"}""", etag)).AssertValidationProblemAsync()).AssertError("target");
        (await (await PutAsync(Url(plan, "TOSCANA"), """{"target":" "}""", etag)).AssertValidationProblemAsync()).AssertError("target", "required");
        (await (await PutAsync(Url(plan, "TOSCANA", 2025), """{"target":">= 1"}""", etag)).AssertValidationProblemAsync()).AssertError("year", "outside the plan");
        await (await PutAsync(Url(plan, "NOWHERE"), """{"target":">= 1"}""", etag)).AssertProblemAsync(HttpStatusCode.NotFound);
        // Another organization's plan does not exist for its caller.
        var other = factory.CreateClientAs(TrustKit.Key("Admin", TrustKit.OtherOrg));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Url(plan, "TOSCANA"))).StatusCode);

        var set = await PutAsync(Url(plan, "TOSCANA"), """{"target":">= 1361"}""", etag);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var get = await _client.GetAsync(Url(plan, "TOSCANA"));
        Assert.Equal(set.ETag(), get.ETag());
        Assert.True((bool)(await get.ReadJsonAsync())["own"]!);

        // Removing it gives the plan's target back.
        await (await SendAsync(HttpMethod.Delete, Url(plan, "TOSCANA"), null, etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var removed = await SendAsync(HttpMethod.Delete, Url(plan, "TOSCANA"), null, set.ETag());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var back = await removed.ReadJsonAsync();
        Assert.False((bool)back["own"]!);
        Assert.Equal(">= 12475", (string?)back["target"]);
        await (await SendAsync(HttpMethod.Delete, Url(plan, "TOSCANA"), null, removed.ETag())).AssertProblemAsync(HttpStatusCode.NotFound);

        // Each change is audited on the indicator.
        var audit = (await _client.GetJsonAsync($"/api/audit?plan={plan}"))["entries"]!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == "StructureTargetSet");
        Assert.Contains(audit, e => (string?)e!["action"] == "StructureTargetRemoved");
    }

    [Fact]
    public async Task An_adopted_plans_structure_target_is_revised_by_an_act_that_asOf_honours_and_is_never_removed()
    {
        var plan = await PnddPlanAsync("Adopted");
        await _client.ActualsAsync(plan, ("PNDD.I1", "TOSCANA", 1418m));
        var etag = await ETagAsync(plan);
        var errors = await (await PutAsync(Url(plan, "TOSCANA"), """{"target":">= 1361"}""", etag)).AssertValidationProblemAsync();
        errors.AssertError("act");
        errors.AssertError("reason");

        var put = await PutAsync(Url(plan, "TOSCANA"), """{"target":">= 1361","act":"Det. DG n. 190/2024","date":"2024-07-01","reason":"PNDD concordato"}""", etag);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        Assert.True((bool)(await put.ReadJsonAsync())["own"]!);

        // Before the act the plan's target scored Toscana; from its date, Toscana's own.
        var before = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&structure=TOSCANA&asOf=2024-06-30");
        Assert.Equal(">= 12475", (string?)before.AllNodes().Single()["indicators"]![0]!["target"]);
        var after = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&structure=TOSCANA");
        Assert.Equal(">= 1361", (string?)after.AllNodes().Single()["indicators"]![0]!["target"]);
        Assert.Equal(104.19m, after["score"].Dec());
        var acts = (await _client.GetJsonAsync($"/api/plans/{plan}/reprogramming")).AsArray();
        var act = Assert.Single(acts, a => (string?)a!["act"] == "Det. DG n. 190/2024")!;
        Assert.Equal("TOSCANA", (string?)act["structure"]);
        Assert.Equal(">= 12475", (string?)act["before"]); // Toscana had no target of its own: the plan's was its target
        Assert.Equal(">= 1361", (string?)act["after"]);

        // The same act through POST .../reprogramming, naming the structure: Toscana's own target is revised again.
        var posted = await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"ReviseTarget","indicator":"PNDD.I1","structure":"TOSCANA","year":2024,"target":">= 1400","act":"Det. DG n. 200/2024","date":"2024-08-01","reason":"PNDD rivisto"}""");
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        Assert.Equal(">= 1361", (string?)(await posted.ReadJsonAsync())["before"]);
        Assert.Equal(">= 1400", (string?)(await _client.GetJsonAsync(Url(plan, "TOSCANA")))["target"]);
        // Other structures keep the plan's target.
        Assert.Equal(">= 12475", (string?)(await _client.GetJsonAsync(Url(plan, "VENETO")))["target"]);

        var problem = await (await SendAsync(HttpMethod.Delete, Url(plan, "TOSCANA"), null, await ETagAsync(plan))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("revised by an act", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_closed_period_freezes_the_structure_targets_of_its_year()
    {
        var plan = await PnddPlanAsync();
        var etag = await ETagAsync(plan);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Q1","reason":"Chiusura Q1"}""")).StatusCode);
        var problem = await (await PutAsync(Url(plan, "TOSCANA"), """{"target":">= 1361"}""", etag)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("closed", (string?)problem["detail"]);
        Assert.False((bool)(await _client.GetJsonAsync(Url(plan, "TOSCANA")))["own"]!);
    }

    [Fact]
    public async Task Structure_targets_round_trip_through_the_plan_document_and_the_audit_verifies_them()
    {
        await using var own = new ApiFactory();
        var client = own.CreateClient();
        var code = "PNDD-RT";
        var document = Plan(code, structures: Array(Structure("TOSCANA", "Territorial", 1), Structure("VENETO", "Territorial", 1)),
            nodes: Array(Node("PNDD", structures: ["TOSCANA", "VENETO"], indicators: Array(Indicator("PNDD.I1", ">= 12475")))));
        document["nodes"]![0]!["indicators"]![0]!["structureTargets"] = JsonNode.Parse(
            """[ { "structure": "VENETO", "targets": { "2024": ">= 531" } }, { "structure": "TOSCANA", "targets": { "2024": ">= 1361" } } ]""");
        await client.ImportOkAsync(document);
        Assert.Equal(">= 531", (string?)(await client.GetJsonAsync($"/api/plans/{code}/indicators/PNDD.I1/targets/2024/structures/VENETO"))["target"]);

        var exported = await client.GetJsonAsync($"/api/plans/{code}/export");
        var targets = exported["nodes"]![0]!["indicators"]![0]!["structureTargets"]!.AsArray();
        // In the plan's order of structures.
        Assert.Equal(["TOSCANA", "VENETO"], targets.Select(t => (string?)t!["structure"]));
        Assert.Equal(">= 1361", (string?)targets[0]!["targets"]!["2024"]);
        exported["code"] = "PNDD-RT2";
        await client.ImportOkAsync(exported.AsObject());
        var again = await client.GetJsonAsync("/api/plans/PNDD-RT2/export");
        again["code"] = code;
        Assert.Equal(exported["nodes"]!.ToJsonString(), again["nodes"]!.ToJsonString());

        // Errors by JSON path: an unknown structure, a structure twice, a year outside the plan.
        document["code"] = "PNDD-BAD";
        document["nodes"]![0]!["indicators"]![0]!["structureTargets"] = JsonNode.Parse(
            """[ { "structure": "NOWHERE", "targets": { "2024": ">= 1" } }, { "structure": "VENETO", "targets": { "2030": ">= 1" } }, { "structure": "VENETO", "targets": { "2024": ">= 1" } } ]""");
        var errors = await (await client.ImportAsync(document)).AssertValidationProblemAsync();
        errors.AssertError("nodes[0].indicators[0].structureTargets[0].structure", "Unknown structure");
        errors.AssertError("nodes[0].indicators[0].structureTargets[1].targets.2030", "years of the plan");
        errors.AssertError("nodes[0].indicators[0].structureTargets[2].structure", "listed twice");

        // The rows are audited: verify is clean, and an edit behind the service's back is named.
        var clean = await client.GetJsonAsync("/api/audit/verify");
        Assert.True((bool)clean["valid"]!, clean.ToJsonString());
        Assert.Equal(2, await TrustKit.ExecuteAsync(own, """UPDATE "StructureTargets" SET "Text" = '>= 1' WHERE "Text" = '>= 531'"""));
        var verification = await client.GetJsonAsync("/api/audit/verify");
        Assert.False((bool)verification["valid"]!);
        var findings = verification["findings"]!.AsArray().Where(f => (string?)f!["table"] == "StructureTargets").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Contains("changed behind the service's back", (string?)f!["problem"]));
        Assert.Contains(findings, f => (string?)f!["item"] == "PNDD.I1 target 2024 of VENETO");
    }

    [Theory]
    [InlineData("indicator")]
    [InlineData("node")]
    public async Task Deleting_a_draft_indicator_or_node_takes_its_structures_targets_with_it_and_the_audit_still_verifies(string what)
    {
        await using var own = new ApiFactory();
        var client = own.CreateClient();
        const string code = "PNDD-DEL";
        var document = Plan(code, structures: Array(Structure("TOSCANA", "Territorial", 1)),
            nodes: Array(Node("PNDD", structures: ["TOSCANA"], indicators: Array(Indicator("PNDD.I1", ">= 12475")))));
        document["nodes"]![0]!["indicators"]![0]!["structureTargets"] = JsonNode.Parse("""[ { "structure": "TOSCANA", "targets": { "2024": ">= 1361" } } ]""");
        await client.ImportOkAsync(document);

        var url = what == "indicator" ? $"/api/indicators/{code}:PNDD.I1" : $"/api/plans/{code}/nodes/PNDD";
        var etag = (await client.GetAsync(url)).ETag();
        var deleted = await SendWithAsync(client, HttpMethod.Delete, url, etag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Equal(0, await TrustKit.ExecuteAsync(own, """DELETE FROM "StructureTargets" """));
        var verification = await client.GetJsonAsync("/api/audit/verify");
        Assert.True((bool)verification["valid"]!, verification.ToJsonString());
    }

    private static Task<HttpResponseMessage> SendWithAsync(HttpClient client, HttpMethod method, string url, string ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
