using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>GET /api/indicators/{indicator}/score?explain=true: enough to recompute the score by hand, policy steps included.</summary>
public sealed class GetIndicatorScoreTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonNode Step(JsonNode explained, string name) => ExplanationStep(explained["explanation"]!, name);

    private async Task<JsonNode> ScoreAsync(string plan, string indicator, decimal value)
    {
        await _client.PostActualOkAsync(plan, indicator, $$"""{ "year": 2021, "period": "Y", "value": {{value}} }""");
        return await _client.GetJsonOkAsync($"/api/indicators/{plan}:{indicator}/score?year=2021&explain=true");
    }

    [Fact]
    public async Task Explanation_lists_target_actuals_formula_policy_and_steps_and_the_cap_is_hit_at_125()
    {
        await _client.ImportOkAsync(Document("CAP", Policy(cap: 100), Node("N", indicators: [Indicator("N.I1", ">= 80%", unit: "Percent")])));
        await _client.PostActualOkAsync("CAP", "N.I1", """{ "year": 2021, "period": "Y", "value": 90 }""");
        var explained = await ScoreAsync("CAP", "N.I1", 100);

        Assert.Equal(100m, Dec(explained["actual"]));
        Assert.Equal(125m, Dec(explained["achievement"]));   // A / T × 100 = 100 / 80 × 100
        Assert.Equal(100m, Dec(explained["score"]));
        Assert.True((bool)explained["met"]!);
        Assert.Equal(">= 80%", (string?)explained["target"]);
        Assert.Equal(100m, Dec(explained["policy"]!["cap"]));

        var e = explained["explanation"]!;
        Assert.Equal(">= 80%", (string?)e["targetText"]);
        Assert.Equal("AtLeast", (string?)e["target"]!["operator"]);
        Assert.Equal(80m, Dec(e["target"]!["value"]));
        Assert.Equal("Percent", (string?)e["target"]!["unit"]);
        var used = Assert.Single(e["actualsUsed"]!.AsArray())!;
        Assert.Equal("Y", (string?)used["period"]);
        Assert.Equal(2, (int)used["revision"]!);
        Assert.Equal(100m, Dec(used["value"]));
        // PlanScoring hands the engine only the latest revision of each period, so revision 1 is not even an input.
        Assert.DoesNotContain(e["actualsIgnored"]!.AsArray(), a => (int)a!["revision"]! == 1 && (string?)a["period"] == "Y");
        Assert.Equal("A / T × 100", (string?)e["formula"]);
        Assert.Contains("100 / 80 × 100 = 125", (string?)e["calculation"], StringComparison.Ordinal);
        Assert.Equal(100m, Dec(e["cap"]));

        var names = e["steps"]!.AsArray().Select(s => (string)s!["step"]!).ToList();
        Assert.Equal(["target", "aggregation", "actual", "achievement", "cap", "score", "met", "deviation", "status"], names);
        var cap = Step(explained, "cap");
        Assert.Equal(125m, Dec(cap["before"]));
        Assert.Equal(100m, Dec(cap["value"]));
        Assert.Contains("cap", (string?)cap["description"], StringComparison.Ordinal);
        Assert.Equal(100m, Dec(Step(explained, "score")["value"]));
    }

    [Fact]
    public async Task Uncapped_policy_keeps_125()
    {
        await _client.ImportOkAsync(Document("NOCAP", Policy(cap: null), Node("N", indicators: [Indicator("N.I1", ">= 80%", unit: "Percent")])));
        var explained = await ScoreAsync("NOCAP", "N.I1", 100);
        Assert.Equal(125m, Dec(explained["achievement"]));
        Assert.Equal(125m, Dec(explained["score"]));
        Assert.Null(explained["policy"]!["cap"]);
        Assert.Null(explained["explanation"]!["cap"]);
        Assert.Equal("uncapped", (string?)Step(explained, "cap")["description"]);
        Assert.Equal(125m, Dec(Step(explained, "cap")["value"]));
        // The roll-up uses the uncapped score too.
        Assert.Equal(125m, Dec((await _client.ScorecardAsync("NOCAP"))["score"]));
    }

    [Fact]
    public async Task An_indicator_cap_overrides_the_plan_policy()
    {
        await _client.ImportOkAsync(Document("OVR", Policy(cap: null), Node("N", indicators: [Indicator("N.I1", ">= 80", cap: 110)])));
        var explained = await ScoreAsync("OVR", "N.I1", 100);
        Assert.Equal(125m, Dec(explained["achievement"]));
        Assert.Equal(110m, Dec(explained["score"]));
        Assert.Equal(110m, Dec(explained["explanation"]!["cap"]));
    }

    [Theory]
    // "<= 5", A = 4, uncapped: inverse ratio T / A × 100 = 5 / 4 × 100 = 125; reflected (2T − A) / T × 100 = (10 − 4) / 5 × 100 = 120.
    [InlineData("InverseRatio", 4, 125, "T / A × 100")]
    [InlineData("Reflected", 4, 120, "max(0, (2T − A) / T × 100)")]
    // A = 6: inverse 5 / 6 × 100 = 83,33…; reflected (10 − 6) / 5 × 100 = 80.
    [InlineData("InverseRatio", 6, 83.33, "T / A × 100")]
    [InlineData("Reflected", 6, 80, "max(0, (2T − A) / T × 100)")]
    // A = 11: reflected (10 − 11) / 5 × 100 = −20, floored at 0.
    [InlineData("Reflected", 11, 0, "max(0, (2T − A) / T × 100)")]
    public async Task Lower_is_better_follows_the_plan_formula(string formula, double actual, double expected, string formulaText)
    {
        var plan = $"LIB-{formula}-{actual}";
        await _client.ImportOkAsync(Document(plan, Policy(cap: null, lowerIsBetter: formula), Node("N", indicators: [Indicator("N.I1", "<= 5")])));
        var explained = await ScoreAsync(plan, "N.I1", (decimal)actual);
        Assert.Equal((decimal)expected, Dec(explained["achievement"]));
        Assert.Equal((decimal)expected, Dec(explained["score"]));
        Assert.Equal(formulaText, (string?)explained["explanation"]!["formula"]);
        Assert.Equal(formula, (string?)explained["explanation"]!["lowerIsBetterFormula"]);
    }

    [Fact]
    public async Task Threshold_and_bands_show_as_steps()
    {
        var bands = new JsonArray(
            new JsonObject { ["from"] = 0, ["to"] = 50, ["score"] = 0 },
            new JsonObject { ["from"] = 50, ["to"] = 75, ["score"] = 50 },
            new JsonObject { ["from"] = 75, ["to"] = 100, ["score"] = 75 },
            new JsonObject { ["from"] = 100, ["to"] = null, ["score"] = 100 });
        await _client.ImportOkAsync(Document("BANDS", Policy(threshold: 40, bands: bands),
            Node("N", indicators: [Indicator("N.LOW", ">= 100"), Indicator("N.MID", ">= 100")])));

        var low = await ScoreAsync("BANDS", "N.LOW", 30);   // 30 < soglia 40 → 0, no band can lift it
        Assert.Equal(30m, Dec(low["achievement"]));
        Assert.Equal(0m, Dec(low["score"]));
        Assert.Equal(0m, Dec(Step(low, "threshold")["value"]));
        Assert.Equal(30m, Dec(Step(low, "threshold")["before"]));

        var mid = await ScoreAsync("BANDS", "N.MID", 80);   // 80 in [75, 100) → 75
        Assert.Equal(80m, Dec(mid["achievement"]));
        Assert.Equal(75m, Dec(mid["score"]));
        Assert.Equal(75m, Dec(Step(mid, "band")["value"]));
        Assert.Equal(80m, Dec(Step(mid, "band")["before"]));
    }

    [Fact]
    public async Task The_explained_policy_carries_a_monitoring_profile_and_period_targets_keyed_by_period_code()
    {
        // The policy in the answer holds dictionaries keyed by Period: each key must be written as its code, not fail.
        var policy = Policy();
        policy["monitoring"] = new JsonObject
        {
            ["indicators"] = new JsonObject
            {
                ["SCHED.I1"] = new JsonObject
                {
                    ["profile"] = new JsonObject { ["Q1"] = 10, ["Q2"] = 20, ["Q3"] = 30, ["Q4"] = 40 },
                    ["targets"] = new JsonObject { ["2021"] = new JsonObject { ["S1"] = 25, ["M1"] = 5 } },
                },
            },
        };
        await _client.ImportOkAsync(Document("SCHED", policy, Node("N", indicators: [Indicator("SCHED.I1", ">= 100", aggregation: "Sum")])));
        var explained = await ScoreAsync("SCHED", "SCHED.I1", 100);

        var schedule = explained["policy"]!["monitoring"]!["indicators"]!["SCHED.I1"]!;
        Assert.Equal(30m, Dec(schedule["profile"]!["Q3"]));
        Assert.Equal(["Q1", "Q2", "Q3", "Q4"], schedule["profile"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(25m, Dec(schedule["targets"]!["2021"]!["S1"]));
        Assert.Equal(5m, Dec(schedule["targets"]!["2021"]!["M01"]));   // "M1" in the document, its canonical code here
    }

    [Fact]
    public async Task Milestone_explanation_and_errors()
    {
        await _client.EnsureCremonaAsync();
        await _client.PostActualOkAsync(Cremona, "2021_01_01.I2", """{ "year": 2021, "period": "Y", "completion": 60 }""");
        var explained = await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:2021_01_01.I2/score?year=2021&explain=true");
        Assert.Equal("Realizzazione del progetto", (string?)explained["explanation"]!["targetText"]);
        Assert.Equal(60m, Dec(explained["achievement"]));
        Assert.False((bool)explained["met"]!);
        Assert.Equal("completion % (SAL)", (string?)explained["explanation"]!["formula"]);

        var plain = await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:2021_01_01.I2/score?year=2021");
        Assert.Null(plain["explanation"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/indicators/{Cremona}:NOPE/score?year=2021")).StatusCode);
        await AssertValidationProblemAsync(await _client.GetAsync($"/api/indicators/{Cremona}:2021_01_01.I2/score"), "year");
    }
}
