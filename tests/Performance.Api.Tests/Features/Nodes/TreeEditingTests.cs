using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Nodes;

/// <summary>
/// Issue 14, tree editing rules over HTTP: errors by path in one answer, ETags, deletions that would lose consuntivi,
/// cycles, order among siblings, an adopted plan's removals and moves by act (honoured by asOf from their date), and a
/// validated year refusing every tree change.
/// </summary>
public sealed class TreeEditingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient _office = factory.CreateClientAs(TestIdentities.Key("ControlloGestione", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TestIdentities.Key("Oiv", Org));

    /// <summary>A draft plan 2021-2022: A (A1 with A1.I1) and B (B.I1), each indicator "&gt;= 100".</summary>
    private async Task<string> NewPlanAsync()
    {
        var code = $"TE-{Guid.NewGuid():N}"[..18];
        var a1 = SmallPlan.Node("A1", indicators: [SmallPlan.Indicator("A1.I1", year: 2021)]);
        var document = SmallPlan.Plan(code, startYear: 2021, endYear: 2022, nodes:
        [
            SmallPlan.Node("A", "StrategicObjective", children: [a1]),
            SmallPlan.Node("B", "StrategicObjective", indicators: [SmallPlan.Indicator("B.I1", year: 2021)]),
        ]);
        document["organization"]!["code"] = Org;
        var import = await _office.ImportAsync(document);
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        return code;
    }

    [Fact]
    public async Task A_posted_node_gets_every_error_by_path_in_one_answer_and_nothing_is_stored()
    {
        var plan = await NewPlanAsync();
        var body = new JsonObject
        {
            ["code"] = "A", ["kind"] = "Obiettivo", ["parent"] = "Z", ["position"] = 9,
            ["indicators"] = new JsonArray(new JsonObject { ["code"] = "N.I1", ["name"] = "KPI", ["targets"] = new JsonObject { ["2021"] = ">= abc" } }),
        };
        var errors = await (await _office.PostJsonTextAsync($"/api/plans/{plan}/nodes", body.ToJsonString())).AssertValidationProblemAsync();
        errors.AssertError("code", "Duplicate");
        errors.AssertError("kind", "Obiettivo");
        errors.AssertError("title");
        errors.AssertError("parent", "'Z'");
        errors.AssertError("indicators[0].targets.2021");
        errors.AssertError("position");
        var nodes = await _office.GetJsonOkAsync($"/api/plans/{plan}/nodes");
        Assert.Equal(["A", "B"], nodes.AsArray().Select(n => (string?)n!["code"]));
        Assert.Empty(await ReprogrammingAsync(plan));
    }

    [Fact]
    public async Task A_draft_node_is_deleted_with_its_subtree_unless_something_below_it_has_consuntivi()
    {
        var plan = await NewPlanAsync();
        var url = $"/api/plans/{plan}/nodes/A";
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await _office.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await DeleteAsync(url, "\"00000000000000000000000000000001\"")).StatusCode);

        await _office.PostActualOkAsync(plan, "A1.I1", """{"year":2021,"period":"Y","value":90,"reportedOn":"2021-12-31"}""");
        var refused = await (await DeleteAsync(url, await ETagAsync(url))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("has_data", (string?)refused["code"]);
        Assert.Contains("1 consuntivi", (string?)refused["detail"]);
        Assert.Contains("reprogramming act", (string?)refused["detail"]);

        // B has none: it goes, with its indicator and target, and the trail still verifies every row.
        var b = $"/api/plans/{plan}/nodes/B";
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(b, await ETagAsync(b))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _office.GetAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _office.GetAsync($"/api/indicators/{plan}:B.I1")).StatusCode);
        var verify = await factory.CreateClient().GetJsonOkAsync("/api/audit/verify");
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
        var audit = (await _office.GetJsonOkAsync($"/api/audit?plan={plan}"))["entries"]!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == "NodeDeleted" && (string?)e["entityCode"] == "B");
    }

    [Fact]
    public async Task A_removal_whose_act_or_reason_holds_a_character_no_text_may_hold_is_a_400_under_it_and_nothing_changes()
    {
        // The act and reason of a DELETE come in the query, which no JSON rule reads: NUL in them was a 500 on PostgreSQL
        // (the audit entry's reason, the reprogramming's act) and stored on SQLite.
        var plan = await NewPlanAsync();
        var b = $"/api/plans/{plan}/nodes/B";
        var italian = factory.CreateClientAs(TestIdentities.Key("ControlloGestione", Org));
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var draft = new HttpRequestMessage(HttpMethod.Delete, $"{b}?reason=Nodo%20superato%00");
        draft.Headers.TryAddWithoutValidation("If-Match", await ETagAsync(b));
        (await (await italian.SendAsync(draft)).AssertValidationProblemAsync()).AssertError("reason", "U+0000 alla posizione 14");

        Assert.Equal(HttpStatusCode.OK, (await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"act":"Delibera n. 3/2021","date":"2021-01-20"}""")).StatusCode);
        var indicator = $"/api/indicators/{plan}:B.I1";
        var adopted = await (await DeleteAsync($"{indicator}?act=Det.%20n.%2040%EF%BF%BF&date=2021-09-01&reason=Indicatore%20non%20misurabile%00",
            await ETagAsync(indicator))).AssertValidationProblemAsync();
        adopted.AssertError("act", "U+FFFF at position 11");
        adopted.AssertError("reason", "U+0000 at position 26");
        Assert.Equal(["A", "B"], (await _office.GetJsonOkAsync($"/api/plans/{plan}/nodes")).AsArray().Select(n => (string?)n!["code"]));
        Assert.Empty(await ReprogrammingAsync(plan));
    }

    [Fact]
    public async Task A_move_under_itself_is_a_400_and_moves_and_positions_rearrange_the_tree()
    {
        var plan = await NewPlanAsync();
        var a = $"/api/plans/{plan}/nodes/A";
        var cycle = await _office.PatchJsonAsync(a, new JsonObject { ["parent"] = "A1" }, await ETagAsync(a));
        (await cycle.AssertValidationProblemAsync()).AssertError("parent", "cycle");

        var a1 = $"/api/plans/{plan}/nodes/A1";
        var moved = await _office.PatchJsonAsync(a1, new JsonObject { ["parent"] = "B", ["position"] = 0 }, await ETagAsync(a1));
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        Assert.Equal("B", (string?)(await moved.ReadJsonAsync())["parent"]);
        var b = $"/api/plans/{plan}/nodes/B";
        Assert.Equal(HttpStatusCode.OK, (await _office.PatchJsonAsync(b, new JsonObject { ["position"] = 0 }, await ETagAsync(b))).StatusCode);
        var tree = (await _office.GetJsonOkAsync($"/api/plans/{plan}/nodes")).AsArray();
        Assert.Equal(["B", "A"], tree.Select(n => (string?)n!["code"]));
        Assert.Equal("A1", (string?)tree[0]!["children"]![0]!["code"]);
        var top = $"/api/plans/{plan}/nodes/A1";
        Assert.Equal(HttpStatusCode.OK, (await _office.PatchJsonAsync(top, new JsonObject { ["parent"] = "" }, await ETagAsync(top))).StatusCode);
        Assert.Equal(3, (await _office.GetJsonOkAsync($"/api/plans/{plan}/nodes")).AsArray().Count);
    }

    [Fact]
    public async Task An_adopted_plan_removes_and_moves_by_acts_from_their_date_and_keeps_the_consuntivi()
    {
        var plan = await NewPlanAsync();
        await _office.PostActualOkAsync(plan, "B.I1", """{"year":2021,"period":"Y","value":80,"reportedOn":"2021-06-30"}""");
        Assert.Equal(HttpStatusCode.OK, (await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"act":"Delibera n. 3/2021","date":"2021-01-20"}""")).StatusCode);

        // Without an act: 400 naming it; with it, B.I1 leaves the plan on 1 September (its consuntivo stays).
        var indicator = $"/api/indicators/{plan}:B.I1";
        (await (await DeleteAsync(indicator, await ETagAsync(indicator))).AssertValidationProblemAsync()).AssertError("act");
        var removed = await DeleteAsync($"{indicator}?act=Det.%20n.%2040%2F2021&date=2021-09-01&reason=Indicatore%20non%20pi%C3%B9%20misurabile",
            await ETagAsync(indicator));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Single((await _office.GetJsonOkAsync($"{indicator}/actuals?year=2021")).AsArray());

        // A1 moves under B on 1 October by another act.
        var a1 = $"/api/plans/{plan}/nodes/A1";
        var move = await _office.PatchJsonAsync(a1, new JsonObject
        {
            ["parent"] = "B", ["act"] = "Det. n. 41/2021", ["date"] = "2021-10-01", ["reason"] = "Riorganizzazione degli uffici",
        }, await ETagAsync(a1));
        Assert.True(move.StatusCode == HttpStatusCode.OK, await move.Content.ReadAsStringAsync());

        var august = await _office.ScorecardAsync(plan, 2021, "&asOf=2021-08-31");
        Assert.Equal("B.I1", (string?)TestPlans.IndicatorIn(august, "B.I1")["code"]);
        Assert.Equal("A1", (string?)TestPlans.NodeIn(august, "A")["children"]![0]!["code"]);
        var year = await _office.ScorecardAsync(plan, 2021);
        Assert.DoesNotContain(TestPlans.AllNodes(year).SelectMany(n => n["indicators"]!.AsArray()), i => (string?)i!["code"] == "B.I1");
        Assert.Empty(TestPlans.NodeIn(year, "A")["children"]!.AsArray());
        Assert.Equal("A1", (string?)TestPlans.NodeIn(year, "B")["children"]![0]!["code"]);

        var history = await ReprogrammingAsync(plan);
        Assert.Equal(["RemoveIndicator", "MoveNode"], history.Select(h => (string?)h!["kind"]));
        Assert.Equal("B.I1", (string?)history[0]!["before"]);
        Assert.Equal(("A", "B"), ((string?)history[1]!["before"], (string?)history[1]!["after"]));
        // The acts travel with the plan: its export imports as a copy with the same history.
        var export = await _office.GetJsonOkAsync($"/api/plans/{plan}/export");
        var copy = $"{plan}-C";
        export["code"] = copy;
        var imported = await _office.ImportAsync(export);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        static string Acts(JsonArray acts) => string.Join(" | ", acts.Select(a => $"{a!["kind"]} {a["node"]} {a["indicator"]} {a["before"]}→{a["after"]} {a["effectiveDate"]}"));
        Assert.Equal(Acts(history), Acts(await ReprogrammingAsync(copy)));

        var again = await DeleteAsync($"{indicator}?act=Det.%20n.%2042%2F2021&date=2021-11-01&reason=Ancora", await ETagAsync(indicator));
        Assert.Equal("already_removed", (string?)(await again.AssertProblemAsync(HttpStatusCode.Conflict))["code"]);

        // Rolled forward, the next plan starts from the tree as the acts left it: A1 under B, B.I1 left behind.
        var rolled = await _office.PostJsonTextAsync($"/api/plans/{plan}/rollover", $$"""{"code":"{{plan}}-R","startYear":2022}""");
        Assert.True(rolled.StatusCode == HttpStatusCode.Created, await rolled.Content.ReadAsStringAsync());
        var notCarried = Assert.Single((await rolled.ReadJsonAsync())["notCarried"]!.AsArray());
        Assert.StartsWith("B.I1: RemoveIndicator", (string?)notCarried);
        Assert.Contains("Det. n. 40/2021", (string?)notCarried);
        var next = await _office.GetJsonOkAsync($"/api/plans/{plan}-R/export");
        var roots = next["nodes"]!.AsArray();
        Assert.Equal(["A", "B"], roots.Select(n => (string?)n!["code"]));
        Assert.Empty(roots[0]!["children"]!.AsArray());
        Assert.Equal("A1", (string?)roots[1]!["children"]![0]!["code"]);
        Assert.Empty(roots[1]!["indicators"]!.AsArray());
        Assert.Equal("A1.I1", (string?)roots[1]!["children"]![0]!["indicators"]![0]!["code"]);
    }

    [Fact]
    public async Task A_validated_year_refuses_every_tree_change()
    {
        var plan = await NewPlanAsync();
        var actual = await _office.PostActualOkAsync(plan, "B.I1", """{"year":2021,"period":"Y","value":100,"reportedOn":"2021-12-31"}""");
        Assert.Equal(HttpStatusCode.OK, (await _office.PostAsync($"/api/actuals/{actual["id"]}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _oiv.PostAsync($"/api/actuals/{actual["id"]}/validate", null)).StatusCode);
        var validated = await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", """{"note":"Relazione validata"}""");
        Assert.True(validated.StatusCode == HttpStatusCode.OK, await validated.Content.ReadAsStringAsync());

        var node = SmallPlan.Node("C");
        node["parent"] = "A";
        var a1 = $"/api/plans/{plan}/nodes/A1";
        var a1Indicator = $"/api/indicators/{plan}:A1.I1";
        HttpResponseMessage[] changes =
        [
            await _office.PostJsonTextAsync($"/api/plans/{plan}/nodes", node.ToJsonString()),
            await _office.PostJsonTextAsync($"/api/plans/{plan}/nodes/A1/indicators", SmallPlan.Indicator("A1.I2", year: 2021).ToJsonString()),
            await _office.PatchJsonAsync(a1, new JsonObject { ["parent"] = "B" }, await ETagAsync(a1)),
            await DeleteAsync(a1Indicator, await ETagAsync(a1Indicator)),
            await DeleteAsync(a1, await ETagAsync(a1)),
        ];
        foreach (var change in changes)
            Assert.Contains("2021", (string?)(await change.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]);
        Assert.Equal(2, (await _office.GetJsonOkAsync($"/api/plans/{plan}/nodes")).AsArray().Count);
    }

    private async Task<JsonArray> ReprogrammingAsync(string plan) => (await _office.GetJsonOkAsync($"/api/plans/{plan}/reprogramming")).AsArray();

    private async Task<string> ETagAsync(string url)
    {
        var response = await _office.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.ETag();
    }

    private Task<HttpResponseMessage> DeleteAsync(string url, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _office.SendAsync(request);
    }
}
