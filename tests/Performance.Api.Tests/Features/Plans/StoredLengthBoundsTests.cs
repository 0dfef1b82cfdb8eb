using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using static Performance.Api.Tests.Infrastructure.SmallPlan;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>
/// Inputs that fill a column of fixed size (on SQLite and PostgreSQL alike; SQLite does not enforce lengths, PostgreSQL
/// failed the write with a 500): a node's years (kept as "2024,2025,…" in 200 characters), a guideline's programmes
/// (kept joined by commas in 2000), a structure's type and region changed by PATCH (2000 each), a webhook's url (also the
/// audit entry's entity code, 200), a returned consuntivo's reason in the webhook event body (16000, JSON-escaped).
/// A refusal is a 400 under the field's path, in Italian by default, and the database stays as it was.
/// </summary>
public sealed class StoredLengthBoundsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>41 distinct years take 204 characters stored ("1990,1991,…"): one more than a node can keep.</summary>
    private static JsonArray Years(int first, int count) => new(Enumerable.Range(first, count).Select(y => (JsonNode)JsonValue.Create(y)).ToArray());

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        var errors = await (await send()).AssertValidationProblemAsync();
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
        return errors;
    }

    private async Task<string> DraftAsync(string code, int startYear = 2000, int endYear = 2060)
    {
        var imported = await _client.ImportAsync(Plan(code, structures: Array(Structure("DR-A", "Territorial", 1)),
            nodes: Array(Node("OBJ", indicators: Array(Indicator("OBJ.I1", year: startYear)))), startYear: startYear, endYear: endYear));
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        return $"/api/plans/{code}";
    }

    [Fact]
    public async Task A_node_with_more_years_than_its_column_keeps_is_a_400_under_years_in_the_document_by_post_and_by_patch()
    {
        var document = Plan("YR-DOC", startYear: 2000, endYear: 2060, nodes: Array(Node("OBJ", indicators: Array(Indicator("OBJ.I1", year: 2000)))));
        document["nodes"]![0]!["years"] = Years(2000, 41);
        var imported = await RefusedAsync(() => _client.ImportAsync(document));
        imported.AssertError("nodes[0].years", "at most 40 distinct years");

        var plan = await DraftAsync("YR-EDIT");
        var posted = await RefusedAsync(() => _client.PostJsonTextAsync($"{plan}/nodes",
            new JsonObject { ["code"] = "NEW", ["kind"] = "OperationalObjective", ["title"] = "Nuovo", ["weight"] = 1, ["years"] = Years(2000, 41) }.ToJsonString()));
        posted.AssertError("years", "at most 40 distinct years");

        var etag = (await _client.GetAsync($"{plan}/nodes/OBJ")).ETag();
        // Italian unless the caller asks otherwise.
        var italian = factory.CreateClient();
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var patched = await RefusedAsync(() => italian.PatchJsonAsync($"{plan}/nodes/OBJ", new JsonObject { ["years"] = Years(2000, 41) }, etag));
        patched.AssertError("years", "al massimo 40 anni distinti");
    }

    [Fact]
    public async Task The_most_years_a_node_keeps_are_accepted_and_repeated_years_count_once()
    {
        var plan = await DraftAsync("YR-FITS");
        var etag = (await _client.GetAsync($"{plan}/nodes/OBJ")).ETag();
        var years = Years(2000, 40);
        years.Add(2000);
        var patched = await _client.PatchJsonAsync($"{plan}/nodes/OBJ", new JsonObject { ["years"] = years }, etag);
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        Assert.Equal(40, (await patched.ReadJsonAsync())["years"]!.AsArray().Count);
    }

    [Fact]
    public async Task Guideline_programmes_longer_together_than_their_column_are_a_400_under_programmes()
    {
        var guideline = Guideline(1, "OSP", ["P1"]);
        // 200 codes of 10 characters and their commas: 2199 characters stored.
        guideline["programmes"] = new JsonArray(Enumerable.Range(0, 200).Select(i => (JsonNode)JsonValue.Create($"PROG-{i:00000}")).ToArray());
        var document = Plan("GL-LONG", nodes: Array(Project("P1", "PesStrategico", 1)), guidelines: Array(guideline));
        var errors = await RefusedAsync(() => _client.ImportAsync(document));
        errors.AssertError("guidelines[0].programmes", "2000");

        // 181 codes: 181 × 10 + 180 commas = 1990 characters, which fit.
        guideline["programmes"] = new JsonArray(Enumerable.Range(0, 181).Select(i => (JsonNode)JsonValue.Create($"PROG-{i:00000}")).ToArray());
        var fits = await _client.ImportAsync(Plan("GL-FITS", nodes: Array(Project("P1", "PesStrategico", 1)), guidelines: Array(guideline.DeepClone())));
        Assert.True(fits.StatusCode == HttpStatusCode.Created, await fits.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("type")]
    [InlineData("region")]
    public async Task A_structure_type_or_region_longer_than_its_column_is_a_400_by_patch_and_the_longest_is_accepted(string field)
    {
        var plan = await DraftAsync("ST-" + field.ToUpperInvariant());
        var created = await _client.PostJsonTextAsync($"{plan}/structures", """{"code":"DR-N","name":"Nuova","kind":"Central"}""");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var errors = await RefusedAsync(() => _client.PatchJsonAsync($"{plan}/structures/DR-N", new JsonObject { [field] = new string('t', 2001) }, created.ETag()));
        errors.AssertError(field, "at most 2000 characters");

        var fits = await _client.PatchJsonAsync($"{plan}/structures/DR-N", new JsonObject { [field] = new string('t', 2000) }, created.ETag());
        Assert.True(fits.StatusCode == HttpStatusCode.OK, await fits.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_webhook_url_longer_than_the_audit_entry_keeps_as_its_code_is_registered_and_deleted()
    {
        var url = "https://hooks.example.org/" + new string('p', 1974);
        var registered = await _client.PostJsonTextAsync("/api/organizations/TEST/webhooks",
            new JsonObject { ["url"] = url, ["events"] = new JsonArray("period.closed"), ["secret"] = "url-secret-0123456789abcdef" }.ToJsonString());
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (string)(await registered.ReadJsonAsync())["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/organizations/TEST/webhooks/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("è")]
    [InlineData("📈")]
    public async Task The_longest_return_reason_fits_the_webhook_event_however_JSON_escapes_it(string letter)
    {
        var document = Plan("WH-" + (letter == "è" ? "E" : "EMOJI"), nodes: Array(Node("OBJ", indicators: Array(Indicator("OBJ.I1")))));
        document["organization"]!["code"] = "TEST";
        var imported = await _client.ImportAsync(document);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var code = (string)document["code"]!;
        await _client.PostJsonTextAsync("/api/organizations/TEST/webhooks",
            """{"url":"http://127.0.0.1:9/hook","events":["consuntivo.returned"],"secret":"return-secret-0123456789abcdef"}""");
        var actual = (string)(await _client.PostActualOkAsync(code, "OBJ.I1", """{"year":2024,"period":"Y","value":3}"""))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/actuals/{actual}/submit", null)).StatusCode);

        // 4000 characters, each escaped by JSON as \u00E8 (six) or a surrogate pair as \uD83D\uDCC8 (six per character).
        var reason = "Manca la fonte " + string.Concat(Enumerable.Repeat(letter, (4000 - 15) / letter.Length));
        var oiv = factory.CreateClientAs(TestIdentities.Key("Oiv", "TEST"));
        var returned = await oiv.PostJsonTextAsync($"/api/actuals/{actual}/return", new JsonObject { ["reason"] = reason }.ToJsonString());
        Assert.True(returned.StatusCode == HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var body = await db.Set<WebhookEvent>().Where(e => e.Type == "consuntivo.returned").OrderByDescending(e => e.OccurredAt).Select(e => e.Body).FirstAsync();
        Assert.Equal(reason, (string?)JsonNode.Parse(body)!["payload"]!["reason"]);
    }
}
