using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Nodes;

/// <summary>
/// Issue 14, done-when: through the API alone (no import), the first strategic area of the Cremona plan is built node by
/// node, the plan adopted, and an operational objective added in July by an act; the scorecard, the reprogramming
/// history, the audit trail and asOf before and after the act's date show the plan without and with it.
/// </summary>
public sealed class TreeBuildingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Plan = "PP-2021-2023-API";
    private const string Added = "2021_01_02_06";
    private const string Parent = "2021_01_02";
    private const string Act = "Det. S.G. n. 45/2021";
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_first_area_built_node_by_node_then_an_objective_added_by_an_act_in_July()
    {
        var sample = Documents.Cremona();
        var area = sample["nodes"]![0]!.AsObject();
        await CreatePlanAsync(sample);
        var (nodes, indicators) = await PostTreeAsync(area, parent: null);
        Assert.Equal(16, nodes);
        Assert.Equal(15, indicators);

        // What was built is the sample's area, field by field, as the export writes it.
        var export = await _client.GetJsonOkAsync($"/api/plans/{Plan}/export");
        Assert.Single(export["nodes"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(area, Comparable(export["nodes"]![0]!, area)),
            $"built: {export["nodes"]![0]!.ToJsonString()}\nsample: {area.ToJsonString()}");

        await LoadConsuntiviAsync(area);
        var adopt = await _client.PostJsonTextAsync($"/api/plans/{Plan}/adopt", """{"act":"Delibera G.C. n. 12/2021","date":"2021-01-28"}""");
        Assert.True(adopt.StatusCode == HttpStatusCode.OK, await adopt.Content.ReadAsStringAsync());
        var julyBefore = await _client.ScorecardAsync(Plan, 2021, "&asOf=2021-07-14");
        var yearBefore = await _client.ScorecardAsync(Plan, 2021);

        // Adopted: without its act and reason the new objective is a 400 naming both, and nothing is stored.
        var objective = Objective();
        var refused = await _client.PostJsonTextAsync($"/api/plans/{Plan}/nodes", objective.ToJsonString());
        var errors = await refused.AssertValidationProblemAsync();
        errors.AssertError("act");
        errors.AssertError("reason");

        objective["act"] = Act;
        objective["date"] = "2021-07-15";
        objective["reason"] = "Nuovo bando per la transizione digitale approvato a luglio";
        var created = await _client.PostJsonTextAsync($"/api/plans/{Plan}/nodes", objective.ToJsonString());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.NotNull(created.Headers.ETag);
        await _client.PostActualOkAsync(Plan, $"{Added}.I1", """{"year":2021,"period":"Y","value":1,"reportedOn":"2021-07-20"}""");

        // Before the act's date the plan is what it was: the same scorecard, answer for answer.
        var julyAfter = await _client.ScorecardAsync(Plan, 2021, "&asOf=2021-07-14");
        Assert.True(JsonNode.DeepEquals(julyBefore, julyAfter), $"before: {julyBefore.ToJsonString()}\nafter: {julyAfter.ToJsonString()}");
        Assert.DoesNotContain(TestPlans.AllNodes(julyAfter), n => (string?)n["code"] == Added);

        // From it on, the objective is part of its strategic objective: scored (1 of 2 iniziative = 50) and rolled up.
        var yearAfter = await _client.ScorecardAsync(Plan, 2021);
        var indicator = TestPlans.IndicatorIn(yearAfter, $"{Added}.I1");
        Assert.True(50m == TestPlans.Dec(indicator["score"]), indicator.ToJsonString());
        var parentBefore = TestPlans.Dec(TestPlans.NodeIn(yearBefore, Parent)["score"]);
        var parentAfter = TestPlans.Dec(TestPlans.NodeIn(yearAfter, Parent)["score"]);
        Assert.NotNull(parentBefore);
        Assert.True(parentAfter < parentBefore, $"{Parent}: {parentBefore} before, {parentAfter} after");
        var children = TestPlans.NodeIn(yearAfter, Parent)["children"]!.AsArray().Select(c => (string?)c!["code"]).ToList();
        Assert.Equal(Added, children[^1]);
        // At the end of July it is in the plan, not yet scored: its year has not ended.
        var endOfJuly = await _client.ScorecardAsync(Plan, 2021, "&asOf=2021-07-31");
        Assert.Equal(Added, (string?)TestPlans.NodeIn(endOfJuly, Parent)["children"]!.AsArray()[^1]!["code"]);
        Assert.Null(TestPlans.IndicatorIn(endOfJuly, $"{Added}.I1")["score"]);

        // The history names the act, its date and what it added.
        var history = (await _client.GetJsonOkAsync($"/api/plans/{Plan}/reprogramming")).AsArray();
        var addition = Assert.Single(history);
        Assert.Equal("AddNode", (string?)addition!["kind"]);
        Assert.Equal(Added, (string?)addition["node"]);
        Assert.Equal(Added, (string?)addition["after"]);
        Assert.Equal(Act, (string?)addition["act"]);
        Assert.Equal("2021-07-15", (string?)addition["effectiveDate"]);

        // The audit trail has every step: each node and indicator created, the adoption, the addition with its act.
        var audit = (await _client.GetJsonOkAsync($"/api/audit?plan={Plan}&take=1000"))["entries"]!.AsArray();
        var actions = audit.Select(e => (string?)e!["action"]).ToList();
        Assert.Equal(nodes + 1, actions.Count(a => a == "NodeCreated"));
        Assert.Equal(indicators, actions.Count(a => a == "IndicatorCreated"));
        Assert.Contains("PlanAdopted", actions);
        var last = audit.First(e => (string?)e!["action"] == "NodeCreated")!;
        Assert.Equal(Added, (string?)last["entityCode"]);
        Assert.StartsWith(Act, (string?)last["reason"]);
        var verify = await _client.GetJsonOkAsync("/api/audit/verify");
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
    }

    private static JsonObject Objective() => new()
    {
        ["code"] = Added, ["kind"] = "OperationalObjective", ["parent"] = Parent, ["structure"] = "CR-SG",
        ["title"] = "Bando per la transizione digitale delle imprese", ["weight"] = 1,
        ["indicators"] = new JsonArray(new JsonObject
        {
            ["code"] = $"{Added}.I1", ["name"] = "Iniziative realizzate per la transizione digitale", ["type"] = "Output", ["unit"] = "Count",
            ["targets"] = new JsonObject { ["2021"] = "Almeno 2 iniziative" }, ["frequency"] = "Annual", ["aggregation"] = "Sum",
        }),
    };

    private async Task CreatePlanAsync(JsonObject sample)
    {
        var plan = new JsonObject
        {
            ["organization"] = sample["organization"]!.DeepClone(), ["code"] = Plan, ["title"] = (string?)sample["title"],
            ["startYear"] = 2021, ["endYear"] = 2023, ["scoringPolicy"] = sample["scoringPolicy"]!.DeepClone(),
        };
        var created = await _client.PostJsonTextAsync("/api/plans", plan.ToJsonString());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        // The structures the area names, each after its parent.
        var structures = sample["structures"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => (string)s["code"]!);
        var posted = new HashSet<string>();
        async Task PostStructureAsync(string code)
        {
            var structure = structures[code];
            if (structure["parent"] is JsonValue parent) await PostStructureAsync((string)parent!);
            if (!posted.Add(code)) return;
            var response = await _client.PostJsonTextAsync($"/api/plans/{Plan}/structures", structure.ToJsonString());
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        await PostStructureAsync("CR-SG");
    }

    /// <summary>Posts the node without its indicators and children, then each indicator, then each child: one call per element.</summary>
    private async Task<(int Nodes, int Indicators)> PostTreeAsync(JsonObject node, string? parent)
    {
        var body = node.DeepClone().AsObject();
        body.Remove("indicators");
        body.Remove("children");
        body["parent"] = parent;
        var code = (string)node["code"]!;
        var response = await _client.PostJsonTextAsync($"/api/plans/{Plan}/nodes", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{code}: {await response.Content.ReadAsStringAsync()}");
        var (nodes, indicators) = (1, 0);
        foreach (var indicator in node["indicators"]!.AsArray())
        {
            var posted = await _client.PostJsonTextAsync($"/api/plans/{Plan}/nodes/{code}/indicators", indicator!.ToJsonString());
            Assert.True(posted.StatusCode == HttpStatusCode.Created, $"{indicator["code"]}: {await posted.Content.ReadAsStringAsync()}");
            indicators++;
        }
        foreach (var child in node["children"]!.AsArray())
        {
            var (n, i) = await PostTreeAsync(child!.AsObject(), code);
            (nodes, indicators) = (nodes + n, indicators + i);
        }
        return (nodes, indicators);
    }

    /// <summary>The demo consuntivi 2021 of the area's indicators, with their reporting dates.</summary>
    private async Task LoadConsuntiviAsync(JsonObject area)
    {
        var codes = Codes(area).ToHashSet();
        var demo = JsonNode.Parse(File.ReadAllText(Repository.SamplePath("cremona-2021-demo-actuals.json")))!["actuals"]!.AsArray();
        var rows = new JsonArray(demo.Where(a => codes.Contains((string)a!["indicator"]!)).Select(a => a!.DeepClone()).ToArray());
        Assert.NotEmpty(rows);
        var response = await _client.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", new JsonObject { ["actuals"] = rows }.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> Codes(JsonNode node) =>
        node["indicators"]!.AsArray().Select(i => (string)i!["code"]!).Concat(node["children"]!.AsArray().SelectMany(c => Codes(c!)));

    /// <summary>The exported node with only the members the sample writes (export adds members the sample leaves out).</summary>
    private static JsonNode Comparable(JsonNode exported, JsonNode sample) => (exported, sample) switch
    {
        (JsonObject e, JsonObject s) => new JsonObject(s.Select(p => KeyValuePair.Create(p.Key, e[p.Key] is { } v ? Comparable(v, p.Value!) : null))),
        (JsonArray e, JsonArray s) when e.Count == s.Count => new JsonArray(e.Select((v, i) => v is null ? null : Comparable(v, s[i]!)).ToArray()),
        _ => exported.DeepClone(),
    };
}
