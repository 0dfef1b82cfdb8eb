using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Monitoring;

/// <summary>GET /api/plans/{plan}/scorecard?year=&amp;period=: expected progress, status, forecast, explain (docs/monitoring.md).</summary>
public sealed class PeriodScorecardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Monthly(string code, string target, string aggregation)
    {
        var indicator = SmallPlan.Indicator(code, target);
        (indicator["aggregation"], indicator["frequency"]) = (aggregation, "Monthly");
        return indicator;
    }

    private static JsonNode Indicator(JsonNode card, string code) =>
        card.AllNodes().SelectMany(n => n["indicators"]!.AsArray()).Single(i => (string?)i!["code"] == code)!;

    private async Task<string> PlanAsync(string code)
    {
        var plan = Plan(code, nodes: Array(
            Node($"{code}-A", indicators: Array(Monthly($"{code}.SUM", ">= 1200", "Sum"), Monthly($"{code}.HALF", ">= 1200", "Sum"))),
            Node($"{code}-B", indicators: Array(Monthly($"{code}.RATE", ">= 90", "Last")))));
        plan["scoringPolicy"]!["monitoring"] = new JsonObject
        {
            ["indicators"] = new JsonObject
            {
                [$"{code}.HALF"] = new JsonObject { ["targets"] = new JsonObject { ["2024"] = new JsonObject { ["S1"] = 400, ["S2"] = 1200 } } },
            },
        };
        var imported = await _client.ImportAsync(plan);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var rows = new JsonArray();
        for (var m = 1; m <= 6; m++)
        {
            rows.Add(new JsonObject { ["indicator"] = $"{code}.SUM", ["year"] = 2024, ["period"] = $"M{m:00}", ["value"] = 80 });
            rows.Add(new JsonObject { ["indicator"] = $"{code}.HALF", ["year"] = 2024, ["period"] = $"M{m:00}", ["value"] = 80 });
        }
        rows.Add(new JsonObject { ["indicator"] = $"{code}.RATE", ["year"] = 2024, ["period"] = "M06", ["value"] = 72 });
        rows.Add(new JsonObject { ["indicator"] = $"{code}.RATE", ["year"] = 2024, ["period"] = "F2", ["value"] = 91 });
        var stored = await _client.PostJsonTextAsync($"/api/plans/{code}/actuals/bulk", new JsonObject { ["actuals"] = rows }.ToJsonString());
        Assert.True(stored.StatusCode == HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        return code;
    }

    [Fact]
    public async Task At_30_June_a_sum_at_40_percent_is_a_rischio_and_explicit_half_year_targets_are_used()
    {
        var plan = await PlanAsync("MON-S1");
        var card = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&period=S1&explain=true");
        Assert.Equal("S1", (string?)card["period"]);

        var sum = Indicator(card, $"{plan}.SUM");
        Assert.Equal((480m, 600m, 80m), (sum["yearToDate"].Dec(), sum["expected"].Dec(), sum["progress"].Dec()));
        Assert.Equal(("ARischio", "a rischio"), ((string?)sum["monitoringStatus"], (string?)sum["monitoringLabel"]));
        Assert.Equal((960m, false), (sum["forecast"].Dec(), (bool)sum["reachable"]!));
        Assert.Equal("ElapsedShare", (string?)sum["monitoringExplanation"]!["expectedMethod"]);
        Assert.Equal("SumProjection", (string?)sum["monitoringExplanation"]!["forecastMethod"]);
        Assert.Contains("480 × 12 ÷ 6 = 960", (string?)sum["monitoringExplanation"]!["forecastCalculation"]);

        var half = Indicator(card, $"{plan}.HALF");
        Assert.Equal((400m, 120m, "InLinea"), (half["expected"].Dec(), half["progress"].Dec(), (string?)half["monitoringStatus"]));
        Assert.Equal("PeriodTarget", (string?)half["monitoringExplanation"]!["expectedMethod"]);

        // A stock at 72 against 90: 80% is a rischio (the boundary); its F2 forecast 91 reaches the target.
        var rate = Indicator(card, $"{plan}.RATE");
        Assert.Equal((90m, 80m, "ARischio"), (rate["expected"].Dec(), rate["progress"].Dec(), (string?)rate["monitoringStatus"]));
        Assert.Equal((91m, true), (rate["forecast"].Dec(), (bool)rate["reachable"]!));
        Assert.Equal("EnteredForecast", (string?)rate["monitoringExplanation"]!["forecastMethod"]);
        Assert.Equal("forecast F2 entered: 91", (string?)rate["monitoringExplanation"]!["forecastCalculation"]);

        // Node A: (80 + min(100, 120)) / 2 = 90 → a rischio.
        var a = card["nodes"].Find("code", $"{plan}-A");
        Assert.Equal((90m, "ARischio", "a rischio"), (a["progress"].Dec(), (string?)a["monitoringStatus"], (string?)a["monitoringLabel"]));
    }

    [Fact]
    public async Task Without_explain_the_method_is_left_out_and_without_a_period_nothing_changes()
    {
        var plan = await PlanAsync("MON-Q1");
        var card = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024&period=Q1");
        var sum = Indicator(card, $"{plan}.SUM");
        Assert.Equal((240m, 300m, "ARischio"), (sum["yearToDate"].Dec(), sum["expected"].Dec(), (string?)sum["monitoringStatus"])); // the same pace as at S1
        Assert.Null(sum["monitoringExplanation"]);
        // Q1: F2 is not made yet, the stock has no consuntivo by 31 March.
        var rate = Indicator(card, $"{plan}.RATE");
        Assert.Null(rate["progress"]);
        Assert.Equal("No consuntivo for a period ending by 2024-03-31.", (string?)rate["monitoringMissingReason"]);

        var year = await _client.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2024");
        Assert.Null(year["period"]);
        Assert.Null(Indicator(year, $"{plan}.SUM")["expected"]);
    }

    [Theory]
    [InlineData("period=F2", "period")]
    [InlineData("period=Q5", "period")]
    [InlineData("period=S1&forecast=2", "forecast")]
    public async Task A_bad_period_is_a_400_naming_it(string query, string field)
    {
        var plan = await PlanAsync("MON-BAD-" + Math.Abs(query.GetHashCode() % 10000));
        var response = await _client.GetAsync($"/api/plans/{plan}/scorecard?year=2024&{query}");
        (await response.AssertValidationProblemAsync()).AssertError(field);
    }

    [Fact]
    public async Task The_monitoring_policy_is_validated_with_its_paths()
    {
        var plan = Plan("MON-POL", nodes: Array(Node("MON-POL-A", indicators: Array(SmallPlan.Indicator("MON-POL.I")))));
        plan["scoringPolicy"]!["monitoring"] = JsonNode.Parse("""
            { "onTrackFrom": 70, "atRiskFrom": 80, "entryDays": -1,
              "indicators": { "NOPE": {}, "MON-POL.I": { "profile": { "Q1": 50, "Q2": 40 }, "targets": { "2030": { "S1": 1 }, "2024": { "F1": 2 } } } } }
            """);
        var errors = await (await _client.ImportAsync(plan)).AssertValidationProblemAsync();
        errors.AssertError("scoringPolicy.monitoring.atRiskFrom");
        errors.AssertError("scoringPolicy.monitoring.entryDays");
        errors.AssertError("scoringPolicy.monitoring.indicators.NOPE", "Unknown indicator");
        errors.AssertError("scoringPolicy.monitoring.indicators.MON-POL.I.profile", "add up to 90");
        errors.AssertError("scoringPolicy.monitoring.indicators.MON-POL.I.targets.2030");
        errors.AssertError("scoringPolicy.monitoring.indicators.MON-POL.I.targets.2024.F1");
    }
}
