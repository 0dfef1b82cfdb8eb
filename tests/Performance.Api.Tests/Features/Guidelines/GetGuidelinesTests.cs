using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Guidelines;

/// <summary>GET /api/plans/{plan}/guidelines: LGG attuazione (≤ 100, justified below 100) and OGE result (uncapped).</summary>
public sealed class GetGuidelinesTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();
    private const string Code = "LGG";

    // P100: 1 KPI met → 100. P75: 4 KPIs, 3 met → 75. OGE-12.I1: >= 100 with 115,57 → 115,57 (no cap).
    // LGG 12 OGE (P100, P75; indicator OGE-12.I1): attuazione 87,50, result (87,50 + 115,57)/2 = 101,535 → 101,54; no justification.
    // LGG 13 OSP (P75) justified. LGG 14 OSP (P100). LGG 15 OGE (P100, P100b: 1 KPI exceeded at 130) → attuazione 100, not 130.
    // LGG 16 OSP (P75) without justification.
    public async Task InitializeAsync()
    {
        if ((await _client.GetAsync($"/api/plans/{Code}")).StatusCode == HttpStatusCode.OK) return;
        await _client.ImportOkAsync(Plan(Code,
            areas: Array(Area("SOC")),
            nodes: Array(
                Project("P100", "PesStrategico", 1, "SOC"),
                Project("P75", "PesStrategico", 4, "SOC"),
                Project("P100b", "PesStrategico", 1, "SOC"),
                Node("OGE-12", "StrategicObjective", area: "SOC", indicators: Array(Indicator("OGE-12.I1")))),
            guidelines: Array(
                Guideline(12, "OGE", ["P100", "P75"], indicators: ["OGE-12.I1"]),
                Guideline(13, "OSP", ["P75"], justification: "Ritardi nell'aggiudicazione della gara (nota 4)."),
                Guideline(14, "OSP", ["P100"]),
                Guideline(15, "OGE", ["P100", "P100b"]),
                Guideline(16, "OSP", ["P75"], justification: "   "))));
        await _client.ActualsAsync(Code,
            ("P100.K1", null, 100),
            ("P75.K1", null, 100), ("P75.K2", null, 101), ("P75.K3", null, 150), ("P75.K4", null, 80),
            ("P100b.K1", null, 130),
            ("OGE-12.I1", null, 115.57m));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<System.Text.Json.Nodes.JsonNode> LggAsync(int number) =>
        (await _client.GetJsonAsync($"/api/plans/{Code}/guidelines?year=2024")).AsArray().Single(g => g!["number"]!.GetValue<int>() == number)!;

    [Fact]
    public async Task OGE_result_is_the_uncapped_mean_of_the_project_and_indicator_components()
    {
        var oge = await LggAsync(12);

        Assert.Equal("OGE", oge["kind"]!.GetValue<string>());
        Assert.Equal(87.5m, oge["attuazione"].Dec());
        Assert.Equal(115.57m, oge["indicatorScore"].Dec());
        Assert.Equal(101.54m, oge["result"].Dec());
        Assert.False(oge["resultPartial"]!.GetValue<bool>());
        Assert.Equal([100m, 75m], oge["projects"]!.AsArray().Select(p => p!["realization"].Dec()));
        Assert.Equal(["P100", "P75"], oge["projects"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()));
        Assert.Equal(115.57m, oge["indicators"].Find("code", "OGE-12.I1")["score"].Dec());
        Assert.Equal(["4.12.a"], oge["programmes"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task An_LGG_below_100_without_justification_is_reported_as_such()
    {
        var oge = await LggAsync(12);
        Assert.True(oge["justificationRequired"]!.GetValue<bool>());
        Assert.True(oge["justificationMissing"]!.GetValue<bool>());
        Assert.Null(oge["justification"]);

        var blank = await LggAsync(16);
        Assert.Equal(75m, blank["attuazione"].Dec());
        Assert.True(blank["justificationMissing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_LGG_below_100_with_a_justification_or_at_100_is_not_missing_one()
    {
        var justified = await LggAsync(13);
        Assert.Equal(75m, justified["attuazione"].Dec());
        Assert.True(justified["justificationRequired"]!.GetValue<bool>());
        Assert.False(justified["justificationMissing"]!.GetValue<bool>());
        Assert.Equal("Ritardi nell'aggiudicazione della gara (nota 4).", justified["justification"]!.GetValue<string>());

        var full = await LggAsync(14);
        Assert.Equal(100m, full["attuazione"].Dec());
        Assert.False(full["justificationRequired"]!.GetValue<bool>());
        Assert.False(full["justificationMissing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OSP_has_no_result_and_attuazione_is_capped_at_100()
    {
        var osp = await LggAsync(13);
        Assert.Equal("OSP", osp["kind"]!.GetValue<string>());
        Assert.Null(osp["result"]);

        // A KPI exceeded at 130 % is one KPI achieved: the project is at 100 and so is the LGG.
        var capped = await LggAsync(15);
        Assert.Equal(100m, capped["attuazione"].Dec());
        Assert.Null(capped["indicatorScore"]);
        Assert.Equal(100m, capped["result"].Dec());
        Assert.True(capped["resultPartial"]!.GetValue<bool>());
        Assert.False(capped["justificationMissing"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Guidelines_are_listed_in_number_order()
    {
        var all = (await _client.GetJsonAsync($"/api/plans/{Code}/guidelines?year=2024")).AsArray();
        Assert.Equal([12, 13, 14, 15, 16], all.Select(g => g!["number"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500()
    {
        await (await _client.GetAsync($"/api/plans/{Code}/guidelines?year=2025")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync($"/api/plans/{Code}/guidelines")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/api/plans/NO-SUCH-PLAN/guidelines?year=2024")).AssertProblemAsync(HttpStatusCode.NotFound);

        var response = await _client.PostJsonTextAsync("/api/plans/import", Plan("LGG-BAD",
            nodes: Array(Project("P1", "NoPes", 1)),
            guidelines: Array(Guideline(1, "OGX", ["P1", "P-NOPE"], indicators: ["I-NOPE"]))).ToJsonString());
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["guidelines[0].kind"]);
        Assert.NotNull(problem["errors"]!["guidelines[0].projects[1]"]);
        Assert.NotNull(problem["errors"]!["guidelines[0].indicators[0]"]);
    }
}
