using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Samples;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>
/// POST /api/plans/{plan}/rollover: the Cremona 2021-2023 demo plan rolled forward to 2022-2024 (issue 14's done-when), and a
/// small adopted plan whose acts, structures' targets and cancelled project show what "the plan as it stands" carries.
/// </summary>
public sealed class RollOverPlanTests(DemoSeededFactory factory) : IClassFixture<DemoSeededFactory>
{
    private const string Cremona = "PP-2021-2023";

    private static IEnumerable<JsonNode> Indicators(JsonNode document)
    {
        IEnumerable<JsonNode> Walk(JsonArray nodes) => nodes.SelectMany(n => n!["indicators"]!.AsArray().Select(i => i!).Concat(Walk(n["children"]!.AsArray())));
        return Walk(document["nodes"]!.AsArray());
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task Cremona_2021_2023_rolled_forward_is_a_2022_2024_draft_with_the_same_2022_2023_targets_and_the_2021_consuntivi_as_baselines()
    {
        var client = factory.CreateClient();
        var response = await client.PostJsonTextAsync($"/api/plans/{Cremona}/rollover", """{"code":"PP-2022-2024","startYear":2022}""");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJsonAsync();
        Assert.Equal(2024, (int)result["endYear"]!);
        Assert.Equal(34, (int)result["nodes"]!);
        Assert.Equal(34, (int)result["indicators"]!);
        Assert.Equal(15, (int)result["targetsCarried"]!); // the sample's 2022 and 2023 targets (the OpenAPI example shows these figures)
        Assert.Equal(34, (int)result["baselines"]!);
        Assert.Empty(result["notCarried"]!.AsArray());

        var plan = await client.GetJsonAsync("/api/plans/PP-2022-2024");
        Assert.Equal("Draft", (string?)plan["status"]);
        Assert.Equal("Piano della Performance 2022-2024", (string?)plan["title"]);
        var original = Indicators(await client.GetJsonAsync($"/api/plans/{Cremona}/export")).ToDictionary(i => (string)i["code"]!);
        var rolled = Indicators(await client.GetJsonAsync("/api/plans/PP-2022-2024/export")).ToList();
        Assert.Equal(original.Keys.Order(), rolled.Select(i => (string)i["code"]!).Order());
        var scorecard = await client.GetJsonAsync($"/api/plans/{Cremona}/scorecard?year=2021");
        foreach (var indicator in rolled)
        {
            var code = (string)indicator["code"]!;
            var source = original[code];
            // The years both plans cover carry the original targets; 2024 is the new plan's to set.
            var expected = new JsonObject();
            foreach (var year in new[] { "2022", "2023" })
                if (source["targets"]![year] is { } text) expected[year] = text.GetValue<string>();
            Assert.True(JsonNode.DeepEquals(expected, indicator["targets"]), $"{code}: {indicator["targets"]!.ToJsonString()} vs {expected.ToJsonString()}");
            // The baseline is the 2021 figure, as the 2021 scorecard shows it (a milestone: done → 100, else its completion %).
            Assert.Equal(2021, (int)indicator["baseline"]!["year"]!);
            var actual = TestPlans.IndicatorIn(scorecard, code)["actual"]!.GetValue<decimal>();
            Assert.Equal(actual, Round(indicator["baseline"]!["value"]!.GetValue<decimal>()));
        }

        // Every new node and indicator is linked to the one it came from.
        await using var connection = TrustKit.Open(factory);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM "Indicators" n JOIN "Indicators" s ON s."Id" = n."SourceIndicatorId" AND s."Code" = n."Code"
            WHERE n."PlanId" = (SELECT "Id" FROM "Plans" WHERE "Code" = 'PP-2022-2024') AND s."PlanId" = (SELECT "Id" FROM "Plans" WHERE "Code" = 'PP-2021-2023')
            """;
        Assert.Equal(34L, Convert.ToInt64(await command.ExecuteScalarAsync()));
        command.CommandText = """
            SELECT COUNT(*) FROM "Nodes" n JOIN "Nodes" s ON s."Id" = n."SourceNodeId" AND s."Code" = n."Code"
            WHERE n."PlanId" = (SELECT "Id" FROM "Plans" WHERE "Code" = 'PP-2022-2024')
            """;
        Assert.Equal((long)(int)result["nodes"]!, Convert.ToInt64(await command.ExecuteScalarAsync()));

        // The new plan is audited and its rows verify.
        var audit = (await client.GetJsonAsync("/api/audit?plan=PP-2022-2024"))["entries"]!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == "PlanRolledOver");
        var verify = await client.GetJsonAsync("/api/audit/verify");
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());

        // The same code again is a conflict.
        await (await client.PostJsonTextAsync($"/api/plans/{Cremona}/rollover", """{"code":"PP-2022-2024","startYear":2022}"""))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_rollover_needs_a_code_and_a_next_first_year_and_another_organizations_plan_does_not_exist()
    {
        var client = factory.CreateClient();
        var errors = await (await client.PostJsonTextAsync($"/api/plans/{Cremona}/rollover", """{"startYear":2021}""")).AssertValidationProblemAsync();
        errors.AssertError("code", "required");
        errors.AssertError("startYear", "2022-2024");
        (await (await client.PostJsonTextAsync($"/api/plans/{Cremona}/rollover", """{"code":"bad code","startYear":2022}""")).AssertValidationProblemAsync())
            .AssertError("code", "letters, digits");
        var inps = factory.CreateClientAs(TestIdentities.Key("Admin", "INPS"));
        await (await inps.PostJsonTextAsync($"/api/plans/{Cremona}/rollover", """{"code":"X","startYear":2022}""")).AssertProblemAsync(HttpStatusCode.NotFound);
        var viewer = factory.CreateClientAs(TestIdentities.Key("Viewer", "CCIAA-CR"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonTextAsync($"/api/plans/{Cremona}/rollover", """{"code":"X","startYear":2022}""")).StatusCode);
    }

    [Fact]
    public async Task The_plan_is_carried_as_it_stands_with_its_acts_and_structures_own_targets()
    {
        var client = factory.CreateClient();
        var document = SmallPlan.Plan("ROLL-2024", startYear: 2024, endYear: 2026,
            structures: SmallPlan.Array(SmallPlan.Structure("TOSCANA", "Territorial"), SmallPlan.Structure("VENETO", "Territorial")),
            nodes: SmallPlan.Array(
                SmallPlan.Node("OBJ", structures: ["TOSCANA", "VENETO"], indicators: SmallPlan.Array(SmallPlan.Indicator("OBJ.I1"))),
                SmallPlan.Node("PRJ", "Project", projectType: "PesStrategico", indicators: SmallPlan.Array(SmallPlan.Indicator("PRJ.K1")))));
        var obj = document["nodes"]![0]!["indicators"]![0]!;
        obj["targets"] = JsonNode.Parse("""{ "2024": ">= 100", "2025": ">= 110", "2026": ">= 120" }""");
        obj["structureTargets"] = JsonNode.Parse("""[ { "structure": "TOSCANA", "targets": { "2025": ">= 1361", "2026": ">= 1400" } } ]""");
        document["reprogramming"] = JsonNode.Parse("""
            [ { "kind": "ReviseTarget", "indicator": "OBJ.I1", "year": 2025, "target": ">= 115", "act": "Det. n. 5/2024", "date": "2024-09-01" },
              { "kind": "ChangeWeight", "indicator": "OBJ.I1", "weight": 3, "act": "Det. n. 6/2024", "date": "2024-09-01" },
              { "kind": "CancelProject", "node": "PRJ", "act": "Det. n. 7/2024", "date": "2024-10-01" } ]
            """);
        await client.ImportOkAsync(document);
        await SmallPlan.ActualsAsync(client, "ROLL-2024", ("OBJ.I1", null, 97.5m));

        var response = await client.PostJsonTextAsync("/api/plans/ROLL-2024/rollover", """{"code":"ROLL-2025","startYear":2025,"title":"Piano 2025-2027"}""");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJsonAsync();
        Assert.Equal(["PRJ: CancelProject by Det. n. 7/2024"], result["notCarried"]!.AsArray().Select(n => (string?)n));

        var rolled = await client.GetJsonAsync("/api/plans/ROLL-2025/export");
        Assert.Null(rolled["reprogramming"]);
        var indicator = Assert.Single(Indicators(rolled));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "2025": ">= 115", "2026": ">= 120" }"""), indicator["targets"]), indicator.ToJsonString());
        Assert.Equal(3m, indicator["weight"]!.GetValue<decimal>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[ { "structure": "TOSCANA", "targets": { "2025": ">= 1361", "2026": ">= 1400" } } ]"""),
            indicator["structureTargets"]), indicator.ToJsonString());
        Assert.Equal(2024, (int)indicator["baseline"]!["year"]!);
        Assert.Equal(97.5m, indicator["baseline"]!["value"]!.GetValue<decimal>());
        Assert.Equal("Piano 2025-2027", (string?)rolled["title"]);
    }
}
