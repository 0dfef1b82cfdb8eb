using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// Comparisons across years and plans: GET /api/plans/{plan}/indicators/{indicator}/trend follows the roll-forward links, and
/// scorecard compare=previousYear puts the year before beside each element (from the source plan when this one starts then).
/// </summary>
public sealed class PlanIndicatorTrendTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();

    // A (2024-2026): >= 100 each year; 97.5 in 2024, 105 in 2025. Rolled forward to B (2025-2027): 110 in 2025, 120 in 2026.
    public async Task InitializeAsync()
    {
        if ((await _client.GetAsync("/api/plans/TREND-B")).StatusCode == HttpStatusCode.OK) return;
        var a = Plan("TREND-A", startYear: 2024, endYear: 2026, nodes: Array(Node("OBJ", indicators: Array(Indicator("OBJ.I1")))));
        a["nodes"]![0]!["indicators"]![0]!["targets"] = JsonNode.Parse("""{ "2024": ">= 100", "2025": ">= 100", "2026": ">= 100" }""");
        await _client.ImportOkAsync(a);
        await _client.ActualsAsync("TREND-A", 2024, ("OBJ.I1", null, 97.5m));
        await _client.ActualsAsync("TREND-A", 2025, ("OBJ.I1", null, 105m));
        var rolled = await _client.PostJsonTextAsync("/api/plans/TREND-A/rollover", """{"code":"TREND-B","startYear":2025}""");
        Assert.True(rolled.StatusCode == HttpStatusCode.Created, await rolled.Content.ReadAsStringAsync());
        await _client.ActualsAsync("TREND-B", 2025, ("OBJ.I1", null, 110m));
        await _client.ActualsAsync("TREND-B", 2026, ("OBJ.I1", null, 120m));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("TREND-A")]
    [InlineData("TREND-B")]
    public async Task The_trend_follows_the_indicator_across_linked_plans_each_year_from_the_latest_plan_with_a_figure(string from)
    {
        var trend = await _client.GetJsonAsync($"/api/plans/{from}/indicators/OBJ.I1/trend");
        var points = trend["points"]!.AsArray();
        Assert.Equal([2024, 2025, 2026, 2027], points.Select(p => (int)p!["year"]!));
        Assert.Equal(["TREND-A", "TREND-B", "TREND-B", "TREND-B"], points.Select(p => (string?)p!["plan"]));
        Assert.Equal([97.5m, 110m, 120m, null], points.Select(p => p!["actual"]?.GetValue<decimal>()));
        Assert.Equal([97.5m, 110m, 120m, null], points.Select(p => p!["achievement"]?.GetValue<decimal>()));
        Assert.Equal([">= 100", ">= 100", ">= 100", null], points.Select(p => (string?)p!["target"]));
        Assert.Equal("Grey", (string?)points[3]!["status"]);
    }

    [Fact]
    public async Task Compare_previous_year_puts_the_year_before_beside_each_element_from_the_source_plan_when_needed()
    {
        // B starts in 2025: its 2024 is A's.
        var first = await _client.GetJsonAsync("/api/plans/TREND-B/scorecard?year=2025&compare=previousYear");
        var node = first["nodes"]![0]!;
        Assert.Equal(2024, (int)node["previousYear"]!["year"]!);
        Assert.Equal("TREND-A", (string?)node["previousYear"]!["plan"]);
        Assert.Equal(97.5m, node["previousYear"]!["score"]!.GetValue<decimal>());
        Assert.Null(node["previousYear"]!["achievement"]);
        var indicator = node["indicators"]![0]!;
        Assert.Equal(110m, indicator["achievement"]!.GetValue<decimal>());
        Assert.Equal(97.5m, indicator["previousYear"]!["achievement"]!.GetValue<decimal>());

        // Within B: 2026 beside B's own 2025.
        var second = await _client.GetJsonAsync("/api/plans/TREND-B/scorecard?year=2026&compare=previousYear");
        Assert.Equal("TREND-B", (string?)second["nodes"]![0]!["indicators"]![0]!["previousYear"]!["plan"]);
        Assert.Equal(110m, second["nodes"]![0]!["indicators"]![0]!["previousYear"]!["achievement"]!.GetValue<decimal>());

        // A's first year has no year before: the figures are null, the year is said.
        var none = (await _client.GetJsonAsync("/api/plans/TREND-A/scorecard?year=2024&compare=previousYear"))["nodes"]![0]!["indicators"]![0]!["previousYear"]!;
        Assert.Equal(2023, (int)none["year"]!);
        Assert.Null(none["plan"]);
        Assert.Null(none["achievement"]);

        // Without compare the answer is as before; another value is a 400.
        var plain = await _client.GetJsonAsync("/api/plans/TREND-B/scorecard?year=2025");
        Assert.False(plain["nodes"]![0]!.AsObject().ContainsKey("previousYear"));
        Assert.False(plain["nodes"]![0]!["indicators"]![0]!.AsObject().ContainsKey("previousYear"));
        (await (await _client.GetAsync("/api/plans/TREND-B/scorecard?year=2025&compare=lastYear")).AssertValidationProblemAsync()).AssertError("compare");
    }
}
