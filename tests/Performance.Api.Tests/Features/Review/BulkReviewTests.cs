using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Review;

/// <summary>
/// Review at scale (issue 12 item 5) on the INPS 2024 sample: its drafts are submitted by the referente (its structure's)
/// and the controllo di gestione (the rest) in one call each, and validated by the OIV in one call; all or nothing; one
/// audit entry per consuntivo; the queue counts per structure and status.
/// </summary>
public sealed class BulkReviewTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Plan = "RP-2024", Org = "INPS";
    private HttpClient As(string role) => factory.CreateClientAs(TestIdentities.Key(role, Org));

    /// <summary>The INPS plan, imported once per fixture by its controllo di gestione (tests of a class run one at a time).</summary>
    private async Task<HttpClient> PlanAsync()
    {
        var office = As("ControlloGestione");
        if ((await office.GetAsync($"/api/plans/{Plan}")).StatusCode == HttpStatusCode.NotFound)
            Assert.Equal(HttpStatusCode.Created, (await office.ImportSampleAsync("inps-2024.json")).StatusCode);
        return office;
    }

    private static int Count(JsonNode counts, string status) => counts[status.ToLowerInvariant()]?.GetValue<int>() ?? counts[status]!.GetValue<int>();

    [Fact]
    public async Task Every_INPS_draft_is_submitted_and_validated_in_one_call_each_all_or_nothing()
    {
        var office = await PlanAsync();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Repository.SamplePath("inps-2024-actuals.json")))!;
        var rows = file["actuals"]!.AsArray().Count;
        // Issue 12 says "786 drafts"; the sample has 782 consuntivi, one per KPI of its 785 indicators except the 3 of
        // the cancelled project PRJ-RIPR-02, which has none (Samples/README.md), and has had 782 since it was generated.
        // No version of the sample in the history gives 786: most likely it was counted on a demo database where a few
        // drafts had been posted by hand besides the sample's.
        Assert.Equal(782, rows);
        var bulk = await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", new JsonObject { ["actuals"] = file["actuals"]!.DeepClone() }.ToJsonString());
        Assert.True(bulk.IsSuccessStatusCode, await bulk.Content.ReadAsStringAsync());

        var queue = await office.GetJsonAsync($"/api/plans/{Plan}/actuals/queue/counts?year=2024");
        Assert.Equal(rows, Count(queue["totals"]!, "Draft"));
        var lombardiaDrafts = file["actuals"]!.AsArray().Count(a => (string?)a!["structure"] == "DR-LOM");
        var lombardia = queue["structures"]!.AsArray().Single(s => (string?)s!["structure"] == "DR-LOM")!;
        Assert.True(lombardiaDrafts > 0);
        Assert.True(Count(lombardia["counts"]!, "Draft") >= lombardiaDrafts);
        Assert.Equal(rows, queue["structures"]!.AsArray().Sum(s => Count(s!["counts"]!, "Draft")));

        // The OIV cannot validate drafts: one 409 naming every one of them, nothing written.
        var early = await As("Oiv").PostJsonTextAsync($"/api/plans/{Plan}/actuals/validate", """{"year":2024,"status":"Draft"}""");
        var earlyProblem = await early.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(rows, earlyProblem["errors"]!.AsObject().Count);
        Assert.Equal(rows, Count((await office.GetJsonAsync($"/api/plans/{Plan}/actuals/queue/counts?year=2024"))["totals"]!, "Draft"));

        // The referente submits its structure's drafts, the office the rest: one call each.
        var byReferente = await (await As("Referente").PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", """{"year":2024,"structure":"DR-LOM"}""")).ReadJsonAsync();
        Assert.Equal(lombardiaDrafts, byReferente["count"]!.GetValue<int>());
        var byOffice = await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", """{"year":2024}""");
        Assert.True(byOffice.StatusCode == HttpStatusCode.OK, await byOffice.Content.ReadAsStringAsync());
        Assert.Equal(rows - lombardiaDrafts, (await byOffice.ReadJsonAsync())["count"]!.GetValue<int>());

        // The OIV validates the year's submitted consuntivi in one call.
        var validated = await As("Oiv").PostJsonTextAsync($"/api/plans/{Plan}/actuals/validate", """{"year":2024}""");
        Assert.True(validated.StatusCode == HttpStatusCode.OK, await validated.Content.ReadAsStringAsync());
        var result = await validated.ReadJsonAsync();
        Assert.Equal(rows, result["count"]!.GetValue<int>());
        Assert.All(result["actuals"]!.AsArray(), a => Assert.Equal("Validated", (string?)a!["status"]));

        var after = await office.GetJsonAsync($"/api/plans/{Plan}/actuals/queue/counts?year=2024");
        Assert.Equal(rows, Count(after["totals"]!, "Validated"));
        Assert.Equal(0, Count(after["totals"]!, "Submitted") + Count(after["totals"]!, "Draft"));

        // One audit entry per consuntivo validated, and a chain that still verifies.
        var admin = As("Admin");
        var audit = await admin.GetJsonAsync($"/api/audit?plan={Plan}&user={Uri.EscapeDataString(TestIdentities.Key("Oiv", Org))}&take=1");
        Assert.Equal(rows, audit["total"]!.GetValue<int>());
        Assert.Equal("ActualValidate", (string?)audit["entries"]![0]!["action"]);
        Assert.True((bool)(await admin.GetJsonAsync("/api/audit/verify"))["valid"]!);

        // Nothing left to validate: the same call selects nothing; the year can now be validated.
        Assert.Equal(0, (await (await As("Oiv").PostJsonTextAsync($"/api/plans/{Plan}/actuals/validate", """{"year":2024}""")).ReadJsonAsync())["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await As("Oiv").PostJsonTextAsync($"/api/plans/{Plan}/years/2024/validate", "{}")).StatusCode);
    }

    [Fact]
    public async Task Bad_selections_are_a_400_naming_the_field()
    {
        var office = await PlanAsync();
        var id = Guid.NewGuid();
        (await (await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", "{}")).AssertValidationProblemAsync()).AssertError("body", "year");
        (await (await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", $$"""{"ids":["{{id}}"],"year":2024}""")).AssertValidationProblemAsync()).AssertError("ids", "not both");
        (await (await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", $$"""{"ids":["{{id}}","{{id}}"]}""")).AssertValidationProblemAsync()).AssertError("ids[1]", "more than once");
        (await (await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", """{"year":2024,"structure":"NOPE"}""")).AssertValidationProblemAsync()).AssertError("structure", "NOPE");
        (await (await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", """{"year":1999}""")).AssertValidationProblemAsync()).AssertError("year");
        (await (await As("Oiv").PostJsonTextAsync($"/api/plans/{Plan}/actuals/return", """{"year":2024}""")).AssertValidationProblemAsync()).AssertError("reason");
        // An id that is not this plan's is named, not described.
        var unknown = await (await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", $$"""{"ids":["{{id}}"]}""")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("No consuntivo", (string)unknown["errors"]!["ids[0]"]![0]!);
        // Another organization's plan does not exist for the caller.
        await (await factory.CreateClientAs(TestIdentities.Key("ControlloGestione", "CCIAA-CR")).PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", """{"year":2024}"""))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
