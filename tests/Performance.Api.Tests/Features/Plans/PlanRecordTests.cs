using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>
/// Issue 12, what the record of a plan allows, over HTTP on the engine under test. The first test is the whole matrix in
/// one place (<see cref="Matrix"/>): for a year the OIV validated, a closed period and an adopted plan, every kind of change
/// the API offers and what it gets — a 409 naming the validation, the closure or the adoption act; a 400 asking for the
/// act, then success with the act on record; or success. The flows follow: a validated year reopened by an Admin's act,
/// changed and validated again with every step in the audit trail; a closure reopened; an adopted plan's acts kept in
/// its history and replayed by asOf; an act refused when it would score a validated year.
/// </summary>
public sealed class PlanRecordTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient _office = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
    private readonly HttpClient _admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));

    public enum Record { ValidatedYear, ClosedPeriod, AdoptedPlan }

    public enum Change
    {
        RecordActual, CorrectActual, BulkActuals, UploadActuals,
        ChangeTarget, ChangeIndicatorWeight, ChangeNodeWeight, ChangeScoringField, ChangeIndicatorCap, ChangeTree,
        ReviseTargetByAct, ChangeWeightByAct, ReplacePlan,
        Submit, Validate, Return, BulkSubmit, BulkValidate,
        ProposeForzatura, ApproveForzatura,
    }

    /// <summary>Refused: 409 naming what binds the plan. NeedsAct: 400 asking for the act and a reason, then with them
    /// success and the act on record. Allowed: success.</summary>
    public enum Outcome { Refused, NeedsAct, Allowed }

    /// <summary>
    /// The matrix. A validated year freezes everything that scores it. A closure (S1 2021 here) freezes the consuntivi of
    /// its period and the targets of its year, which score it — not weights, tree or scoring fields, and not the review of
    /// figures already entered nor forzature. An adopted plan takes consuntivi, reviews and forzature as before; its
    /// targets, weights, tree and scoring fields change only by an act with a reason, and it is never replaced by a new
    /// document (which would rewrite it without one).
    /// </summary>
    public static readonly IReadOnlyDictionary<Change, (Outcome ValidatedYear, Outcome ClosedPeriod, Outcome AdoptedPlan)> Matrix =
        new Dictionary<Change, (Outcome, Outcome, Outcome)>
        {
            // consuntivi                                           validated year    closed period     adopted plan
            [Change.RecordActual] =                                (Outcome.Refused, Outcome.Refused, Outcome.Allowed),
            [Change.CorrectActual] =                               (Outcome.Refused, Outcome.Refused, Outcome.Allowed),
            [Change.BulkActuals] =                                 (Outcome.Refused, Outcome.Refused, Outcome.Allowed),
            [Change.UploadActuals] =                               (Outcome.Refused, Outcome.Refused, Outcome.Allowed),
            // the plan: PATCH of targets, weights, scoring fields, tree
            [Change.ChangeTarget] =                                (Outcome.Refused, Outcome.Refused, Outcome.NeedsAct),
            [Change.ChangeIndicatorWeight] =                       (Outcome.Refused, Outcome.Allowed, Outcome.NeedsAct),
            [Change.ChangeNodeWeight] =                            (Outcome.Refused, Outcome.Allowed, Outcome.NeedsAct),
            [Change.ChangeScoringField] =                          (Outcome.Refused, Outcome.Allowed, Outcome.NeedsAct),
            [Change.ChangeIndicatorCap] =                          (Outcome.Refused, Outcome.Allowed, Outcome.NeedsAct),
            [Change.ChangeTree] =                                  (Outcome.Refused, Outcome.Allowed, Outcome.NeedsAct),
            // reprogramming acts, and the policy (it changes only by replacing the plan's document)
            [Change.ReviseTargetByAct] =                           (Outcome.Refused, Outcome.Refused, Outcome.NeedsAct),
            [Change.ChangeWeightByAct] =                           (Outcome.Refused, Outcome.Allowed, Outcome.NeedsAct),
            [Change.ReplacePlan] =                                 (Outcome.Refused, Outcome.Refused, Outcome.Refused),
            // reviews, one by one and in bulk
            [Change.Submit] =                                      (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
            [Change.Validate] =                                    (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
            [Change.Return] =                                      (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
            [Change.BulkSubmit] =                                  (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
            [Change.BulkValidate] =                                (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
            // forzature (an approval never meets a validated year: a waiting proposal stops the validation)
            [Change.ProposeForzatura] =                            (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
            [Change.ApproveForzatura] =                            (Outcome.Refused, Outcome.Allowed, Outcome.Allowed),
        };

    public static TheoryData<Record, Change> Cells()
    {
        var cells = new TheoryData<Record, Change>();
        foreach (var change in Enum.GetValues<Change>())
        foreach (var record in Enum.GetValues<Record>()) cells.Add(record, change);
        return cells;
    }

    private const string AdoptionAct = "Delibera G.C. n. 12/2021";
    private const string Act = "Det. DG n. 190/2021";
    private const string ActReason = "Riprogrammazione di metà anno";
    private const string ActFields = $",\"act\":\"{Act}\",\"date\":\"2021-07-01\",\"reason\":\"{ActReason}\"";

    /// <summary>What binds the plan, as the 409 names it.</summary>
    private static string Binding(Record record) => record switch
    {
        Record.ValidatedYear => "Year 2021 was validated by the OIV",
        Record.ClosedPeriod => "S1 2021 is closed (closure",
        _ => $"adopted by {AdoptionAct}",
    };

    /// <summary>A plan in the record's state, with I1's 2021 consuntivo (120: score 120) and an attachment for forzature.</summary>
    private sealed record Cell(string Plan, string Actual, string Evidence, string? Forzatura);

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Every_change_is_refused_needs_its_act_or_goes_through_as_the_matrix_says(Record record, Change change)
    {
        var (validatedYear, closedPeriod, adoptedPlan) = Matrix[change];
        var outcome = record switch { Record.ValidatedYear => validatedYear, Record.ClosedPeriod => closedPeriod, _ => adoptedPlan };
        var cell = await ArrangeAsync(record, change);
        if (cell is null) return; // ValidatedYear × ApproveForzatura: the validation was refused, asserted in ArrangeAsync.

        switch (outcome)
        {
            case Outcome.Refused:
                await AssertStatusAsync(await ChangeAsync(change, cell, withAct: IsAct(change)), HttpStatusCode.Conflict, Binding(record));
                // Nothing moved.
                Assert.Equal(120m, await ScoreAsync(cell.Plan));
                break;
            case Outcome.NeedsAct:
                var errors = await (await ChangeAsync(change, cell, withAct: false)).AssertValidationProblemAsync();
                errors.AssertError("act");
                errors.AssertError("reason", Binding(record));
                Assert.Equal(120m, await ScoreAsync(cell.Plan));
                var done = await ChangeAsync(change, cell, withAct: true);
                Assert.True(done.IsSuccessStatusCode, $"{change} with its act: {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
                var entries = (await _admin.GetJsonAsync($"/api/audit?plan={cell.Plan}&take=500"))["entries"]!.AsArray();
                Assert.Contains(entries, e => (string?)e!["reason"] == $"{Act}: {ActReason}");
                if (change is Change.ChangeTarget or Change.ChangeIndicatorWeight or Change.ChangeNodeWeight or Change.ReviseTargetByAct or Change.ChangeWeightByAct)
                    Assert.Single((await _office.GetJsonAsync($"/api/plans/{cell.Plan}/reprogramming")).AsArray(), r => (string?)r!["act"] == Act);
                break;
            default:
                var response = await ChangeAsync(change, cell, withAct: IsAct(change));
                Assert.True(response.IsSuccessStatusCode, $"{record} {change}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                break;
        }
    }

    private static bool IsAct(Change change) => change is Change.ReviseTargetByAct or Change.ChangeWeightByAct;

    private async Task<Cell?> ArrangeAsync(Record record, Change change)
    {
        var plan = await NewPlanAsync(record.ToString()[..6].ToUpperInvariant());
        var evidence = await UploadEvidenceAsync(plan);
        var actual = (string)(await _office.PostActualOkAsync(plan, "I1", Entry(2021, 120, reportedOn: "2021-12-31")))["id"]!;
        var forzatura = change == Change.ApproveForzatura
            ? (string?)(await OkJsonAsync(await _office.PostJsonTextAsync($"/api/indicators/{plan}:I1/forzature", Forzatura(evidence)), HttpStatusCode.Created))["id"]
            : null;
        if (record == Record.ValidatedYear || change is Change.Validate or Change.Return or Change.BulkValidate)
            await AssertStatusAsync(await _office.PostAsync($"/api/actuals/{actual}/submit", null), HttpStatusCode.OK);
        switch (record)
        {
            case Record.ValidatedYear:
                await AssertStatusAsync(await _oiv.PostAsync($"/api/actuals/{actual}/validate", null), HttpStatusCode.OK);
                var validation = await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", """{"note":"Relazione validata"}""");
                if (forzatura is not null)
                {
                    await AssertStatusAsync(validation, HttpStatusCode.Conflict, "forzatura");
                    return null;
                }
                await AssertStatusAsync(validation, HttpStatusCode.OK);
                break;
            case Record.ClosedPeriod:
                await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2021,"period":"S1","reason":"Monitoraggio semestrale"}"""),
                    HttpStatusCode.Created);
                break;
            default:
                await AssertStatusAsync(await _office.PostJsonTextAsync($"/api/plans/{plan}/adopt", $$"""{"act":"{{AdoptionAct}}","date":"2021-01-28","reason":"Approvazione del Piano"}"""),
                    HttpStatusCode.OK);
                break;
        }
        Assert.Equal(120m, await ScoreAsync(plan));
        return new Cell(plan, actual, evidence, forzatura);
    }

    /// <summary>Makes the change; <paramref name="withAct"/> adds the act, its date and a reason (a reprogramming act has none without).</summary>
    private Task<HttpResponseMessage> ChangeAsync(Change change, Cell cell, bool withAct)
    {
        var (plan, act) = (cell.Plan, withAct ? ActFields : "");
        return change switch
        {
            Change.RecordActual => _office.PostActualAsync(plan, "I1", Entry(2021, 50)),
            Change.CorrectActual => _office.PostActualAsync(plan, "I1", Entry(2021, 50, reason: "Rettifica del dato")),
            Change.BulkActuals => _office.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk", """{"actuals":[{"indicator":"I1","year":2021,"period":"Y","value":50}]}"""),
            Change.UploadActuals => UploadAsync(plan, "Codice;Anno;Periodo;Valore;Nota\r\nI1;2021;Y;50;caricamento da file\r\n"),
            Change.ChangeTarget => PatchIndicatorAsync(plan, """{"targets":{"2021":">= 240"}""" + act + "}"),
            Change.ChangeIndicatorWeight => PatchIndicatorAsync(plan, """{"weight":10""" + act + "}"),
            Change.ChangeNodeWeight => PatchNodeAsync(plan, """{"weight":10""" + act + "}"),
            Change.ChangeScoringField => PatchIndicatorAsync(plan, """{"aggregation":"Average","polarity":"LowerIsBetter" """ + act + "}"),
            Change.ChangeIndicatorCap => PatchIndicatorAsync(plan, """{"cap":150""" + act + "}"),
            Change.ChangeTree => PatchNodeAsync(plan, """{"years":[2022]""" + act + "}"),
            Change.ReviseTargetByAct => _office.PostJsonTextAsync($"/api/plans/{plan}/reprogramming",
                """{"kind":"ReviseTarget","indicator":"I1","year":2021,"target":">= 240" """ + act + "}"),
            Change.ChangeWeightByAct => _office.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", """{"kind":"ChangeWeight","node":"N01","weight":5""" + act + "}"),
            Change.ReplacePlan => _office.ImportAsync(WithCap(Document(plan), 100), replace: true),
            Change.Submit => _office.PostAsync($"/api/actuals/{cell.Actual}/submit", null),
            Change.Validate => _oiv.PostAsync($"/api/actuals/{cell.Actual}/validate", null),
            Change.Return => _oiv.PostJsonTextAsync($"/api/actuals/{cell.Actual}/return", """{"reason":"Dato da verificare con la fonte"}"""),
            Change.BulkSubmit => _office.PostJsonTextAsync($"/api/plans/{plan}/actuals/submit", """{"year":2021}"""),
            Change.BulkValidate => _oiv.PostJsonTextAsync($"/api/plans/{plan}/actuals/validate", $$"""{"ids":["{{cell.Actual}}"]}"""),
            Change.ProposeForzatura => _office.PostJsonTextAsync($"/api/indicators/{plan}:I1/forzature", Forzatura(cell.Evidence)),
            Change.ApproveForzatura => _oiv.PostJsonTextAsync($"/api/forzature/{cell.Forzatura}/approve", "{}"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };
    }

    private static JsonObject WithCap(JsonObject document, decimal cap)
    {
        document["scoringPolicy"]!["cap"] = cap;
        return document;
    }

    private static string Forzatura(string evidence) =>
        new JsonObject { ["year"] = 2021, ["kind"] = "NotAssessable", ["reason"] = "Banca dati esterna non disponibile", ["evidence"] = new JsonArray(evidence) }.ToJsonString();

    private async Task<string> UploadEvidenceAsync(string plan)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Evidence.EvidencePlan.Pdf(64));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        form.Add(file, "file", "nota.pdf");
        return (string)(await OkJsonAsync(await _office.PostAsync($"/api/indicators/{plan}:I1/attachments", form), HttpStatusCode.Created))["id"]!;
    }

    private Task<HttpResponseMessage> UploadAsync(string plan, string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        return _office.PostAsync($"/api/plans/{plan}/actuals/upload", content);
    }

    private static async Task<JsonNode> OkJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await AssertStatusAsync(response, status);
        return await response.ReadJsonAsync();
    }

    private async Task<string> NewPlanAsync(string prefix)
    {
        var code = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var import = await _admin.ImportAsync(Document(code));
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        return code;
    }

    /// <summary>Plan 2021-2022: node N01 (weight 1) with indicator I1 (weight 1, "&gt;= 100" both years, no cap).</summary>
    private static JsonObject Document(string code)
    {
        var indicator = SmallPlan.Indicator("I1", year: 2021);
        indicator["targets"]!["2022"] = ">= 100";
        var document = SmallPlan.Plan(code, startYear: 2021, endYear: 2022, nodes: [SmallPlan.Node("N01", indicators: [indicator])]);
        document["organization"]!["code"] = Org;
        return document;
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
        // Every kind of change is refused in Every_change_is_refused_needs_its_act_or_goes_through_as_the_matrix_says; what
        // does not score 2021 still changes.
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2022":">= 110"},"name":"Indicatore rinominato"}"""), HttpStatusCode.OK);
        Assert.Equal(120m, await ScoreAsync(plan));

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

        // Reopened: the changes go through and score — the target, and the consuntivo corrected (a new revision with its
        // reason) that the office submits and the OIV validates —; the OIV validates the year again; it is frozen again.
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 240"},"reason":"Target corretto"}"""), HttpStatusCode.OK);
        Assert.Equal(50m, await ScoreAsync(plan));
        var corrected = await _office.PostActualOkAsync(plan, "I1", Entry(2021, 180, reason: "Dato rettificato dalla fonte"));
        Assert.Equal(2, (int)corrected["revision"]!);
        // Until the corrected figure is validated, the year is not.
        await AssertStatusAsync(await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", "{}"), HttpStatusCode.Conflict, "1 Draft");
        await AssertStatusAsync(await _office.PostAsync($"/api/actuals/{corrected["id"]}/submit", null), HttpStatusCode.OK);
        await AssertStatusAsync(await _oiv.PostAsync($"/api/actuals/{corrected["id"]}/validate", null), HttpStatusCode.OK);
        Assert.Equal(75m, await ScoreAsync(plan));
        await AssertStatusAsync(await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", "{}"), HttpStatusCode.OK);
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 100"}}"""), HttpStatusCode.Conflict, frozen);
        await AssertStatusAsync(await _office.PostActualAsync(plan, "I1", Entry(2021, 240, reason: "Altra rettifica")), HttpStatusCode.Conflict, frozen);

        // Every step in the audit trail, in order, and the trail verifies.
        var actions = await AuditActionsAsync(plan);
        var tail = actions.SkipWhile(a => a != "YearValidated")
            .Where(a => a is "YearValidated" or "YearReopened" or "IndicatorUpdated" or "ActualRevised" or "ActualSubmit" or "ActualValidate").ToList();
        Assert.Equal(["YearValidated", "IndicatorUpdated", "YearReopened", "IndicatorUpdated", "ActualRevised", "ActualSubmit", "ActualValidate", "YearValidated"], tail);
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

        // Refused while the closure stands (every kind of change against a closure: the matrix).
        await AssertStatusAsync(await PatchIndicatorAsync(plan, """{"targets":{"2021":">= 50"}}"""), HttpStatusCode.Conflict, "S1 2021 is closed");
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
