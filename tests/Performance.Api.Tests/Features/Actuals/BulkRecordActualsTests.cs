using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Actuals;

/// <summary>POST /api/plans/{plan}/actuals/bulk: all or nothing, every bad row reported by its JSON path.</summary>
public sealed class BulkRecordActualsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private const int IndicatorCount = 100;

    /// <summary>100 monthly "Sum" indicators, one per node of 10, so 10,000 rows hit 3,600 (indicator, year, month) keys.</summary>
    private async Task ImportBigPlanAsync(string code)
    {
        var nodes = Enumerable.Range(0, 10).Select(n => Node($"N{n}",
            indicators: Enumerable.Range(0, 10).Select(i => Indicator($"K{n * 10 + i:000}", ">= 100", aggregation: "Sum", frequency: "Monthly")).ToArray()))
            .ToArray();
        await _client.ImportOkAsync(Document(code, null, nodes));
    }

    /// <summary>Row r: indicator r % 100, then cycling years 2021-2023 and months, so key (r % 3600) repeats every 3,600 rows.</summary>
    private static JsonObject Row(int r)
    {
        var key = r % 3600;
        return new JsonObject
        {
            ["indicator"] = $"K{key % IndicatorCount:000}",
            ["year"] = 2021 + key / IndicatorCount % 3,
            ["period"] = $"M{key / 300 + 1:00}",
            ["value"] = r % 7 + 1,
        };
    }

    private static string Body(IEnumerable<JsonObject> rows) =>
        new JsonObject { ["actuals"] = new JsonArray(rows.Select(r => (JsonNode)r).ToArray()) }.ToJsonString();

    [Fact]
    public async Task Ten_thousand_valid_rows_are_stored_with_counts_and_revisions()
    {
        await ImportBigPlanAsync("BIG");
        var rows = Enumerable.Range(0, 10_000).Select(Row).ToList();
        Assert.Equal(3600, rows.Select(r => ((string)r["indicator"]!, (int)r["year"]!, (string)r["period"]!)).Distinct().Count());

        var response = await _client.PostJsonTextAsync("/api/plans/BIG/actuals/bulk", Body(rows));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJsonAsync();
        Assert.Equal(10_000, (int)result["stored"]!);
        Assert.Equal(IndicatorCount, (int)result["indicators"]!);
        Assert.Equal(10_000 - 3600, (int)result["newRevisions"]!);

        // K000 2021: rows with key 0 are 0, 3600, 7200 (three revisions of M01); keys 300, 600 ... 3300 are M02..M12
        // (one row each below 10,000 except those < 10,000 − 7,200 = 2,800 that come round a third time).
        var list = (await _client.GetJsonOkAsync("/api/indicators/BIG:K000/actuals?year=2021")).AsArray();
        Assert.Equal(12, list.Count);
        var m01 = list.Single(p => (string?)p!["period"] == "M01")!;
        Assert.Equal([1, 2, 3], m01["revisions"]!.AsArray().Select(r => (int)r!["revision"]!));
        Assert.Equal(Row(7200)["value"]!.GetValue<int>(), (int)Dec(m01["current"]!["value"])!);

        // Sum over months of the latest revision of each, exactly as the rows say (last row for a key wins).
        var expected = rows.Select((r, i) => (r, i)).Where(x => (string)x.r["indicator"]! == "K000" && (int)x.r["year"]! == 2021)
            .GroupBy(x => (string)x.r["period"]!).Sum(g => (int)g.MaxBy(x => x.i).r["value"]!);
        var scored = IndicatorIn(await _client.ScorecardAsync("BIG"), "K000");
        Assert.Equal(expected, Dec(scored["actual"]));
    }

    [Fact]
    public async Task One_bad_row_in_ten_thousand_stores_nothing_and_names_the_row()
    {
        await ImportBigPlanAsync("BAD1");
        var scorecardBefore = (await _client.ScorecardAsync("BAD1")).ToJsonString();
        var rows = Enumerable.Range(0, 10_000).Select(Row).ToList();
        rows[7321]["indicator"] = "K999";

        var response = await _client.PostJsonTextAsync("/api/plans/BAD1/actuals/bulk", Body(rows));
        var errors = await AssertValidationProblemAsync(response, "actuals[7321].indicator");
        Assert.Single(errors);

        Assert.Equal(scorecardBefore, (await _client.ScorecardAsync("BAD1")).ToJsonString());
        foreach (var code in new[] { "K000", "K021", "K099" })
            Assert.Empty((await _client.GetJsonOkAsync($"/api/indicators/BAD1:{code}/actuals")).AsArray());
    }

    [Fact]
    public async Task A_bad_period_at_row_7321_stores_nothing()
    {
        await ImportBigPlanAsync("BAD2");
        var rows = Enumerable.Range(0, 10_000).Select(Row).ToList();
        rows[7321]["period"] = "Q5";
        var response = await _client.PostJsonTextAsync("/api/plans/BAD2/actuals/bulk", Body(rows));
        await AssertValidationProblemAsync(response, "actuals[7321].period");
        Assert.Empty((await _client.GetJsonOkAsync("/api/indicators/BAD2:K000/actuals")).AsArray());
        Assert.Null(Dec((await _client.ScorecardAsync("BAD2"))["score"]));
    }

    [Fact]
    public async Task Every_bad_row_is_reported()
    {
        await _client.EnsureCremonaAsync();
        var body = """
            { "actuals": [
              { "indicator": "2021_02_01.I1", "year": 2021, "period": "Y", "value": 4 },
              { "indicator": "2021_02_01.I1", "year": 2021, "period": "Q5", "value": 4 },
              { "indicator": "NOPE", "year": 2021, "period": "Y", "value": 4 },
              { "indicator": "2021_02_01.I1", "year": 2030, "period": "Y", "value": 4 },
              { "indicator": "2021_01.I1", "year": 2021, "period": "Y", "numerator": 5, "denominator": 0 },
              { "indicator": "2021_01_01.I2", "year": 2021, "period": "Y", "completion": 150 },
              { "indicator": "2021_01_01.I2", "year": 2021, "period": "Y", "value": 1 },
              { "indicator": "2021_02_01.I1", "year": 2021, "period": "Y", "done": true },
              { "indicator": "2021_02_01.I1", "year": 2021, "period": "Y", "value": 1e20 },
              { "year": 2021, "period": "Y", "value": 4 },
              null,
              { "indicator": "2021_01.I1", "year": 2021, "period": "Y", "numerator": 5 }
            ] }
            """;
        var response = await _client.PostJsonTextAsync($"/api/plans/{Cremona}/actuals/bulk", body);
        var errors = await AssertValidationProblemAsync(response,
            "actuals[1].period", "actuals[2].indicator", "actuals[3].year", "actuals[5].completion",
            "actuals[6].done", "actuals[7].done", "actuals[8].value", "actuals[9].indicator", "actuals[10]", "actuals[11].denominator");
        Assert.DoesNotContain(errors, e => e.Key.StartsWith("actuals[0]", StringComparison.Ordinal));
        // A denominator of 0 is a period with no cases (issue 20): accepted, the year's ratio of sums stays defined.
        Assert.DoesNotContain(errors, e => e.Key.StartsWith("actuals[4]", StringComparison.Ordinal));
        Assert.Empty((await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:2021_02_01.I1/actuals")).AsArray());
    }

    [Theory]
    [InlineData("""{ "actuals": [ { "indicator": "2021_02_01.I1", "year": 2021, "period": "Y", "value": "abc" } ] }""", "actuals[0].value")]
    [InlineData("""{ "actuals": [ { "indicator": "2021_02_01.I1", "year": 2021, "period": "Y", "value": 4 }, { "indicator": "2021_02_01.I1", "year": 2021, "period": "Y", "value": "12" } ] }""", "actuals[1].value")]
    [InlineData("""{ "actuals": [] }""", "actuals")]
    [InlineData("""{ }""", "actuals")]
    [InlineData("""{ "actuals": [ { "indicator": "2021_02_01.I1", "year": 2021 """, null)]
    public async Task Malformed_or_empty_batches_are_400(string body, string? field)
    {
        await _client.EnsureCremonaAsync();
        var response = await _client.PostJsonTextAsync($"/api/plans/{Cremona}/actuals/bulk", body);
        await AssertValidationProblemAsync(response, field is null ? [] : [field]);
        Assert.Empty((await _client.GetJsonOkAsync($"/api/indicators/{Cremona}:2021_02_01.I1/actuals")).AsArray());
    }

    [Fact]
    public async Task Unknown_plan_is_404()
    {
        var response = await _client.PostJsonTextAsync("/api/plans/NOPE/actuals/bulk",
            """{ "actuals": [ { "indicator": "X", "year": 2021, "period": "Y", "value": 4 } ] }""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Rows_for_the_same_period_get_successive_revisions_after_the_stored_ones()
    {
        await _client.ImportOkAsync(Document("SEQ", null, Node("S1", indicators: [Indicator("S1.I1", "<= 10", aggregation: "Last")])));
        await _client.PostActualOkAsync("SEQ", "S1.I1", """{ "year": 2021, "period": "Y", "value": 20 }""");

        var body = """
            { "actuals": [
              { "indicator": "S1.I1", "year": 2021, "period": "Y", "value": 16 },
              { "indicator": "S1.I1", "year": 2021, "period": "Q1", "value": 3 },
              { "indicator": "S1.I1", "year": 2021, "period": "Y", "value": 12.5 },
              { "indicator": "S1.I1", "year": 2021, "period": "Y", "value": 8, "note": "definitivo" }
            ] }
            """;
        var response = await _client.PostJsonTextAsync("/api/plans/SEQ/actuals/bulk", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJsonAsync();
        Assert.Equal(4, (int)result["stored"]!);
        Assert.Equal(1, (int)result["indicators"]!);
        Assert.Equal(3, (int)result["newRevisions"]!); // Y revisions 2, 3, 4; Q1 is a first revision

        var list = (await _client.GetJsonOkAsync("/api/indicators/SEQ:S1.I1/actuals?year=2021")).AsArray();
        var y = list.Single(p => (string?)p!["period"] == "Y")!;
        Assert.Equal([1, 2, 3, 4], y["revisions"]!.AsArray().Select(r => (int)r!["revision"]!));
        Assert.Equal([20m, 16m, 12.5m, 8m], y["revisions"]!.AsArray().Select(r => Dec(r!["value"])!.Value));
        Assert.Equal(4, (int)y["current"]!["revision"]!);
        Assert.Equal(1, (int)list.Single(p => (string?)p!["period"] == "Q1")!["current"]!["revision"]!);

        // The annual Y (revision 4, value 8) wins over Q1: "<= 10", inverse ratio 10 / 8 × 100 = 125 → cap 100.
        var explained = await _client.GetJsonOkAsync("/api/indicators/SEQ:S1.I1/score?year=2021&explain=true");
        Assert.Equal(8m, Dec(explained["actual"]));
        Assert.Equal(125m, Dec(explained["achievement"]));
        Assert.Equal(100m, Dec(explained["score"]));
        var used = Assert.Single(explained["explanation"]!["actualsUsed"]!.AsArray())!;
        Assert.Equal(("Y", 4), ((string)used["period"]!, (int)used["revision"]!));
    }

    [Fact]
    public async Task The_description_of_a_load_is_kept_as_the_reason_of_its_audit_entry_and_a_dry_run_stores_nothing()
    {
        await ImportBigPlanAsync("BULK-DESC");
        var rows = new JsonArray(Row(0), Row(1));
        var dry = await _client.PostJsonTextAsync("/api/plans/BULK-DESC/actuals/bulk?dryRun=true",
            new JsonObject { ["actuals"] = rows.DeepClone(), ["description"] = "Consuntivi Q1 dal gestionale" }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var planned = await dry.ReadJsonAsync();
        Assert.Equal((true, 0, 2), ((bool)planned["dryRun"]!, (int)planned["stored"]!, planned["changes"]!.AsArray().Count));
        Assert.Equal(1, (int)planned["changes"]![0]!["revision"]!);

        var stored = await _client.PostJsonTextAsync("/api/plans/BULK-DESC/actuals/bulk",
            new JsonObject { ["actuals"] = rows.DeepClone(), ["description"] = "Consuntivi Q1 dal gestionale" }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(2, (int)(await stored.ReadJsonAsync())["stored"]!);
        var audit = await (await _client.GetAsync("/api/audit?plan=BULK-DESC")).ReadJsonAsync();
        Assert.Single(audit["entries"]!.AsArray(), e => (string?)e!["reason"] == "Consuntivi Q1 dal gestionale");
    }
}
