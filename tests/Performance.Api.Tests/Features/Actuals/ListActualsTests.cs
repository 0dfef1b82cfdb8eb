using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Actuals;

/// <summary>GET /api/indicators/{indicator}/actuals?year=: every period with its current revision and its history.</summary>
public sealed class ListActualsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Periods_are_listed_in_calendar_order_with_every_revision_and_filtered_by_year()
    {
        await _client.ImportOkAsync(Document("LIST", null, Node("L1", indicators: [Indicator("L1.I1", ">= 10", aggregation: "Sum", frequency: "Quarterly")])));
        await _client.PostActualOkAsync("LIST", "L1.I1", """{ "year": 2021, "period": "Q2", "value": 2 }""");
        await _client.PostActualOkAsync("LIST", "L1.I1", """{ "year": 2021, "period": "Q1", "value": 1 }""");
        await _client.PostActualOkAsync("LIST", "L1.I1", """{ "year": 2022, "period": "Q1", "value": 9 }""");
        await _client.PostActualOkAsync("LIST", "L1.I1", """{ "year": 2021, "period": "Q2", "value": 2.5, "note": "rettifica" }""");
        await _client.PostActualOkAsync("LIST", "L1.I1", """{ "year": 2021, "period": "M03", "value": 0.5 }""");

        var year2021 = (await _client.GetJsonOkAsync("/api/indicators/LIST:L1.I1/actuals?year=2021")).AsArray();
        Assert.Equal(["Q1", "Q2", "M03"], year2021.Select(p => (string)p!["period"]!));
        Assert.All(year2021, p => Assert.Equal(2021, (int)p!["year"]!));
        var q2 = year2021[1]!;
        Assert.Equal([1, 2], q2["revisions"]!.AsArray().Select(r => (int)r!["revision"]!));
        Assert.Equal(2, (int)q2["current"]!["revision"]!);
        Assert.Equal(2.5m, Dec(q2["current"]!["value"]));
        Assert.Equal("rettifica", (string?)q2["current"]!["note"]);
        Assert.Equal(2m, Dec(q2["revisions"]![0]!["value"]));
        Assert.NotNull(q2["revisions"]![0]!["recordedAt"]);

        var all = (await _client.GetJsonOkAsync("/api/indicators/LIST:L1.I1/actuals")).AsArray();
        Assert.Equal([2021, 2021, 2021, 2022], all.Select(p => (int)p!["year"]!));
        Assert.Empty((await _client.GetJsonOkAsync("/api/indicators/LIST:L1.I1/actuals?year=2023")).AsArray());
    }

    [Fact]
    public async Task Unknown_indicator_is_404_and_a_bad_year_is_400()
    {
        await _client.EnsureCremonaAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/indicators/{Cremona}:NOPE/actuals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/indicators/NOPE:2021_01.I1/actuals")).StatusCode);
        var bad = await _client.GetAsync($"/api/indicators/{Cremona}:2021_01.I1/actuals?year=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
