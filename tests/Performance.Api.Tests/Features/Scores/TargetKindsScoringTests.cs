using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// Targets that need more than their own text, scored over HTTP (docs/scoring.md, "Targets beyond their text"): a relative
/// target against the reference year's stored consuntivi and against the declared baseline, with its computation in
/// explain; without a reference value not scored, with the reason; "n.d." reported and left out of the roll-up; a
/// schedule's own year; a value with a due date met only by the periods ending by then.
/// </summary>
public sealed class TargetKindsScoringTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string[] StepNames(JsonNode explanation) => explanation["steps"]!.AsArray().Select(s => (string)s!["step"]!).ToArray();

    private static JsonObject WithTargets(JsonObject indicator, params (string Year, string Text)[] targets)
    {
        indicator["targets"] = new JsonObject(targets.Select(t => KeyValuePair.Create(t.Year, (JsonNode?)JsonValue.Create(t.Text))));
        return indicator;
    }

    private static JsonObject WithBaseline(JsonObject indicator, int year, decimal value)
    {
        indicator["baseline"] = new JsonObject { ["year"] = year, ["value"] = value };
        return indicator;
    }

    private Task Post(string plan, string indicator, int year, string period, decimal value) =>
        _client.PostActualOkAsync(plan, indicator, $$"""{ "year": {{year}}, "period": "{{period}}", "value": {{value}} }""");

    /// <summary>Imports a plan whose node N holds the indicators, then posts the 2021 consuntivi (indicator, period, value).</summary>
    private async Task ImportWithActualsAsync(string plan, JsonObject[] indicators, params (string Indicator, string Period, decimal Value)[] actuals)
    {
        await _client.ImportOkAsync(Document(plan, null, Node("N", indicators: indicators)));
        foreach (var (indicator, period, value) in actuals) await Post(plan, indicator, 2021, period, value);
    }

    private Task<JsonNode> ExplainAsync(string plan, string indicator, int year, string query = "") =>
        _client.GetJsonOkAsync($"/api/indicators/{plan}:{indicator}/score?year={year}&explain=true{query}");

    /// <summary>
    /// A plan whose node N holds the two given indicators (the first with a 2021 consuntivo of 500) and N.S1 scored 60 on
    /// ">= 100": the node scores 60 only if the two are left out of its roll-up (never 0, never 100 for them).
    /// </summary>
    private async Task<JsonNode> BesideOneScoredAtSixtyAsync(string plan, JsonObject first, JsonObject second)
    {
        var scored = Indicator("N.S1", ">= 100", polarity: "HigherIsBetter");
        await _client.ImportOkAsync(Document(plan, Policy(cap: null), Node("N", indicators: [first, second, scored])));
        await Post(plan, (string)first["code"]!, 2021, "Y", 500);
        await Post(plan, "N.S1", 2021, "Y", 60);
        var scorecard = await _client.ScorecardAsync(plan);
        Assert.Equal(60m, Dec(NodeIn(scorecard, "N")["score"]));
        return scorecard;
    }

    [Fact]
    public async Task A_relative_target_is_computed_from_the_reference_year_s_stored_consuntivi_as_that_year_aggregates_them()
    {
        // "+8% rispetto al 2021" for 2022, a Sum indicator with four quarters in 2021: B = 300 × 4 = 1.200, T = 1.296.
        var met = WithTargets(Indicator("N.R1", ">= 1", aggregation: "Sum", polarity: "HigherIsBetter"), ("2022", "+8% rispetto al 2021"));
        var missed = WithTargets(Indicator("N.R2", ">= 1", aggregation: "Sum", polarity: "HigherIsBetter"), ("2022", "+8% rispetto al 2021"));
        await _client.ImportOkAsync(Document("REL-STORED", null, Node("N", indicators: [met, missed])));
        foreach (var code in new[] { "N.R1", "N.R2" })
            foreach (var q in new[] { "Q1", "Q2", "Q3", "Q4" })
                await Post("REL-STORED", code, 2021, q, 300);
        await Post("REL-STORED", "N.R1", 2022, "Y", 1296);
        await Post("REL-STORED", "N.R2", 2022, "Y", 1295.99m);

        var scorecard = await _client.ScorecardAsync("REL-STORED", 2022);
        var r1 = IndicatorIn(scorecard, "N.R1");
        Assert.Equal(100m, Dec(r1["achievement"]));
        Assert.True((bool)r1["met"]!);
        Assert.Equal("Green", (string?)r1["status"]);
        Assert.Equal("+8% rispetto al 2021", (string?)r1["target"]);
        var r2 = IndicatorIn(scorecard, "N.R2");
        Assert.False((bool)r2["met"]!);
        Assert.Equal(100m, Dec(r2["achievement"])); // 1.295,99 / 1.296 × 100 = 99,9992… → 100,00 presented, yet not met

        var explained = await ExplainAsync("REL-STORED", "N.R1", 2022);
        var e = explained["explanation"]!;
        Assert.Equal(["target", "reference", "aggregation", "actual", "achievement", "cap", "score", "met", "deviation", "status"], StepNames(e));
        var reference = ExplanationStep(e, "reference");
        Assert.Equal("baseline 2021 = 1.200 → target = 1.200 × 1,08 = 1.296", (string?)reference["description"]);
        Assert.Equal(1200m, Dec(reference["before"]));
        Assert.Equal(1296m, Dec(reference["value"]));
        Assert.Contains("2021 figure", (string?)reference["calculation"], StringComparison.Ordinal);
        Assert.Equal("Numeric", (string?)e["target"]!["kind"]);
        Assert.Equal("AtLeast", (string?)e["target"]!["operator"]);
        Assert.Equal(1296m, Dec(e["target"]!["value"]));
        Assert.Equal(2021, (int)e["target"]!["reference"]!);
        Assert.Equal("Increase", (string?)e["target"]!["change"]!["direction"]);
        Assert.Equal("A = 1296 ≥ T = 1296: true → met", (string?)ExplanationStep(e, "met")["description"]);

        // The trend draws the computed target as its line.
        var trend = await _client.GetJsonOkAsync("/api/indicators/REL-STORED:N.R1/trend");
        var year2022 = trend["points"]!.AsArray().Single(p => (int)p!["year"]! == 2022 && (string?)p["period"] == "Y")!;
        Assert.Equal(1296m, Dec(year2022["target"]));
        Assert.True((bool)year2022["met"]!);
    }

    [Fact]
    public async Task The_reference_figure_is_the_latest_revision_known_at_the_scored_asOf()
    {
        var indicator = WithTargets(Indicator("N.R1", ">= 1", aggregation: "Sum", polarity: "HigherIsBetter"), ("2022", "+8% rispetto al 2021"));
        await _client.ImportOkAsync(Document("REL-ASOF", null, Node("N", indicators: [indicator])));
        await Post("REL-ASOF", "N.R1", 2021, "Y", 1200);
        await Post("REL-ASOF", "N.R1", 2021, "Y", 1250);  // revision 2 of the 2021 figure
        await Post("REL-ASOF", "N.R1", 2022, "Q1", 1300);
        await factory.BackdateAsync("REL-ASOF", "N.R1", "Y", 1, new DateTime(2022, 1, 10, 9, 0, 0, DateTimeKind.Utc));
        await factory.BackdateAsync("REL-ASOF", "N.R1", "Y", 2, new DateTime(2022, 5, 10, 9, 0, 0, DateTimeKind.Utc));
        await factory.BackdateAsync("REL-ASOF", "N.R1", "Q1", 1, new DateTime(2022, 4, 10, 9, 0, 0, DateTimeKind.Utc));

        // On 30 April only revision 1 (1.200) was known: T = 1.296, met by 1.300. Today revision 2 (1.250): T = 1.350.
        var april = await ExplainAsync("REL-ASOF", "N.R1", 2022, "&asOf=2022-04-30");
        Assert.Equal("baseline 2021 = 1.200 → target = 1.200 × 1,08 = 1.296", (string?)ExplanationStep(april["explanation"]!, "reference")["description"]);
        Assert.True((bool)april["met"]!);
        var now = await ExplainAsync("REL-ASOF", "N.R1", 2022);
        Assert.Equal("baseline 2021 = 1.250 → target = 1.250 × 1,08 = 1.350", (string?)ExplanationStep(now["explanation"]!, "reference")["description"]);
        Assert.False((bool)now["met"]!);
        Assert.Equal(96.3m, Dec(now["achievement"])); // 1.300 / 1.350 × 100 = 96,296… → 96,30
    }

    [Fact]
    public async Task A_relative_target_uses_the_declared_baseline_when_the_text_names_it_or_its_year()
    {
        var increase = WithBaseline(WithTargets(Indicator("N.D1", ">= 1", polarity: "HigherIsBetter"),
            ("2021", "Incremento del 15% rispetto alla baseline")), 2020, 1200);
        var decrease = WithBaseline(WithTargets(Indicator("N.D2", ">= 1", polarity: "LowerIsBetter"),
            ("2021", "Riduzione del 10% dei tempi rispetto al 2020")), 2020, 1200);
        var further = WithBaseline(WithTargets(Indicator("N.D3", ">= 1", polarity: "HigherIsBetter"),
            ("2021", "Ulteriori 300 imprese rispetto alla baseline")), 2020, 1200);
        await ImportWithActualsAsync("REL-DECLARED", [increase, decrease, further], ("N.D1", "Y", 1380), ("N.D2", "Y", 1100), ("N.D3", "Y", 1500));

        var d1 = await ExplainAsync("REL-DECLARED", "N.D1", 2021);
        Assert.True((bool)d1["met"]!);
        Assert.Equal(100m, Dec(d1["score"]));
        var reference = ExplanationStep(d1["explanation"]!, "reference");
        Assert.Equal("baseline 2020 = 1.200 → target = 1.200 × 1,15 = 1.380", (string?)reference["description"]);
        Assert.Contains("declared baseline", (string?)reference["calculation"], StringComparison.Ordinal);
        Assert.Equal("baseline", (string?)d1["explanation"]!["target"]!["reference"]);

        // A decrease is at most: T = 1.200 × 0,9 = 1.080; 1.100 misses it (inverse ratio 1.080 / 1.100 × 100 = 98,18).
        var d2 = await ExplainAsync("REL-DECLARED", "N.D2", 2021);
        Assert.Equal("baseline 2020 = 1.200 → target = 1.200 × 0,9 = 1.080", (string?)ExplanationStep(d2["explanation"]!, "reference")["description"]);
        Assert.Equal("AtMost", (string?)d2["explanation"]!["target"]!["operator"]);
        Assert.False((bool)d2["met"]!);
        Assert.Equal(98.18m, Dec(d2["achievement"]));

        var d3 = await ExplainAsync("REL-DECLARED", "N.D3", 2021);
        Assert.Equal("baseline 2020 = 1.200 → target = 1.200 + 300 = 1.500", (string?)ExplanationStep(d3["explanation"]!, "reference")["description"]);
        Assert.True((bool)d3["met"]!);
    }

    [Fact]
    public async Task Without_a_reference_value_a_relative_target_is_not_scored_says_why_and_stays_out_of_the_roll_up()
    {
        var scorecard = await BesideOneScoredAtSixtyAsync("REL-NONE",
            WithTargets(Indicator("N.X1", ">= 1", polarity: "HigherIsBetter"), ("2021", "+8% rispetto al 2020")),
            WithTargets(Indicator("N.X2", ">= 1", polarity: "HigherIsBetter"), ("2021", "Incremento del 15% rispetto alla baseline")));
        var x1 = IndicatorIn(scorecard, "N.X1");
        Assert.Null(x1["score"]);
        Assert.Null(x1["achievement"]);
        Assert.Null(x1["met"]);
        Assert.Equal("Grey", (string?)x1["status"]);
        Assert.Equal("The relative target cannot be computed: no consuntivo for 2020 and no declared baseline for that year (baseline 2020 missing).",
            (string?)x1["missingReason"]);
        Assert.Contains("declares none", (string?)IndicatorIn(scorecard, "N.X2")["missingReason"], StringComparison.Ordinal);

        var explained = await ExplainAsync("REL-NONE", "N.X1", 2021);
        var e = explained["explanation"]!;
        Assert.Equal(["target", "reference", "missing", "status"], StepNames(e));
        Assert.Equal("\"+8% rispetto al 2020\" → Relative", (string?)ExplanationStep(e, "target")["description"]);
        Assert.Equal("baseline 2020 missing", (string?)ExplanationStep(e, "reference")["description"]);
        Assert.Null(ExplanationStep(e, "reference")["value"]);
        Assert.StartsWith("The relative target cannot be computed", (string?)ExplanationStep(e, "missing")["description"], StringComparison.Ordinal);
        Assert.Equal("Relative", (string?)e["target"]!["kind"]);
        Assert.Equal(2020, (int)e["target"]!["reference"]!);
    }

    [Fact]
    public async Task No_target_this_year_is_reported_with_its_reason_and_left_out_of_the_roll_up()
    {
        var scorecard = await BesideOneScoredAtSixtyAsync("NOTARGET",
            Indicator("N.NT", "n.d.", polarity: "HigherIsBetter"), Indicator("N.PH", "gg. …", polarity: "LowerIsBetter"));
        var nt = IndicatorIn(scorecard, "N.NT");
        Assert.Null(nt["score"]);
        Assert.Equal("Grey", (string?)nt["status"]);
        Assert.Equal("No target for 2021 (\"n.d.\"): the indicator is reported, not scored.", (string?)nt["missingReason"]);
        Assert.Equal("No target for 2021 (\"gg. …\"): the indicator is reported, not scored.", (string?)IndicatorIn(scorecard, "N.PH")["missingReason"]);

        var explained = await ExplainAsync("NOTARGET", "N.NT", 2021);
        var e = explained["explanation"]!;
        Assert.Equal(["target", "missing", "status"], StepNames(e));
        Assert.Equal("\"n.d.\" → NoTarget", (string?)ExplanationStep(e, "target")["description"]);
        Assert.Equal("NoTarget", (string?)e["target"]!["kind"]);

        // Its consuntivo is kept and listed all the same.
        var actuals = await _client.GetJsonOkAsync("/api/indicators/NOTARGET:N.NT/actuals");
        Assert.Contains("\"value\":500", actuals.ToJsonString(), StringComparison.Ordinal);

        // The node's explanation lists it as excluded.
        var node = await _client.GetJsonOkAsync("/api/plans/NOTARGET/nodes/N/score?year=2021&explain=true");
        var contribution = node["explanation"]!["contributions"]!.AsArray().Single(c => (string?)c!["code"] == "N.NT")!;
        Assert.True((bool)contribution["excluded"]!);
    }

    [Fact]
    public async Task A_schedule_written_as_one_target_is_scored_on_the_year_s_own_entry()
    {
        var indicator = Indicator("N.SC", ">= 1", polarity: "HigherIsBetter", unit: "Percent");
        await _client.ImportOkAsync(Document("SCHEDULE", null, Node("N", indicators: [indicator])));
        var current = await _client.GetAsync("/api/indicators/SCHEDULE:N.SC");
        var patched = await _client.PatchJsonAsync("/api/indicators/SCHEDULE:N.SC",
            JsonNode.Parse("""{ "targets": { "2022": "Anno 2022: >= 85% Anno 2023: >= 90%" } }""")!, current.ETag());
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        await Post("SCHEDULE", "N.SC", 2022, "Y", 85);

        var explained = await ExplainAsync("SCHEDULE", "N.SC", 2022);
        Assert.True((bool)explained["met"]!);
        Assert.Equal("Anno 2022: >= 85% Anno 2023: >= 90%", (string?)explained["target"]);
        Assert.Equal(85m, Dec(explained["explanation"]!["target"]!["value"]));
        Assert.Equal(">= 85%", (string?)explained["explanation"]!["target"]!["text"]);
    }

    [Fact]
    public async Task A_value_with_a_due_date_is_met_only_by_the_periods_ending_by_that_date()
    {
        var onTime = Indicator("N.V1", "100% entro il 30/06", polarity: "HigherIsBetter", unit: "Percent");
        var late = Indicator("N.V2", "100% entro il 30/06", polarity: "HigherIsBetter", unit: "Percent");
        await ImportWithActualsAsync("DUEDATE", [onTime, late], ("N.V1", "Q1", 60), ("N.V1", "Q2", 100), ("N.V2", "Q2", 80), ("N.V2", "Q3", 100));

        var v1 = await ExplainAsync("DUEDATE", "N.V1", 2021);
        Assert.True((bool)v1["met"]!);
        Assert.Equal(100m, Dec(v1["actual"]));
        Assert.EndsWith("due by 2021-06-30: only periods ending by then count", (string?)ExplanationStep(v1["explanation"]!, "target")["description"], StringComparison.Ordinal);

        // The Q3 figure reached 100% after the due date: the Q2 figure (80%) is what counts.
        var v2 = await ExplainAsync("DUEDATE", "N.V2", 2021);
        Assert.False((bool)v2["met"]!);
        Assert.Equal(80m, Dec(v2["actual"]));
        Assert.Equal(80m, Dec(v2["achievement"]));
        var ignored = v2["explanation"]!["actualsIgnored"]!.AsArray().Single(a => (string?)a!["period"] == "Q3")!;
        Assert.Contains("2021-06-30", (string?)ignored["reason"], StringComparison.Ordinal);
        Assert.Equal("2021-06-30", (string?)v2["explanation"]!["target"]!["dueDate"]);

        var scorecard = await _client.ScorecardAsync("DUEDATE");
        Assert.True((bool)IndicatorIn(scorecard, "N.V1")["met"]!);
        Assert.False((bool)IndicatorIn(scorecard, "N.V2")["met"]!);
    }
}
