using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Actuals;

/// <summary>POST /api/indicators/{indicator}/actuals over real HTTP: revisions, effect on scores, validation, races.</summary>
public sealed class RecordActualTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Posting_an_actual_changes_the_next_scorecard()
    {
        await _client.EnsureCremonaAsync();
        var before = IndicatorIn(await _client.ScorecardAsync(Cremona), "2021_02_01_02.I1");
        Assert.Null(Dec(before["score"]));
        Assert.Null(Dec(before["achievement"]));
        Assert.Equal("Grey", (string?)before["status"]);

        // "<=20 giorni", inverse ratio: T / A × 100 = 20 / 25 × 100 = 80 → not met, red (80 < 90).
        var created = await _client.PostActualOkAsync(Cremona, "2021_02_01_02.I1", """{ "year": 2021, "period": "Y", "value": 25 }""");
        Assert.Equal(1, (int)created["revision"]!);
        Assert.Equal("Draft", (string?)created["status"]);
        Assert.Equal(25m, Dec(created["value"]));
        Assert.Equal("2021_02_01_02.I1", (string?)created["indicator"]);

        var after = IndicatorIn(await _client.ScorecardAsync(Cremona), "2021_02_01_02.I1");
        Assert.Equal(25m, Dec(after["actual"]));
        Assert.Equal(80m, Dec(after["achievement"]));
        Assert.Equal(80m, Dec(after["score"]));
        Assert.False((bool)after["met"]!);
        Assert.Equal("Red", (string?)after["status"]);
    }

    [Fact]
    public async Task Second_post_for_the_same_period_is_revision_2_and_the_score_uses_it()
    {
        await _client.EnsureCremonaAsync();
        const string indicator = "2021_04_02_01.I2"; // "> 38", Last
        var first = await _client.PostActualOkAsync(Cremona, indicator, """{ "year": 2021, "period": "Y", "value": 38, "note": "prima stima" }""");
        var second = await _client.PostActualOkAsync(Cremona, indicator, """{ "year": 2021, "period": "Y", "value": 57, "note": "dato definitivo" }""");
        Assert.Equal(1, (int)first["revision"]!);
        Assert.Equal(2, (int)second["revision"]!);
        Assert.NotEqual((string?)first["id"], (string?)second["id"]);

        var list = (await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:{indicator}/actuals?year=2021")).AsArray();
        var period = Assert.Single(list)!;
        Assert.Equal("Y", (string?)period["period"]);
        Assert.Equal(2, (int)period["current"]!["revision"]!);
        Assert.Equal(57m, Dec(period["current"]!["value"]));
        var revisions = period["revisions"]!.AsArray();
        Assert.Equal([1, 2], revisions.Select(r => (int)r!["revision"]!));
        Assert.Equal([38m, 57m], revisions.Select(r => Dec(r!["value"])!.Value));
        Assert.Equal("prima stima", (string?)revisions[0]!["note"]);

        // 57 / 38 × 100 = 150 → capped at 100 by the plan policy; met (57 > 38).
        var scored = IndicatorIn(await _client.ScorecardAsync(Cremona), indicator);
        Assert.Equal(57m, Dec(scored["actual"]));
        Assert.Equal(150m, Dec(scored["achievement"]));
        Assert.Equal(100m, Dec(scored["score"]));
        Assert.True((bool)scored["met"]!);
    }

    [Fact]
    public async Task Location_points_at_the_indicator_actuals_and_the_id_route_works_too()
    {
        await _client.EnsureCremonaAsync();
        var indicator = await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:2021_01.I2");
        var id = (string)indicator["id"]!;
        var response = await _client.PostJsonTextAsync($"/api/indicators/{id}/actuals", """{ "year": 2022, "period": "S1", "value": 61.5 }""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        var listed = (await _client.GetJsonOkAsync(response.Headers.Location!.ToString())).AsArray();
        Assert.Contains(listed, p => (string?)p!["period"] == "S1" && Dec(p["current"]!["value"]) == 61.5m);
    }

    [Theory]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Q5", "value": 4 }""", "period")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "", "value": 4 }""", "period")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "value": 4 }""", "period")]
    [InlineData("2021_02_01.I1", """{ "year": 2030, "period": "Y", "value": 4 }""", "year")]
    [InlineData("2021_02_01.I1", """{ "year": 2020, "period": "Y", "value": 4 }""", "year")]
    [InlineData("2021_02_01.I1", """{ "period": "Y", "value": 4 }""", "year")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "value": "abc" }""", "value")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "value": "12" }""", "value")]
    [InlineData("2021_02_01.I1", """{ "year": "2021", "period": "Y", "value": 12 }""", "year")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "value": 1e20 }""", "value")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "value": -1e20 }""", "value")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "value": 1e40 }""", "value")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y" }""", "value")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "done": true }""", "done")]
    [InlineData("2021_02_01.I1", """{ "year": 2021, "period": "Y", "completion": 50 }""", "done")]
    [InlineData("2021_01.I1", """{ "year": 2021, "period": "Y", "numerator": 80 }""", "denominator")]
    [InlineData("2021_01.I1", """{ "year": 2021, "period": "Y", "denominator": 100 }""", "numerator")]
    [InlineData("2021_01.I1", """{ "year": 2021, "period": "Y", "numerator": 1e20, "denominator": 3 }""", "numerator")]
    [InlineData("2021_01_01.I2", """{ "year": 2021, "period": "Y", "completion": 150 }""", "completion")]
    [InlineData("2021_01_01.I2", """{ "year": 2021, "period": "Y", "completion": -1 }""", "completion")]
    [InlineData("2021_01_01.I2", """{ "year": 2021, "period": "Y", "value": 1 }""", "done")]
    [InlineData("2021_01_01.I2", """{ "year": 2021, "period": "Y", "done": "yes" }""", "done")]
    [InlineData("2021_01_01.I2", """{ "year": 2021, "period": "Y", "done": true, "structure": "NOPE" }""", "structure")]
    public async Task Invalid_entries_are_400_with_the_field_path_and_store_nothing(string indicator, string body, string field)
    {
        await _client.EnsureCremonaAsync();
        var response = await _client.PostActualAsync(Cremona, indicator, body);
        await AssertValidationProblemAsync(response, field);
        var list = (await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:{indicator}/actuals?year=2021")).AsArray();
        Assert.Empty(list);
    }

    [Theory]
    [InlineData("""{ "year": 2021, "period": "Y", "value": 4""")]
    [InlineData("""{ "year": 2021, "period": "Y", "value": }""")]
    [InlineData("""not json at all""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{ "year": 2021, "period": "Y", "value": 4 } trailing""")]
    [InlineData("""null""")]
    [InlineData("")]
    public async Task Malformed_json_is_400_never_500(string body)
    {
        await _client.EnsureCremonaAsync();
        var response = await _client.PostActualAsync(Cremona, "2021_02_01.I1", body);
        await AssertValidationProblemAsync(response);
    }

    [Theory]
    [InlineData("PP-2021-2023:NOPE")]
    [InlineData("NOPE:2021_01.I1")]
    [InlineData("2021_01.I1")]
    [InlineData("7d1c4a4e-52c4-4d7a-9a32-3c4b2a0e9f11")]
    public async Task Unknown_indicator_is_404(string indicator)
    {
        await _client.EnsureCremonaAsync();
        var response = await _client.PostJsonTextAsync($"/api/indicators/{indicator}/actuals", """{ "year": 2021, "period": "Y", "value": 4 }""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_missed_target_needs_a_justification_when_the_policy_requires_it()
    {
        await _client.ImportOkAsync(Document("JUST", Policy(justificationRequiredWhenMissed: true),
            Node("J1", indicators: [Indicator("J1.I1", ">= 80%", unit: "Percent"), Indicator("J1.M", "Realizzazione del progetto", polarity: "Milestone"),
                Indicator("J1.R", ">= 80%", aggregation: "RatioOfSums", unit: "Percent")])));

        var missing = await _client.PostActualAsync("JUST", "J1.I1", """{ "year": 2021, "period": "Y", "value": 70 }""");
        await AssertValidationProblemAsync(missing, "justification");
        var blank = await _client.PostActualAsync("JUST", "J1.I1", """{ "year": 2021, "period": "Y", "value": 70, "justification": "   " }""");
        await AssertValidationProblemAsync(blank, "justification");
        // 60 / 100 × 100 = 60% < 80%: a rate entered as parts is checked the same way.
        var ratio = await _client.PostActualAsync("JUST", "J1.R", """{ "year": 2021, "period": "Y", "numerator": 60, "denominator": 100 }""");
        await AssertValidationProblemAsync(ratio, "justification");
        Assert.Empty((await _client.GetJsonOkAsync("/api/indicators/JUST:J1.I1/actuals")).AsArray());

        var justified = await _client.PostActualOkAsync("JUST", "J1.I1",
            """{ "year": 2021, "period": "Y", "value": 70, "justification": "Carenza di personale nel secondo semestre" }""");
        Assert.Equal("Carenza di personale nel secondo semestre", (string?)justified["justification"]);
        await _client.PostActualOkAsync("JUST", "J1.I1", """{ "year": 2021, "period": "Y", "value": 85 }""");
        await _client.PostActualOkAsync("JUST", "J1.R", """{ "year": 2021, "period": "Y", "numerator": 90, "denominator": 100 }""");

        var scored = IndicatorIn(await _client.ScorecardAsync("JUST"), "J1.I1");
        Assert.Equal(85m, Dec(scored["actual"]));
        Assert.True((bool)scored["met"]!);
    }

    [Fact]
    public async Task Twenty_parallel_posts_to_one_period_store_revisions_1_to_N_without_loss()
    {
        await _client.ImportOkAsync(Document("RACE", null, Node("R1", indicators: [Indicator("R1.I1", ">= 10", aggregation: "Sum")])));
        const int writers = 20;
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var revisions = new ConcurrentBag<int>();
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(1, writers).Select(n => Task.Run(async () =>
        {
            using var client = factory.CreateClient();
            start.Wait();
            var response = await client.PostActualAsync("RACE", "R1.I1", $$"""{ "year": 2021, "period": "Q1", "value": {{n}} }""");
            var body = await response.Content.ReadAsStringAsync();
            statuses.Add(response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {body}");
            if (response.StatusCode == HttpStatusCode.Created) revisions.Add((int)JsonNode.Parse(body)!["revision"]!);
            else Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        var created = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.True(created >= 1);
        Assert.Equal(Enumerable.Range(1, created), revisions.OrderBy(r => r));

        var period = Assert.Single((await _client.GetJsonOkAsync("/api/indicators/RACE:R1.I1/actuals?year=2021")).AsArray())!;
        var stored = period["revisions"]!.AsArray().Select(r => (int)r!["revision"]!).ToList();
        Assert.Equal(Enumerable.Range(1, created), stored);
        Assert.Equal(created, (int)period["current"]!["revision"]!);
    }

    [Fact]
    public async Task A_ratio_on_an_indicator_that_does_not_add_up_ratios_is_refused_instead_of_being_ignored()
    {
        await _client.EnsureCremonaAsync();
        // 2021_01.I2 aggregates as Last: a numerator/denominator pair would be stored and never scored.
        var response = await _client.PostActualAsync(Cremona, "2021_01.I2", """{"year":2021,"period":"Y","numerator":65,"denominator":100}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Contains("RatioOfSums", (string)errors["numerator"]![0]!);
        var listed = (await (await _client.GetAsync($"/api/indicators/{Cremona}:2021_01.I2/actuals?year=2021")).ReadJsonAsync()).AsArray();
        Assert.DoesNotContain(listed, p => p!["current"]!["numerator"] is not null);
    }
}
