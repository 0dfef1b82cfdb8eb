using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>
/// Issue 12 item 1, over HTTP on the engine under test: a year the OIV validated is frozen (every kind of change answers
/// 409 naming the validation) until an Admin reopens it by an act and the OIV validates it again; a closure freezes the
/// targets of its year; an adopted plan changes only by an act, kept in its history and replayed by asOf.
/// </summary>
public sealed class PlanRecordTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient _office = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
    private readonly HttpClient _admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));

    /// <summary>Plan 2021-2022: node N01 (weight 1) with indicator I1 (weight 1, ">= 100" both years, no cap).</summary>
    private async Task<string> NewPlanAsync(string prefix)
    {
        var code = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var indicator = SmallPlan.Indicator("I1", year: 2021);
        indicator["targets"]!["2022"] = ">= 100";
        var document = SmallPlan.Plan(code, startYear: 2021, endYear: 2022, nodes: [SmallPlan.Node("N01", indicators: [indicator])]);
        document["organization"]!["code"] = Org;
        var import = await _admin.ImportAsync(document);
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        return code;
    }

    private static string Entry(int year, decimal value, string? reason = null, string? reportedOn = null) =>
        new JsonObject { ["year"] = year, ["period"] = "Y", ["value"] = value, ["reason"] = reason, ["reportedOn"] = reportedOn }.ToJsonString();

    private async Task<string> ETagAsync(string url)
    {
        var response = await _office.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.ETag();
    }

    private async Task<HttpResponseMessage> PatchIndicatorAsync(string plan, string body) =>
        await _office.PatchJsonAsync($"/api/indicators/{plan}:I1", JsonNode.Parse(body)!, await ETagAsync($"/api/indicators/{plan}:I1"));

    private async Task<HttpResponseMessage> PatchNodeAsync(string plan, string body) =>
        await _office.PatchJsonAsync($"/api/plans/{plan}/nodes/N01", JsonNode.Parse(body)!, await ETagAsync($"/api/plans/{plan}/nodes/N01"));

    private static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status, string? containing = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if (containing is not null) Assert.Contains(containing, body);
    }

    /// <summary>Records I1's 2021 figure, has it submitted and validated, then validates the year (the OIV).</summary>
    private async Task ValidateYearAsync(string plan, decimal value)
    {
        var actual = await _office.PostActualOkAsync(plan, "I1", Entry(2021, value, reportedOn: "2021-12-31"));
        await AssertStatusAsync(await _office.PostAsync($"/api/actuals/{actual["id"]}/submit", null), HttpStatusCode.OK);
        await AssertStatusAsync(await _oiv.PostAsync($"/api/actuals/{actual["id"]}/validate", null), HttpStatusCode.OK);
        await AssertStatusAsync(await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", """{"note":"Relazione validata"}"""), HttpStatusCode.OK);
    }

    private async Task<decimal?> ScoreAsync(string plan, string query = "")
    {
        var card = await _office.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2021{query}");
        return (decimal?)card["nodes"]![0]!["indicators"]![0]!["score"];
    }

    private async Task<List<string>> AuditActionsAsync(string plan) =>
        (await _admin.GetJsonAsync($"/api/audit?plan={plan}&take=500"))["entries"]!.AsArray()
        .OrderBy(e => (long)e!["sequence"]!).Select(e => (string)e!["action"]!).ToList();

    [Fact]
    public async Task A_validated_year_refuses_every_change_that_scores_it_until_an_admin_reopens_it_and_the_oiv_validates_again()
    {
        var plan = await NewPlanAsync("FROZEN");
        await ValidateYearAsync(plan, 120);
        Assert.Equal(120m, await ScoreAsync(plan));
        Assert.Equal([2021], (await _office.GetJsonAsync($"/api/plans/{plan}"))["validatedYears"]!.AsArray().Select(y => (int)y!));

        const string frozen = "Year 2021 was validated by the OIV";
        // Consuntivi: a new draft, a correction with a reason, a bulk row.
        await AssertStatusAsync(await _office.PostActualAsync(plan, "I1", Entry(2021, 50)), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await _office.PostActualAsync(plan, "I1", Entry(2021, 50, reason: "Rettifica del dato")), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk",
            """{"actuals":[{"indicator":"I1","year":2021,"period":"Y","value":50}]}"""), HttpStatusCode.Conflict, frozen);
        // Targets, weights, the scoring fields, the tree.
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 240"}}"""), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"weight":10}"""), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"polarity":"LowerIsBetter"}"""), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await PatchNodeAsync(plan, """{"weight":10}"""), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await PatchNodeAsync(plan, """{"years":[2022]}"""), HttpStatusCode.Conflict, frozen);
        // Reprogramming: a target revision of the year, an act dated in it.
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"ReviseTarget","indicator":"I1","year":2021,"target":">= 240","act":"Det. 190/2021","date":"2021-12-30"}"""), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"ChangeWeight","node":"N01","weight":5,"act":"Det. 191/2021","date":"2021-06-30"}"""), HttpStatusCode.Conflict, frozen);
        // Nothing moved: the score, the stored figure; what does not score 2021 still changes.
        Assert.Equal(120m, await ScoreAsync(plan));
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2022":">= 110"},"name":"Indicatore rinominato"}"""), HttpStatusCode.OK);

        // Only an Admin reopens, and only with an act and a reason.
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/years/2021/reopen", """{"act":"x","reason":"y"}"""), HttpStatusCode.Forbidden);
        var missing = await (await _admin.PostJsonTextAsync($"/api/plans/{plan}/years/2021/reopen", "{}")).AssertValidationProblemAsync();
        missing.AssertError("act");
        missing.AssertError("reason");
        await AssertStatusAsync(await _admin.PostJsonTextAsync($"/api/plans/{plan}/years/2022/reopen",
            """{"act":"Det. DG n. 12/2022","reason":"Errore nel target"}"""), HttpStatusCode.Conflict, "is not validated");
        var reopened = await _admin.PostJsonTextAsync($"/api/plans/{plan}/years/2021/reopen", """{"act":"Det. DG n. 12/2022","reason":"Errore nel target"}""");
        await AssertStatusAsync(reopened, HttpStatusCode.OK, "\"wasValidatedBy\"");
        Assert.False((bool)(await _office.GetJsonAsync($"/api/plans/{plan}/years/2021"))["validated"]!);

        // Reopened: the change goes through and scores; the OIV validates again; the year is frozen again.
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 240"},"reason":"Target corretto"}"""), HttpStatusCode.OK);
        Assert.Equal(50m, await ScoreAsync(plan));
        await AssertStatusAsync(await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", "{}"), HttpStatusCode.OK);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 100"}}"""), HttpStatusCode.Conflict, frozen);

        // Everything in the audit trail, in order, and the trail verifies.
        var actions = await AuditActionsAsync(plan);
        var tail = actions.SkipWhile(a => a != "YearValidated").Where(a => a is "YearValidated" or "YearReopened" or "IndicatorUpdated").ToList();
        Assert.Equal(["YearValidated", "IndicatorUpdated", "YearReopened", "IndicatorUpdated", "YearValidated"], tail);
        var reopenEntry = (await _admin.GetJsonAsync($"/api/audit?plan={plan}&take=500"))["entries"]!.AsArray().Single(e => (string)e!["action"]! == "YearReopened")!;
        Assert.Equal("Det. DG n. 12/2022: Errore nel target", (string?)reopenEntry["reason"]);
        Assert.Contains("Relazione validata", (string)reopenEntry["before"]!);
        Assert.True((bool)(await _admin.GetJsonAsync("/api/audit/verify"))["valid"]!);
    }

    [Fact]
    public async Task A_closed_period_freezes_the_targets_of_its_year_until_it_is_reopened()
    {
        var plan = await NewPlanAsync("CLOSED");
        var closed = await _office.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2021,"period":"S1","reason":"Monitoraggio semestrale"}""");
        await AssertStatusAsync(closed, HttpStatusCode.Created);
        var closure = (string)JsonNode.Parse(await closed.Content.ReadAsStringAsync())!["id"]!;

        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 50"}}"""), HttpStatusCode.Conflict, "S1 2021 is closed");
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
            """{"kind":"ReviseTarget","indicator":"I1","year":2021,"target":">= 50","act":"Det. 7/2021","date":"2021-09-01"}"""), HttpStatusCode.Conflict, "S1 2021 is closed");
        // Another year's targets, and the weights (a closure freezes consuntivi and targets, not the tree), still change.
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2022":">= 50"}}"""), HttpStatusCode.OK);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"weight":2}"""), HttpStatusCode.OK);

        await AssertStatusAsync(await _admin.PostJsonTextAsync($"/api/plans/{plan}/closures/{closure}/reopen", """{"reason":"Dato da rivedere"}"""), HttpStatusCode.OK);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 50"}}"""), HttpStatusCode.OK);
        var targets = (await _office.GetJsonAsync($"/api/indicators/{plan}:I1"))["targets"]!.AsArray();
        Assert.Equal(">= 50", (string?)targets.Single(t => (int)t!["year"]! == 2021)!["text"]);
    }

    [Fact]
    public async Task An_adopted_plan_changes_only_by_an_act_recorded_in_its_history_and_replayed_by_asOf()
    {
        var plan = await NewPlanAsync("ADOPTED");
        // Monthly, so that a mid-year scorecard has a figure: May's, reported in June.
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"frequency":"Monthly"}"""), HttpStatusCode.OK);
        await _office.PostActualOkAsync(plan, "I1", new JsonObject { ["year"] = 2021, ["period"] = "M05", ["value"] = 120, ["reportedOn"] = "2021-06-10" }.ToJsonString());

        var refused = await (await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"reason":"x"}""")).AssertValidationProblemAsync();
        refused.AssertError("act");
        refused.AssertError("date");
        var adopted = await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"act":"Delibera G.C. n. 12/2021","date":"2021-01-28","reason":"Approvazione del Piano"}""");
        await AssertStatusAsync(adopted, HttpStatusCode.OK);
        var header = await _office.GetJsonAsync($"/api/plans/{plan}");
        Assert.Equal("Adopted", (string?)header["status"]);
        Assert.Equal("Delibera G.C. n. 12/2021", (string?)header["adoptionAct"]);
        Assert.Equal("2021-01-28", (string?)header["adoptedOn"]);
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"act":"Altra delibera","date":"2021-02-01"}"""), HttpStatusCode.Conflict, "only a draft");

        // Every kind of change needs its act and a reason.
        foreach (var change in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => PatchIndicatorAsync(plan, """{"targets":{"2021":">= 150"}}"""), () => PatchIndicatorAsync(plan, """{"weight":3}"""),
                     () => PatchNodeAsync(plan, """{"weight":3}"""), () => PatchNodeAsync(plan, """{"title":"Nuovo titolo"}"""),
                 })
        {
            var errors = await (await change()).AssertValidationProblemAsync();
            errors.AssertError("act", "Delibera G.C. n. 12/2021");
            errors.AssertError("reason");
        }

        // By an act of 1 July: the target revised, the indicator's and the node's weights changed.
        const string act = "\"act\":\"Det. DG n. 190/2021\",\"date\":\"2021-07-01\",\"reason\":\"Riprogrammazione di metà anno\"}";
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 150"},"weight":3,""" + act), HttpStatusCode.OK);
        await AssertStatusAsync(await PatchNodeAsync(plan, """{"weight":4,""" + act), HttpStatusCode.OK);

        var history = (await _office.GetJsonAsync($"/api/plans/{plan}/reprogramming")).AsArray();
        Assert.Equal(["ReviseTarget >= 100 → >= 150", "ChangeWeight 1 → 3", "ChangeWeight 1 → 4"],
            history.Select(h => $"{h!["kind"]} {h["before"]} → {h["after"]}"));
        Assert.All(history, h => Assert.Equal("Det. DG n. 190/2021", (string?)h!["act"]));
        Assert.All(history, h => Assert.Equal("2021-07-01", (string?)h!["effectiveDate"]));

        // asOf: the plan as adopted before the act, as reprogrammed after it.
        var before = await _office.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2021&asOf=2021-06-30");
        var after = await _office.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2021");
        Assert.Equal(">= 100", (string?)before["nodes"]![0]!["indicators"]![0]!["target"]);
        Assert.Equal(120m, (decimal?)before["nodes"]![0]!["indicators"]![0]!["score"]);
        Assert.Equal(1m, (decimal)before["nodes"]![0]!["indicators"]![0]!["weight"]!);
        Assert.Equal(1m, (decimal)before["nodes"]![0]!["weight"]!);
        Assert.Equal(">= 150", (string?)after["nodes"]![0]!["indicators"]![0]!["target"]);
        Assert.Equal(80m, (decimal?)after["nodes"]![0]!["indicators"]![0]!["score"]);
        Assert.Equal(3m, (decimal)after["nodes"]![0]!["indicators"]![0]!["weight"]!);
        Assert.Equal(4m, (decimal)after["nodes"]![0]!["weight"]!);

        // The audit names the act; the stored plan keeps its original figures (the acts are the change).
        var entries = (await _admin.GetJsonAsync($"/api/audit?plan={plan}&take=500"))["entries"]!.AsArray();
        Assert.Equal("Delibera G.C. n. 12/2021: Approvazione del Piano", (string?)entries.Single(e => (string)e!["action"]! == "PlanAdopted")!["reason"]);
        var afterAdoption = entries.OrderBy(e => (long)e!["sequence"]!).SkipWhile(e => (string)e!["action"]! != "PlanAdopted").ToList();
        Assert.Equal(2, afterAdoption.Count(e => (string)e!["action"]! is "IndicatorUpdated" or "NodeUpdated"));
        Assert.All(afterAdoption.Where(e => (string)e!["action"]! is "IndicatorUpdated" or "NodeUpdated"),
            e => Assert.Equal("Det. DG n. 190/2021: Riprogrammazione di metà anno", (string?)e!["reason"]));
        Assert.Equal(1m, (decimal)(await _office.GetJsonAsync($"/api/indicators/{plan}:I1"))["weight"]!);
        Assert.True((bool)(await _admin.GetJsonAsync("/api/audit/verify"))["valid"]!);
    }

    [Fact]
    public async Task An_act_of_an_adopted_plan_is_refused_when_it_would_score_a_validated_year()
    {
        var plan = await NewPlanAsync("ADOPT-FROZEN");
        await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", """{"act":"Delibera n. 1/2021","date":"2021-01-28"}"""), HttpStatusCode.OK);
        await ValidateYearAsync(plan, 120);

        // Dated in the validated year: refused; dated in 2022, a weight change scores 2022 only and goes through.
        await AssertStatusAsync(await PatchNodeAsync(plan, """{"weight":2,"act":"Det. 5/2021","date":"2021-11-30","reason":"Nuovo peso"}"""),
            HttpStatusCode.Conflict, "Year 2021 was validated by the OIV");
        await AssertStatusAsync(await PatchNodeAsync(plan, """{"weight":2,"act":"Det. 5/2022","date":"2022-02-01","reason":"Nuovo peso"}"""), HttpStatusCode.OK);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 50"},"act":"Det. 6/2022","date":"2022-02-01","reason":"Target"}"""),
            HttpStatusCode.Conflict, "Year 2021 was validated by the OIV");
        Assert.Equal(120m, await ScoreAsync(plan));
        Assert.Equal(1m, (decimal)(await _office.GetJsonAsync($"/api/plans/{plan}/scorecard?year=2021"))["nodes"]![0]!["weight"]!);
    }
}
