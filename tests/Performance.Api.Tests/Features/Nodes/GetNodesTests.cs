using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Nodes;

/// <summary>GET /api/plans/{plan}/nodes and /nodes/{node}: the tree, one node by code or id, with its ETag.</summary>
public sealed class GetNodesTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();
    private const string Plan = Documents.CremonaCode;

    public Task InitializeAsync() => _client.ImportOrReplaceAsync(Documents.Cremona());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_tree_has_4_areas_7_strategic_and_23_operational_objectives()
    {
        var roots = (await _client.GetJsonAsync($"/api/plans/{Plan}/nodes")).AsArray();

        Assert.Equal(["2021_01", "2021_02", "2021_03", "2021_04"], roots.Select(r => r!["code"]!.GetValue<string>()));
        Assert.All(roots, r => Assert.Equal("StrategicArea", r!["kind"]!.GetValue<string>()));
        var strategic = roots.SelectMany(r => r!["children"]!.AsArray()).ToList();
        Assert.Equal(7, strategic.Count);
        Assert.All(strategic, n => Assert.Equal("StrategicObjective", n!["kind"]!.GetValue<string>()));
        var operational = strategic.SelectMany(s => s!["children"]!.AsArray()).ToList();
        Assert.Equal(23, operational.Count);
        Assert.All(operational, n => Assert.Equal("OperationalObjective", n!["kind"]!.GetValue<string>()));
        Assert.All(operational, n => Assert.Empty(n!["children"]!.AsArray()));
        Assert.All(strategic, s => Assert.All(s!["children"]!.AsArray(), c => Assert.Equal(s["code"]!.GetValue<string>(), c!["parent"]!.GetValue<string>())));
        Assert.All(roots, r => Assert.Null(r!["parent"]));
        Assert.Equal(34, roots.Concat(strategic).Concat(operational).Sum(n => n!["indicators"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_node_by_code_and_by_id_is_the_same_node_with_its_ETag()
    {
        var byCode = await _client.GetAsync($"/api/plans/{Plan}/nodes/2021_01_02");
        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        var node = await byCode.ReadJsonAsync();
        var id = node["id"]!.GetValue<string>();

        var byId = await _client.GetAsync($"/api/plans/{Plan}/nodes/{id}");

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(node.ToJsonString(), (await byId.ReadJsonAsync()).ToJsonString());
        Assert.Equal("2021_01_02", node["code"]!.GetValue<string>());
        Assert.Equal("2021_01", node["parent"]!.GetValue<string>());
        Assert.Equal(5, node["children"]!.AsArray().Count);
        Assert.Equal(["2021_01_02.I1"], node["indicators"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
        Assert.Matches("^\"[0-9a-f]{32}\"$", byCode.ETag());
        Assert.Equal(byCode.ETag(), node["eTag"]!.GetValue<string>());
        Assert.Equal(byCode.ETag(), byId.ETag());
    }

    [Fact]
    public async Task A_node_can_be_read_through_the_plan_id()
    {
        var plan = await _client.GetJsonAsync($"/api/plans/{Plan}");

        var node = await _client.GetJsonAsync($"/api/plans/{plan["id"]}/nodes/2021_04_02_01");

        Assert.Equal("CR-SG", node["structure"]!.GetValue<string>());
        Assert.Equal(3, node["indicators"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("NOPE", "2021_01")]
    [InlineData(Plan, "NOPE")]
    [InlineData(Plan, "00000000-0000-0000-0000-000000000000")]
    public async Task An_unknown_plan_or_node_is_a_404_problem(string plan, string node)
    {
        var problem = await (await _client.GetAsync($"/api/plans/{plan}/nodes/{node}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("NOPE".Equals(plan) ? plan : node, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_tree_of_an_unknown_plan_is_a_404_problem()
    {
        await (await _client.GetAsync("/api/plans/NOPE/nodes")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
