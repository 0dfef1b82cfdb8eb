using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>
/// A referente of organization TEST reports for structures CR-SG, A and DR-LOM (see TestIdentities): only for indicators
/// of objectives whose (inherited) structure is theirs, and structure figures only for their own structures.
/// </summary>
public sealed class ReferenteScopeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly string Plan = "REF-" + Guid.NewGuid().ToString("N")[..8];
    private const string Org = "TEST";

    private async Task<HttpClient> SetUpAsync()
    {
        var admin = factory.CreateClient();
        var document = SmallPlan.Plan(Plan,
            structures: [SmallPlan.Structure("A", "Central"), SmallPlan.Structure("B", "Central")],
            nodes:
            [
                SmallPlan.Node("OBJ-A", "StrategicObjective", structure: "A",
                    children: [SmallPlan.Node("OP-A1", indicators: [SmallPlan.Indicator("I-A1")])]),
                SmallPlan.Node("OBJ-B", "StrategicObjective", structure: "B", indicators: [SmallPlan.Indicator("I-B")],
                    children: [SmallPlan.Node("OP-B1", indicators: [SmallPlan.Indicator("I-B1")])]),
                SmallPlan.Node("COMMON", structures: ["A", "B"], indicators: [SmallPlan.Indicator("I-C")]),
                SmallPlan.Node("ROOT", "StrategicArea", indicators: [SmallPlan.Indicator("I-ROOT")]),
            ]);
        document["organization"]!["code"] = Org;
        await admin.ImportOkAsync(document);
        return factory.CreateClientAs(TrustKit.Key("Referente", Org));
    }

    private static string Entry(string period, string? structure = null) =>
        new JsonObject { ["year"] = 2024, ["period"] = period, ["value"] = 120, ["structure"] = structure }.ToJsonString();

    [Fact]
    public async Task Single_entries_only_for_indicators_of_their_structures_inherited_down_the_tree()
    {
        var referente = await SetUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await referente.PostActualAsync(Plan, "I-A1", Entry("M01"))).StatusCode);

        var before = await DatabaseFingerprint.RowsAsync(factory);
        foreach (var indicator in new[] { "I-B", "I-B1", "I-ROOT" })
        {
            var problem = await (await referente.PostActualAsync(Plan, indicator, Entry("M02"))).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains(indicator, (string?)problem["detail"]);
        }
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task Structure_figures_only_for_their_own_structures()
    {
        var referente = await SetUpAsync();
        Assert.Equal(HttpStatusCode.Created, (await referente.PostActualAsync(Plan, "I-C", Entry("M03", "A"))).StatusCode);

        var before = await DatabaseFingerprint.RowsAsync(factory);
        await (await referente.PostActualAsync(Plan, "I-C", Entry("M03", "B"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await referente.PostActualAsync(Plan, "I-A1", Entry("M03", "B"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await referente.PostActualAsync(Plan, "I-B", Entry("M03", "A"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));

        // The office enters any structure's figure.
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
        Assert.Equal(HttpStatusCode.Created, (await cg.PostActualAsync(Plan, "I-C", Entry("M03", "B"))).StatusCode);
    }

    [Fact]
    public async Task Bulk_refuses_the_whole_batch_when_one_row_is_not_theirs()
    {
        var referente = await SetUpAsync();
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var mixed = """
            {"actuals":[
              {"indicator":"I-A1","year":2024,"period":"M04","value":1},
              {"indicator":"I-C","structure":"A","year":2024,"period":"M04","value":1},
              {"indicator":"I-B","year":2024,"period":"M04","value":1}]}
            """;
        var problem = await (await referente.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", mixed)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("actuals[2]", (string?)problem["detail"]);
        var wrongStructure = """{"actuals":[{"indicator":"I-C","structure":"B","year":2024,"period":"M04","value":1}]}""";
        await (await referente.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", wrongStructure)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));

        var own = """
            {"actuals":[
              {"indicator":"I-A1","year":2024,"period":"M05","value":1},
              {"indicator":"I-C","structure":"A","year":2024,"period":"M05","value":1}]}
            """;
        var stored = await referente.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", own);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(2, (int)(await stored.ReadJsonAsync())["stored"]!);
    }

    [Fact]
    public async Task A_referente_submits_only_their_own_structures_figures()
    {
        var referente = await SetUpAsync();
        var admin = factory.CreateClient();
        var theirs = await referente.PostActualOkAsync(Plan, "I-A1", Entry("M06"));
        var others = await admin.PostActualOkAsync(Plan, "I-B", Entry("M06"));

        Assert.Equal(HttpStatusCode.OK, (await referente.PostAsync($"/api/actuals/{theirs["id"]}/submit", null)).StatusCode);
        await (await referente.PostAsync($"/api/actuals/{others["id"]}/submit", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        // ... and never validates.
        await (await referente.PostAsync($"/api/actuals/{theirs["id"]}/validate", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
