using System.Net;
using System.Text.Json.Nodes;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// Every list endpoint pages with a cursor: the body stays an array, Link rel="next" leads to the rest, following the
/// links gives every item exactly once and in the same order as one big page, and bad limits or cursors are 400s.
/// </summary>
public sealed class PagingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Indicators = "/api/plans/PP-2021-2023/indicators";

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        return client;
    }

    private static async Task<(List<string> Ids, int Pages)> FollowAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            ids.AddRange(items.Select(i => (string)i!["id"]!));
            next = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
            Assert.True(next is null || items.Count > 0, "a page that announces a next page is never empty");
        }
        return (ids, pages);
    }

    private static string NextOf(string link)
    {
        var match = System.Text.RegularExpressions.Regex.Match(link, "^<([^>]+)>; rel=\"next\"$");
        Assert.True(match.Success, link);
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task Following_the_links_gives_every_item_once_in_the_order_of_a_single_page()
    {
        var client = await ClientAsync();
        var (all, onePage) = await FollowAsync(client, $"{Indicators}?limit=1000");
        Assert.Equal(1, onePage);
        Assert.True(all.Count > 7, $"the Cremona plan has {all.Count} indicators");

        var (paged, pages) = await FollowAsync(client, $"{Indicators}?limit=7");
        Assert.Equal(all, paged);
        Assert.Equal((all.Count + 6) / 7, pages);
    }

    [Fact]
    public async Task The_default_page_is_100_items_and_the_last_page_has_no_link()
    {
        var client = await ClientAsync();
        var (all, _) = await FollowAsync(client, $"{Indicators}?limit=1000");
        var first = await client.GetAsync(Indicators);
        var items = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(Math.Min(all.Count, 100), items.Count);
        Assert.Equal(all.Count > 100, first.Headers.Contains("Link"));

        var last = await client.GetAsync($"{Indicators}?limit={all.Count}");
        Assert.False(last.Headers.Contains("Link"));
    }

    [Fact]
    public async Task The_next_link_keeps_the_other_parameters()
    {
        var client = await ClientAsync();
        await client.PostDemoActualsAsync();
        var response = await client.GetAsync("/api/plans/PP-2021-2023/actuals/queue?status=Draft&limit=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = NextOf(response.Headers.GetValues("Link").Single());
        Assert.Contains("status=Draft", next);
        Assert.Contains("limit=2", next);
        Assert.Contains("cursor=", next);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    [InlineData("cursor=bm8tc3VjaC1pdGVt", "cursor")] // well formed, but names no item of the list
    public async Task A_bad_limit_or_cursor_is_a_400_naming_it(string query, string parameter)
    {
        var client = await ClientAsync();
        (await (await client.GetAsync($"{Indicators}?{query}")).AssertValidationProblemAsync()).AssertError(parameter);
    }

    [Fact]
    public async Task Every_list_endpoint_is_paged_in_the_contract()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var lists = document["paths"]!.AsObject()
            .Where(p => p.Value!["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["type"]?.GetValue<string>() == "array")
            .Select(p => p.Key).ToList();
        Assert.True(lists.Count >= 17, string.Join(", ", lists));
        foreach (var path in lists)
        {
            var get = document["paths"]![path]!["get"]!;
            var parameters = get["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
            Assert.True(parameters.Contains("limit") && parameters.Contains("cursor"), $"{path} is not paged");
            Assert.NotNull(get["responses"]!["200"]!["headers"]?["Link"]);
        }
    }

    [Fact]
    public async Task The_audit_trail_pages_by_cursor_without_shifting_when_entries_are_appended()
    {
        var client = await ClientAsync();
        foreach (var value in new[] { 1, 2, 3 })
            await client.PostActualOkAsync("PP-2021-2023", "2021_01.I2", $$"""{ "year": 2021, "period": "Y", "value": {{value}} }""");
        var first = await client.GetJsonOkAsync("/api/audit?take=2");
        var next = (string?)first["next"];
        Assert.NotNull(next);
        // An entry appended after the first page was read does not move the second page.
        await client.PostActualOkAsync("PP-2021-2023", "2021_01.I2", """{ "year": 2021, "period": "Y", "value": 4 }""");
        var second = await client.GetJsonOkAsync($"/api/audit?take=2&cursor={next}");
        var sequences = first["entries"]!.AsArray().Concat(second["entries"]!.AsArray()).Select(e => (long)e!["sequence"]!).ToList();
        Assert.Equal(sequences.OrderByDescending(s => s), sequences);
        Assert.Equal(sequences[1] - 1, sequences[2]);
        (await (await client.GetAsync("/api/audit?cursor=zzz")).AssertValidationProblemAsync()).AssertError("cursor");
    }
}
