using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Review;

/// <summary>
/// The target the OIV reads beside a consuntivo in the review queue is the one the year's scorecard scores it against: the
/// adopted plan's text revised by the acts effective by the year's end, and a structure's own target for that structure's figure.
/// </summary>
public sealed class ReviewQueueTargetTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient _office = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));

    private static async Task OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private Task ReviseTargetAsync(string plan, string indicator, string target, string date, string? structure = null) =>
        OkAsync(_office.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", new JsonObject
        {
            ["kind"] = "ReviseTarget", ["indicator"] = indicator, ["year"] = 2024, ["target"] = target, ["structure"] = structure,
            ["act"] = "Det. DG n. 7/2024", ["date"] = date, ["reason"] = "Riprogrammazione di metà anno",
        }.ToJsonString()), HttpStatusCode.Created);

    [Fact]
    public async Task The_queue_shows_the_target_the_years_scorecard_scores_against()
    {
        factory.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 16, 8, 0, 0, TimeSpan.Zero));
        var code = "RQT-" + Guid.NewGuid().ToString("N")[..8];
        var shared = Indicator("I2");
        shared["structureTargets"] = JsonNode.Parse("""[ { "structure": "DR-B", "targets": { "2024": ">= 50" } } ]""");
        var document = Plan(code,
            structures: Array(Structure("DR-A", "Territorial"), Structure("DR-B", "Territorial")),
            nodes: Array(
                Node("OBJ", structure: "DR-A", indicators: Array(Indicator("I1"))),
                Node("COMMON", structures: ["DR-A", "DR-B"], indicators: Array(shared))));
        document["organization"]!["code"] = Org;
        await factory.CreateClient().ImportOkAsync(document);
        await OkAsync(_office.PostJsonTextAsync($"/api/plans/{code}/adopt", """{"act":"Delibera G.C. n. 12/2024","date":"2024-01-30","reason":"Approvazione del Piano"}"""));

        await ReviseTargetAsync(code, "I1", ">= 120", "2024-07-01");
        await ReviseTargetAsync(code, "I1", ">= 150", "2024-11-01");   // effective later this year: still the year's target
        await ReviseTargetAsync(code, "I2", ">= 60", "2024-07-01", structure: "DR-B");
        await _office.ActualsAsync(code, ("I1", null, 130), ("I2", "DR-B", 55), ("I2", null, 90));
        await OkAsync(_office.PostJsonTextAsync($"/api/plans/{code}/actuals/submit", """{"year":2024}"""));

        var queue = (await _oiv.GetJsonAsync($"/api/plans/{code}/actuals/queue?status=Submitted&year=2024")).AsArray();
        string? TargetOf(string indicator, string? structure) => (string?)queue.Single(i =>
            (string?)i!["actual"]!["indicator"] == indicator && (string?)i["actual"]!["structure"] == structure)!["target"];
        Assert.Equal(">= 150", TargetOf("I1", null));
        Assert.Equal(">= 60", TargetOf("I2", "DR-B"));     // the structure's own target, as its scorecard scores the figure
        Assert.Equal(">= 100", TargetOf("I2", null));      // the indicator-wide figure keeps the indicator's target

        // The same targets as the year's scorecards the OIV compares them with.
        var scorecard = await _oiv.GetJsonAsync($"/api/plans/{code}/scorecard?year=2024");
        Assert.Equal(TargetOf("I1", null), ScorecardTarget(scorecard, "I1"));
        Assert.Equal(TargetOf("I2", null), ScorecardTarget(scorecard, "I2"));
        var ofDrB = await _oiv.GetJsonAsync($"/api/plans/{code}/scorecard?year=2024&structure=DR-B");
        Assert.Equal(TargetOf("I2", "DR-B"), ScorecardTarget(ofDrB, "I2"));
    }

    private static string? ScorecardTarget(JsonNode scorecard, string indicator) => (string?)TestPlans.IndicatorIn(scorecard, indicator)["target"];
}
