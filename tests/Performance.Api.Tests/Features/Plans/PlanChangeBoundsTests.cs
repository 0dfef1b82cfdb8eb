using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>
/// What a change of a plan must not get past (on SQLite and PostgreSQL alike): a reason longer than the audit trail keeps
/// after its act (PostgreSQL failed the write with a 500), a move under a node's own descendant, a merge into something
/// that is not a project, any change of a closed plan, a yellowFrom outside 0–100, volume years outside the plan.
/// Every refusal leaves the database as it was.
/// </summary>
public sealed class PlanChangeBoundsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static readonly string LongestAct = "Det. " + new string('n', 495);
    private const string Act = "Det. DG n. 190/2024";

    /// <summary>OBJ (structure DR-A) with child SUB; projects P1 and P2; the plan adopted when asked.</summary>
    private async Task<string> PlanAsync(string code, bool adopted = false, JsonArray? reprogramming = null, string? status = null)
    {
        var document = Plan(code,
            areas: Array(Area("SOC")),
            structures: Array(Structure("DR-A", "Territorial", 1)),
            nodes: Array(
                Node("OBJ", structure: "DR-A", area: "SOC", indicators: Array(Indicator("OBJ.I1")),
                    children: Array(Node("SUB", indicators: Array(Indicator("SUB.I1"))))),
                Project("P1", "PesStrategico", 1, "SOC"),
                Project("P2", "PesStrategico", 1, "SOC")),
            reprogramming: reprogramming);
        if (status is not null) (document["status"], document["adoptionAct"], document["adoptedOn"]) = (status, Act, "2024-01-31");
        var imported = await _client.ImportAsync(document);
        if (reprogramming is not null) return code;
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        if (adopted)
            Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonTextAsync($"/api/plans/{code}/adopt", $$"""{"act":"{{Act}}","date":"2024-01-31"}""")).StatusCode);
        return code;
    }

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        var errors = await (await send()).AssertValidationProblemAsync();
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
        return errors;
    }

    /// <summary>Creates structure DR-N (with <paramref name="act"/>'s fields) and returns its ETag.</summary>
    private async Task<string> CreatedStructureETagAsync(string plan, JsonObject act)
    {
        act["code"] = "DR-N";
        act["name"] = "Nuova";
        act["kind"] = "Central";
        var created = await _client.PostJsonTextAsync($"/api/plans/{plan}/structures", act.ToJsonString());
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return created.ETag();
    }

    private static string Reason(int length) => "Motivazione " + new string('m', length - 12);

    public static TheoryData<string> LongReasonCases() => new()
    {
        "draft node", "draft structure", "draft value area", "draft policy", "adopted node", "adopted structure patch", "reprogramming", "adopt", "adopted reprogramming in a document",
    };

    [Theory]
    [MemberData(nameof(LongReasonCases))]
    public async Task A_reason_longer_than_the_audit_trail_keeps_with_its_act_is_a_400_under_reason_and_nothing_is_stored(string what)
    {
        var code = "LR-" + Math.Abs(what.GetHashCode()).ToString(System.Globalization.CultureInfo.InvariantCulture)[..6];
        var adopted = what.StartsWith("adopted", StringComparison.Ordinal) && what != "adopted reprogramming in a document";
        if (what != "adopted reprogramming in a document") await PlanAsync(code, adopted);
        var plan = $"/api/plans/{code}";
        var tooLong = Reason(4001);
        // 500 + ": " + 3499 = 4001 characters in the audit entry.
        var tooLongWithAct = Reason(3499);
        var structureETag = what == "adopted structure patch"
            ? await CreatedStructureETagAsync(code, new JsonObject { ["act"] = Act, ["date"] = "2024-07-01", ["reason"] = "Nuova struttura" })
            : null;
        IReadOnlyDictionary<string, string[]> errors = what switch
        {
            "draft node" => await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/nodes",
                new JsonObject { ["code"] = "NEW", ["kind"] = "OperationalObjective", ["title"] = "Nuovo", ["weight"] = 1, ["reason"] = tooLong }.ToJsonString())),
            "draft structure" => await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/structures",
                new JsonObject { ["code"] = "DR-N", ["name"] = "Nuova", ["kind"] = "Central", ["reason"] = tooLong }.ToJsonString())),
            "draft value area" => await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/value-areas",
                new JsonObject { ["code"] = "ECO", ["name"] = "Economico", ["weight"] = 1, ["reason"] = tooLong }.ToJsonString())),
            "draft policy" => await RefusedAsync(async () => await _client.PatchJsonAsync($"{plan}/policy",
                new JsonObject { ["yellowFrom"] = 80, ["reason"] = tooLong }, (await _client.GetAsync($"{plan}/policy")).ETag())),
            "adopted node" => await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/nodes",
                new JsonObject { ["code"] = "NEW", ["kind"] = "OperationalObjective", ["title"] = "Nuovo", ["weight"] = 1, ["act"] = LongestAct, ["date"] = "2024-07-01", ["reason"] = tooLongWithAct }.ToJsonString())),
            "adopted structure patch" => await RefusedAsync(async () => await _client.PatchJsonAsync($"{plan}/structures/DR-N",
                new JsonObject { ["name"] = "Rinominata", ["act"] = LongestAct, ["date"] = "2024-07-01", ["reason"] = tooLongWithAct },
                structureETag!)),
            "reprogramming" => await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/reprogramming",
                new JsonObject { ["kind"] = "CancelProject", ["node"] = "P1", ["act"] = LongestAct, ["date"] = "2024-07-01", ["reason"] = tooLongWithAct }.ToJsonString())),
            "adopt" => await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/adopt",
                new JsonObject { ["act"] = LongestAct, ["date"] = "2024-01-31", ["reason"] = tooLongWithAct }.ToJsonString())),
            _ => await RefusedAsync(() => _client.ImportAsync(Plan(code, nodes: Array(Project("P1", "PesStrategico", 1)), reprogramming: Array(
                new JsonObject { ["kind"] = "CancelProject", ["node"] = "P1", ["act"] = Act, ["date"] = "2024-07-01", ["reason"] = tooLong })))),
        };
        var path = what == "adopted reprogramming in a document" ? "reprogramming[0].reason" : "reason";
        errors.AssertError(path, "at most");
    }

    [Fact]
    public async Task The_longest_reason_an_act_leaves_room_for_is_accepted()
    {
        var plan = await PlanAsync("LR-FITS", adopted: true);
        var response = await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            new JsonObject { ["kind"] = "CancelProject", ["node"] = "P1", ["act"] = LongestAct, ["date"] = "2024-07-01", ["reason"] = Reason(3498) }.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_move_under_a_descendant_is_a_400_by_the_single_act_and_in_the_plan_document()
    {
        var plan = await PlanAsync("MV-CYCLE");
        var errors = await RefusedAsync(() => _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"MoveNode","node":"OBJ","intoProject":"SUB","act":"Det. 1/2024","date":"2024-07-01","reason":"Riorganizzazione"}"""));
        errors.AssertError("intoProject", "cycle");

        var document = await RefusedAsync(() => _client.ImportAsync(Plan("MV-CYCLE-DOC",
            nodes: Array(Node("OBJ", indicators: Array(Indicator("OBJ.I1")), children: Array(Node("SUB", indicators: Array(Indicator("SUB.I1")))))),
            reprogramming: Array(new JsonObject { ["kind"] = "MoveNode", ["node"] = "OBJ", ["intoProject"] = "SUB", ["act"] = Act, ["date"] = "2024-07-01" }))));
        document.AssertError("reprogramming[0].intoProject", "cycle");
    }

    [Fact]
    public async Task A_move_under_a_node_an_earlier_act_moved_below_it_is_a_400()
    {
        var plan = await PlanAsync("MV-AFTER");
        // P2 goes under OBJ; then OBJ under P2 would close the loop.
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"MoveNode","node":"P2","intoProject":"OBJ","act":"Det. 1/2024","date":"2024-07-01","reason":"Riorganizzazione"}""")).StatusCode);
        var errors = await RefusedAsync(() => _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"MoveNode","node":"OBJ","intoProject":"P2","act":"Det. 2/2024","date":"2024-08-01","reason":"Riorganizzazione"}"""));
        errors.AssertError("intoProject", "cycle");
    }

    /// <summary>
    /// P1 goes under P2 from February and back to the top from June; P2 under P1 from March would close a loop only in
    /// March–May — after June the tree is fine, so a check of the final tree alone lets it through, and in those months
    /// P1 and P2 would drop out of every scorecard. Refused by the single act, by PATCH with an act and in the document.
    /// </summary>
    [Fact]
    public async Task A_move_that_would_close_a_loop_only_between_two_earlier_acts_is_a_400()
    {
        static JsonObject Move(string node, string? into, string date, string act) => new()
        {
            ["kind"] = "MoveNode", ["node"] = node, ["intoProject"] = into, ["act"] = act, ["date"] = date, ["reason"] = "Riorganizzazione",
        };
        JsonArray Earlier() => Array(Move("P1", "P2", "2024-02-01", "Det. 1/2024"), Move("P1", null, "2024-06-01", "Det. 2/2024"));
        var plan = await PlanAsync("MV-BETWEEN", adopted: true);
        foreach (var act in Earlier())
            Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", act!.ToJsonString())).StatusCode);

        var single = await RefusedAsync(() => _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", Move("P2", "P1", "2024-03-01", "Det. 3/2024").ToJsonString()));
        single.AssertError("intoProject", "2024-03-01");
        var url = $"/api/plans/{plan}/nodes/P2";
        var patch = await RefusedAsync(async () => await _client.PatchJsonAsync(url,
            new JsonObject { ["parent"] = "P1", ["act"] = "Det. 3/2024", ["date"] = "2024-03-01", ["reason"] = "Riorganizzazione" },
            (await _client.GetAsync(url)).ETag()));
        patch.AssertError("parent", "cycle");
        var document = await RefusedAsync(() => _client.ImportAsync(Plan("MV-BETWEEN-DOC",
            nodes: Array(Project("P1", "PesStrategico", 1), Project("P2", "PesStrategico", 1)),
            reprogramming: [.. Earlier().Select(a => a!.DeepClone()), Move("P2", "P1", "2024-03-01", "Det. 3/2024")])));
        document.AssertError("reprogramming[2].intoProject", "cycle");

        // From June, when P1 is back at the top, the same move is fine.
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", Move("P2", "P1", "2024-06-01", "Det. 3/2024").ToJsonString())).StatusCode);
    }

    [Fact]
    public async Task A_merge_into_a_node_that_is_not_a_project_is_a_400_under_intoProject()
    {
        var plan = await PlanAsync("MG-KIND");
        var errors = await RefusedAsync(() => _client.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"MergeProject","node":"P1","intoProject":"OBJ","act":"Det. 1/2024","date":"2024-07-01","reason":"Accorpamento"}"""));
        errors.AssertError("intoProject", "only into another project");
        var document = await RefusedAsync(() => _client.ImportAsync(Plan("MG-KIND-DOC",
            nodes: Array(Node("OBJ", indicators: Array(Indicator("OBJ.I1"))), Project("P1", "PesStrategico", 1)),
            reprogramming: Array(new JsonObject { ["kind"] = "MergeProject", ["node"] = "P1", ["intoProject"] = "OBJ", ["act"] = Act, ["date"] = "2024-07-01" }))));
        document.AssertError("reprogramming[0].intoProject", "only into another project");
    }

    [Fact]
    public async Task A_closed_plan_refuses_every_change_of_its_tree_targets_and_weights_with_a_409()
    {
        var plan = await PlanAsync("CL-PLAN", status: "Closed");
        var url = $"/api/plans/{plan}";
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        var node = await _client.GetAsync($"{url}/nodes/OBJ");
        var indicator = await _client.GetAsync($"/api/indicators/{plan}:OBJ.I1");
        foreach (var (what, send) in new (string, Func<Task<HttpResponseMessage>>)[]
                 {
                     ("node weight", () => _client.PatchJsonAsync($"{url}/nodes/OBJ", new JsonObject { ["weight"] = 3, ["act"] = Act, ["date"] = "2024-07-01", ["reason"] = "Nuovo peso" }, node.ETag())),
                     ("node weight without act", () => _client.PatchJsonAsync($"{url}/nodes/OBJ", new JsonObject { ["weight"] = 3 }, node.ETag())),
                     ("target", () => _client.PatchJsonAsync($"/api/indicators/{plan}:OBJ.I1", new JsonObject { ["targets"] = new JsonObject { ["2024"] = ">= 120" }, ["act"] = Act, ["date"] = "2024-07-01", ["reason"] = "Nuovo target" }, indicator.ETag())),
                     ("new node", () => _client.PostJsonTextAsync($"{url}/nodes", new JsonObject { ["code"] = "NEW", ["kind"] = "OperationalObjective", ["title"] = "Nuovo", ["weight"] = 1, ["act"] = Act, ["date"] = "2024-07-01", ["reason"] = "Nuovo obiettivo" }.ToJsonString())),
                     ("reprogramming", () => _client.PostJsonTextAsync($"{url}/reprogramming", """{"kind":"CancelProject","node":"P1","act":"Det. 1/2024","date":"2024-07-01","reason":"Annullato"}""")),
                 })
        {
            var problem = await (await send()).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.True((string?)problem["code"] == "workflow_state", $"{what}: {problem}");
            Assert.Contains("is closed", (string?)problem["detail"]);
        }
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(100.5)]
    public async Task A_yellowFrom_outside_0_to_100_is_a_400_in_the_document_and_in_the_policy_patch(double yellowFrom)
    {
        var document = Plan("YF-" + (yellowFrom < 0 ? "NEG" : "BIG"));
        document["scoringPolicy"]!["yellowFrom"] = yellowFrom;
        (await RefusedAsync(() => _client.ImportAsync(document))).AssertError("scoringPolicy.yellowFrom", "0 to 100");

        var plan = await PlanAsync("YF-PATCH-" + (yellowFrom < 0 ? "NEG" : "BIG"));
        var etag = (await _client.GetAsync($"/api/plans/{plan}/policy")).ETag();
        (await RefusedAsync(() => _client.PatchJsonAsync($"/api/plans/{plan}/policy", new JsonObject { ["yellowFrom"] = yellowFrom }, etag)))
            .AssertError("yellowFrom", "0 to 100");
    }

    [Fact]
    public async Task A_period_that_is_not_one_names_the_forecasts_too_which_are_closed_as_documented()
    {
        var plan = await PlanAsync("CP-FORECAST");
        (await RefusedAsync(() => _client.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"X9"}""")))
            .AssertError("period", "F1-F4");
        // docs/workflow.md: "a forecast closure (F2) refuses only that forecast".
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"F2","reason":"previsione chiusa"}""")).StatusCode);
    }

    [Fact]
    public async Task Volume_years_are_years_of_the_plan_whether_a_structure_is_created_or_patched()
    {
        var plan = await PlanAsync("VY-PLAN");
        (await RefusedAsync(() => _client.PostJsonTextAsync($"/api/plans/{plan}/structures",
            """{"code":"DR-B","name":"Nuova","kind":"Territorial","volumes":{"1999":10}}"""))).AssertError("volumes.1999", "years of the plan (2024-2024)");
        var etag = await CreatedStructureETagAsync(plan, new JsonObject());
        // Invariant parsing: "+2024" is not how a year is written.
        (await RefusedAsync(() => _client.PatchJsonAsync($"/api/plans/{plan}/structures/DR-N", new JsonObject { ["volumes"] = new JsonObject { ["+2024"] = 10 } }, etag)))
            .AssertError("volumes.+2024", "years of the plan");
    }
}
