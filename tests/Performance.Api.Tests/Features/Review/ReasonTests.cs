using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Review;

/// <summary>A reason the rules ask for says why in words: an invisible character, a dot or "ok" is refused (issue 11).</summary>
public sealed class ReasonTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient _office = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));
    private readonly HttpClient _admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));

    public static TheoryData<string> NoReasons() => ["\u200B", ".", "-", "ok", "1/2024", "\u200B\u200B.\u200B", "..."];

    private async Task<string> NewPlanAsync()
    {
        var code = "RSN-" + Guid.NewGuid().ToString("N")[..8];
        var document = SmallPlan.Plan(code, nodes: [SmallPlan.Node("OBJ", "StrategicObjective", indicators: [SmallPlan.Indicator("I1")])]);
        document["organization"]!["code"] = Org;
        Assert.Equal(HttpStatusCode.Created, (await _office.ImportAsync(document)).StatusCode);
        return code;
    }

    /// <summary>A new plan with one consuntivo (2024, Y), submitted to the OIV.</summary>
    private async Task<(string Plan, JsonNode Actual)> SubmittedAsync()
    {
        var plan = await NewPlanAsync();
        var actual = await _office.PostActualOkAsync(plan, "I1", """{"year":2024,"period":"Y","value":50}""");
        Assert.Equal(HttpStatusCode.OK, (await _office.PostAsync($"/api/actuals/{actual["id"]}/submit", null)).StatusCode);
        return (plan, actual);
    }

    private static string Reason(string reason) => new JsonObject { ["reason"] = reason }.ToJsonString();

    [Theory]
    [MemberData(nameof(NoReasons))]
    public async Task Returning_a_consuntivo_needs_a_reason_in_words(string reason)
    {
        var (_, actual) = await SubmittedAsync();
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var errors = await (await _oiv.PostJsonTextAsync($"/api/actuals/{actual["id"]}/return", Reason(reason))).AssertValidationProblemAsync();
        errors.AssertError("reason", reason.Trim('\u200B').Length == 0 ? "required" : "3 letters");
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
        Assert.Equal(HttpStatusCode.OK, (await _oiv.PostJsonTextAsync($"/api/actuals/{actual["id"]}/return", Reason("Già segnalato: manca la fonte"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(NoReasons))]
    public async Task Reopening_a_period_needs_a_reason_in_words(string reason)
    {
        var plan = await NewPlanAsync();
        var closure = await (await _office.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Q1"}""")).ReadJsonAsync();
        var reopen = $"/api/plans/{plan}/closures/{closure["id"]}/reopen";
        var before = await DatabaseFingerprint.RowsAsync(factory);
        (await (await _admin.PostJsonTextAsync(reopen, Reason(reason))).AssertValidationProblemAsync()).AssertError("reason", "reason");
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonTextAsync(reopen, Reason("Rettifica autorizzata"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(NoReasons))]
    public async Task Correcting_a_validated_figure_needs_a_reason_in_words(string reason)
    {
        var (plan, actual) = await SubmittedAsync();
        Assert.Equal(HttpStatusCode.OK, (await _oiv.PostAsync($"/api/actuals/{actual["id"]}/validate", null)).StatusCode);
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var correction = new JsonObject { ["year"] = 2024, ["period"] = "Y", ["value"] = 60, ["reason"] = reason }.ToJsonString();
        var response = await _office.PostActualAsync(plan, "I1", correction);
        // Invisible characters alone are no reason at all (the validated figure stays: 409); a dot or "ok" is a bad one (400).
        if (reason.Trim('\u200B').Length == 0) await response.AssertProblemAsync(HttpStatusCode.Conflict);
        else (await response.AssertValidationProblemAsync()).AssertError("reason", "3 letters");
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
        var accepted = await _office.PostActualOkAsync(plan, "I1", new JsonObject { ["year"] = 2024, ["period"] = "Y", ["value"] = 60, ["reason"] = "Errore di battitura" }.ToJsonString());
        Assert.Equal(2, (int)accepted["revision"]!);
    }
}
