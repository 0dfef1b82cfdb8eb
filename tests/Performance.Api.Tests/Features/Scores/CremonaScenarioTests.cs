using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// End to end on the real Cremona plan: invented but plausible 2021 consuntivi for all 34 indicators, loaded in one
/// bulk, then the scorecard checked against arithmetic done by hand and against its own roll-up.
/// </summary>
public sealed class CremonaScenarioTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject V(string code, string period, decimal value) =>
        new() { ["indicator"] = code, ["year"] = 2021, ["period"] = period, ["value"] = value };

    private static JsonObject R(string code, string period, decimal numerator, decimal denominator) =>
        new() { ["indicator"] = code, ["year"] = 2021, ["period"] = period, ["numerator"] = numerator, ["denominator"] = denominator };

    private static JsonObject Done(string code, bool done) => new() { ["indicator"] = code, ["year"] = 2021, ["period"] = "Y", ["done"] = done };

    private static JsonObject Sal(string code, decimal completion) =>
        new() { ["indicator"] = code, ["year"] = 2021, ["period"] = "Y", ["completion"] = completion };

    private static readonly JsonObject[] Rows =
    [
        // Area 2021_01
        R("2021_01.I1", "Q1", 170, 200), R("2021_01.I1", "Q2", 180, 210), R("2021_01.I1", "Q3", 150, 190), R("2021_01.I1", "Q4", 190, 220),
        V("2021_01.I2", "Y", 45),
        Done("2021_01_01.I1", true),
        Sal("2021_01_01.I2", 60),
        V("2021_01_01_01.I1", "S1", 1), V("2021_01_01_01.I1", "S2", 2),
        V("2021_01_01_02.I1", "Y", 1),
        V("2021_01_01_04.I1", "Y", 0),
        Done("2021_01_02.I1", true),
        V("2021_01_02_02.I1", "Y", 2),
        V("2021_01_02_04.I1", "Q1", 12), V("2021_01_02_04.I1", "Q2", 10), V("2021_01_02_04.I1", "Q3", 9), V("2021_01_02_04.I1", "Q4", 11),
        V("2021_01_02_04.I2", "Y", 9),
        V("2021_01_02_05.I1", "Y", 3),
        Done("2021_01_03.I1", false),
        R("2021_01_03.I2", "Y", 412, 500),
        V("2021_01_03_03.I1", "Y", 1),
        // Area 2021_02
        V("2021_02_01.I1", "S1", 4.5m), V("2021_02_01.I1", "S2", 5.5m),
        V("2021_02_01.I2", "Y", 98),
        R("2021_02_01.I3", "Y", 300, 400),
        V("2021_02_01_02.I1", "Y", 16),
        V("2021_02_01_03.I1", "Q1", 10), V("2021_02_01_03.I1", "Q2", 15), V("2021_02_01_03.I1", "Q3", 12), V("2021_02_01_03.I1", "Q4", 9),
        // Area 2021_03
        R("2021_03_01.I1", "Y", 88, 100),
        R("2021_03_01_03.I1", "Y", 45, 120),
        // Area 2021_04
        Done("2021_04_01.I1", true),
        Sal("2021_04_01.I2", 80),
        Done("2021_04_01_02.I1", true),
        V("2021_04_02.I1", "Y", 6.5m),
        Done("2021_04_02.I2", true),
        V("2021_04_02_01.I1", "Y", 50),
        V("2021_04_02_01.I2", "Y", 38),
        V("2021_04_02_01.I3", "Y", 3),
        V("2021_04_02_02.I1", "Y", 100),
        V("2021_04_02_02.I2", "Y", 104),
        V("2021_04_02_03.I1", "Y", 33),
        V("2021_04_02_03.I2", "Y", 7),
    ];

    [Fact]
    public async Task A_year_of_consuntivi_scores_as_computed_by_hand_and_every_node_is_the_weighted_mean_of_its_children()
    {
        await _client.ImportSampleAsync();
        var body = new JsonObject { ["actuals"] = new JsonArray(Rows.Select(r => (JsonNode)r.DeepClone()).ToArray()) };
        var response = await _client.PostJsonTextAsync($"/api/plans/{Cremona}/actuals/bulk", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJsonAsync();
        Assert.Equal(Rows.Length, (int)result["stored"]!);
        Assert.Equal(34, (int)result["indicators"]!);
        Assert.Equal(0, (int)result["newRevisions"]!);

        var card = await _client.ScorecardAsync(Cremona);
        var indicators = AllNodes(card).SelectMany(n => n["indicators"]!.AsArray()).ToList();
        Assert.Equal(34, indicators.Count);
        Assert.All(indicators, i => Assert.NotNull(i!["score"]));

        // RatioOfSums, never averaged percentages: Σnum = 170+180+150+190 = 690, Σden = 200+210+190+220 = 820,
        // rate = 690/820 × 100 = 84,1463…%; ">=80%": 84,1463…/80 × 100 = 105,1829… → 105,18, capped at 100.
        var rate = IndicatorIn(card, "2021_01.I1");
        Assert.Equal(84.15m, Dec(rate["actual"]));
        Assert.Equal(105.18m, Dec(rate["achievement"]));
        Assert.Equal(100m, Dec(rate["score"]));
        Assert.Equal(4.15m, Dec(rate["deviation"]!["points"]));            // 84,1463 − 80

        // Average of quarters against "10,00" (lower is better): (12+10+9+11)/4 = 10,5; 10/10,5 × 100 = 95,238… → 95,24, yellow.
        var days = IndicatorIn(card, "2021_01_02_04.I1");
        Assert.Equal(10.5m, Dec(days["actual"]));
        Assert.Equal(95.24m, Dec(days["achievement"]));
        Assert.False((bool)days["met"]!);
        Assert.Equal("Yellow", (string?)days["status"]);
        Assert.Equal(-5m, Dec(days["deviation"]!["relative"]));             // (10 − 10,5)/10 × 100

        // Single Y rate: 300/400 × 100 = 75%; 75/80 × 100 = 93,75.
        Assert.Equal(93.75m, Dec(IndicatorIn(card, "2021_02_01.I3")["score"]));
        // Sum of quarters "> =50": 10+15+12+9 = 46; 46/50 × 100 = 92.
        Assert.Equal(46m, Dec(IndicatorIn(card, "2021_02_01_03.I1")["actual"]));
        Assert.Equal(92m, Dec(IndicatorIn(card, "2021_02_01_03.I1")["score"]));
        // Average of semesters "<= 5gg": (4,5+5,5)/2 = 5 → 5/5 × 100 = 100, met (≤ holds at equality).
        Assert.True((bool)IndicatorIn(card, "2021_02_01.I1")["met"]!);
        // "<= 45%" with 50%: 45/50 × 100 = 90 (yellow boundary).
        Assert.Equal(90m, Dec(IndicatorIn(card, "2021_04_02_01.I1")["score"]));
        Assert.Equal("Yellow", (string?)IndicatorIn(card, "2021_04_02_01.I1")["status"]);
        // "> 38" with 38: 100 but not met.
        Assert.Equal(100m, Dec(IndicatorIn(card, "2021_04_02_01.I2")["score"]));
        Assert.False((bool)IndicatorIn(card, "2021_04_02_01.I2")["met"]!);
        // "<=100%" with 104%: 100/104 × 100 = 96,1538… → 96,15.
        Assert.Equal(96.15m, Dec(IndicatorIn(card, "2021_04_02_02.I2")["score"]));
        // Milestones: SAL 60% → 60; not done → 0; done → 100.
        Assert.Equal(60m, Dec(IndicatorIn(card, "2021_01_01.I2")["score"]));
        Assert.Equal(0m, Dec(IndicatorIn(card, "2021_01_03.I1")["score"]));
        Assert.Equal(100m, Dec(IndicatorIn(card, "2021_04_01_02.I1")["score"]));
        // "almeno 2 bandi" as a sum of semesters: 1+2 = 3 → 150 → capped at 100.
        Assert.Equal(150m, Dec(IndicatorIn(card, "2021_01_01_01.I1")["achievement"]));
        Assert.Equal(100m, Dec(IndicatorIn(card, "2021_01_01_01.I1")["score"]));

        // Every node = Σ wᵢ·sᵢ / Σ wᵢ over its scored children (indicators and child nodes), recomputed from the presented
        // (2-decimal) figures: each input is within 0,005 of the exact one, so the mean is within 0,01 of the node's score.
        foreach (var node in AllNodes(card))
        {
            var children = node["indicators"]!.AsArray().Concat(node["children"]!.AsArray())
                .Select(c => (Weight: Dec(c!["weight"])!.Value, Score: Dec(c["score"])))
                .Where(c => c.Weight > 0 && c.Score is not null).ToList();
            if (children.Count == 0)
            {
                Assert.Null(node["score"]);
                continue;
            }
            var mean = children.Sum(c => c.Weight * c.Score!.Value) / children.Sum(c => c.Weight);
            var score = Dec(node["score"]);
            Assert.NotNull(score);
            Assert.True(Math.Abs(mean - score!.Value) <= 0.01m, $"{node["code"]}: weighted mean {mean} vs {score}");
        }

        var areas = card["nodes"]!.AsArray().Select(a => Dec(a!["score"])!.Value).ToList();
        Assert.Equal(4, areas.Count);
        Assert.NotNull(Dec(card["score"]));
        Assert.True(Math.Abs(areas.Average() - Dec(card["score"])!.Value) <= 0.01m);
        // Area 2021_03 by hand: its own indicators are missing, the strategic objective 2021_03_01 has
        // I1 = 88/100 → 110 → 100 and (child 2021_03_01_03) 45/120 = 37,5% vs 30% → 125 → 100: everything 100.
        Assert.Equal(100m, Dec(NodeIn(card, "2021_03")["score"]));

        // The node endpoint agrees with the scorecard at full precision.
        var area1 = await _client.GetJsonOkAsync($"/api/plans/{Cremona}/nodes/2021_01/score?year=2021&explain=true");
        Assert.Equal(Dec(NodeIn(card, "2021_01")["score"]), Dec(area1["score"]));
        Assert.Equal(Dec(area1["explanation"]!["exactScore"]),
            area1["explanation"]!["contributions"]!.AsArray().Aggregate(0m, (s, c) => s + Dec(c!["contribution"])!.Value));
    }
}
