using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Actuals;

/// <summary>
/// History loaded as history: a consuntivo carries the day it was reported; "as of" a date shows what had been reported by
/// then (the audit keeps the true recording time). Only the controllo di gestione may backdate; nobody may post-date.
/// </summary>
public sealed class ReportedOnTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    private const string Bandi = "2021_01_01_01.I1"; // Sum, "almeno 2 bandi", structure CR-SG

    private HttpClient As(string role) => factory.CreateClientAs(TestIdentities.Key(role, "CCIAA-CR"));

    [Fact]
    public async Task A_historical_load_gives_the_mid_year_picture_as_of_a_date()
    {
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await factory.CreateClient().EnsureCremonaAsync();
        var load = await As("ControlloGestione").PostJsonTextAsync($"/api/plans/{Cremona}/actuals/bulk", $$"""
            {"description":"Storico 2021","actuals":[
              {"indicator":"{{Bandi}}","year":2021,"period":"Q1","value":1,"reportedOn":"2021-04-20"},
              {"indicator":"{{Bandi}}","year":2021,"period":"Q2","value":1,"reportedOn":"2021-07-20"},
              {"indicator":"{{Bandi}}","year":2021,"period":"Q3","value":2,"reportedOn":"2021-10-20"}]}
            """);
        Assert.True(load.IsSuccessStatusCode, await load.Content.ReadAsStringAsync());

        async Task<decimal?> ActualAsOf(string? asOf) =>
            Dec(IndicatorIn(await factory.CreateClient().ScorecardAsync(Cremona, 2021, asOf is null ? "" : $"&asOf={asOf}"), Bandi)["actual"]);
        Assert.Null(await ActualAsOf("2021-03-31"));
        Assert.Equal(1m, await ActualAsOf("2021-06-30")); // Q2 ended but was reported on 20 July
        Assert.Equal(2m, await ActualAsOf("2021-09-30"));
        Assert.Equal(4m, await ActualAsOf(null));

        var listed = (await (await factory.CreateClient().GetAsync($"/api/indicators/{Cremona}:{Bandi}/actuals?year=2021")).ReadJsonAsync()).AsArray();
        var q1 = listed.Single(p => (string?)p!["period"] == "Q1")!["current"]!;
        Assert.Equal("2021-04-20", (string?)q1["reportedOn"]);
        Assert.StartsWith("2026-12-02T09:00:00", (string)q1["recordedAt"]!);
    }

    [Fact]
    public async Task Only_the_controllo_di_gestione_backdates_and_nobody_post_dates()
    {
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await factory.CreateClient().EnsureCremonaAsync();
        var referente = await As("Referente").PostActualAsync(Cremona, Bandi, """{"year":2023,"period":"Q1","value":1,"reportedOn":"2023-04-20"}""");
        Assert.Equal(HttpStatusCode.BadRequest, referente.StatusCode);
        Assert.Contains("controllo di gestione", (string)(await referente.ReadJsonAsync())["errors"]!["reportedOn"]![0]!);

        var future = await As("ControlloGestione").PostActualAsync(Cremona, Bandi, """{"year":2023,"period":"Q1","value":1,"reportedOn":"2026-12-03"}""");
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("in the future", (string)(await future.ReadJsonAsync())["errors"]!["reportedOn"]![0]!);

        var history = await As("ControlloGestione").PostActualAsync(Cremona, Bandi, """{"year":2023,"period":"Q1","value":1,"reportedOn":"2023-04-20"}""");
        Assert.Equal(HttpStatusCode.Created, history.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await As("Referente").PostActualAsync(Cremona, Bandi, """{"year":2023,"period":"Q2","value":1,"reportedOn":"2026-12-02"}""")).StatusCode);
    }
}

/// <summary>The default reporting date is the office's day, in Rome.</summary>
public sealed class ReportedTodayTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task A_consuntivo_without_a_date_is_reported_today_in_Italy()
    {
        // 23:30 UTC on 31 March is already 1 April in Rome.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero));
        await factory.CreateClient().EnsureCremonaAsync();
        var posted = await factory.CreateClient().PostActualOkAsync(Cremona, "2021_01_01_01.I1", """{"year":2022,"period":"Q1","value":1}""");
        Assert.Equal("2026-04-01", (string?)posted["reportedOn"]);
    }
}
