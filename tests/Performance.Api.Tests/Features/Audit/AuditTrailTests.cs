using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Audit;

/// <summary>Every change is in the trail with who, when, before/after and why; the list filters by plan, indicator, user and time.</summary>
public sealed class AuditTrailTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";

    private async Task<string> NewPlanAsync()
    {
        var code = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        var document = SmallPlan.Plan(code, structures: [SmallPlan.Structure("A", "Central"), SmallPlan.Structure("B", "Central")],
            nodes: [SmallPlan.Node("OBJ", "StrategicObjective", structure: "A", indicators: [SmallPlan.Indicator("I1"), SmallPlan.Indicator("I2")])]);
        document["organization"]!["code"] = Org;
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org)).ImportAsync(document)).StatusCode);
        return code;
    }

    private static JsonArray Entries(JsonNode page) => page["entries"]!.AsArray();

    [Fact]
    public async Task Every_change_is_recorded_with_who_when_before_after_and_why()
    {
        var start = DateTime.UtcNow.AddSeconds(-1);
        var plan = await NewPlanAsync();
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
        var oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));

        var node = await cg.GetAsync($"/api/plans/{plan}/nodes/OBJ");
        var patched = await cg.PatchJsonAsync($"/api/plans/{plan}/nodes/OBJ", new JsonObject { ["weight"] = 3, ["structure"] = "B", ["reason"] = "Delibera 12/2024" }, node.ETag());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var indicator = await cg.GetAsync($"/api/indicators/{plan}:I1");
        var patchedIndicator = await cg.PatchJsonAsync($"/api/indicators/{plan}:I1",
            new JsonObject { ["weight"] = 2, ["targets"] = new JsonObject { ["2024"] = ">= 150" }, ["reason"] = "Nuovo target" }, indicator.ETag());
        Assert.True(patchedIndicator.StatusCode == HttpStatusCode.OK, await patchedIndicator.Content.ReadAsStringAsync());
        var actual = await cg.PostActualOkAsync(plan, "I1", """{"year":2024,"period":"Y","value":160}""");
        Assert.Equal(HttpStatusCode.OK, (await cg.PostAsync($"/api/actuals/{actual["id"]}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oiv.PostAsync($"/api/actuals/{actual["id"]}/validate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cg.PostJsonTextAsync($"/api/plans/{plan}/closures", """{"year":2024,"period":"Q1","reason":"chiuso"}""")).StatusCode);

        var all = Entries(await oiv.GetJsonAsync($"/api/audit?plan={plan}"));
        JsonNode One(string action) => Assert.Single(all, e => (string?)e!["action"] == action)!;

        var import = One("PlanImported");
        Assert.Equal(TrustKit.Key("ControlloGestione", Org), (string?)import["actor"]);
        Assert.Equal("ControlloGestione", (string?)import["role"]);
        Assert.Equal(Org, (string?)import["organization"]);
        Assert.Contains(plan, (string?)import["after"]);

        var nodeUpdate = One("NodeUpdated");
        Assert.Equal("Delibera 12/2024", (string?)nodeUpdate["reason"]);
        var nodeBefore = JsonNode.Parse((string)nodeUpdate["before"]!)!.ToJsonString();
        var nodeAfter = JsonNode.Parse((string)nodeUpdate["after"]!)!.ToJsonString();
        Assert.Contains("\"weight\":1", nodeBefore);
        Assert.Contains("\"weight\":3", nodeAfter);
        // The responsible structure changed (A → B); the snapshot keeps its id.
        var structureBefore = (string?)JsonNode.Parse(nodeBefore)!["structureId"];
        var structureAfter = (string?)JsonNode.Parse(nodeAfter)!["structureId"];
        Assert.NotNull(structureBefore);
        Assert.NotNull(structureAfter);
        Assert.NotEqual(structureBefore, structureAfter);

        var indicatorUpdate = One("IndicatorUpdated");
        Assert.Equal("Nuovo target", (string?)indicatorUpdate["reason"]);
        Assert.Equal(">= 100", (string?)JsonNode.Parse((string)indicatorUpdate["before"]!)!["targets"]!["2024"]);
        Assert.Equal(">= 150", (string?)JsonNode.Parse((string)indicatorUpdate["after"]!)!["targets"]!["2024"]);
        Assert.Equal(2m, JsonNode.Parse((string)indicatorUpdate["after"]!)!["weight"]!.GetValue<decimal>());
        Assert.NotNull(indicatorUpdate["indicatorId"]);

        Assert.Contains("160", (string?)One("ActualRecorded")["after"]);
        Assert.Equal("Oiv", (string?)One("ActualValidate")["role"]);
        Assert.Contains("Submitted", (string?)One("ActualSubmit")["after"]);
        Assert.Equal("chiuso", (string?)One("PeriodClosed")["reason"]);
        Assert.All(all, e => Assert.InRange(DateTime.Parse((string)e!["at"]!).ToUniversalTime(), start, DateTime.UtcNow.AddSeconds(1)));
        // Newest first, contiguous sequence numbers with their hashes.
        var sequences = all.Select(e => (long)e!["sequence"]!).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.All(all, e => Assert.Matches("^[0-9a-f]{64}$", (string?)e!["hash"]));
    }

    [Fact]
    public async Task The_list_filters_by_plan_indicator_user_and_time()
    {
        var plan = await NewPlanAsync();
        var other = await NewPlanAsync();
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
        var admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));
        await cg.PostActualOkAsync(plan, "I1", """{"year":2024,"period":"M01","value":1}""");
        var cut = DateTime.UtcNow;
        await Task.Delay(50);
        await admin.PostActualOkAsync(plan, "I2", """{"year":2024,"period":"M01","value":1}""");
        await admin.PostActualOkAsync(other, "I1", """{"year":2024,"period":"M01","value":1}""");

        var byPlan = Entries(await admin.GetJsonAsync($"/api/audit?plan={plan}"));
        Assert.Equal(3, byPlan.Count);
        var planId = (string?)(await admin.GetJsonAsync($"/api/plans/{plan}"))["id"];
        Assert.All(byPlan, e => Assert.Equal(planId, (string?)e!["planId"]));

        var byIndicator = Entries(await admin.GetJsonAsync($"/api/audit?indicator={plan}:I2"));
        Assert.Equal("ActualRecorded", (string?)Assert.Single(byIndicator)!["action"]);

        var byUser = Entries(await admin.GetJsonAsync($"/api/audit?plan={plan}&user={Uri.EscapeDataString(TrustKit.Key("Admin", Org))}"));
        Assert.Single(byUser);
        var byCg = Entries(await admin.GetJsonAsync($"/api/audit?plan={plan}&user={Uri.EscapeDataString(TrustKit.Key("ControlloGestione", Org))}"));
        Assert.Equal(["ActualRecorded", "PlanImported"], byCg.Select(e => (string)e!["action"]!));

        var iso = Uri.EscapeDataString(cut.ToString("O"));
        var after = Entries(await admin.GetJsonAsync($"/api/audit?plan={plan}&from={iso}"));
        Assert.Equal(TrustKit.Key("Admin", Org), (string?)Assert.Single(after)!["actor"]);
        var beforeCut = Entries(await admin.GetJsonAsync($"/api/audit?plan={plan}&to={iso}"));
        Assert.Equal(2, beforeCut.Count);
        Assert.Empty(Entries(await admin.GetJsonAsync($"/api/audit?plan={plan}&from={iso}&user={Uri.EscapeDataString(TrustKit.Key("ControlloGestione", Org))}")));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/audit?plan=NO-SUCH-PLAN")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/audit?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task A_filter_with_a_character_no_text_may_hold_is_a_400_under_its_parameter_in_italian_on_every_engine()
    {
        // NUL in ?plan= or ?user= was a 400 blaming a "body" the GET has not on PostgreSQL (which cannot compare it) and a
        // 404 or an empty page on SQLite: found by ContractSweepTests. Now the parameter is named, the same on both engines.
        var plan = await NewPlanAsync();
        var italian = factory.CreateClientAs(TrustKit.Key("Admin", Org));
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        foreach (var parameter in new[] { "plan", "indicator", "user" })
        {
            var query = parameter == "plan" ? "plan=CR%00SG" : $"plan={plan}&{parameter}=CR%00SG";
            var errors = await (await italian.GetAsync($"/api/audit?{query}")).AssertValidationProblemAsync();
            errors.AssertError(parameter, "U+0000 alla posizione 3");
            Assert.Single(errors);
        }
        var english = await (await factory.CreateClientAs(TrustKit.Key("Admin", Org)).GetAsync("/api/audit?user=%EF%BF%BF")).AssertValidationProblemAsync();
        english.AssertError("user", "U+FFFF at position 1");
    }
}

/// <summary>Tampering with stored rows, directly in the database, is detected by /api/audit/verify.</summary>
public sealed class AuditTamperTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static async Task<JsonNode> VerifyAsync(HttpClient client) => await client.GetJsonAsync("/api/audit/verify");

    private async Task<string?> ReadAsync(long sequence, string column)
    {
        await using var connection = TrustKit.Open(factory);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {TrustKit.Q(column)} FROM \"AuditEntries\" WHERE \"Sequence\" = {sequence}";
        return (string?)await command.ExecuteScalarAsync();
    }

    private Task<int> SetAsync(long sequence, string column, string value) =>
        TrustKit.ExecuteAsync(factory, $"UPDATE \"AuditEntries\" SET {TrustKit.Q(column)} = '{value.Replace("'", "''")}' WHERE \"Sequence\" = {sequence}");

    [Fact]
    public async Task Altered_and_deleted_rows_break_the_chain_where_they_are()
    {
        var admin = factory.CreateClient();
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", TrustKit.Org));
        await admin.EnsureCremonaAsync();
        for (var m = 1; m <= 4; m++)
            await cg.PostActualOkAsync(Documents.CremonaCode, "2021_01.I2", $$"""{"year":2021,"period":"M0{{m}}","value":{{60 + m}}}""");

        var intact = await VerifyAsync(admin);
        Assert.True((bool)intact["valid"]!, intact.ToJsonString());
        Assert.Equal(5, (long)intact["checked"]!);
        Assert.Null(intact["brokenAtSequence"]);

        // 1. A changed "after" (the recorded value 62 becomes 99) breaks entry 3.
        var after = await ReadAsync(3, "After");
        Assert.Contains("62", after);
        Assert.Equal(1, await SetAsync(3, "After", after!.Replace("62", "99")));
        var altered = await VerifyAsync(admin);
        Assert.False((bool)altered["valid"]!);
        Assert.Equal(3, (long)altered["brokenAtSequence"]!);
        Assert.Equal(2, (long)altered["checked"]!);
        Assert.Contains("altered", (string?)altered["problem"]);
        Assert.Equal(1, await SetAsync(3, "After", after));
        Assert.True((bool)(await VerifyAsync(admin))["valid"]!);

        // 2. A changed actor: someone else did it.
        Assert.Equal(1, await SetAsync(4, "Actor", "someone-else"));
        var actor = await VerifyAsync(admin);
        Assert.False((bool)actor["valid"]!);
        Assert.Equal(4, (long)actor["brokenAtSequence"]!);
        Assert.Equal(1, await SetAsync(4, "Actor", TrustKit.Key("ControlloGestione", TrustKit.Org)));
        Assert.True((bool)(await VerifyAsync(admin))["valid"]!);

        // 3. Rewriting a row together with its own hash still breaks the next link.
        var hash3 = await ReadAsync(3, "Hash");
        Assert.Equal(1, await SetAsync(3, "Hash", new string('a', 64)));
        var rehashed = await VerifyAsync(admin);
        Assert.False((bool)rehashed["valid"]!);
        Assert.Equal(3, (long)rehashed["brokenAtSequence"]!);
        Assert.Equal(1, await SetAsync(3, "Hash", hash3!));

        // 4. A deleted middle row: the chain jumps from 2 to 4.
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3"));
        var deleted = await VerifyAsync(admin);
        Assert.False((bool)deleted["valid"]!);
        Assert.Equal(4, (long)deleted["brokenAtSequence"]!);
        Assert.Equal(2, (long)deleted["checked"]!);
        Assert.Contains("missing", (string?)deleted["problem"]);

        // The OIV and the office can see it; a viewer cannot ask.
        Assert.False((bool)(await factory.CreateClientAs(TrustKit.Key("Oiv", TrustKit.Org)).GetJsonAsync("/api/audit/verify"))["valid"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientAs(TrustKit.Key("Viewer", TrustKit.Org)).GetAsync("/api/audit/verify")).StatusCode);
    }
}

/// <summary>The chain spans every organization: an organization's auditor learns whether it holds, never another one's entries.</summary>
public sealed class AuditVerifyScopeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_organization_sees_its_own_figures_and_no_other_organization_entry()
    {
        var cremona = factory.CreateClientAs(TrustKit.Key("ControlloGestione", TrustKit.Org));
        var other = factory.CreateClientAs(TrustKit.Key("ControlloGestione", "TEST"));
        await factory.CreateClient().EnsureCremonaAsync();                                              // entry 1: CCIAA-CR
        var document = SmallPlan.Plan("AUD-SCOPE", nodes: [SmallPlan.Node("OBJ", "StrategicObjective", indicators: [SmallPlan.Indicator("I1")])]);
        document["organization"]!["code"] = "TEST";
        Assert.Equal(HttpStatusCode.Created, (await other.ImportAsync(document)).StatusCode);            // entry 2: TEST
        await cremona.PostActualOkAsync(Documents.CremonaCode, "2021_01.I2", """{"year":2021,"period":"M01","value":61}""");  // entry 3

        var own = await factory.CreateClientAs(TrustKit.Key("Oiv", TrustKit.Org)).GetJsonAsync("/api/audit/verify");
        Assert.True((bool)own["valid"]!);
        Assert.Equal(2, (long)own["checked"]!);
        Assert.Null(own["lastHash"]);
        Assert.Equal(3, (long)(await factory.CreateClient().GetJsonAsync("/api/audit/verify"))["checked"]!);

        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, "UPDATE \"AuditEntries\" SET \"Actor\" = 'x' WHERE \"Sequence\" = 2"));
        var seenByCremona = await factory.CreateClientAs(TrustKit.Key("Oiv", TrustKit.Org)).GetJsonAsync("/api/audit/verify");
        Assert.False((bool)seenByCremona["valid"]!);
        Assert.Null(seenByCremona["brokenEntry"]);
        Assert.Null(seenByCremona["brokenAtSequence"]);
        Assert.Contains("another organization", (string?)seenByCremona["problem"]);
        var seenByOwner = await factory.CreateClientAs(TrustKit.Key("Oiv", "TEST")).GetJsonAsync("/api/audit/verify");
        Assert.Equal(2, (long)seenByOwner["brokenAtSequence"]!);
        Assert.NotNull(seenByOwner["brokenEntry"]);
        var platform = await factory.CreateClient().GetJsonAsync("/api/audit/verify");
        Assert.Equal(2, (long)platform["brokenAtSequence"]!);
    }
}
