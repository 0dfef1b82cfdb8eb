using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>GET /api/plans/{plan}/export: the import format, so import(export(p)) is the same plan.</summary>
public sealed class ExportPlanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Export_then_reimport_then_export_again_gives_the_same_document()
    {
        await _client.ImportOrReplaceAsync(Documents.Cremona());
        var first = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export");

        var reimport = await _client.ImportAsync(first, replace: true);
        Assert.True(reimport.StatusCode == HttpStatusCode.Created, await reimport.Content.ReadAsStringAsync());
        var second = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export");

        Assert.True(JsonNode.DeepEquals(first, second), $"exports differ:\n{first.ToJsonString()}\n---\n{second.ToJsonString()}");
    }

    [Fact]
    public async Task The_export_imported_under_another_organization_and_code_is_the_same_plan()
    {
        await _client.ImportOrReplaceAsync(Documents.Cremona());
        var original = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export");
        var copy = original.DeepClone().AsObject();
        copy["organization"]!["code"] = "CCIAA-XX";
        copy["code"] = "PP-COPY";

        await _client.ImportOrReplaceAsync(copy);
        var exported = (await _client.GetJsonAsync("/api/plans/PP-COPY/export")).AsObject();

        Assert.Equal("CCIAA-XX", exported["organization"]!["code"]!.GetValue<string>());
        Assert.Equal("PP-COPY", exported["code"]!.GetValue<string>());
        exported["organization"]!["code"] = Documents.CremonaOrganization;
        exported["code"] = Documents.CremonaCode;
        Assert.True(JsonNode.DeepEquals(original, exported), $"exports differ:\n{original.ToJsonString()}\n---\n{exported.ToJsonString()}");
        // The original is still there, untouched, next to its copy.
        Assert.True(JsonNode.DeepEquals(original, await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export")));
    }

    [Fact]
    public async Task The_export_keeps_the_sample_tree_indicators_and_targets_as_written()
    {
        await _client.ImportOrReplaceAsync(Documents.Cremona());

        var export = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export");

        var sample = Documents.Cremona();
        foreach (var field in new[] { "code", "title", "startYear", "endYear", "description" })
            Assert.True(JsonNode.DeepEquals(sample[field], export[field]), field);
        Assert.True(JsonNode.DeepEquals(sample["organization"], export["organization"]));
        Assert.Equal(Outline(sample["nodes"]!.AsArray()), Outline(export["nodes"]!.AsArray()));
        Assert.Equal(
            sample["structures"]!.AsArray().Select(s => $"{s!["code"]}<{s["parent"]}"),
            export["structures"]!.AsArray().Select(s => $"{s!["code"]}<{s["parent"]}"));
    }

    [Fact]
    public async Task Export_by_id_equals_export_by_code()
    {
        var created = await _client.ImportAsync(Documents.Cremona(), replace: true);
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();

        var byId = await _client.GetJsonAsync($"/api/plans/{id}/export");
        var byCode = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export");

        Assert.True(JsonNode.DeepEquals(byId, byCode));
    }

    [Theory]
    [InlineData("NOPE")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Exporting_an_unknown_plan_is_a_404_problem(string plan)
    {
        await (await _client.GetAsync($"/api/plans/{plan}/export")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Every node and indicator, in document order, with what identifies and scores it.</summary>
    private static List<string> Outline(JsonArray nodes, string parent = "")
    {
        var lines = new List<string>();
        foreach (var node in nodes)
        {
            lines.Add($"{parent}/{node!["code"]} {node["kind"]} {Number(node["weight"])} {node["structure"]} {node["title"]}");
            foreach (var indicator in node["indicators"]?.AsArray() ?? [])
                lines.Add($"{parent}/{node["code"]} · {indicator!["code"]} {indicator["polarity"]} {indicator["unit"]} {Number(indicator["weight"])} " +
                          $"{indicator["targets"]!.ToJsonString()} {indicator["name"]}");
            lines.AddRange(Outline(node["children"]?.AsArray() ?? [], $"{parent}/{node["code"]}"));
        }
        return lines;
    }

    // 1 and 1.0 are the same JSON number (SQLite hands decimals back with the scale they were stored with).
    private static string Number(JsonNode? value) =>
        value is null ? "null" : value.GetValue<decimal>().ToString("G29", System.Globalization.CultureInfo.InvariantCulture);
}
