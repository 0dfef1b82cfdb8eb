using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Nodes;

/// <summary>
/// A node's Valore Pubblico classification: inherited as a pair from the nearest classified node, never a sub-area of
/// another area — read where it counts, in the project summary; and kept consistent by PATCH.
/// </summary>
public sealed class NodeClassificationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static JsonArray Areas() => Array(Area("SOC", 1, "SOC-A", "SOC-B"), Area("ECO", 1, "ECO-1"));

    [Fact]
    public async Task A_project_takes_the_area_and_sub_area_of_its_nearest_classified_node_never_a_sub_area_of_another_area()
    {
        const string code = "CLASS-INHERIT";
        await _client.ImportOkAsync(Plan(code, areas: Areas(), nodes: Array(
            Node("O1", "StrategicObjective", area: "ECO", subArea: "ECO-1", children: Array(
                Project("P-OWN-AREA", "NoPes", 1, area: "SOC"),      // its own area, no sub-area: not ECO-1
                Project("P-OWN-SUB", "NoPes", 1, subArea: "SOC-A"),  // a sub-area alone says its area: SOC, not ECO
                Project("P-NONE", "NoPes", 1))),                     // nothing of its own: the objective's pair
            Node("O2", "StrategicObjective", area: "SOC", subArea: "SOC-B", children: Array(
                Project("P-REFINES", "NoPes", 1, area: "SOC")))))); // the same area: the objective's sub-area of it

        var projects = (await _client.GetJsonAsync($"/api/plans/{code}/projects/summary?year=2024"))["projects"];

        Assert.Equal(("SOC", null), Classification(projects.Find("code", "P-OWN-AREA")));
        Assert.Equal(("SOC", "SOC-A"), Classification(projects.Find("code", "P-OWN-SUB")));
        Assert.Equal(("ECO", "ECO-1"), Classification(projects.Find("code", "P-NONE")));
        Assert.Equal(("SOC", "SOC-B"), Classification(projects.Find("code", "P-REFINES")));
    }

    [Fact]
    public async Task Changing_the_area_of_a_node_that_keeps_a_sub_area_of_the_old_one_is_a_400_on_subArea_and_changes_nothing()
    {
        var url = await ImportOneNodeAsync("CLASS-PATCH-AREA", area: "SOC", subArea: "SOC-A");
        var (before, etag) = await ReadAsync(url);

        var problem = await (await _client.PatchJsonAsync(url, new JsonObject { ["valueArea"] = "ECO" }, etag)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("SOC-A", problem["errors"]!["subArea"]![0]!.GetValue<string>());
        Assert.Equal(before.ToJsonString(), (await ReadAsync(url)).Node.ToJsonString());
        var moved = await _client.PatchJsonAsync(url, new JsonObject { ["valueArea"] = "ECO", ["subArea"] = "ECO-1" }, etag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = await moved.ReadJsonAsync();
        Assert.Equal(("ECO", "ECO-1"), (after["valueArea"]!.GetValue<string>(), after["subArea"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_sub_area_of_another_area_is_a_400_and_a_sub_area_alone_is_taken_as_at_import()
    {
        var url = await ImportOneNodeAsync("CLASS-PATCH-SUB", area: "SOC", subArea: null);
        var (_, etag) = await ReadAsync(url);

        var problem = await (await _client.PatchJsonAsync(url, new JsonObject { ["subArea"] = "ECO-1" }, etag)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("does not belong to value area 'SOC'", problem["errors"]!["subArea"]![0]!.GetValue<string>());

        var cleared = await _client.PatchJsonAsync(url, new JsonObject { ["valueArea"] = "" }, etag);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var subOnly = await _client.PatchJsonAsync(url, new JsonObject { ["subArea"] = "ECO-1" }, cleared.ETag());
        Assert.Equal(HttpStatusCode.OK, subOnly.StatusCode);
        var project = (await _client.GetJsonAsync("/api/plans/CLASS-PATCH-SUB/projects/summary?year=2024"))["projects"].Find("code", "P");
        Assert.Equal(("ECO", "ECO-1"), Classification(project));
    }

    private async Task<string> ImportOneNodeAsync(string code, string area, string? subArea)
    {
        await _client.ImportOkAsync(Plan(code, areas: Areas(), nodes: Array(Project("P", "NoPes", 1, area, subArea))));
        return $"/api/plans/{code}/nodes/P";
    }

    private async Task<(JsonNode Node, string ETag)> ReadAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync(), response.ETag());
    }

    private static (string? Area, string? SubArea) Classification(JsonNode project) =>
        (project["area"]?.GetValue<string>(), project["subArea"]?.GetValue<string>());
}
