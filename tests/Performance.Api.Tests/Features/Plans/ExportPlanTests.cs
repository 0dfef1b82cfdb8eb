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

    /// <summary>
    /// An adopted plan leaves with its act and its reprogramming acts, and a copy imported from the export is the same
    /// record: adopted by the same act, the same acts replayed by asOf, changed only by acts.
    /// </summary>
    [Fact]
    public async Task An_adopted_plan_round_trips_with_its_act_and_its_reprogramming()
    {
        var created = await _client.ImportAsync(SmallPlan.Plan("EXP-ADOPTED", nodes: [SmallPlan.Node("N01", indicators: [SmallPlan.Indicator("I1")])]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var adopted = await _client.PostJsonTextAsync("/api/plans/EXP-ADOPTED/adopt", """{"act":"Delibera n. 3/2024","date":"2024-01-31","reason":"Approvazione"}""");
        Assert.True(adopted.StatusCode == HttpStatusCode.OK, await adopted.Content.ReadAsStringAsync());
        var indicator = await _client.GetAsync("/api/indicators/EXP-ADOPTED:I1");
        var act = JsonNode.Parse("""{"targets":{"2024":">= 120"},"weight":2,"act":"Det. n. 9/2024","date":"2024-07-01","reason":"Riprogrammazione"}""")!;
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchJsonAsync("/api/indicators/EXP-ADOPTED:I1", act, indicator.ETag())).StatusCode);

        var original = await _client.GetJsonAsync("/api/plans/EXP-ADOPTED/export");
        Assert.Equal("Adopted", (string?)original["status"]);
        Assert.Equal("Delibera n. 3/2024", (string?)original["adoptionAct"]);
        Assert.Equal("2024-01-31", (string?)original["adoptedOn"]);
        Assert.Equal(["ReviseTarget I1 2024 >= 120 Det. n. 9/2024 2024-07-01 Riprogrammazione", "ChangeWeight I1 2 Det. n. 9/2024 2024-07-01 Riprogrammazione"],
            original["reprogramming"]!.AsArray().Select(r => string.Join(' ',
                new[] { "kind", "indicator", "year", "target", "weight", "act", "date", "reason" }.Select(f => r![f]).OfType<JsonNode>()
                    .Select(v => v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Number(v) : v.ToString()))));

        var copy = original.DeepClone().AsObject();
        copy["code"] = "EXP-ADOPTED-COPY";
        var imported = await _client.ImportAsync(copy);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var header = await _client.GetJsonAsync("/api/plans/EXP-ADOPTED-COPY");
        Assert.Equal(("Adopted", "Delibera n. 3/2024", "2024-01-31"), ((string?)header["status"], (string?)header["adoptionAct"], (string?)header["adoptedOn"]));
        var exported = (await _client.GetJsonAsync("/api/plans/EXP-ADOPTED-COPY/export")).AsObject();
        exported["code"] = "EXP-ADOPTED";
        Assert.True(JsonNode.DeepEquals(original, exported), $"exports differ:\n{original.ToJsonString()}\n---\n{exported.ToJsonString()}");

        // The same history, replayed by asOf: before the act the adopted target, after it the revised one.
        foreach (var (asOf, target, weight) in new[] { ("2024-06-30", ">= 100", 1m), ("2024-12-31", ">= 120", 2m) })
        {
            var card = await _client.GetJsonAsync($"/api/plans/EXP-ADOPTED-COPY/scorecard?year=2024&asOf={asOf}");
            Assert.Equal(target, (string?)card["nodes"]![0]!["indicators"]![0]!["target"]);
            Assert.Equal(weight, (decimal)card["nodes"]![0]!["indicators"]![0]!["weight"]!);
        }
        var copied = await _client.GetAsync("/api/indicators/EXP-ADOPTED-COPY:I1");
        (await (await _client.PatchJsonAsync("/api/indicators/EXP-ADOPTED-COPY:I1", new JsonObject { ["weight"] = 3 }, copied.ETag()))
            .AssertValidationProblemAsync()).AssertError("act", "Delibera n. 3/2024");
        Assert.True((bool)(await _client.GetJsonAsync("/api/audit/verify"))["valid"]!);
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
