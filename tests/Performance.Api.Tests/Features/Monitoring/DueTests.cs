using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Monitoring;

/// <summary>GET /api/plans/{plan}/due?asOf=: due, overdue and stale consuntivi by structure and responsible person.</summary>
public sealed class DueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject? IndicatorOf(JsonNode node, string code) =>
        (node["indicators"]?.AsArray() ?? []).FirstOrDefault(i => (string?)i!["code"] == code)?.AsObject()
        ?? (node["children"]?.AsArray() ?? []).Select(c => IndicatorOf(c!, code)).FirstOrDefault(i => i is not null);

    private static JsonObject? NodeOf(JsonNode node, string code) =>
        (string?)node["code"] == code ? node.AsObject()
        : (node["children"]?.AsArray() ?? []).Select(c => NodeOf(c!, code)).FirstOrDefault(n => n is not null);

    /// <summary>
    /// The Cremona demo plan with one monthly indicator (CR-SG, Cappelli) and one quarterly indicator moved to Area 2
    /// (CR-A2, Maffezzoni); the office entered January–May and Q1 in time and nothing since.
    /// </summary>
    private async Task<string> CremonaAsync(string code)
    {
        var document = Documents.Cremona(code);
        var nodes = document["nodes"]!.AsArray();
        var monthly = nodes.Select(n => IndicatorOf(n!, "2021_01_01_01.I1")).First(i => i is not null)!;
        monthly["frequency"] = "Monthly";
        var quarterly = nodes.Select(n => IndicatorOf(n!, "2021_02_01_03.I1")).First(i => i is not null)!;
        quarterly["frequency"] = "Quarterly";
        nodes.Select(n => NodeOf(n!, "2021_02_01_03")).First(n => n is not null)!["structure"] = "CR-A2";
        await _client.ImportOrReplaceAsync(document);

        var rows = new JsonArray();
        for (var m = 1; m <= 5; m++)
            rows.Add(new JsonObject { ["indicator"] = "2021_01_01_01.I1", ["year"] = 2021, ["period"] = $"M{m:00}", ["value"] = 1, ["reportedOn"] = $"2021-{m + 1:00}-10" });
        rows.Add(new JsonObject { ["indicator"] = "2021_02_01_03.I1", ["year"] = 2021, ["period"] = "Q1", ["value"] = 12, ["reportedOn"] = "2021-04-20" });
        var stored = await _client.PostJsonTextAsync($"/api/plans/{code}/actuals/bulk", new JsonObject { ["actuals"] = rows }.ToJsonString());
        Assert.True(stored.StatusCode == HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        return code;
    }

    private static IEnumerable<(string, string, string)> Items(JsonNode group) =>
        group["items"]!.AsArray().Select(i => ((string)i!["indicator"]!, (string)i["period"]!, (string)i["state"]!));

    [Fact]
    public async Task Cremona_at_15_August_lists_the_late_monthly_and_quarterly_consuntivi_by_structure()
    {
        var plan = await CremonaAsync("CR-DUE");
        var due = await _client.GetJsonAsync($"/api/plans/{plan}/due?asOf=2021-08-15");
        Assert.Equal((30, 2, 1, 2), ((int)due["entryDays"]!, (int)due["overdue"]!, (int)due["due"]!, (int)due["stale"]!));

        var structures = due["structures"]!.AsArray();
        Assert.Equal(["CR-A2", "CR-SG"], structures.Select(s => (string)s!["key"]!));
        var sg = structures.Single(s => (string?)s!["key"] == "CR-SG")!;
        // M06 was due on 30 July (16 days late); M07 ended on 31 July and is due by 30 August; the annual ones are not due yet.
        Assert.Equal([("2021_01_01_01.I1", "M06", "Overdue"), ("2021_01_01_01.I1", "M07", "Due")], Items(sg));
        var m06 = sg["items"]![0]!;
        Assert.Equal(("2021-07-30", 16, "in ritardo", "CAPPELLI MARIA GRAZIA"), ((string)m06["dueDate"]!, (int)m06["daysLate"]!, (string)m06["label"]!, (string)m06["responsible"]!));
        Assert.Equal("2021-08-30", (string?)sg["items"]![1]!["dueDate"]);

        var a2 = structures.Single(s => (string?)s!["key"] == "CR-A2")!;
        Assert.Equal("Area 2 Economico finanziaria e Sviluppo Economico", (string?)a2["name"]);
        Assert.Equal([("2021_02_01_03.I1", "Q2", "Overdue")], Items(a2));
        // Last consuntivo 20 April, more than a quarter before 15 August: stale.
        var stale = Assert.Single(a2["staleItems"]!.AsArray())!;
        Assert.Equal(("2021_02_01_03.I1", "2021-04-20", "non aggiornato"), ((string)stale["indicator"]!, (string)stale["lastReportedOn"]!, (string)stale["label"]!));

        var people = due["responsibles"]!.AsArray();
        Assert.Equal(["CAPPELLI MARIA GRAZIA", "MAFFEZZONI NICOLA"], people.Select(p => (string)p!["key"]!));
        Assert.Equal((1, 1), ((int)people[0]!["overdue"]!, (int)people[0]!["due"]!));
    }

    [Fact]
    public async Task A_forecast_is_not_a_consuntivo_and_does_not_make_a_stale_indicator_look_updated()
    {
        var plan = await CremonaAsync("CR-DUE-FC");
        // A year-end forecast entered on 1 August: Q2 is still overdue and nothing was reported since 20 April.
        var forecast = new JsonObject { ["indicator"] = "2021_02_01_03.I1", ["year"] = 2021, ["period"] = "F2", ["value"] = 50, ["reportedOn"] = "2021-08-01" };
        var stored = await _client.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk", new JsonObject { ["actuals"] = new JsonArray(forecast) }.ToJsonString());
        Assert.True(stored.StatusCode == HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());

        var due = await _client.GetJsonAsync($"/api/plans/{plan}/due?asOf=2021-08-15");
        var a2 = due["structures"]!.AsArray().Single(g => (string?)g!["key"] == "CR-A2")!;
        Assert.Contains(("2021_02_01_03.I1", "Q2", "Overdue"), Items(a2));
        var stale = Assert.Single(a2["staleItems"]!.AsArray())!;
        Assert.Equal(("2021_02_01_03.I1", "2021-04-20"), ((string)stale["indicator"]!, (string)stale["lastReportedOn"]!));
    }

    [Fact]
    public async Task Before_anything_is_late_nothing_is_listed_and_a_consuntivo_reported_later_does_not_count()
    {
        var plan = await CremonaAsync("CR-DUE-EARLY");
        var april = await _client.GetJsonAsync($"/api/plans/{plan}/due?asOf=2021-04-15");
        // M01-M02 reported by 10 March; M03 (reported 10 April) counts; Q1 is due 30 April (reported 20 April: not yet).
        Assert.Equal((0, 1), ((int)april["overdue"]!, (int)april["due"]!));
        Assert.Equal([("2021_02_01_03.I1", "Q1", "Due")], Items(april["structures"]![0]!));
    }

    [Fact]
    public async Task A_referente_sees_their_own_structures_only()
    {
        var plan = await CremonaAsync("CR-DUE-REF");
        var referente = factory.CreateClientAs(TestIdentities.Key("Referente", Documents.CremonaOrganization));
        var due = await referente.GetJsonAsync($"/api/plans/{plan}/due?asOf=2021-08-15");
        Assert.Equal(["CR-SG"], due["structures"]!.AsArray().Select(s => (string)s!["key"]!));
        Assert.Equal((1, 1, 1), ((int)due["overdue"]!, (int)due["due"]!, (int)due["stale"]!));
    }

    [Fact]
    public async Task A_bad_date_is_a_400()
    {
        var plan = await CremonaAsync("CR-DUE-BAD");
        var response = await _client.GetAsync($"/api/plans/{plan}/due?asOf=2021-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
