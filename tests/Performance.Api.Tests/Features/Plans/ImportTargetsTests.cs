using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>
/// The plan import and the new target kinds: a schedule in one target cell stores each of its years, what the reader
/// assumed comes back as warnings by JSON path without refusing the plan, and the export round-trips.
/// </summary>
public sealed class ImportTargetsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject WithTargets(JsonObject indicator, params (string Year, string Text)[] targets)
    {
        indicator["targets"] = new JsonObject(targets.Select(t => KeyValuePair.Create(t.Year, (JsonNode?)JsonValue.Create(t.Text))));
        return indicator;
    }

    private async Task<JsonNode> ImportCreatedAsync(JsonObject document)
    {
        var response = await _client.ImportAsync(document);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    private static JsonNode IndicatorOf(JsonNode exported, string code) =>
        exported["nodes"]!.AsArray().SelectMany(n => n!["indicators"]!.AsArray()).Single(i => (string?)i!["code"] == code)!;

    [Fact]
    public async Task A_schedule_in_one_cell_stores_each_year_s_target_and_the_export_round_trips()
    {
        var schedule = WithTargets(Indicator("N.S", ">= 1", polarity: "HigherIsBetter", unit: "Percent"),
            ("2021", "Anno 2021: >= 80% Anno 2022: >= 85% Anno 2023: >= 90%"));
        // The same schedule pasted in every year's column says the same thing: accepted.
        var pasted = WithTargets(Indicator("N.P", ">= 1", polarity: "HigherIsBetter"),
            ("2021", "2021: 10; 2022: 12"), ("2022", "2021: 10; 2022: 12"), ("2023", "almeno 14"));
        var created = await ImportCreatedAsync(Document("SCHED-IMPORT", null, Node("N", indicators: [schedule, pasted])));
        Assert.Equal("SCHED-IMPORT", (string?)created["code"]);

        var exported = await _client.GetJsonOkAsync("/api/plans/SCHED-IMPORT/export");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "2021": ">= 80%", "2022": ">= 85%", "2023": ">= 90%" }"""), IndicatorOf(exported, "N.S")["targets"]),
            IndicatorOf(exported, "N.S")["targets"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "2021": "10", "2022": "12", "2023": "almeno 14" }"""), IndicatorOf(exported, "N.P")["targets"]),
            IndicatorOf(exported, "N.P")["targets"]!.ToJsonString());

        // Each year is parsed and scored as its own target.
        var indicator = await _client.GetJsonOkAsync("/api/indicators/SCHED-IMPORT:N.S");
        var targets = indicator["targets"]!.AsArray();
        Assert.Equal([80m, 85m, 90m], targets.Select(t => t!["parsed"]!["value"]!.GetValue<decimal>()));
        await _client.PostActualOkAsync("SCHED-IMPORT", "N.S", """{ "year": 2022, "period": "Y", "value": 84 }""");
        Assert.False((bool)IndicatorIn(await _client.ScorecardAsync("SCHED-IMPORT", 2022), "N.S")["met"]!);

        // The exported document imports again as the same plan.
        exported["code"] = "SCHED-IMPORT-2";
        await ImportCreatedAsync(exported.AsObject());
        var again = await _client.GetJsonOkAsync("/api/plans/SCHED-IMPORT-2/export");
        again["code"] = "SCHED-IMPORT";
        Assert.True(JsonNode.DeepEquals(await _client.GetJsonOkAsync("/api/plans/SCHED-IMPORT/export"), again));
    }

    [Fact]
    public async Task Parse_warnings_come_back_by_json_path_and_the_plan_is_stored()
    {
        var bare = WithTargets(Indicator("N.B", ">= 1", polarity: "LowerIsBetter"), ("2021", "10,00"));
        var schedule = WithTargets(Indicator("N.S", ">= 1", polarity: "HigherIsBetter"), ("2022", "2022: 80%; 2023: >= 85%"));
        var placeholder = WithTargets(Indicator("N.X", ">= 1", polarity: "HigherIsBetter"), ("2021", "gg. …"));
        var clean = Indicator("N.C", ">= 100", polarity: "HigherIsBetter");
        var created = await ImportCreatedAsync(Document("WARN-IMPORT", null, Node("N", indicators: [bare, schedule, placeholder, clean])));

        var warnings = created["warnings"]!.AsArray().Select(w => ((string)w!["path"]!, (string)w["code"]!, (string)w["message"]!)).ToList();
        Assert.Equal(
            [
                ("nodes[0].indicators[0].targets.2021", "OperatorInferred"),
                ("nodes[0].indicators[1].targets.2022", "OperatorInferred"),
                ("nodes[0].indicators[2].targets.2021", "Placeholder"),
            ],
            warnings.Select(w => (w.Item1, w.Item2)));
        Assert.StartsWith("2022: ", warnings[1].Item3, StringComparison.Ordinal); // the schedule's year that assumed it
        Assert.All(created["warnings"]!.AsArray(), w => Assert.Null(w!["location"]));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/plans/WARN-IMPORT")).StatusCode);
    }

    [Fact]
    public async Task A_year_given_twice_differently_or_outside_the_plan_is_refused_where_it_stands_and_nothing_is_stored()
    {
        var twice = WithTargets(Indicator("N.T", ">= 1", polarity: "HigherIsBetter"),
            ("2021", "Anno 2021: >= 80% Anno 2022: >= 85%"), ("2022", ">= 86%"));
        var outside = WithTargets(Indicator("N.O", ">= 1", polarity: "HigherIsBetter"), ("2023", "2023: >= 80%; 2024: >= 85%"));
        var response = await _client.ImportAsync(Document("SCHED-BAD", null, Node("N", indicators: [twice, outside])));

        var errors = await response.AssertValidationProblemAsync();
        errors.AssertError("nodes[0].indicators[0].targets.2022", "given twice");
        errors.AssertError("nodes[0].indicators[1].targets.2023", "2024, outside the plan (2021-2023)");
        Assert.Equal(2, errors.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/plans/SCHED-BAD")).StatusCode);
    }
}
