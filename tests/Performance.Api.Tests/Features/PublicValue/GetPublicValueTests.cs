using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.PublicValue;

/// <summary>GET /api/plans/{plan}/public-value over real HTTP: docs/public-value-and-lgg.md on small hand-written plans.</summary>
public sealed class GetPublicValueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>One common objective in SOC assigned to the given structures, each reporting its own figure.</summary>
    private async Task<string> CommonObjectivePlanAsync(string code, params (string Code, string Kind, decimal? Volume, decimal Value)[] structures)
    {
        await _client.ImportOkAsync(Plan(code,
            areas: Array(Area("SOC")),
            structures: new JsonArray(structures.Select(s => (JsonNode)Structure(s.Code, s.Kind, s.Volume)).ToArray()),
            nodes: Array(Node("OBJ", structures: structures.Select(s => s.Code).ToArray(), area: "SOC",
                indicators: Array(Indicator("OBJ.I1"))))));
        await _client.ActualsAsync(code, structures.Select(s => ("OBJ.I1", (string?)s.Code, s.Value)).ToArray());
        return code;
    }

    [Fact]
    public async Task A_territorial_VP_with_volumes_1_and_3_for_structures_at_100_and_140_is_130()
    {
        var plan = await CommonObjectivePlanAsync("PV-TERR", ("DR-A", "Territorial", 1, 100), ("DR-B", "Territorial", 3, 140));

        var vp = await _client.GetJsonAsync($"/api/plans/{plan}/public-value?year=2024");

        Assert.Equal(100m, vp["structures"].Find("code", "DR-A")["value"].Dec());
        Assert.Equal(140m, vp["structures"].Find("code", "DR-B")["value"].Dec());
        Assert.Equal(1m, vp["structures"].Find("code", "DR-A")["volume"].Dec());
        Assert.Equal(3m, vp["structures"].Find("code", "DR-B")["volume"].Dec());
        Assert.Equal(130m, vp["territorial"].Dec()); // (100·1 + 140·3) / 4
        Assert.Null(vp["central"]);
        Assert.Equal(130m, vp["institute"].Dec()); // only territorial structures: institute = territorial
        Assert.Equal(2024, vp["year"]!.GetValue<int>());
    }

    [Fact]
    public async Task Adding_a_central_structure_changes_the_institute_value_as_specified()
    {
        // Central structures count once each, whatever their volume: (110 + 120) / 2 = 115, not volume-weighted.
        var plan = await CommonObjectivePlanAsync("PV-CENTRAL",
            ("DR-A", "Territorial", 1, 100), ("DR-B", "Territorial", 3, 140), ("DC-X", "Central", 10, 110), ("DC-Y", "Central", 1, 120));

        var vp = await _client.GetJsonAsync($"/api/plans/{plan}/public-value?year=2024");

        Assert.Equal(115m, vp["central"].Dec());
        Assert.Equal(130m, vp["territorial"].Dec());
        Assert.Equal(122.5m, vp["institute"].Dec()); // (115 + 130) / 2
    }

    [Fact]
    public async Task Structure_VP_is_the_weighted_mean_of_its_area_scores_with_contributions_and_shares()
    {
        // SOC (weight 1): items 100 and 120 → area score 110; ECO (weight 3): one item 150 → 150.
        // VP = (1·110 + 3·150) / 4 = 140; contributions 27,5 and 112,5; shares 19,64 and 80,36.
        await _client.ImportOkAsync(Plan("PV-AREAS",
            areas: Array(Area("SOC", 1), Area("ECO", 3)),
            structures: Array(Structure("DR-A", "Territorial", 5)),
            nodes: Array(
                Node("SOC-1", structure: "DR-A", area: "SOC", indicators: Array(Indicator("SOC-1.I1"), Indicator("SOC-1.I2"))),
                Node("ECO-1", structure: "DR-A", area: "ECO", indicators: Array(Indicator("ECO-1.I1"))),
                // Unclassified: scored in the scorecard, but outside Valore Pubblico.
                Node("NONE-1", structure: "DR-A", indicators: Array(Indicator("NONE-1.I1"))))));
        await _client.ActualsAsync("PV-AREAS", ("SOC-1.I1", null, 100), ("SOC-1.I2", null, 120), ("ECO-1.I1", null, 150), ("NONE-1.I1", null, 10));

        var vp = await _client.GetJsonAsync("/api/plans/PV-AREAS/public-value?year=2024");

        var structure = vp["structures"].Find("code", "DR-A");
        Assert.Equal(140m, structure["value"].Dec());
        var soc = structure["areas"].Find("code", "SOC");
        var eco = structure["areas"].Find("code", "ECO");
        Assert.Equal(110m, soc["score"].Dec());
        Assert.Equal(2, soc["items"]!.GetValue<int>());
        Assert.Equal(27.5m, soc["contribution"].Dec());
        Assert.Equal(19.64m, soc["share"].Dec());
        Assert.Equal(150m, eco["score"].Dec());
        Assert.Equal(112.5m, eco["contribution"].Dec());
        Assert.Equal(80.36m, eco["share"].Dec());
        Assert.Equal(2, structure["areas"]!.AsArray().Count);
        Assert.Equal(140m, vp["territorial"].Dec());
        Assert.Equal(140m, vp["institute"].Dec());
    }

    [Fact]
    public async Task Shares_of_every_structure_sum_to_100_within_rounding()
    {
        // Three areas with awkward weights, so shares are not round numbers.
        await _client.ImportOkAsync(Plan("PV-SHARES",
            areas: Array(Area("SOC", 1), Area("ECO", 3), Area("ORG", 7)),
            structures: Array(Structure("DR-A", "Territorial", 2), Structure("DR-B", "Territorial", 7), Structure("DC-X", "Central")),
            nodes: Array(
                Node("SOC-1", structures: ["DR-A", "DR-B", "DC-X"], area: "SOC", indicators: Array(Indicator("SOC-1.I1"))),
                Node("ECO-1", structures: ["DR-A", "DR-B", "DC-X"], area: "ECO", indicators: Array(Indicator("ECO-1.I1"))),
                Node("ORG-1", structures: ["DR-A", "DR-B", "DC-X"], area: "ORG", indicators: Array(Indicator("ORG-1.I1"))))));
        await _client.ActualsAsync("PV-SHARES",
            ("SOC-1.I1", "DR-A", 97.3m), ("ECO-1.I1", "DR-A", 113.1m), ("ORG-1.I1", "DR-A", 101.7m),
            ("SOC-1.I1", "DR-B", 88.8m), ("ECO-1.I1", "DR-B", 131.9m), ("ORG-1.I1", "DR-B", 104.3m),
            ("SOC-1.I1", "DC-X", 123.4m), ("ECO-1.I1", "DC-X", 99.9m), ("ORG-1.I1", "DC-X", 111.1m));

        var vp = await _client.GetJsonAsync("/api/plans/PV-SHARES/public-value?year=2024");

        var structures = vp["structures"]!.AsArray();
        Assert.Equal(3, structures.Count);
        foreach (var s in structures)
        {
            var areas = s!["areas"]!.AsArray();
            Assert.Equal(3, areas.Count);
            Assert.InRange(areas.Sum(a => a!["share"].Dec()), 99.98m, 100.02m);
            // Contributions add up to the structure's VP (each rounded: ± 0,01 per area).
            Assert.InRange(areas.Sum(a => a!["contribution"].Dec()) - s["value"].Dec(), -0.02m, 0.02m);
        }
        // DR-A by hand: (97,3 + 3·113,1 + 7·101,7) / 11 = 1148,5 / 11 = 104,409… → 104,41
        Assert.Equal(104.41m, vp["structures"].Find("code", "DR-A")["value"].Dec());
        foreach (var level in new[] { "central", "territorial", "institute" })
        {
            var levelShares = vp["areas"]!.AsArray().Sum(a => a![level]!["share"].Dec());
            Assert.InRange(levelShares, 99.98m, 100.02m);
        }
    }

    /// <summary>DR-A owns the one objective, scored 120; DR-Z owns nothing, so it has no scored item.</summary>
    private async Task OneStructureWithoutItemsAsync(string code)
    {
        await _client.ImportOkAsync(Plan(code,
            areas: Array(Area("SOC")),
            structures: Array(Structure("DR-A", "Territorial", 1), Structure("DR-Z", "Territorial", 1)),
            nodes: Array(Node("OBJ", structure: "DR-A", area: "SOC", indicators: Array(Indicator("OBJ.I1"))))));
        await _client.ActualsAsync(code, ("OBJ.I1", null, 120));
    }

    [Fact]
    public async Task A_structure_without_scored_items_has_no_value_rather_than_zero()
    {
        await OneStructureWithoutItemsAsync("PV-EMPTY");

        var vp = await _client.GetJsonAsync("/api/plans/PV-EMPTY/public-value?year=2024");

        Assert.Null(vp["structures"].Find("code", "DR-Z")["value"]);
        Assert.Equal(120m, vp["territorial"].Dec());
    }

    [Fact]
    public async Task The_export_gives_the_exclusion_reason_in_Italian_to_an_English_reader_and_the_read_stays_English()
    {
        await OneStructureWithoutItemsAsync("PV-EXCL");

        var csv = await _client.GetStringAsync("/api/plans/PV-EXCL/public-value.csv?year=2024"); // the client reads English
        var excluded = csv.Split("\r\n").Single(line => line.StartsWith("DR-Z;", StringComparison.Ordinal));
        Assert.Contains("nessun elemento valutato", excluded);
        Assert.DoesNotContain("no scored items", csv);
        // The same client's next JSON read is still answered in its language.
        var vp = await _client.GetJsonAsync("/api/plans/PV-EXCL/public-value?year=2024");
        Assert.Contains("no scored items", (string)vp["structures"].Find("code", "DR-Z")["exclusionReason"]!);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500()
    {
        await CommonObjectivePlanAsync("PV-BAD", ("DR-A", "Territorial", 1, 100));

        var outside = await (await _client.GetAsync("/api/plans/PV-BAD/public-value?year=2031")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(outside["errors"]!["year"]);
        var missing = await (await _client.GetAsync("/api/plans/PV-BAD/public-value")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["year"]);
        await (await _client.GetAsync("/api/plans/NO-SUCH-PLAN/public-value?year=2024")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/plans/PV-BAD/public-value?year=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/api/plans/PV-BAD/public-value?year=2024&asOf=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
