using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Samples;

/// <summary>A fresh install seeded with the demo data, as <c>Database:SeedDemoData</c> does on first start.</summary>
public sealed class DemoSeededFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Database:SeedDemoData", "true")];
}

/// <summary>
/// Issue 12 item 4: the demo's consuntivi carry realistic reporting dates, so "as of" a mid-year date shows what was
/// known then; and the INPS drafts of the demo are submitted and validated in one call each.
/// </summary>
public sealed class DemoDataTests(DemoSeededFactory factory) : IClassFixture<DemoSeededFactory>
{
    private const string Flow = "2021_01_02_04.I2", Rate = "2021_01.I1", Stock = "2021_01.I2";

    private async Task<decimal?> ActualAsync(string code, string? asOf) =>
        Dec(IndicatorIn(await factory.CreateClient().ScorecardAsync(Cremona, 2021, asOf is null ? "" : $"&asOf={asOf}"), code)["actual"]);

    [Fact]
    public async Task As_of_mid_year_the_Cremona_demo_shows_the_quarters_reported_by_then_and_nothing_later()
    {
        // 30 June: Q1 (reported 20 April) is known; Q2 ended that day and is reported on 20 July; the annual figures in January.
        Assert.Equal(2m, await ActualAsync(Flow, "2021-06-30"));
        Assert.Equal(88m, await ActualAsync(Rate, "2021-06-30"));
        Assert.Null(await ActualAsync(Stock, "2021-06-30"));
        Assert.NotNull((await factory.CreateClient().ScorecardAsync(Cremona, 2021, "&asOf=2021-06-30"))["score"]);
        // 31 July: the first half.
        Assert.Equal(5m, await ActualAsync(Flow, "2021-07-31"));
        Assert.Null(await ActualAsync(Stock, "2021-07-31"));
        // The year: the quarters add up to the annual figures.
        Assert.Equal(9m, await ActualAsync(Flow, null));
        Assert.Equal(88m, await ActualAsync(Rate, null));
        Assert.Equal(66m, await ActualAsync(Stock, null));
    }

    [Fact]
    public async Task The_INPS_demo_drafts_are_submitted_in_one_call_and_validated_in_one_call()
    {
        var office = factory.CreateClientAs(TestIdentities.Key("ControlloGestione", "INPS"));
        var drafts = (await office.GetJsonAsync("/api/plans/RP-2024/actuals/queue/counts?year=2024"))["totals"]!;
        var count = (drafts["Draft"] ?? drafts["draft"])!.GetValue<int>();
        Assert.True(count > 700, drafts.ToJsonString());

        var submitted = await office.PostJsonTextAsync("/api/plans/RP-2024/actuals/submit", """{"year":2024}""");
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        Assert.Equal(count, (await submitted.ReadJsonAsync())["count"]!.GetValue<int>());
        var validated = await factory.CreateClientAs(TestIdentities.Key("Oiv", "INPS")).PostJsonTextAsync("/api/plans/RP-2024/actuals/validate", """{"year":2024}""");
        Assert.True(validated.StatusCode == HttpStatusCode.OK, await validated.Content.ReadAsStringAsync());
        Assert.Equal(count, (await validated.ReadJsonAsync())["count"]!.GetValue<int>());
        var after = (await office.GetJsonAsync("/api/plans/RP-2024/actuals/queue/counts?year=2024"))["totals"]!;
        Assert.Equal(count, (after["Validated"] ?? after["validated"])!.GetValue<int>());
    }
}
