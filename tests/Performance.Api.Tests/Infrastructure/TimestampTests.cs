using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>Every instant in every answer is ISO-8601 with its offset, the same in the answer to a write and in later reads.</summary>
public sealed class TimestampTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly System.Text.RegularExpressions.Regex Instant = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$");

    private static IEnumerable<(string Path, string Value)> Instants(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                foreach (var found in Instants(v, $"{path}.{k}")) yield return found;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                foreach (var found in Instants(a[i], $"{path}[{i}]")) yield return found;
                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && (path.EndsWith("At", StringComparison.Ordinal) || path.EndsWith(".at", StringComparison.Ordinal)):
                yield return (path, s);
                break;
        }
    }

    [Fact]
    public async Task Writes_and_reads_answer_instants_with_their_offset()
    {
        await _client.EnsureCremonaAsync();
        var posted = await _client.PostActualOkAsync(Cremona, "2021_01.I1", """{"year":2021,"period":"Q1","numerator":170,"denominator":200}""");
        var closure = await (await _client.PostAsJsonAsync($"/api/plans/{Cremona}/closures", new { year = 2022, period = "Q4", reason = "chiusura" })).ReadJsonAsync();
        var answers = new[]
        {
            posted, closure,
            await (await _client.GetAsync($"/api/indicators/{Cremona}:2021_01.I1/actuals?year=2021")).ReadJsonAsync(),
            await (await _client.GetAsync($"/api/plans/{Cremona}/closures")).ReadJsonAsync(),
            await (await _client.GetAsync($"/api/audit?plan={Cremona}")).ReadJsonAsync(),
        };
        var instants = answers.SelectMany(a => Instants(a)).ToList();
        Assert.True(instants.Count >= 6, string.Join(", ", instants));
        Assert.All(instants, i => Assert.Matches(Instant, i.Value));
        // The same instant reads back exactly as the write answered it.
        var listed = (await (await _client.GetAsync($"/api/indicators/{Cremona}:2021_01.I1/actuals?year=2021")).ReadJsonAsync()).AsArray()
            .Single(p => (string?)p!["period"] == "Q1")!["current"]!;
        Assert.Equal((string?)posted["recordedAt"], (string?)listed["recordedAt"]);
    }
}
