using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Projects;

/// <summary>GET /api/plans/{plan}/projects/summary: realization = achieved/due KPIs ×100 (≤ 100), simple means over projects.</summary>
public sealed class GetProjectSummaryTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();
    private const string Code = "PROJ";

    // P1 SOC/SOC-A PES strategico, 3 KPIs, 2 met → 66,67
    // P2 SOC/SOC-B PES istituzionale, 1 KPI met (140: achievement over 100 still counts once) → 100
    // P3 ECO No PES, 2 KPIs met → 100
    // P4 ECO PES strategico, 2 KPIs, 1 met (99 vs >= 100 is not met) → 50
    public async Task InitializeAsync()
    {
        if ((await _client.GetAsync($"/api/plans/{Code}")).StatusCode == HttpStatusCode.OK) return;
        await _client.ImportOkAsync(Plan(Code,
            areas: Array(Area("SOC", 1, "SOC-A", "SOC-B"), Area("ECO")),
            nodes: Array(
                Project("P1", "PesStrategico", 3, "SOC", "SOC-A"),
                Project("P2", "PesIstituzionale", 1, "SOC", "SOC-B"),
                Project("P3", "NoPes", 2, "ECO"),
                Project("P4", "PesStrategico", 2, "ECO"))));
        await _client.ActualsAsync(Code,
            ("P1.K1", null, 100), ("P1.K2", null, 120), ("P1.K3", null, 60),
            ("P2.K1", null, 140),
            ("P3.K1", null, 100), ("P3.K2", null, 100),
            ("P4.K1", null, 100), ("P4.K2", null, 99));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_project_with_3_KPIs_2_met_is_realized_at_66_67_and_realization_never_exceeds_100()
    {
        var summary = await _client.GetJsonAsync($"/api/plans/{Code}/projects/summary?year=2024");

        var p1 = summary["projects"].Find("code", "P1");
        Assert.Equal(3, p1["kpisDue"]!.GetValue<int>());
        Assert.Equal(2, p1["kpisAchieved"]!.GetValue<int>());
        Assert.Equal(66.67m, p1["realization"].Dec());
        Assert.Equal(100m, summary["projects"].Find("code", "P2")["realization"].Dec());
        Assert.Equal(50m, summary["projects"].Find("code", "P4")["realization"].Dec());
        Assert.Equal("PesStrategico", p1["type"]!.GetValue<string>());
        Assert.Equal("SOC", p1["area"]!.GetValue<string>());
        Assert.Equal("SOC-A", p1["subArea"]!.GetValue<string>());
        Assert.All(summary["projects"]!.AsArray(), p => Assert.InRange(p!["realization"].Dec(), 0m, 100m));
    }

    [Fact]
    public async Task The_summary_is_a_simple_mean_over_projects_with_counts_and_complete_percent()
    {
        var summary = await _client.GetJsonAsync($"/api/plans/{Code}/projects/summary?year=2024");

        var overall = summary["overall"]!;
        Assert.Equal(79.17m, overall["realization"].Dec()); // (66,666… + 100 + 100 + 50) / 4 = 79,1666…
        Assert.Equal(4, overall["count"]!.GetValue<int>());
        Assert.Equal(4, overall["measured"]!.GetValue<int>());
        Assert.Equal(2, overall["complete"]!.GetValue<int>());
        Assert.Equal(2, overall["delayed"]!.GetValue<int>());
        Assert.Equal(50m, overall["completePercent"].Dec());
        Assert.Equal(50m, overall["delayedPercent"].Dec());
        Assert.Equal(2, overall["byType"]!["pesStrategico"]!.GetValue<int>());
        Assert.Equal(1, overall["byType"]!["pesIstituzionale"]!.GetValue<int>());
        Assert.Equal(1, overall["byType"]!["noPes"]!.GetValue<int>());

        var soc = summary["byArea"].Find("area", "SOC");
        Assert.Equal(83.33m, soc["realization"].Dec()); // (66,666… + 100) / 2
        Assert.Equal(2, soc["count"]!.GetValue<int>());
        Assert.Equal(50m, soc["completePercent"].Dec());
        var eco = summary["byArea"].Find("area", "ECO");
        Assert.Equal(75m, eco["realization"].Dec());
        Assert.Equal(2, eco["count"]!.GetValue<int>());

        var subAreas = summary["bySubArea"]!.AsArray();
        Assert.Equal(66.67m, subAreas.Single(g => g!["subArea"]?.GetValue<string>() == "SOC-A")!["realization"].Dec());
        Assert.Equal(100m, subAreas.Single(g => g!["subArea"]?.GetValue<string>() == "SOC-B")!["realization"].Dec());
        var ecoWithoutSubArea = subAreas.Single(g => g!["area"]!.GetValue<string>() == "ECO")!;
        Assert.Null(ecoWithoutSubArea["subArea"]);
        Assert.Equal(75m, ecoWithoutSubArea["realization"].Dec());
        Assert.Equal(4, subAreas.Sum(g => g!["count"]!.GetValue<int>()));

        var strategico = summary["byType"].Find("type", "PesStrategico");
        Assert.Equal(58.33m, strategico["realization"].Dec()); // (66,666… + 50) / 2
        Assert.Equal(2, strategico["count"]!.GetValue<int>());
        Assert.Equal(0m, strategico["completePercent"].Dec());
        Assert.Equal(100m, summary["byType"].Find("type", "PesIstituzionale")["realization"].Dec());
        Assert.Equal(100m, summary["byType"].Find("type", "NoPes")["realization"].Dec());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500()
    {
        var outside = await (await _client.GetAsync($"/api/plans/{Code}/projects/summary?year=2023")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(outside["errors"]!["year"]);
        await (await _client.GetAsync($"/api/plans/{Code}/projects/summary")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/api/plans/NO-SUCH-PLAN/projects/summary?year=2024")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/plans/{Code}/projects/summary?year=2024&asOf=31/12/2024")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bad_project_type_in_the_plan_document_is_reported_with_its_path()
    {
        var response = await _client.PostJsonTextAsync("/api/plans/import",
            Plan("PROJ-BAD", nodes: Array(Node("P1", "Project", projectType: "Strategico"))).ToJsonString());
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["nodes[0].projectType"]);
    }
}
