using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Indicators;

/// <summary>PATCH /api/indicators/{indicator}: targets and metadata under If-Match; every target must still parse.</summary>
public sealed class UpdateIndicatorTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();
    private const string Url = $"/api/indicators/{Documents.CremonaCode}:2021_01.I1";

    // Every test starts from the sample as published (2021_01.I1: ">=80%" for 2021, 2022 and 2023).
    public Task InitializeAsync() => _client.ImportOrReplaceAsync(Documents.Cremona());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_target_with_the_current_ETag_is_stored_parsed()
    {
        var (_, etag) = await ReadAsync();

        var response = await _client.PatchJsonAsync(Url, new JsonObject { ["targets"] = new JsonObject { ["2022"] = ">= 85%" } }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.ETag());
        var (indicator, current) = await ReadAsync();
        Assert.Equal(response.ETag(), current);
        var target = Target(indicator, 2022)!;
        Assert.Equal(">= 85%", target["text"]!.GetValue<string>());
        Assert.Null(target["error"]);
        Assert.Equal("AtLeast", target["parsed"]!["operator"]!.GetValue<string>());
        Assert.Equal(85m, target["parsed"]!["value"]!.GetValue<decimal>());
        // The other years are untouched.
        Assert.Equal(">=80%", Target(indicator, 2021)!["text"]!.GetValue<string>());
        Assert.Equal(">=80%", Target(indicator, 2023)!["text"]!.GetValue<string>());
        // And the plan's export carries the change.
        var export = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/export");
        Assert.Equal(">= 85%", export["nodes"]![0]!["indicators"]![0]!["targets"]!["2022"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_target_for_a_year_that_had_none_is_added()
    {
        const string url = $"/api/indicators/{Documents.CremonaCode}:2021_01_01.I2"; // "Realizzazione del progetto" for 2021 only
        var etag = (await _client.GetAsync(url)).ETag();

        var response = await _client.PatchJsonAsync(url, new JsonObject { ["targets"] = new JsonObject { ["2022"] = "Anno 2022: SI Anno 2023: SI" } }, etag);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var indicator = await _client.GetJsonAsync(url);
        Assert.Equal([2021, 2022], indicator["targets"]!.AsArray().Select(t => t!["year"]!.GetValue<int>()));
        Assert.Equal("Schedule", indicator["targets"]![1]!["parsed"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_target_that_does_not_parse_is_a_400_on_its_year_and_changes_nothing()
    {
        var (before, etag) = await ReadAsync();

        var response = await _client.PatchJsonAsync(Url, new JsonObject { ["targets"] = new JsonObject { ["2022"] = ">= abc" }, ["weight"] = 5 }, etag);

        var errors = await response.AssertValidationProblemAsync();
        errors.AssertError("targets.2022", "position 4");
        var (after, current) = await ReadAsync();
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(etag, current);
        Assert.Equal(">=80%", Target(after, 2022)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_year_mapped_to_null_removes_that_target()
    {
        var (_, etag) = await ReadAsync();

        var response = await _client.PatchJsonAsync(Url, JsonNode.Parse("""{ "targets": { "2023": null } }""")!, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (indicator, _) = await ReadAsync();
        Assert.Equal([2021, 2022], indicator["targets"]!.AsArray().Select(t => t!["year"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_year_outside_the_plan_is_a_400_and_changes_nothing()
    {
        var (before, etag) = await ReadAsync();

        var errors = await (await _client.PatchJsonAsync(Url, new JsonObject { ["targets"] = new JsonObject { ["2030"] = ">= 90%" } }, etag))
            .AssertValidationProblemAsync();

        errors.AssertError("targets.2030", "2021-2023");
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Indicator.ToJsonString());
    }

    [Fact]
    public async Task A_polarity_that_leaves_a_kept_bare_number_unreadable_is_refused()
    {
        const string url = $"/api/indicators/{Documents.CremonaCode}:2021_01_02_04.I1"; // "10,00", LowerIsBetter
        var response = await _client.GetAsync(url);
        var before = await response.ReadJsonAsync();

        var errors = await (await _client.PatchJsonAsync(url, new JsonObject { ["polarity"] = "Milestone" }, response.ETag())).AssertValidationProblemAsync();

        errors.AssertError("targets.2021", "polarity");
        Assert.Equal(before.ToJsonString(), (await _client.GetJsonAsync(url)).ToJsonString());
    }

    [Fact]
    public async Task Changing_the_polarity_rereads_a_bare_number_target()
    {
        const string url = $"/api/indicators/{Documents.CremonaCode}:2021_01_02_04.I1"; // "10,00", LowerIsBetter → at most 10
        var response = await _client.GetAsync(url);

        var updated = await _client.PatchJsonAsync(url, new JsonObject { ["polarity"] = "HigherIsBetter" }, response.ETag());

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var target = Target(await _client.GetJsonAsync(url), 2021)!;
        Assert.Equal("AtLeast", target["parsed"]!["operator"]!.GetValue<string>());
        Assert.Equal(10m, target["parsed"]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_unknown_enum_and_a_negative_weight_are_400s_on_their_fields()
    {
        var (before, etag) = await ReadAsync();

        var errors = await (await _client.PatchJsonAsync(Url, new JsonObject { ["polarity"] = "Sideways", ["weight"] = -1 }, etag)).AssertValidationProblemAsync();

        errors.AssertError("polarity", "HigherIsBetter");
        errors.AssertError("weight");
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Indicator.ToJsonString());
    }

    [Fact]
    public async Task An_update_without_If_Match_is_428_and_with_a_stale_ETag_is_412()
    {
        var (before, stale) = await ReadAsync();
        var body = new JsonObject { ["targets"] = new JsonObject { ["2022"] = ">= 85%" } };

        await (await _client.PatchJsonAsync(Url, body, ifMatch: null)).AssertProblemAsync((HttpStatusCode)428);
        Assert.Equal(before.ToJsonString(), (await ReadAsync()).Indicator.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, (await _client.PatchJsonAsync(Url, new JsonObject { ["weight"] = 2 }, stale)).StatusCode);
        var (afterFirst, _) = await ReadAsync();

        await (await _client.PatchJsonAsync(Url, body, stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(afterFirst.ToJsonString(), (await ReadAsync()).Indicator.ToJsonString());
        Assert.Equal(">=80%", Target(afterFirst, 2022)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Of_two_concurrent_edits_from_the_same_read_exactly_one_wins()
    {
        var (_, etag) = await ReadAsync();

        var responses = await Task.WhenAll(
            factory.CreateClient().PatchJsonAsync(Url, new JsonObject { ["targets"] = new JsonObject { ["2022"] = ">= 85%" } }, etag),
            factory.CreateClient().PatchJsonAsync(Url, new JsonObject { ["targets"] = new JsonObject { ["2022"] = ">= 90%" } }, etag));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.PreconditionFailed) == 1,
            string.Join(", ", statuses));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
        Assert.Equal(Target(winner, 2022)!["text"]!.GetValue<string>(), Target((await ReadAsync()).Indicator, 2022)!["text"]!.GetValue<string>());
    }

    private static JsonNode? Target(JsonNode indicator, int year) =>
        indicator["targets"]!.AsArray().SingleOrDefault(t => t!["year"]!.GetValue<int>() == year);

    private async Task<(JsonNode Indicator, string ETag)> ReadAsync()
    {
        var response = await _client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync(), response.ETag());
    }
}
