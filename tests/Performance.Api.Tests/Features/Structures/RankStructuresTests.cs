using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Structures;

/// <summary>
/// Per-structure figures over real HTTP: common objectives with per-structure and national consuntivi, a structure's
/// scorecard (GET /scorecard?structure=) and the ranking (GET /structures/ranking).
/// </summary>
public sealed class RankStructuresTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();

    // DR-A, DR-B territorial; DC-X, DC-Z central. OBJ is common to DR-A, DR-B and DC-X, each with its own figure.
    // B-ONLY belongs to DR-B alone; FREE to nobody. Scores: DR-A 90, DR-B (110 + 110)/2 = 110, DC-X 110, DC-Z none.
    private const string Plan1 = "RANK";

    // xunit makes one instance per test; the class's database is shared, so the plan is imported once.
    public async Task InitializeAsync()
    {
        if ((await _client.GetAsync($"/api/plans/{Plan1}")).StatusCode == HttpStatusCode.OK) return;
        await _client.ImportOkAsync(Plan(Plan1,
            areas: Array(Area("SOC")),
            structures: Array(Structure("DR-A", "Territorial", 1), Structure("DR-B", "Territorial", 1),
                Structure("DC-X", "Central"), Structure("DC-Z", "Central")),
            nodes: Array(
                Node("OBJ", structures: ["DR-A", "DR-B", "DC-X"], area: "SOC", indicators: Array(Indicator("OBJ.I1"))),
                Node("B-ONLY", structure: "DR-B", area: "SOC", indicators: Array(Indicator("B-ONLY.I1"))),
                Node("FREE", area: "SOC", indicators: Array(Indicator("FREE.I1"))))));
        await _client.ActualsAsync(Plan1,
            ("OBJ.I1", "DR-A", 90), ("OBJ.I1", "DR-B", 110), ("OBJ.I1", "DC-X", 110), ("B-ONLY.I1", null, 110), ("FREE.I1", null, 50));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_common_objective_with_per_structure_actuals_gives_each_structure_its_own_score()
    {
        var a = await _client.GetJsonAsync($"/api/plans/{Plan1}/scorecard?year=2024&structure=DR-A");
        var b = await _client.GetJsonAsync($"/api/plans/{Plan1}/scorecard?year=2024&structure=DR-B");

        var objA = a.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ");
        var objB = b.AllNodes().Single(n => n["code"]!.GetValue<string>() == "OBJ");
        Assert.Equal(90m, objA["indicators"]![0]!["actual"].Dec());
        Assert.Equal(90m, objA["score"].Dec());
        Assert.Equal(110m, objB["indicators"]![0]!["actual"].Dec());
        Assert.Equal(110m, objB["score"].Dec());
        Assert.Equal(90m, a["score"].Dec());
        Assert.Equal("DR-A", a["structure"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_structure_scorecard_shows_only_that_structures_part()
    {
        var a = await _client.GetJsonAsync($"/api/plans/{Plan1}/scorecard?year=2024&structure=DR-A");
        var b = await _client.GetJsonAsync($"/api/plans/{Plan1}/scorecard?year=2024&structure=DR-B");
        var all = await _client.GetJsonAsync($"/api/plans/{Plan1}/scorecard?year=2024");

        Assert.Equal(["OBJ"], a.AllNodes().Select(n => n["code"]!.GetValue<string>()));
        Assert.Equal(["OBJ", "B-ONLY"], b.AllNodes().Select(n => n["code"]!.GetValue<string>()));
        Assert.Equal(["OBJ", "B-ONLY", "FREE"], all.AllNodes().Select(n => n["code"]!.GetValue<string>()));
        Assert.Equal(110m, b["score"].Dec());
    }

    [Fact]
    public async Task The_ranking_orders_structures_by_score_and_ties_share_a_rank()
    {
        var ranking = (await _client.GetJsonAsync($"/api/plans/{Plan1}/structures/ranking?year=2024")).AsArray();

        Assert.Equal(["DC-X", "DR-B", "DR-A", "DC-Z"], ranking.Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal([1, 1, 3], ranking.Take(3).Select(r => r!["rank"]!.GetValue<int>()));
        Assert.Equal([110m, 110m, 90m], ranking.Take(3).Select(r => r!["score"].Dec()));
        var unscored = ranking[3]!;
        Assert.Null(unscored["rank"]);
        Assert.Null(unscored["score"]);
        Assert.Equal(0, unscored["scoredIndicators"]!.GetValue<int>());
        Assert.Equal(2, ranking[1]!["scoredIndicators"]!.GetValue<int>()); // DR-B: OBJ.I1 and B-ONLY.I1
        Assert.Equal("Territorial", ranking[1]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_ranking_filtered_by_kind_compares_like_with_like()
    {
        var territorial = (await _client.GetJsonAsync($"/api/plans/{Plan1}/structures/ranking?year=2024&kind=Territorial")).AsArray();
        var central = (await _client.GetJsonAsync($"/api/plans/{Plan1}/structures/ranking?year=2024&kind=Central")).AsArray();

        Assert.Equal(["DR-B", "DR-A"], territorial.Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal([1, 2], territorial.Select(r => r!["rank"]!.GetValue<int>()));
        Assert.Equal(["DC-X", "DC-Z"], central.Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal(1, central[0]!["rank"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_national_actual_is_propagated_to_every_structure_unless_the_structure_has_its_own()
    {
        await _client.ImportOkAsync(Plan("RANK-NATIONAL",
            areas: Array(Area("SOC")),
            structures: Array(Structure("DR-A", "Territorial", 1), Structure("DR-B", "Territorial", 1)),
            nodes: Array(Node("COMMON", structures: ["DR-A", "DR-B"], area: "SOC",
                indicators: Array(Indicator("DEFLUSSO"), Indicator("PRODUTTIVITA"))))));
        await _client.ActualsAsync("RANK-NATIONAL", ("DEFLUSSO", null, 120), ("PRODUTTIVITA", null, 100), ("PRODUTTIVITA", "DR-A", 80));

        var a = await _client.GetJsonAsync("/api/plans/RANK-NATIONAL/scorecard?year=2024&structure=DR-A");
        var b = await _client.GetJsonAsync("/api/plans/RANK-NATIONAL/scorecard?year=2024&structure=DR-B");
        var national = await _client.GetJsonAsync("/api/plans/RANK-NATIONAL/scorecard?year=2024");

        decimal Actual(System.Text.Json.Nodes.JsonNode card, string indicator) =>
            card.AllNodes().SelectMany(n => n["indicators"]!.AsArray()).Single(i => i!["code"]!.GetValue<string>() == indicator)!["actual"].Dec();
        Assert.Equal(120m, Actual(a, "DEFLUSSO"));
        Assert.Equal(120m, Actual(b, "DEFLUSSO"));
        Assert.Equal(80m, Actual(a, "PRODUTTIVITA"));
        Assert.Equal(100m, Actual(b, "PRODUTTIVITA"));
        Assert.Equal(100m, Actual(national, "PRODUTTIVITA"));
        Assert.Equal(100m, a["score"].Dec()); // (120 + 80) / 2
        Assert.Equal(110m, b["score"].Dec()); // (120 + 100) / 2

        var vp = await _client.GetJsonAsync("/api/plans/RANK-NATIONAL/public-value?year=2024");
        Assert.Equal(100m, vp["structures"].Find("code", "DR-A")["value"].Dec());
        Assert.Equal(110m, vp["structures"].Find("code", "DR-B")["value"].Dec());
        Assert.Equal(105m, vp["territorial"].Dec());
    }

    [Fact]
    public async Task An_actual_for_an_unknown_structure_is_rejected_and_nothing_is_stored()
    {
        var response = await _client.PostJsonTextAsync($"/api/plans/{Plan1}/actuals/bulk",
            """
            { "actuals": [ { "indicator": "OBJ.I1", "structure": "DR-A", "year": 2024, "period": "Q1", "value": 1 },
                           { "indicator": "OBJ.I1", "structure": "DR-NOPE", "year": 2024, "period": "Y", "value": 1 } ] }
            """);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["actuals[1].structure"]);

        var single = await _client.PostJsonTextAsync($"/api/indicators/{Plan1}:OBJ.I1/actuals",
            """{ "year": 2024, "period": "Y", "value": 1, "structure": "DR-NOPE" }""");
        Assert.NotNull((await single.AssertProblemAsync(HttpStatusCode.BadRequest))["errors"]!["structure"]);

        var a = await _client.GetJsonAsync($"/api/plans/{Plan1}/scorecard?year=2024&structure=DR-A");
        Assert.Equal(90m, a["score"].Dec());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500()
    {
        await (await _client.GetAsync($"/api/plans/{Plan1}/structures/ranking?year=2031")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync($"/api/plans/{Plan1}/structures/ranking")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync($"/api/plans/{Plan1}/structures/ranking?year=2024&kind=Regional")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/api/plans/NO-SUCH-PLAN/structures/ranking?year=2024")).AssertProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await _client.GetAsync($"/api/plans/{Plan1}/scorecard?year=2024&structure=DR-NOPE"))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]!["structure"]);
    }
}
