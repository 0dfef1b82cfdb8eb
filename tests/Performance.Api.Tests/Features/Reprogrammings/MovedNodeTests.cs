using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Reprogrammings;

/// <summary>
/// A node moved by act under another structure's objective belongs, from the act's date, to that structure for everything
/// it inherits down the tree — not only for its scores: which referente enters its figures, whose due list and review queue
/// it is in, the stratum a sample draws it from, and the value area a project is counted in.
/// </summary>
public sealed class MovedNodeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST"; // its referente key reports for structure A (TestIdentities.ReferenteStructures)
    private readonly HttpClient _office = factory.CreateClientAs(TestIdentities.Key("ControlloGestione", Org));
    private readonly HttpClient _referente = factory.CreateClientAs(TestIdentities.Key("Referente", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TestIdentities.Key("Oiv", Org));

    /// <summary>OBJ-A (structure A) and OBJ-B (structure B) with X and Y under it; an act of 1 March 2024 moves X under OBJ-A.</summary>
    private async Task<string> ImportAsync()
    {
        var code = $"MV-{Guid.NewGuid():N}"[..16];
        var document = SmallPlan.Plan(code,
            structures: SmallPlan.Array(SmallPlan.Structure("A", "Central"), SmallPlan.Structure("B", "Central")),
            nodes: SmallPlan.Array(
                SmallPlan.Node("OBJ-A", "StrategicObjective", structure: "A"),
                SmallPlan.Node("OBJ-B", "StrategicObjective", structure: "B", children: SmallPlan.Array(
                    SmallPlan.Node("X", indicators: SmallPlan.Array(SmallPlan.Indicator("X.I1"))),
                    SmallPlan.Node("Y", indicators: SmallPlan.Array(SmallPlan.Indicator("Y.I1")))))),
            reprogramming: SmallPlan.Array(new JsonObject
            {
                ["kind"] = "MoveNode", ["node"] = "X", ["intoProject"] = "OBJ-A", ["act"] = "Det. n. 5/2024", ["date"] = "2024-03-01",
                ["reason"] = "Riorganizzazione degli uffici",
            }));
        document["organization"]!["code"] = Org;
        var import = await _office.ImportAsync(document);
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        return code;
    }

    [Fact]
    public async Task A_node_moved_under_another_structure_is_that_structures_to_report_review_and_sample()
    {
        var plan = await ImportAsync();
        // Due (the year is over): X is owed by A, Y by B.
        Assert.Equal(["A:X.I1", "B:Y.I1"], DueItems(await _office.GetJsonOkAsync($"/api/plans/{plan}/due")));

        // The referente of A enters X's figure (moved under A's objective), not Y's (still under B's).
        var entered = await _referente.PostActualAsync(plan, "X.I1", """{"year":2024,"period":"Y","value":120}""");
        Assert.True(entered.StatusCode == HttpStatusCode.Created, await entered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await _referente.PostActualAsync(plan, "Y.I1", """{"year":2024,"period":"Y","value":90}""")).StatusCode);

        Assert.Equal(["B:Y.I1"], DueItems(await _office.GetJsonOkAsync($"/api/plans/{plan}/due")));
        await _office.PostActualOkAsync(plan, "Y.I1", """{"year":2024,"period":"Y","value":90}""");
        var queue = await _office.GetJsonOkAsync($"/api/plans/{plan}/actuals/queue/counts?year=2024");
        Assert.Equal(["A:1", "B:1"], queue["structures"]!.AsArray().Select(s => $"{s!["structure"]}:{s["counts"]!["Draft"]}"));

        // Submitted, X's figure is drawn from A's stratum.
        var x = (string)(await entered.ReadJsonAsync())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await _referente.PostJsonTextAsync($"/api/actuals/{x}/submit", "{}")).StatusCode);
        var sample = await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2024/samples", """{"seed":7,"size":1}""");
        Assert.True(sample.StatusCode == HttpStatusCode.Created, await sample.Content.ReadAsStringAsync());
        var item = Assert.Single((await sample.ReadJsonAsync())["items"]!.AsArray())!;
        Assert.Equal(("X.I1", "A"), ((string?)item["indicator"], (string?)item["structure"]));
    }

    [Fact]
    public async Task A_project_moved_under_another_objective_is_counted_in_its_new_parents_value_area_from_the_acts_date()
    {
        var code = $"MV-{Guid.NewGuid():N}"[..16];
        var document = SmallPlan.Plan(code, areas: SmallPlan.Array(SmallPlan.Area("V1"), SmallPlan.Area("V2")),
            nodes: SmallPlan.Array(
                SmallPlan.Node("OBJ-A", "StrategicObjective", area: "V1"),
                SmallPlan.Node("OBJ-B", "StrategicObjective", area: "V2", children: SmallPlan.Array(SmallPlan.Project("P", "PesStrategico", kpis: 1)))),
            reprogramming: SmallPlan.Array(new JsonObject
            {
                ["kind"] = "MoveNode", ["node"] = "P", ["intoProject"] = "OBJ-A", ["act"] = "Det. n. 6/2024", ["date"] = "2024-03-01",
                ["reason"] = "Progetto ricondotto all'obiettivo A",
            }));
        document["organization"]!["code"] = Org;
        var import = await _office.ImportAsync(document);
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());

        async Task<string?> AreaOfP(string query) =>
            (string?)(await _office.GetJsonOkAsync($"/api/plans/{code}/projects/summary?year=2024{query}"))["projects"]!.AsArray().Single(p => (string?)p!["code"] == "P")!["area"];
        Assert.Equal("V2", await AreaOfP("&asOf=2024-02-15"));
        Assert.Equal("V1", await AreaOfP(""));
    }

    private static List<string> DueItems(JsonNode due) =>
        due["structures"]!.AsArray().SelectMany(g => g!["items"]!.AsArray().Select(i => $"{g["key"]}:{i!["indicator"]}")).Order(StringComparer.Ordinal).ToList();
}
