using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>GET /api/plans/{plan}/scorecard: shape, null-not-zero, half-away-from-zero rounding, strict operators, asOf, structure.</summary>
public sealed class GetScorecardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Nothing_scored_is_null_never_zero()
    {
        await _client.EnsureCremonaAsync();
        var card = await _client.ScorecardAsync(Cremona, 2023);
        Assert.Equal(Cremona, (string?)card["plan"]);
        Assert.Equal(2023, (int)card["year"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, JsonValueKind(card, "score"));
        Assert.All(AllNodes(card), n =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, JsonValueKind(n, "score"));
            Assert.Equal("Grey", (string?)n["status"]);
            Assert.All(n["indicators"]!.AsArray(), i => Assert.Equal(System.Text.Json.JsonValueKind.Null, JsonValueKind(i!, "score")));
        });
    }

    private static System.Text.Json.JsonValueKind JsonValueKind(JsonNode node, string property)
    {
        Assert.True(node.AsObject().ContainsKey(property), $"'{property}' missing in {node.ToJsonString()}");
        return node[property]?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
    }

    [Fact]
    public async Task Shape_follows_the_contract_with_deviations()
    {
        await _client.EnsureCremonaAsync();
        // "<= 5gg", 6,25 days: inverse ratio 5 / 6,25 × 100 = 80; relative (T − A)/T × 100 = −25; ratio 1,25; difference 1,25; no points (not %).
        await _client.PostActualOkAsync(Cremona, "2021_02_01.I1", """{ "year": 2021, "period": "Y", "value": 6.25 }""");
        // ">=60%", 45%: 75; relative −25; points −15; ratio 0,75; difference −15.
        await _client.PostActualOkAsync(Cremona, "2021_01.I2", """{ "year": 2021, "period": "Y", "value": 45 }""");
        var card = await _client.ScorecardAsync(Cremona);

        Assert.Equal(4, card["nodes"]!.AsArray().Count);
        foreach (var node in AllNodes(card))
        {
            foreach (var key in new[] { "code", "title", "kind", "weight", "score", "status", "children", "indicators" })
                Assert.True(node.AsObject().ContainsKey(key), $"node lacks '{key}': {node["code"]}");
            foreach (var indicator in node["indicators"]!.AsArray())
                foreach (var key in new[] { "code", "name", "weight", "target", "actual", "achievement", "score", "met", "status", "deviation" })
                    Assert.True(indicator!.AsObject().ContainsKey(key), $"indicator {indicator["code"]} lacks '{key}'");
        }

        var area = NodeIn(card, "2021_02");
        Assert.Equal("StrategicArea", (string?)area["kind"]);
        Assert.Equal(1m, Dec(area["weight"]));

        var days = IndicatorIn(card, "2021_02_01.I1");
        Assert.Equal("<= 5gg", (string?)days["target"]);
        Assert.Equal(6.25m, Dec(days["actual"]));
        Assert.Equal(80m, Dec(days["achievement"]));
        Assert.Equal(80m, Dec(days["score"]));
        Assert.False((bool)days["met"]!);
        Assert.Equal("Red", (string?)days["status"]);
        Assert.Equal(-25m, Dec(days["deviation"]!["relative"]));
        Assert.Null(days["deviation"]!["points"]);
        Assert.Equal(1.25m, Dec(days["deviation"]!["ratio"]));
        Assert.Equal(1.25m, Dec(days["deviation"]!["difference"]));

        var percent = IndicatorIn(card, "2021_01.I2");
        Assert.Equal(75m, Dec(percent["achievement"]));
        Assert.Equal(-25m, Dec(percent["deviation"]!["relative"]));
        Assert.Equal(-15m, Dec(percent["deviation"]!["points"]));
        Assert.Equal(0.75m, Dec(percent["deviation"]!["ratio"]));
        Assert.Equal(-15m, Dec(percent["deviation"]!["difference"]));

        // Indicators without an actual are present, unscored.
        var unscored = IndicatorIn(card, "2021_02_01.I2");
        Assert.Null(unscored["score"]);
        Assert.Null(unscored["deviation"]);
        Assert.Equal("Grey", (string?)unscored["status"]);
        // 2021_02_01 has one scored indicator (80): the others are excluded, not counted as 0.
        Assert.Equal(80m, Dec(NodeIn(card, "2021_02_01")["score"]));
    }

    [Fact]
    public async Task Rounding_is_half_away_from_zero_on_presented_numbers()
    {
        await _client.ImportOkAsync(Document("RND", null,
            Node("OGE", indicators: [Indicator("OGE.P", ">= 100"), Indicator("OGE.I", ">= 100")])));
        await _client.PostActualOkAsync("RND", "OGE.P", """{ "year": 2021, "period": "Y", "value": 93.75 }""");
        await _client.PostActualOkAsync("RND", "OGE.I", """{ "year": 2021, "period": "Y", "value": 99.46 }""");
        var card = await _client.ScorecardAsync("RND");
        // (93,75 + 99,46) / 2 = 96,605 exactly → 96,61 (banker's rounding would give 96,60).
        Assert.Equal(96.61m, Dec(NodeIn(card, "OGE")["score"]));
        Assert.Equal(96.61m, Dec(card["score"]));

        var exact = await _client.GetJsonOkAsync("/api/plans/RND/nodes/OGE/score?year=2021&explain=true");
        Assert.Equal(96.605m, Dec(exact["explanation"]!["exactScore"]));
        Assert.Equal(96.61m, Dec(exact["score"]));
    }

    [Fact]
    public async Task Strict_more_than_is_not_met_at_the_target()
    {
        await _client.EnsureCremonaAsync();
        await _client.PostActualOkAsync(Cremona, "2021_04_02_01.I2", """{ "year": 2022, "period": "Y", "value": 40 }""");
        await _client.PostActualOkAsync(Cremona, "2021_04_02_01.I2", """{ "year": 2021, "period": "Y", "value": 38 }""");
        var at = IndicatorIn(await _client.ScorecardAsync(Cremona), "2021_04_02_01.I2");
        Assert.Equal("> 38", (string?)at["target"]);
        Assert.False((bool)at["met"]!);
        Assert.Equal(100m, Dec(at["achievement"])); // 38 / 38 × 100
        Assert.Equal("Yellow", (string?)at["status"]); // not met, achievement ≥ 90

        await _client.PostActualOkAsync(Cremona, "2021_04_02_01.I2", """{ "year": 2021, "period": "Y", "value": 38.01 }""");
        Assert.True((bool)IndicatorIn(await _client.ScorecardAsync(Cremona), "2021_04_02_01.I2")["met"]!);
    }

    [Fact]
    public async Task AsOf_hides_revisions_recorded_after_the_date()
    {
        await _client.ImportOkAsync(Document("ASOF", null, Node("A1", indicators: [Indicator("A1.I1", ">= 100"), Indicator("A1.I2", ">= 100")])));
        await _client.PostActualOkAsync("ASOF", "A1.I1", """{ "year": 2021, "period": "Y", "value": 80 }""");
        await factory.BackdateAsync("ASOF", "A1.I1", "Y", 1, new DateTime(2022, 1, 15, 9, 0, 0, DateTimeKind.Utc));
        await _client.PostActualOkAsync("ASOF", "A1.I1", """{ "year": 2021, "period": "Y", "value": 95 }""");
        await _client.PostActualOkAsync("ASOF", "A1.I2", """{ "year": 2021, "period": "Y", "value": 70 }""");

        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var then = await _client.ScorecardAsync("ASOF", query: $"&asOf={yesterday:yyyy-MM-dd}");
        Assert.Equal(80m, Dec(IndicatorIn(then, "A1.I1")["actual"]));   // revision 1 only
        Assert.Null(IndicatorIn(then, "A1.I2")["score"]);                // recorded today: not known yesterday
        Assert.Equal(80m, Dec(then["score"]));
        Assert.Equal(yesterday.ToString("yyyy-MM-dd"), (string?)then["asOf"]);

        var now = await _client.ScorecardAsync("ASOF");
        Assert.Equal(95m, Dec(IndicatorIn(now, "A1.I1")["actual"]));
        Assert.Equal(82.5m, Dec(now["score"])); // (95 + 70) / 2

        var before = await _client.ScorecardAsync("ASOF", query: "&asOf=2022-01-14");
        Assert.Null(before["score"]);
    }

    [Fact]
    public async Task AsOf_mid_year_uses_only_the_quarters_ended_by_then_with_the_indicator_aggregation()
    {
        await _client.ImportOkAsync(Document("YTD", null, Node("Y1", indicators:
        [
            Indicator("Y1.SUM", ">= 100", aggregation: "Sum", frequency: "Quarterly"),
            Indicator("Y1.RATE", ">= 80%", aggregation: "RatioOfSums", frequency: "Quarterly", unit: "Percent"),
            Indicator("Y1.AVG", "<= 10", aggregation: "Average", frequency: "Quarterly"),
        ])));
        (string Q, string Sum, string Rate, string Avg, DateTime Recorded)[] quarters =
        [
            ("Q1", "10", "\"numerator\": 30, \"denominator\": 40", "8", new(2021, 4, 10, 8, 0, 0, DateTimeKind.Utc)),
            ("Q2", "20", "\"numerator\": 50, \"denominator\": 60", "12", new(2021, 6, 30, 17, 0, 0, DateTimeKind.Utc)),
            // Entered early (a projection typed as an actual): known on 30/06 but its period has not ended.
            ("Q3", "40", "\"numerator\": 10, \"denominator\": 100", "30", new(2021, 6, 20, 8, 0, 0, DateTimeKind.Utc)),
            ("Q4", "50", "\"numerator\": 90, \"denominator\": 100", "2", new(2022, 1, 12, 8, 0, 0, DateTimeKind.Utc)),
        ];
        foreach (var (q, sum, rate, avg, recorded) in quarters)
        {
            await _client.PostActualOkAsync("YTD", "Y1.SUM", $$"""{ "year": 2021, "period": "{{q}}", "value": {{sum}} }""");
            await _client.PostActualOkAsync("YTD", "Y1.RATE", $$"""{ "year": 2021, "period": "{{q}}", {{rate}} }""");
            await _client.PostActualOkAsync("YTD", "Y1.AVG", $$"""{ "year": 2021, "period": "{{q}}", "value": {{avg}} }""");
            foreach (var code in new[] { "Y1.SUM", "Y1.RATE", "Y1.AVG" }) await factory.BackdateAsync("YTD", code, q, 1, recorded);
        }

        var midYear = await _client.ScorecardAsync("YTD", query: "&asOf=2021-06-30");
        Assert.Equal(30m, Dec(IndicatorIn(midYear, "Y1.SUM")["actual"]));      // Q1 + Q2 = 10 + 20
        Assert.Equal(80m, Dec(IndicatorIn(midYear, "Y1.RATE")["actual"]));     // (30 + 50) / (40 + 60) × 100
        Assert.True((bool)IndicatorIn(midYear, "Y1.RATE")["met"]!);
        Assert.Equal(10m, Dec(IndicatorIn(midYear, "Y1.AVG")["actual"]));      // (8 + 12) / 2

        var explained = await _client.GetJsonOkAsync("/api/indicators/YTD:Y1.RATE/score?year=2021&asOf=2021-06-30&explain=true");
        Assert.Equal(["Q1", "Q2"], explained["explanation"]!["actualsUsed"]!.AsArray().Select(a => (string)a!["period"]!));
        Assert.Contains(explained["explanation"]!["actualsIgnored"]!.AsArray(), a => (string?)a!["period"] == "Q3");

        var endOfYear = await _client.ScorecardAsync("YTD", query: "&asOf=2021-12-31");
        Assert.Equal(70m, Dec(IndicatorIn(endOfYear, "Y1.SUM")["actual"]));    // Q4 recorded in January: not yet known
        var full = await _client.ScorecardAsync("YTD");
        Assert.Equal(120m, Dec(IndicatorIn(full, "Y1.SUM")["actual"]));
        Assert.Equal(60m, Dec(IndicatorIn(full, "Y1.RATE")["actual"]));        // 180 / 300 × 100
        Assert.Equal(13m, Dec(IndicatorIn(full, "Y1.AVG")["actual"]));         // 52 / 4
    }

    [Fact]
    public async Task Structure_filter_keeps_that_structure_subtree()
    {
        var document = Document("STR", null,
            Node("A", kind: "StrategicArea", children:
            [
                Node("A.1", kind: "OperationalObjective", structure: "S1", indicators: [Indicator("A.1.I", ">= 10")]),
                Node("A.2", kind: "OperationalObjective", structure: "S2", indicators: [Indicator("A.2.I", ">= 10")]),
            ]));
        document["structures"] = new JsonArray(
            new JsonObject { ["code"] = "S1", ["name"] = "Servizio uno", ["kind"] = "Central", ["type"] = "Servizio", ["region"] = null, ["parent"] = null, ["volumes"] = new JsonObject() },
            new JsonObject { ["code"] = "S2", ["name"] = "Servizio due", ["kind"] = "Central", ["type"] = "Servizio", ["region"] = null, ["parent"] = null, ["volumes"] = new JsonObject() });
        await _client.ImportOkAsync(document);
        await _client.PostActualOkAsync("STR", "A.1.I", """{ "year": 2021, "period": "Y", "value": 5 }""");
        await _client.PostActualOkAsync("STR", "A.2.I", """{ "year": 2021, "period": "Y", "value": 10 }""");

        Assert.Equal(75m, Dec((await _client.ScorecardAsync("STR"))["score"]));
        var s1 = await _client.ScorecardAsync("STR", query: "&structure=S1");
        Assert.Equal("S1", (string?)s1["structure"]);
        Assert.Equal(["A", "A.1"], AllNodes(s1).Select(n => (string)n["code"]!));
        Assert.Equal(50m, Dec(s1["score"]));
        var s2 = await _client.ScorecardAsync("STR", query: "&structure=S2");
        Assert.Equal(["A", "A.2"], AllNodes(s2).Select(n => (string)n["code"]!));
        Assert.Equal(100m, Dec(s2["score"]));

        await AssertValidationProblemAsync(await _client.GetAsync("/api/plans/STR/scorecard?year=2021&structure=NOPE"), "structure");
    }

    [Theory]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2020", HttpStatusCode.BadRequest, "year")]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2024", HttpStatusCode.BadRequest, "year")]
    [InlineData("/api/plans/PP-2021-2023/scorecard", HttpStatusCode.BadRequest, "year")]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2021&forecast=5", HttpStatusCode.BadRequest, "forecast")]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=abc", HttpStatusCode.BadRequest, null)]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2021&asOf=yesterday", HttpStatusCode.BadRequest, null)]
    [InlineData("/api/plans/NOPE/scorecard?year=2021", HttpStatusCode.NotFound, null)]
    public async Task Bad_queries_are_400_and_unknown_plans_404(string url, HttpStatusCode expected, string? field)
    {
        await _client.EnsureCremonaAsync();
        var response = await _client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) await AssertValidationProblemAsync(response, field);
    }
}
