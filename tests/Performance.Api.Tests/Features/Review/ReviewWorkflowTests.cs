using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Review;

/// <summary>The OIV workflow: draft → submitted → validated or returned; corrections of validated figures; the year's validation.</summary>
public sealed class ReviewWorkflowTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient _office = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));

    private async Task<string> NewPlanAsync()
    {
        var code = "REV-" + Guid.NewGuid().ToString("N")[..8];
        var document = SmallPlan.Plan(code, nodes:
        [
            SmallPlan.Node("OBJ", "StrategicObjective", indicators: [SmallPlan.Indicator("I1"), SmallPlan.Indicator("I2")]),
        ]);
        document["organization"]!["code"] = Org;
        await factory.CreateClient().ImportOkAsync(document);
        return code;
    }

    private static string Entry(decimal value, string period = "Y", string? reason = null) =>
        new JsonObject { ["year"] = 2024, ["period"] = period, ["value"] = value, ["reason"] = reason }.ToJsonString();

    private static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> Review(HttpClient client, JsonNode actual, string verb, string? reason = null) =>
        client.PostJsonTextAsync($"/api/actuals/{actual["id"]}/{verb}", reason is null ? "{}" : new JsonObject { ["reason"] = reason }.ToJsonString());

    [Fact]
    public async Task Draft_is_submitted_then_validated_and_leaves_the_queue()
    {
        var plan = await NewPlanAsync();
        var draft = await _office.PostActualOkAsync(plan, "I1", Entry(120));
        Assert.Equal("Draft", (string?)draft["status"]);
        Assert.Equal(1, (int)draft["revision"]!);

        var problem = await (await Review(_oiv, draft, "validate")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Draft", (string?)problem["detail"]);
        Assert.Contains((await _oiv.GetJsonAsync($"/api/plans/{plan}/actuals/queue?status=Draft")).AsArray(), i => (string?)i!["actual"]!["id"] == (string?)draft["id"]);
        Assert.Empty((await _oiv.GetJsonAsync($"/api/plans/{plan}/actuals/queue")).AsArray());

        var submitted = await OkAsync(Review(_office, draft, "submit"));
        Assert.Equal("Submitted", (string?)submitted["status"]);
        await (await Review(_office, draft, "submit")).AssertProblemAsync(HttpStatusCode.Conflict);
        var queue = (await _oiv.GetJsonAsync($"/api/plans/{plan}/actuals/queue?status=Submitted")).AsArray();
        var item = Assert.Single(queue);
        Assert.Equal((string?)draft["id"], (string?)item!["actual"]!["id"]);
        Assert.Equal("I1", (string?)item["actual"]!["indicator"]);
        // A submitted figure waits for the OIV: no new value meanwhile.
        await (await _office.PostActualAsync(plan, "I1", Entry(130))).AssertProblemAsync(HttpStatusCode.Conflict);

        var validated = await OkAsync(Review(_oiv, draft, "validate"));
        Assert.Equal("Validated", (string?)validated["status"]);
        Assert.Equal(TrustKit.Key("Oiv", Org), (string?)validated["reviewedBy"]);
        Assert.Empty((await _oiv.GetJsonAsync($"/api/plans/{plan}/actuals/queue")).AsArray());
        Assert.Single((await _oiv.GetJsonAsync($"/api/plans/{plan}/actuals/queue?status=Validated")).AsArray());
    }

    [Fact]
    public async Task Returning_needs_a_reason_and_the_office_then_sends_a_new_figure()
    {
        var plan = await NewPlanAsync();
        var actual = await _office.PostActualOkAsync(plan, "I1", Entry(50));
        await OkAsync(Review(_office, actual, "submit"));

        foreach (var body in new[] { "{}", """{"reason":null}""", """{"reason":"   "}""" })
        {
            var response = await _oiv.PostJsonTextAsync($"/api/actuals/{actual["id"]}/return", body);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{body}: {(int)response.StatusCode}");
        }
        Assert.True((await _oiv.PostAsync($"/api/actuals/{actual["id"]}/return", null)).StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict);
        Assert.Single((await _oiv.GetJsonAsync($"/api/plans/{plan}/actuals/queue")).AsArray()); // still submitted

        var returned = await OkAsync(Review(_oiv, actual, "return", "Manca la fonte del dato"));
        Assert.Equal("Returned", (string?)returned["status"]);
        Assert.Equal("Manca la fonte del dato", (string?)returned["returnReason"]);
        await (await Review(_oiv, actual, "validate")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single((await _office.GetJsonAsync($"/api/plans/{plan}/actuals/queue?status=Returned")).AsArray());

        var second = await _office.PostActualOkAsync(plan, "I1", Entry(55));
        Assert.Equal(2, (int)second["revision"]!);
        Assert.Equal("Draft", (string?)second["status"]);
    }

    [Fact]
    public async Task The_oiv_reads_everything_but_never_edits()
    {
        var plan = await NewPlanAsync();
        var before = await DatabaseFingerprint.RowsAsync(factory);
        await (await _oiv.PostActualAsync(plan, "I1", Entry(1))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _oiv.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk", """{"actuals":[{"indicator":"I1","year":2024,"period":"Y","value":1}]}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var node = await _oiv.GetAsync($"/api/plans/{plan}/nodes/OBJ");
        Assert.Equal(HttpStatusCode.OK, node.StatusCode);
        await (await _oiv.PatchJsonAsync($"/api/plans/{plan}/nodes/OBJ", new JsonObject { ["weight"] = 5 }, node.ETag())).AssertProblemAsync(HttpStatusCode.Forbidden);
        var indicator = await _oiv.GetAsync($"/api/indicators/{plan}:I1");
        await (await _oiv.PatchJsonAsync($"/api/indicators/{plan}:I1", new JsonObject { ["weight"] = 5 }, indicator.ETag())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _oiv.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Q1"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _oiv.PostJsonTextAsync($"/api/plans/{plan}/reprogramming", "{}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task A_validated_figure_is_immutable_and_a_correction_is_a_new_revision_validated_again()
    {
        var plan = await NewPlanAsync();
        var first = await _office.PostActualOkAsync(plan, "I1", Entry(80));
        await OkAsync(Review(_office, first, "submit"));
        await OkAsync(Review(_oiv, first, "validate"));

        var before = await DatabaseFingerprint.RowsAsync(factory);
        var refused = await (await _office.PostActualAsync(plan, "I1", Entry(90))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("reason", (string?)refused["detail"]);
        await (await _office.PostActualAsync(plan, "I1", Entry(90, reason: "  "))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await _office.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk", """{"actuals":[{"indicator":"I1","year":2024,"period":"Y","value":90}]}"""))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));

        var correction = await _office.PostActualOkAsync(plan, "I1", Entry(90, reason: "Errore di trascrizione nel primo invio"));
        Assert.Equal(2, (int)correction["revision"]!);
        Assert.Equal("Draft", (string?)correction["status"]);
        Assert.Equal("Errore di trascrizione nel primo invio", (string?)correction["correctionReason"]);

        // The validated revision stays as it was and can no longer be reviewed; the correction needs the OIV again.
        var history = (await _office.GetJsonAsync($"/api/indicators/{plan}:I1/actuals")).ToJsonString();
        Assert.Contains("\"Validated\"", history);
        await (await Review(_oiv, first, "return", "non conforme")).AssertProblemAsync(HttpStatusCode.Conflict); // a real reason: "no" is none (issue 11)
        await (await Review(_oiv, correction, "validate")).AssertProblemAsync(HttpStatusCode.Conflict);
        var year = await _oiv.GetJsonAsync($"/api/plans/{plan}/years/2024");
        Assert.Equal(1, (int)year["currentConsuntivi"]!["Draft"]!);
        Assert.Equal(0, (int)year["currentConsuntivi"]!["Validated"]!);
        await OkAsync(Review(_office, correction, "submit"));
        Assert.Equal("Validated", (string?)(await OkAsync(Review(_oiv, correction, "validate")))["status"]);

        // Both versions are in the audit trail, the correction with before/after and its reason.
        var audit = (await _oiv.GetJsonAsync($"/api/audit?indicator={plan}:I1"))["entries"]!.AsArray();
        var recorded = Assert.Single(audit, e => (string?)e!["action"] == "ActualRecorded")!;
        Assert.Contains("80", (string?)recorded["after"]);
        var revised = Assert.Single(audit, e => (string?)e!["action"] == "ActualRevised")!;
        Assert.Equal("Errore di trascrizione nel primo invio", (string?)revised["reason"]);
        var revisedAfter = JsonNode.Parse((string)revised["after"]!)!;
        Assert.Equal(90m, revisedAfter["value"]!.GetValue<decimal>());
        Assert.Equal(2, (int)revisedAfter["revision"]!);
        Assert.NotNull(revised["before"]);
        var revisedBefore = JsonNode.Parse((string)revised["before"]!)!;
        Assert.Equal(80m, revisedBefore["value"]!.GetValue<decimal>());
        Assert.Equal("Validated", (string?)revisedBefore["status"]);
        Assert.Equal(2, audit.Count(e => (string?)e!["action"] == "ActualValidate"));
        Assert.Equal(2, audit.Count(e => (string?)e!["action"] == "ActualSubmit"));
        Assert.All(audit.Where(e => ((string?)e!["action"])!.StartsWith("ActualValidate")), e =>
        {
            Assert.Equal("Oiv", (string?)e!["role"]);
            Assert.Contains("Submitted", (string?)e["before"]);
            Assert.Contains("Validated", (string?)e["after"]);
        });
    }

    [Fact]
    public async Task The_year_is_validated_only_once_every_current_figure_is()
    {
        var plan = await NewPlanAsync();
        var empty = await (await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("no consuntivi", (string?)empty["detail"]);

        var i1 = await _office.PostActualOkAsync(plan, "I1", Entry(100));
        var i2 = await _office.PostActualOkAsync(plan, "I2", Entry(100));
        await OkAsync(Review(_office, i1, "submit"));
        await OkAsync(Review(_oiv, i1, "validate"));
        await OkAsync(Review(_office, i2, "submit"));

        var pending = await (await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1 Submitted", (string?)pending["detail"]);
        await (await _office.PostJsonTextAsync($"/api/plans/{plan}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var status = await _oiv.GetJsonAsync($"/api/plans/{plan}/years/2024");
        Assert.False((bool)status["validated"]!);
        Assert.Equal(1, (int)status["currentConsuntivi"]!["Submitted"]!);

        await OkAsync(Review(_oiv, i2, "validate"));
        var validated = await OkAsync(_oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2024/validate", """{"note":"Relazione 2024 validata"}"""));
        Assert.True((bool)validated["validated"]!);

        var viewer = factory.CreateClientAs(TrustKit.Key("Viewer", Org));
        var year = await viewer.GetJsonAsync($"/api/plans/{plan}/years/2024");
        Assert.True((bool)year["validated"]!);
        Assert.Equal(TrustKit.Key("Oiv", Org), (string?)year["validatedBy"]);
        Assert.Equal("Relazione 2024 validata", (string?)year["note"]);
        Assert.Equal(2, (int)year["currentConsuntivi"]!["Validated"]!);
        await (await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        var audit = (await _oiv.GetJsonAsync($"/api/audit?plan={plan}"))["entries"]!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == "YearValidated" && (string?)e["reason"] == "Relazione 2024 validata");
    }
}
