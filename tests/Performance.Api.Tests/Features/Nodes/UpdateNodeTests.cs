using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Nodes;

/// <summary>PATCH /api/plans/{plan}/nodes/{node}: optimistic concurrency through ETag and If-Match.</summary>
public sealed class UpdateNodeTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();
    private const string Url = $"/api/plans/{Documents.CremonaCode}/nodes/2021_01_01_01";

    // Every test starts from the sample as published.
    public Task InitializeAsync() => _client.ImportOrReplaceAsync(Documents.Cremona());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_update_without_If_Match_is_428_and_changes_nothing()
    {
        var (before, _) = await ReadAsync();

        var response = await _client.PatchJsonAsync(Url, new JsonObject { ["weight"] = 3 }, ifMatch: null);

        await response.AssertProblemAsync((HttpStatusCode)428);
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Node.ToJsonString());
    }

    [Fact]
    public async Task An_update_with_a_stale_ETag_is_412_and_changes_nothing()
    {
        var (_, stale) = await ReadAsync();
        var first = await _client.PatchJsonAsync(Url, new JsonObject { ["title"] = "Primo" }, stale);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (before, current) = await ReadAsync();

        var response = await _client.PatchJsonAsync(Url, new JsonObject { ["weight"] = 3, ["title"] = "Secondo" }, stale);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var (after, etag) = await ReadAsync();
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(current, etag);
        Assert.Equal("Primo", after["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_ETag_is_explained_in_Italian_by_default()
    {
        var (_, stale) = await ReadAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchJsonAsync(Url, new JsonObject { ["title"] = "Primo" }, stale)).StatusCode);

        var italian = factory.CreateClient();
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var problem = await (await italian.PatchJsonAsync(Url, new JsonObject { ["weight"] = 3 }, stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.StartsWith("Nodo '2021_01_01_01': è cambiato qualcosa dopo la tua lettura (l'ETag attuale è ", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_If_Match_that_is_not_an_ETag_of_the_service_is_412()
    {
        var response = await _client.PatchJsonAsync(Url, new JsonObject { ["weight"] = 3 }, "\"whatever\"");

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(1m, (await ReadAsync()).Node["weight"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_update_with_the_current_ETag_applies_and_issues_a_new_ETag()
    {
        var (_, etag) = await ReadAsync();

        var response = await _client.PatchJsonAsync(Url,
            new JsonObject { ["weight"] = 2.5, ["title"] = "Bandi per l'innovazione", ["structure"] = "CR-A2-SSE-PROM", ["years"] = new JsonArray(2022, 2021) },
            etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonAsync();
        var newETag = response.ETag();
        Assert.NotEqual(etag, newETag);
        Assert.Equal(newETag, updated["eTag"]!.GetValue<string>());
        var (node, readETag) = await ReadAsync();
        Assert.Equal(newETag, readETag);
        Assert.Equal(2.5m, node["weight"]!.GetValue<decimal>());
        Assert.Equal("Bandi per l'innovazione", node["title"]!.GetValue<string>());
        Assert.Equal("CR-A2-SSE-PROM", node["structure"]!.GetValue<string>());
        Assert.Equal([2021, 2022], node["years"]!.AsArray().Select(y => y!.GetValue<int>()));
        // Fields not sent stay as they were.
        Assert.Equal("OperationalObjective", node["kind"]!.GetValue<string>());
        Assert.Equal(["2021_01_01_01.I1"], node["indicators"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
        // The old ETag no longer works.
        await (await _client.PatchJsonAsync(Url, new JsonObject { ["weight"] = 4 }, etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_node_can_be_updated_by_id()
    {
        var (node, etag) = await ReadAsync();

        var response = await _client.PatchJsonAsync($"/api/plans/{Documents.CremonaCode}/nodes/{node["id"]}", new JsonObject { ["weight"] = 0 }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0m, (await ReadAsync()).Node["weight"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_negative_weight_is_a_400_on_weight_and_changes_nothing()
    {
        var (before, etag) = await ReadAsync();

        var errors = await (await _client.PatchJsonAsync(Url, new JsonObject { ["weight"] = -1 }, etag)).AssertValidationProblemAsync();

        errors.AssertError("weight");
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Node.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_structure_is_a_400_and_changes_nothing()
    {
        var (before, etag) = await ReadAsync();

        var errors = await (await _client.PatchJsonAsync(Url, new JsonObject { ["structure"] = "NOPE", ["weight"] = 7 }, etag)).AssertValidationProblemAsync();

        errors.AssertError("structure", "NOPE");
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Node.ToJsonString());
    }

    [Fact]
    public async Task A_year_outside_the_plan_is_a_400_and_changes_nothing()
    {
        var (before, etag) = await ReadAsync();

        var errors = await (await _client.PatchJsonAsync(Url, new JsonObject { ["years"] = new JsonArray(2021, 2030) }, etag)).AssertValidationProblemAsync();

        errors.AssertError("years", "2030");
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Node.ToJsonString());
    }

    [Fact]
    public async Task Updating_an_unknown_node_is_a_404_problem()
    {
        var (_, etag) = await ReadAsync();

        var response = await _client.PatchJsonAsync($"/api/plans/{Documents.CremonaCode}/nodes/NOPE", new JsonObject { ["weight"] = 2 }, etag);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Of_two_concurrent_edits_from_the_same_read_exactly_one_wins()
    {
        var (_, etag) = await ReadAsync();
        using var alice = factory.CreateClient();
        using var bob = factory.CreateClient();

        var responses = await Task.WhenAll(
            alice.PatchJsonAsync(Url, new JsonObject { ["weight"] = 2, ["title"] = "Alice" }, etag),
            bob.PatchJsonAsync(Url, new JsonObject { ["weight"] = 3, ["title"] = "Bob" }, etag));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Single(statuses, HttpStatusCode.OK);
        Assert.Single(statuses, HttpStatusCode.PreconditionFailed);
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
        await responses.Single(r => r.StatusCode != HttpStatusCode.OK).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var (node, current) = await ReadAsync();
        Assert.Equal(winner["title"]!.GetValue<string>(), node["title"]!.GetValue<string>());
        Assert.Equal(winner["weight"]!.GetValue<decimal>(), node["weight"]!.GetValue<decimal>());
        Assert.Equal(winner["eTag"]!.GetValue<string>(), current);
    }

    [Fact]
    public async Task Many_concurrent_edits_from_the_same_read_let_exactly_one_through()
    {
        var (_, etag) = await ReadAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            factory.CreateClient().PatchJsonAsync(Url, new JsonObject { ["weight"] = i, ["title"] = $"Edit {i}" }, etag)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1, string.Join(", ", statuses));
        Assert.True(statuses.Count(s => s == HttpStatusCode.PreconditionFailed) == 7, string.Join(", ", statuses));
    }

    private async Task<(JsonNode Node, string ETag)> ReadAsync()
    {
        var response = await _client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync(), response.ETag());
    }
}
