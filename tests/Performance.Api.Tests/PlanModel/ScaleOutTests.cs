using System.Net;
using System.Net.Http.Headers;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.PlanModel;

/// <summary>
/// Two service instances on one database (a shared SQLite file, or with PERFORMANCE_TEST_DB=Postgres one PostgreSQL
/// database): each keeps its own plan trees, and each notices in the database what the other wrote, so neither serves a
/// stale figure after the other's write returned — consuntivi (brought forward), corrections and other changes (reloaded).
/// </summary>
public sealed class ScaleOutTests : IDisposable
{
    private sealed class Instance(TestDatabase database) : ApiFactory(database, ownsDatabase: false);

    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly Instance _a, _b;
    private readonly HttpClient _clientA, _clientB;

    public ScaleOutTests()
    {
        _a = new Instance(_database);
        _clientA = _a.CreateClient(); // migrates the database
        _b = new Instance(_database);
        _clientB = _b.CreateClient();
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _database.Drop();
    }

    private static async Task<(decimal? Actual, EntityTagHeaderValue? Tag)> ActualAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/plans/SCALE/scorecard?year=2021");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (Dec(IndicatorIn(await response.ReadJsonAsync(), "N.A")["actual"]), response.Headers.ETag);
    }

    [Fact]
    public async Task A_consuntivo_written_through_one_instance_is_in_the_next_scorecard_read_through_the_other()
    {
        await _clientA.ImportOkAsync(Document("SCALE", null, Node("N", indicators:
            [Indicator("N.A", ">= 10", aggregation: "Sum", polarity: "HigherIsBetter", frequency: "Quarterly")])));
        await _clientA.PostActualOkAsync("SCALE", "N.A", """{ "year": 2021, "period": "Q1", "value": 3 }""");
        // Both instances hold the plan's 2021 tree.
        Assert.Equal(3m, (await ActualAsync(_clientA)).Actual);
        var (fromB, tagB) = await ActualAsync(_clientB);
        Assert.Equal(3m, fromB);

        // Written through A, read through B: B's tree is brought up to date, its ETag moves.
        await _clientA.PostActualOkAsync("SCALE", "N.A", """{ "year": 2021, "period": "Q2", "value": 4 }""");
        var (afterA, tagAfterA) = await ActualAsync(_clientB);
        Assert.Equal(7m, afterA);
        Assert.NotEqual(tagB, tagAfterA);

        // Written through B (a correction of Q1 and a bulk row), read through A.
        await _clientB.PostActualOkAsync("SCALE", "N.A", """{ "year": 2021, "period": "Q1", "value": 5 }""");
        var bulk = await _clientB.PostJsonTextAsync("/api/plans/SCALE/actuals/bulk",
            """{ "actuals": [ { "indicator": "N.A", "year": 2021, "period": "Q3", "value": 1 } ] }""");
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(10m, (await ActualAsync(_clientA)).Actual);

        // Another kind of change through A (the period closed and reopened: the tree is loaded again), then a
        // consuntivo: B sees it all.
        var close = await _clientA.PostJsonTextAsync("/api/plans/SCALE/closures", """{ "year": 2021, "period": "Q4", "reason": "chiusura" }""");
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
        var reopen = await _clientA.PostJsonTextAsync($"/api/plans/SCALE/closures/{(await close.ReadJsonAsync())["id"]}/reopen", """{ "reason": "riapertura" }""");
        Assert.True(reopen.IsSuccessStatusCode, ((int)reopen.StatusCode).ToString());
        await _clientA.PostActualOkAsync("SCALE", "N.A", """{ "year": 2021, "period": "Q4", "value": 2 }""");
        Assert.Equal(12m, (await ActualAsync(_clientB)).Actual);
        Assert.Equal(12m, (await ActualAsync(_clientA)).Actual);
    }
}
