using System.Globalization;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// Every number the main read endpoints answer has at most 2 decimals (half away from zero), except where full precision
/// is documented: explanations (an OIV redoes the arithmetic) and consuntivi as entered (actual, target lines: up to 6).
/// Run on the real Cremona and INPS samples with their consuntivi, whose scores are non-terminating quotients.
/// </summary>
public sealed class PresentedNumbersTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] FiguresAsEntered = ["actual", "target", "targetUpper"];

    private async Task<HttpClient> LoadedAsync()
    {
        var client = factory.CreateClient();
        if ((await client.GetAsync("/api/plans/RP-2024")).IsSuccessStatusCode) return client;
        foreach (var (plan, actuals) in new[] { ("cremona-2021-2023.json", "cremona-2021-demo-actuals.json"), ("inps-2024.json", "inps-2024-actuals.json") })
        {
            var created = await (await client.ImportSampleAsync(plan)).ReadJsonAsync();
            var rows = JsonNode.Parse(await File.ReadAllTextAsync(Repository.SamplePath(actuals)))!["actuals"]!.DeepClone();
            var bulk = await client.PostJsonTextAsync($"/api/plans/{created["code"]}/actuals/bulk", new JsonObject { ["actuals"] = rows }.ToJsonString());
            Assert.True(bulk.IsSuccessStatusCode, await bulk.Content.ReadAsStringAsync());
        }
        return client;
    }

    /// <summary>Significant decimals (100.0 has none: dividing by 1.000… drops trailing zeros).</summary>
    private static int Decimals(JsonValue number) =>
        (decimal.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) / 1.000000000000000000000000000000000m).Scale;

    /// <summary>(path, number) of every number with more decimals than its field allows.</summary>
    private static IEnumerable<string> TooPrecise(JsonNode? node, string path, bool explanation = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                    foreach (var bad in TooPrecise(value, $"{path}.{key}", explanation || key == "explanation")) yield return bad;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    foreach (var bad in TooPrecise(a[i], $"{path}[{i}]", explanation)) yield return bad;
                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number && !explanation:
                var field = path[(path.LastIndexOf('.') + 1)..];
                var allowed = FiguresAsEntered.Contains(field) ? 6 : 2;
                if (Decimals(v) > allowed) yield return $"{path} = {v.ToJsonString()}";
                break;
        }
    }

    [Fact]
    public async Task Main_read_endpoints_answer_scores_and_percentages_with_at_most_two_decimals()
    {
        var client = await LoadedAsync();
        var urls = new List<string>();
        foreach (var (plan, year) in new[] { ("PP-2021-2023", 2021), ("RP-2024", 2024) })
        {
            urls.AddRange([
                $"/api/plans/{plan}/scorecard?year={year}", $"/api/plans/{plan}/structures/ranking?year={year}",
                $"/api/plans/{plan}/public-value?year={year}", $"/api/plans/{plan}/public-value?year={year}&explain=true",
                $"/api/plans/{plan}/projects/summary?year={year}", $"/api/plans/{plan}/guidelines?year={year}",
            ]);
            var scorecard = await client.GetJsonAsync($"/api/plans/{plan}/scorecard?year={year}");
            foreach (var node in scorecard["nodes"]!.AsArray())
                urls.Add($"/api/plans/{plan}/nodes/{node!["code"]}/score?year={year}&explain=true");
            foreach (var indicator in (await client.GetJsonAsync($"/api/plans/{plan}/indicators")).AsArray().Take(40))
            {
                urls.Add($"/api/indicators/{plan}:{indicator!["code"]}/score?year={year}&explain=true");
                urls.Add($"/api/indicators/{plan}:{indicator["code"]}/trend");
            }
        }
        var leaks = new List<string>();
        var explained = 0;
        foreach (var url in urls)
        {
            var body = await client.GetJsonAsync(url);
            if (body is JsonObject { } o && o["explanation"] is not null) explained++;
            leaks.AddRange(TooPrecise(body, url));
        }
        Assert.True(explained > 10, "explanations were requested and returned");
        Assert.True(leaks.Count == 0, "numbers with too many decimals:\n" + string.Join("\n", leaks.Take(20)));
    }

    [Fact]
    public async Task Explanations_keep_full_precision()
    {
        var client = await LoadedAsync();
        var scorecard = await client.GetJsonAsync("/api/plans/PP-2021-2023/scorecard?year=2021");
        var exact = new List<string>();
        foreach (var node in scorecard["nodes"]!.AsArray())
        {
            var score = await client.GetJsonAsync($"/api/plans/PP-2021-2023/nodes/{node!["code"]}/score?year=2021&explain=true");
            if (score["explanation"]?["exactScore"] is JsonValue v && Decimals(v) > 2) exact.Add(v.ToJsonString());
        }
        // The rule above is not vacuous: the same answers carry 28-digit quotients where the contract keeps them.
        Assert.NotEmpty(exact);
    }
}
