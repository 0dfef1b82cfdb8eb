using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>GET /api/plans/{plan}/nodes/{node}/score?explain=true: contributions at full precision summing to the exact score.</summary>
public sealed class GetNodeScoreTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Contributions_sum_exactly_to_the_exact_score_and_weight_zero_is_listed_but_excluded()
    {
        await _client.ImportOkAsync(Document("NODE", Policy(cap: null),
            Node("P", kind: "StrategicArea",
                indicators:
                [
                    Indicator("P.I1", ">= 3", weight: 2),
                    Indicator("P.I2", ">= 7", weight: 1),
                    Indicator("P.Z", ">= 1", weight: 0),
                    Indicator("P.M", ">= 1", weight: 1),
                ],
                children: [Node("C", weight: 3, indicators: [Indicator("C.I1", ">= 9")])])));
        await _client.PostActualOkAsync("NODE", "P.I1", """{ "year": 2021, "period": "Y", "value": 2 }""");  // 2/3 × 100 = 66,66…
        await _client.PostActualOkAsync("NODE", "P.I2", """{ "year": 2021, "period": "Y", "value": 5 }""");  // 5/7 × 100 = 71,428…
        await _client.PostActualOkAsync("NODE", "P.Z", """{ "year": 2021, "period": "Y", "value": 1 }""");   // 100, weight 0
        await _client.PostActualOkAsync("NODE", "C.I1", """{ "year": 2021, "period": "Y", "value": 8 }""");  // 8/9 × 100 = 88,88…
        // P.M has no actual: excluded and the rest re-weighted (Σw = 2 + 1 + 3 = 6).

        var response = await _client.GetJsonOkAsync("/api/plans/NODE/nodes/P/score?year=2021&explain=true");
        Assert.Equal("P", (string?)response["code"]);
        Assert.Equal("StrategicArea", (string?)response["kind"]);
        var explanation = response["explanation"]!;
        var exact = Dec(explanation["exactScore"])!.Value;
        var contributions = explanation["contributions"]!.AsArray();
        Assert.Equal(["P.I1", "P.I2", "P.Z", "P.M", "C"], contributions.Select(c => (string)c!["code"]!));
        Assert.Equal(["indicator", "indicator", "indicator", "indicator", "node"], contributions.Select(c => (string)c!["type"]!));

        var byCode = contributions.ToDictionary(c => (string)c!["code"]!, c => c!);
        Assert.Equal(2m, Dec(byCode["P.I1"]["weight"]));
        Assert.Equal(2m / 6m, Dec(byCode["P.I1"]["normalizedWeight"]));
        Assert.Equal(1m / 6m, Dec(byCode["P.I2"]["normalizedWeight"]));
        Assert.Equal(3m / 6m, Dec(byCode["C"]["normalizedWeight"]));
        Assert.Equal(200m / 3m, Dec(byCode["P.I1"]["score"])); // A × 100 / T: one division (2/3 cut at 28 digits × 100 ends in …670)
        Assert.Equal(800m / 9m, Dec(byCode["C"]["score"]));

        Assert.True((bool)byCode["P.Z"]["excluded"]!);
        Assert.Equal(0m, Dec(byCode["P.Z"]["weight"]));
        Assert.Equal(100m, Dec(byCode["P.Z"]["score"]));
        Assert.Equal(0m, Dec(byCode["P.Z"]["contribution"]));
        Assert.True((bool)byCode["P.M"]["excluded"]!);
        Assert.Null(byCode["P.M"]["score"]);
        Assert.Equal(0m, Dec(byCode["P.M"]["contribution"]));
        Assert.All(new[] { "P.I1", "P.I2", "C" }, c => Assert.False((bool)byCode[c]["excluded"]!));

        // Σ contributions = exact score, to the last digit; the presented score is that, rounded half away from zero.
        var sum = contributions.Aggregate(0m, (s, c) => s + Dec(c!["contribution"])!.Value);
        Assert.Equal(exact, sum);
        Assert.Equal(Math.Round(exact, 2, MidpointRounding.AwayFromZero), Dec(response["score"]));
        // By hand: (2 × 66,666… + 71,428… + 3 × 88,888…) / 6 = 78,5714… → 78,57.
        Assert.Equal(78.57m, Dec(response["score"]));
        Assert.True(Math.Abs(exact - (2m * 200m / 3m + 500m / 7m + 3m * 800m / 9m) / 6m) < 1e-20m);

        var noExplain = await _client.GetJsonOkAsync("/api/plans/NODE/nodes/P/score?year=2021");
        Assert.Null(noExplain["explanation"]);
        Assert.Equal(78.57m, Dec(noExplain["score"]));
    }

    [Fact]
    public async Task A_node_with_nothing_scored_has_a_null_score_and_unknown_nodes_are_404()
    {
        await _client.EnsureCremonaAsync();
        var empty = await _client.GetJsonOkAsync($"/api/plans/{Cremona}/nodes/2021_03/score?year=2021&explain=true");
        Assert.Null(empty["score"]);
        Assert.Null(empty["explanation"]!["exactScore"]);
        Assert.Equal("Grey", (string?)empty["status"]);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/plans/{Cremona}/nodes/NOPE/score?year=2021")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/plans/NOPE/nodes/2021_03/score?year=2021")).StatusCode);
        await AssertValidationProblemAsync(await _client.GetAsync($"/api/plans/{Cremona}/nodes/2021_03/score?year=2030"), "year");
    }
}
