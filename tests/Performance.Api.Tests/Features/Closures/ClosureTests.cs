using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Closures;

/// <summary>A closed period refuses entries (409 naming the closure) until an Admin reopens it with a reason.</summary>
public sealed class ClosureTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";

    private async Task<string> NewPlanAsync()
    {
        var code = "CLO-" + Guid.NewGuid().ToString("N")[..8];
        var document = SmallPlan.Plan(code, structures: [SmallPlan.Structure("A", "Central")],
            nodes: [SmallPlan.Node("OBJ", "StrategicObjective", structure: "A", indicators: [SmallPlan.Indicator("I1")])]);
        document["organization"]!["code"] = Org;
        await factory.CreateClient().ImportOkAsync(document);
        return code;
    }

    private static string Entry(string period) => new JsonObject { ["year"] = 2024, ["period"] = period, ["value"] = 10 }.ToJsonString();

    [Fact]
    public async Task A_closed_quarter_refuses_its_months_and_itself_until_an_admin_reopens_it_with_a_reason()
    {
        var plan = await NewPlanAsync();
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
        var close = await cg.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Q1","reason":"Chiusura monitoraggio Q1"}""");
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
        var closure = await close.ReadJsonAsync();
        var closureId = (string)closure["id"]!;
        Assert.False((bool)closure["open"]!);
        await (await cg.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Q1"}""")).AssertProblemAsync(HttpStatusCode.Conflict);

        var before = await DatabaseFingerprint.RowsAsync(factory);
        var referente = factory.CreateClientAs(TrustKit.Key("Referente", Org));
        foreach (var (client, period) in new[] { (cg, "M02"), (cg, "Q1"), (referente, "M01"), (cg, "Y") })
        {
            var problem = await (await client.PostActualAsync(plan, "I1", Entry(period))).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains(closureId, (string?)problem["detail"]);
            Assert.Contains("Q1 2024", (string?)problem["detail"]);
        }
        var bulk = await (await cg.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk",
            """{"actuals":[{"indicator":"I1","year":2024,"period":"M04","value":1},{"indicator":"I1","year":2024,"period":"M03","value":1}]}""")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(closureId, (string?)bulk["detail"]);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
        // Outside the closure entries go on.
        Assert.Equal(HttpStatusCode.Created, (await cg.PostActualAsync(plan, "I1", Entry("M04"))).StatusCode);

        var year = await cg.GetJsonAsync($"/api/plans/{plan}/years/2024");
        Assert.Contains("Q1", year["closedPeriods"]!.AsArray().Select(p => (string?)p));

        // Only an Admin reopens, and only with a reason.
        var reopen = $"/api/plans/{plan}/closures/{closureId}/reopen";
        foreach (var role in new[] { "Referente", "Oiv", "ControlloGestione", "Viewer" })
            await (await factory.CreateClientAs(TrustKit.Key(role, Org)).PostJsonTextAsync(reopen, """{"reason":"per favore"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));
        await (await admin.PostJsonTextAsync(reopen, "{}")).AssertValidationProblemAsync();
        await (await admin.PostJsonTextAsync(reopen, """{"reason":"  "}""")).AssertValidationProblemAsync();
        await (await admin.PostAsync(reopen, null)).AssertValidationProblemAsync();
        await (await cg.PostActualAsync(plan, "I1", Entry("M02"))).AssertProblemAsync(HttpStatusCode.Conflict);

        var reopened = await admin.PostJsonTextAsync(reopen, """{"reason":"Rettifica dati INPS pervenuti in ritardo"}""");
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var body = await reopened.ReadJsonAsync();
        Assert.True((bool)body["open"]!);
        Assert.Equal("Rettifica dati INPS pervenuti in ritardo", (string?)body["reopenReason"]);
        Assert.Equal(TrustKit.Key("Admin", Org), (string?)body["reopenedBy"]);
        await (await admin.PostJsonTextAsync(reopen, """{"reason":"again"}""")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Created, (await cg.PostActualAsync(plan, "I1", Entry("M02"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cg.PostActualAsync(plan, "I1", Entry("Q1"))).StatusCode);
        var closures = (await cg.GetJsonAsync($"/api/plans/{plan}/closures")).AsArray();
        Assert.True((bool)Assert.Single(closures)!["open"]!);

        // All of it is in the audit trail.
        var audit = (await admin.GetJsonAsync($"/api/audit?plan={plan}"))["entries"]!.AsArray();
        var closed = Assert.Single(audit, e => (string?)e!["action"] == "PeriodClosed")!;
        Assert.Equal("Chiusura monitoraggio Q1", (string?)closed["reason"]);
        Assert.Equal(TrustKit.Key("ControlloGestione", Org), (string?)closed["actor"]);
        var reopenedEntry = Assert.Single(audit, e => (string?)e!["action"] == "PeriodReopened")!;
        Assert.Equal("Rettifica dati INPS pervenuti in ritardo", (string?)reopenedEntry["reason"]);
        Assert.Contains("\"open\":false", (string?)reopenedEntry["before"]);
        Assert.Contains("\"open\":true", (string?)reopenedEntry["after"]);
        Assert.True((await admin.GetJsonAsync("/api/audit/verify"))["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_closed_year_refuses_every_period_and_closing_is_for_the_office_and_admins_only()
    {
        var plan = await NewPlanAsync();
        foreach (var role in new[] { "Referente", "Oiv", "Viewer" })
            await (await factory.CreateClientAs(TrustKit.Key(role, Org)).PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Y"}"""))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
        var admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024}""")).StatusCode);
        foreach (var period in new[] { "M12", "S2", "Y" })
            Assert.Contains("closure", (string?)(await (await admin.PostActualAsync(plan, "I1", Entry(period))).AssertProblemAsync(HttpStatusCode.Conflict))["detail"]);
        var invalid = await admin.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":1999,"period":"Q9"}""");
        var errors = await invalid.AssertValidationProblemAsync();
        errors.AssertError("year");
        errors.AssertError("period");
    }
}
