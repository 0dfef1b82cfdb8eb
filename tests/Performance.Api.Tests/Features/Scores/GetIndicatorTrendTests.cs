using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>GET /api/indicators/{indicator}/trend: year-to-date figures per period and the year's figure, with the target line.</summary>
public sealed class GetIndicatorTrendTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task ImportAsync(string code, JsonObject indicator)
    {
        var document = Document(code, Policy(cap: null), Node("N", indicators: [indicator]));
        document["organization"]!["code"] = "TEST";
        await _client.ImportOkAsync(document);
    }

    [Fact]
    public async Task Quarterly_flows_give_year_to_date_points_then_the_year_figure_equal_to_the_scorecard()
    {
        var indicator = Indicator("N.I1", ">= 100", aggregation: "Sum", frequency: "Quarterly");
        indicator["targets"]!["2022"] = "tra 80 e 90";
        await ImportAsync("TREND", indicator);
        foreach (var (period, value) in new[] { ("Q1", 20), ("Q2", 30), ("Q3", 25) })
            await _client.PostActualOkAsync("TREND", "N.I1", $$"""{ "year": 2021, "period": "{{period}}", "value": {{value}} }""");

        var viewer = factory.CreateClientAs(TestIdentities.Key("Viewer", "TEST"));
        var trend = await viewer.GetJsonOkAsync("/api/indicators/TREND:N.I1/trend");
        Assert.Equal("TREND", (string?)trend["plan"]);
        Assert.Equal("Sum", (string?)trend["aggregation"]);
        var points = trend["points"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(["2021 Q1", "2021 Q2", "2021 Q3", "2021 Y", "2022 Y", "2023 Y"],
            points.Select(p => $"{(int)p["year"]!} {(string?)p["period"]}"));
        Assert.Equal([20m, 50m, 75m, 75m], points.Take(4).Select(p => Dec(p["actual"])!.Value));
        Assert.Equal("2021-06-30", (string?)points[1]["asOf"]);
        Assert.All(points.Take(4), p => Assert.Equal(100m, Dec(p["target"])));
        Assert.Equal(50m, Dec(points[1]["achievement"]));

        var scorecard = await _client.ScorecardAsync("TREND");
        var scored = IndicatorIn(scorecard, "N.I1");
        Assert.Equal(Dec(scored["actual"]), Dec(points[3]["actual"]));
        Assert.Equal(Dec(scored["achievement"]), Dec(points[3]["achievement"]));
        Assert.Equal((string?)scored["status"], (string?)points[3]["status"]);

        // 2022: a range target draws its bounds; nothing entered yet.
        Assert.Equal(80m, Dec(points[4]["target"]));
        Assert.Equal(90m, Dec(points[4]["targetUpper"]));
        Assert.Null(points[4]["actual"]);
        Assert.Equal("Grey", (string?)points[4]["status"]);
        // 2023: no target at all.
        Assert.Null(points[5]["targetText"]);
        Assert.Null(points[5]["target"]);
    }

    [Fact]
    public async Task Viewers_read_the_trend_but_not_the_raw_actuals_and_anonymous_callers_nothing()
    {
        await ImportAsync("TRENDAUTH", Indicator("N.I1", ">= 10"));
        var viewer = factory.CreateClientAs(TestIdentities.Key("Viewer", "TEST"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/indicators/TRENDAUTH:N.I1/trend")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/indicators/TRENDAUTH:N.I1/actuals?year=2021")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClientAs(null).GetAsync("/api/indicators/TRENDAUTH:N.I1/trend")).StatusCode);
        var other = factory.CreateClientAs(TestIdentities.Key("Viewer", "OTHER"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/indicators/TRENDAUTH:N.I1/trend")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/indicators/TRENDAUTH:NOPE/trend")).StatusCode);
    }
}
