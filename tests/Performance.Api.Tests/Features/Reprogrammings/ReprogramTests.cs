using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Reprogrammings;

/// <summary>
/// POST/GET /api/plans/{plan}/reprogramming: mid-year changes with their act; the original plan is kept and scores
/// as of a date apply the changes in force then.
/// </summary>
public sealed class ReprogramTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Act = "Det. DG n. 190/2024";
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>DR-A and DR-B; OBJ (structure DR-A, one indicator, actual 140); projects P1–P3 with one KPI met each.</summary>
    private async Task<string> PlanAsync(string code, int year = 2024)
    {
        await _client.ImportOkAsync(Plan(code, startYear: year, endYear: year,
            areas: Array(Area("SOC")),
            structures: Array(Structure("DR-A", "Territorial", 1, year), Structure("DR-B", "Territorial", 1, year)),
            nodes: Array(
                Node("OBJ", structure: "DR-A", area: "SOC", indicators: Array(Indicator("OBJ.I1", year: year))),
                Project("P1", "PesStrategico", 1, "SOC", year: year),
                Project("P2", "PesStrategico", 1, "SOC", year: year),
                Project("P3", "NoPes", 1, "SOC", year: year))));
        await _client.ActualsAsync(code, year, ("OBJ.I1", null, 140), ("P1.K1", null, 100), ("P2.K1", null, 100), ("P3.K1", null, 100));
        return code;
    }

    private Task<HttpResponseMessage> ReprogramAsync(string plan, object change) =>
        _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", System.Text.Json.JsonSerializer.Serialize(change));

    private static object Reassign(string node = "OBJ", string to = "DR-B", string date = "2024-07-01") =>
        new { kind = "ReassignStructure", node, toStructure = to, act = Act, date, reason = "Riorganizzazione" };

    private static IEnumerable<string> Codes(JsonNode scorecard) => scorecard.AllNodes().Select(n => n["code"]!.GetValue<string>());

    [Fact]
    public async Task Reprogramming_keeps_the_before_after_and_the_act()
    {
        var plan = await PlanAsync("RP-REASSIGN");

        var response = await ReprogramAsync(plan, Reassign());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("ReassignStructure", created["kind"]!.GetValue<string>());
        Assert.Equal("DR-A", created["before"]!.GetValue<string>());
        Assert.Equal("DR-B", created["after"]!.GetValue<string>());
        Assert.Equal(Act, created["act"]!.GetValue<string>());
        Assert.Equal("2024-07-01", created["effectiveDate"]!.GetValue<string>());

        var history = (await _client.GetJsonAsync($"/api/plans/{plan}/reprogramming")).AsArray();
        var change = Assert.Single(history)!;
        Assert.Equal("OBJ", change["node"]!.GetValue<string>());
        Assert.Equal("DR-A", change["before"]!.GetValue<string>());
        Assert.Equal("DR-B", change["after"]!.GetValue<string>());
        Assert.Equal(Act, change["act"]!.GetValue<string>());
        Assert.Equal("Riorganizzazione", change["reason"]!.GetValue<string>());

        // The stored plan keeps the original assignment; the change is listed with its act.
        var export = await _client.GetJsonAsync($"/api/plans/{plan}/export");
        Assert.Equal("DR-A", export["nodes"].Find("code", "OBJ")["structure"]!.GetValue<string>());
        var exported = Assert.Single(export["reprogramming"]!.AsArray())!;
        Assert.Equal("ReassignStructure", exported["kind"]!.GetValue<string>());
        Assert.Equal("OBJ", exported["node"]!.GetValue<string>());
        Assert.Equal("DR-B", exported["toStructure"]!.GetValue<string>());
        Assert.Equal(Act, exported["act"]!.GetValue<string>());
        Assert.Equal("2024-07-01", exported["date"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reassigned_objective_belongs_to_the_old_structure_before_the_date_and_to_the_new_one_after()
    {
        var plan = await PlanAsync("RP-ASOF");
        Assert.Equal(HttpStatusCode.Created, (await ReprogramAsync(plan, Reassign())).StatusCode);

        var aBefore = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&asOf=2024-06-30&structure=DR-A");
        var bBefore = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&asOf=2024-06-30&structure=DR-B");
        var aAfter = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&asOf=2024-12-31&structure=DR-A");
        var bAfter = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&asOf=2024-12-31&structure=DR-B");
        var bYearEnd = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&structure=DR-B");

        Assert.Contains("OBJ", Codes(aBefore));
        Assert.Equal("DR-A", aBefore.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ")["structure"]!.GetValue<string>());
        Assert.DoesNotContain("OBJ", Codes(bBefore));
        Assert.DoesNotContain("OBJ", Codes(aAfter));
        Assert.Contains("OBJ", Codes(bAfter));
        Assert.Equal("DR-B", bAfter.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ")["structure"]!.GetValue<string>());
        // Without asOf the plan stands as on 31 December: DR-B, with the consuntivo.
        Assert.Equal(140m, bYearEnd["score"].Dec());

        var ranking = (await _client.GetJsonAsync($"/api/plans/{plan}/structures/ranking?year=2024")).AsArray();
        Assert.Equal(140m, ranking.Find("code", "DR-B")["score"].Dec());
        Assert.Null(ranking.Find("code", "DR-A")["score"]);
    }

    [Fact]
    public async Task The_ranking_scores_a_reassigned_objective_for_the_structure_it_belongs_to_at_the_date()
    {
        // "asOf" also means "consuntivi known by then" and "periods ended by then", and the API records actuals now:
        // a ranking as of 30 June 2024 can score nothing entered today. So the act here takes effect on 1 January 2025
        // and each year is ranked as the plan stands on its 31 December.
        await _client.ImportOkAsync(Plan("RP-RANK", startYear: 2024, endYear: 2025,
            structures: Array(Structure("DR-A", "Territorial", 1), Structure("DR-B", "Territorial", 1)),
            nodes: Array(Node("OBJ", structure: "DR-A",
                indicators: Array(new JsonObject
                {
                    ["code"] = "OBJ.I1", ["name"] = "Indice di deflusso", ["polarity"] = "HigherIsBetter",
                    ["targets"] = new JsonObject { ["2024"] = ">= 100", ["2025"] = ">= 100" },
                })))));
        await _client.ActualsAsync("RP-RANK", 2024, ("OBJ.I1", null, 140));
        await _client.ActualsAsync("RP-RANK", 2025, ("OBJ.I1", null, 120));
        Assert.Equal(HttpStatusCode.Created, (await ReprogramAsync("RP-RANK", Reassign(date: "2025-01-01"))).StatusCode);

        var y2024 = (await _client.GetJsonAsync("/api/plans/RP-RANK/structures/ranking?year=2024")).AsArray();
        var y2025 = (await _client.GetJsonAsync("/api/plans/RP-RANK/structures/ranking?year=2025")).AsArray();

        Assert.Equal(["DR-A", "DR-B"], y2024.Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal(140m, y2024.Find("code", "DR-A")["score"].Dec());
        Assert.Equal(1, y2024.Find("code", "DR-A")["rank"]!.GetValue<int>());
        Assert.Null(y2024.Find("code", "DR-B")["score"]);
        Assert.Equal(["DR-B", "DR-A"], y2025.Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal(120m, y2025.Find("code", "DR-B")["score"].Dec());
        Assert.Null(y2025.Find("code", "DR-A")["score"]);

        // As of a date before the act the objective is DR-A's, after it DR-B's (nothing is known yet, so no scores).
        var a2025Early = await _client.GetJsonAsync("/api/plans/RP-RANK/scorecard?year=2025&asOf=2024-12-31&structure=DR-A");
        Assert.Contains("OBJ", Codes(a2025Early));
        var early = (await _client.GetJsonAsync("/api/plans/RP-RANK/structures/ranking?year=2024&asOf=2024-06-30")).AsArray();
        Assert.All(early, r => Assert.Null(r!["score"]));
    }

    [Fact]
    public async Task A_cancelled_project_disappears_from_the_summary_after_its_date_and_stays_before()
    {
        var plan = await PlanAsync("RP-CANCEL");
        var response = await ReprogramAsync(plan, new { kind = "CancelProject", node = "P3", act = Act, date = "2024-07-01" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("P3", created["before"]!.GetValue<string>());
        Assert.Null(created["after"]);

        var before = await _client.GetJsonAsync($"/api/plans/{plan}/projects/summary?year=2024&asOf=2024-06-30");
        var after = await _client.GetJsonAsync($"/api/plans/{plan}/projects/summary?year=2024");
        Assert.Equal(3, before["overall"]!["count"]!.GetValue<int>());
        Assert.Equal(2, after["overall"]!["count"]!.GetValue<int>());
        Assert.DoesNotContain("P3", after["projects"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));
        Assert.Equal(0, after["overall"]!["byType"]!["noPes"]!.GetValue<int>());

        var again = await ReprogramAsync(plan, new { kind = "CancelProject", node = "P3", act = "Det. DG n. 191/2024", date = "2024-08-01" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single((await _client.GetJsonAsync($"/api/plans/{plan}/reprogramming")).AsArray());
    }

    [Fact]
    public async Task A_merged_project_disappears_into_the_other_from_its_date()
    {
        var plan = await PlanAsync("RP-MERGE");
        var response = await ReprogramAsync(plan, new { kind = "MergeProject", node = "P2", intoProject = "P1", act = Act, date = "2024-07-01" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("P2", created["before"]!.GetValue<string>());
        Assert.Equal("P1", created["after"]!.GetValue<string>());

        var before = await _client.GetJsonAsync($"/api/plans/{plan}/projects/summary?year=2024&asOf=2024-06-30");
        var after = await _client.GetJsonAsync($"/api/plans/{plan}/projects/summary?year=2024");
        Assert.Equal(3, before["overall"]!["count"]!.GetValue<int>());
        Assert.Equal(["P1", "P3"], after["projects"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));

        await (await ReprogramAsync(plan, new { kind = "CancelProject", node = "P2", act = Act, date = "2024-09-01" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        var self = await (await ReprogramAsync(plan, new { kind = "MergeProject", node = "P1", intoProject = "P1", act = Act, date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(self["errors"]!["intoProject"]);
        var notProject = await (await ReprogramAsync(plan, new { kind = "CancelProject", node = "OBJ", act = Act, date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(notProject["errors"]!["node"]);

        var export = await _client.GetJsonAsync($"/api/plans/{plan}/export");
        Assert.Contains("P2", export["nodes"]!.AsArray().Select(n => n!["code"]!.GetValue<string>()));
        Assert.Equal("P1", Assert.Single(export["reprogramming"]!.AsArray())!["intoProject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revised_target_is_used_from_its_date_and_the_original_target_remains()
    {
        var plan = await PlanAsync("RP-TARGET");
        var response = await ReprogramAsync(plan,
            new { kind = "ReviseTarget", indicator = "OBJ.I1", year = 2024, target = ">= 200", act = Act, date = "2024-07-01" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal(">= 100", created["before"]!.GetValue<string>());
        Assert.Equal(">= 200", created["after"]!.GetValue<string>());
        Assert.Equal("OBJ.I1", created["indicator"]!.GetValue<string>());
        Assert.Equal("OBJ", created["node"]!.GetValue<string>());

        var after = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024");
        var indicatorAfter = after.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ")["indicators"]![0]!;
        Assert.Equal(">= 200", indicatorAfter["target"]!.GetValue<string>());
        Assert.Equal(70m, indicatorAfter["score"].Dec()); // 140 / 200
        Assert.False(indicatorAfter["met"]!.GetValue<bool>());

        var before = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&asOf=2024-06-30");
        Assert.Equal(">= 100", before.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ")["indicators"]![0]!["target"]!.GetValue<string>());

        var score = await _client.GetJsonAsync($"/api/indicators/{plan}:OBJ.I1/score?year=2024");
        Assert.Equal(">= 200", score["target"]!.GetValue<string>());
        Assert.Equal(70m, score["score"].Dec());

        // The indicator itself keeps the baseline target.
        var indicator = await _client.GetJsonAsync($"/api/indicators/{plan}:OBJ.I1");
        Assert.Equal(">= 100", indicator["targets"].Find("text", ">= 100")["text"]!.GetValue<string>());
        Assert.Single(indicator["targets"]!.AsArray());

        var exported = Assert.Single((await _client.GetJsonAsync($"/api/plans/{plan}/export"))["reprogramming"]!.AsArray())!;
        Assert.Equal("OBJ.I1", exported["indicator"]!.GetValue<string>());
        Assert.Equal(">= 200", exported["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_revision_of_a_target_has_the_first_revision_as_its_before()
    {
        var plan = await PlanAsync("RP-TARGET2");
        Assert.Equal(HttpStatusCode.Created, (await ReprogramAsync(plan,
            new { kind = "ReviseTarget", indicator = "OBJ.I1", year = 2024, target = ">= 200", act = Act, date = "2024-07-01" })).StatusCode);
        var second = await (await ReprogramAsync(plan,
            new { kind = "ReviseTarget", indicator = "OBJ.I1", year = 2024, target = ">= 175", act = "Det. DG n. 250/2024", date = "2024-10-01" })).ReadJsonAsync();
        Assert.Equal(">= 200", second["before"]!.GetValue<string>());
        Assert.Equal(">= 175", second["after"]!.GetValue<string>());

        var card = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024");
        Assert.Equal(80m, card.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ")["indicators"]![0]!["score"].Dec()); // 140 / 175
    }

    [Fact]
    public async Task A_change_of_an_adopted_plan_without_a_reason_is_refused_in_Italian_by_default()
    {
        var plan = await PlanAsync("RP-NOREASON");
        var adopted = await _client.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"act":"Delibera n. 5/2024","date":"2024-01-31","reason":"Adozione del piano"}""");
        Assert.True(adopted.IsSuccessStatusCode, await adopted.Content.ReadAsStringAsync());

        var italian = factory.CreateClient();
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var refused = await (await italian.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", System.Text.Json.JsonSerializer.Serialize(
            new { kind = "ReassignStructure", node = "OBJ", toStructure = "DR-B", act = Act, date = "2024-07-01" }))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith($"Il piano '{plan}' è stato adottato con Delibera n. 5/2024 il 2024-01-31: ogni modifica richiede una motivazione.",
            refused["errors"]!["reason"]![0]!.GetValue<string>());
        Assert.Empty((await _client.GetJsonAsync($"/api/plans/{plan}/reprogramming")).AsArray());
    }

    [Fact]
    public async Task Bad_changes_are_rejected_with_the_field_in_error()
    {
        var plan = await PlanAsync("RP-BAD");

        var badTarget = await (await ReprogramAsync(plan,
            new { kind = "ReviseTarget", indicator = "OBJ.I1", year = 2024, target = ">= abc", act = Act, date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = badTarget["errors"]!["target"]![0]!.GetValue<string>();
        Assert.Contains("expected a number at position 4", message);

        var unknownNode = await (await ReprogramAsync(plan, Reassign(node: "NOPE"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownNode["errors"]!["node"]);
        var unknownStructure = await (await ReprogramAsync(plan, Reassign(to: "DR-NOPE"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownStructure["errors"]!["toStructure"]);
        var noAct = await (await ReprogramAsync(plan, new { kind = "ReassignStructure", node = "OBJ", toStructure = "DR-B", date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(noAct["errors"]!["act"]);
        var blankAct = await (await ReprogramAsync(plan, new { kind = "ReassignStructure", node = "OBJ", toStructure = "DR-B", act = "  ", date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(blankAct["errors"]!["act"]);
        var badKind = await (await ReprogramAsync(plan, new { kind = "Rename", node = "OBJ", act = Act, date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(badKind["errors"]!["kind"]);
        var outside = await (await ReprogramAsync(plan, Reassign(date: "2026-07-01"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(outside["errors"]!["date"]);
        var noDate = await (await ReprogramAsync(plan, new { kind = "CancelProject", node = "P1", act = Act }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(noDate["errors"]!["date"]);
        var badYear = await (await ReprogramAsync(plan,
            new { kind = "ReviseTarget", indicator = "OBJ.I1", year = 2030, target = ">= 1", act = Act, date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(badYear["errors"]!["year"]);
        var unknownIndicator = await (await ReprogramAsync(plan,
            new { kind = "ReviseTarget", indicator = "NOPE.I1", year = 2024, target = ">= 1", act = Act, date = "2024-07-01" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(unknownIndicator["errors"]!["indicator"]);

        await (await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", "")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", "{ \"kind\": ")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", "{ \"date\": \"1 luglio\" }")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ReprogramAsync("NO-SUCH-PLAN", Reassign())).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/plans/NO-SUCH-PLAN/reprogramming")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Empty((await _client.GetJsonAsync($"/api/plans/{plan}/reprogramming")).AsArray());
    }

    [Fact]
    public async Task A_plan_document_can_carry_its_reprogramming_and_round_trips()
    {
        var document = Plan("RP-DOC",
            structures: Array(Structure("DR-A", "Territorial", 1), Structure("DR-B", "Territorial", 1)),
            nodes: Array(Node("OBJ", structure: "DR-A", indicators: Array(Indicator("OBJ.I1"))), Project("P1", "NoPes", 1)),
            reprogramming: Array(
                new JsonObject { ["kind"] = "ReassignStructure", ["node"] = "OBJ", ["toStructure"] = "DR-B", ["act"] = Act, ["date"] = "2024-07-01" },
                new JsonObject { ["kind"] = "ReviseTarget", ["indicator"] = "OBJ.I1", ["year"] = 2024, ["target"] = ">= 120", ["act"] = Act, ["date"] = "2024-07-01" }));
        await _client.ImportOkAsync(document);

        var history = (await _client.GetJsonAsync("/api/plans/RP-DOC/reprogramming")).AsArray();
        Assert.Equal(2, history.Count);
        Assert.Contains(history, h => h!["kind"]!.GetValue<string>() == "ReassignStructure" && h["before"]!.GetValue<string>() == "DR-A");

        var export = await _client.GetJsonAsync("/api/plans/RP-DOC/export");
        export["code"] = "RP-DOC-COPY";
        await _client.ImportOkAsync(export.AsObject());
        var copy = (await _client.GetJsonAsync("/api/plans/RP-DOC-COPY/reprogramming")).AsArray();
        Assert.Equal(history.Select(Summary), copy.Select(Summary));

        var bad = document.DeepClone().AsObject();
        bad["code"] = "RP-DOC-BAD";
        bad["reprogramming"]![0]!["node"] = "NOPE";
        bad["reprogramming"]![1]!["target"] = ">= abc";
        var problem = await (await _client.PostJsonTextAsync("/api/plans/import", bad.ToJsonString())).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["reprogramming[0].node"]);
        Assert.NotNull(problem["errors"]!["reprogramming[1].target"]);

        static string Summary(JsonNode? h) =>
            $"{h!["kind"]}|{h["node"]}|{h["indicator"]}|{h["before"]}|{h["after"]}|{h["act"]}|{h["effectiveDate"]}";
    }
}
