using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Performance.Api.Features.Scores;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// After a start, <see cref="PlanTreeWarmUp"/> loads each plan's tree of the year of its latest consuntivo, most recently
/// active plans first, within the trees' budget; the first score reads then find them. A service is started on a
/// database another instance wrote (the suite's services start with it off, so no test of theirs races it).
/// </summary>
public sealed class PlanTreeWarmUpTests : IDisposable
{
    private sealed class Instance(TestDatabase database, bool warmUp) : ApiFactory(database, ownsDatabase: false)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("PlanCache:WarmUpOnStart", warmUp ? "true" : "false")];
    }

    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly Instance _writer;
    private readonly HttpClient _client;

    public PlanTreeWarmUpTests()
    {
        _writer = new Instance(_database, warmUp: false);
        _client = _writer.CreateClient(); // migrates the database
    }

    public void Dispose()
    {
        _writer.Dispose();
        _database.Drop();
    }

    /// <summary>WARM-OLD (latest consuntivo: 2021, written after one of 2022), then WARM-NEW (2022, written last), and WARM-NONE (none).</summary>
    private async Task WritePlansAsync()
    {
        foreach (var code in new[] { "WARM-OLD", "WARM-NEW", "WARM-NONE" })
            await _client.ImportOkAsync(Document(code, null, Node("N", indicators:
                [Indicator("N.A", ">= 10", aggregation: "Sum", polarity: "HigherIsBetter", frequency: "Quarterly")])));
        await _client.PostActualOkAsync("WARM-OLD", "N.A", """{ "year": 2022, "period": "Q1", "value": 3 }""");
        await _client.PostActualOkAsync("WARM-OLD", "N.A", """{ "year": 2021, "period": "Q1", "value": 4 }""");
        await _client.PostActualOkAsync("WARM-NEW", "N.A", """{ "year": 2022, "period": "Q2", "value": 5 }""");
    }

    [Fact]
    public async Task After_a_start_each_plans_year_of_its_latest_consuntivo_is_loaded_before_the_first_read()
    {
        await WritePlansAsync();
        using var started = new Instance(_database, warmUp: true);
        var client = started.CreateClient();
        await WarmUpEndedAsync(started);
        var cache = started.Services.GetRequiredService<PlanTreeCache>();
        Assert.Equal(2, cache.Built); // WARM-NEW 2022 and WARM-OLD 2021; nothing for WARM-NONE

        // The first reads of those plan-years load nothing; another year loads its own.
        foreach (var (plan, year) in new[] { ("WARM-OLD", 2021), ("WARM-NEW", 2022) })
            Assert.True((await client.GetAsync($"/api/plans/{plan}/scorecard?year={year}")).IsSuccessStatusCode);
        Assert.Equal(2, cache.Built);
        Assert.True((await client.GetAsync("/api/plans/WARM-OLD/scorecard?year=2022")).IsSuccessStatusCode);
        Assert.Equal(3, cache.Built);

        // The instance that started with it off loaded nothing before its reads.
        await WarmUpEndedAsync(_writer);
        Assert.Equal(0, _writer.Services.GetRequiredService<PlanTreeCache>().Built);
    }

    [Fact]
    public async Task The_warm_up_stops_at_the_first_tree_that_would_not_fit_the_budget_and_drops_none()
    {
        await WritePlansAsync();
        using var scope = _writer.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var newest = await db.Plans.AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Code == "WARM-NEW");
        var newestBytes = PlanTreeCache.EstimatedBytes(await PlanTree.LoadAsync(db, newest, CancellationToken.None, 2022));
        // Room for the most recently active plan's tree and not for the next one's as well.
        var options = Options.Create(new PlanCacheOptions { MemoryBudgetMiB = (newestBytes + 1) / (1024.0 * 1024.0) });
        var cache = new PlanTreeCache(options);
        var warmUp = new PlanTreeWarmUp(_writer.Services.GetRequiredService<IServiceScopeFactory>(), cache, options,
            _writer.Services.GetRequiredService<IHostApplicationLifetime>(), NullLogger<PlanTreeWarmUp>.Instance);

        Assert.Equal(1, await warmUp.RunAsync(CancellationToken.None));
        Assert.Equal(2, cache.Built); // the second was loaded, did not fit, and was not kept
        Assert.Equal(newestBytes, cache.HeldBytes);
        var tree = await cache.GetAsync(db, newest, 2022, CancellationToken.None);
        Assert.Equal(2, cache.Built); // still kept: not dropped for the one that did not fit
        Assert.Single(tree.ActualsOf.SelectMany(a => a));
    }

    private static async Task WarmUpEndedAsync(ApiFactory service)
    {
        var warmUp = service.Services.GetRequiredService<PlanTreeWarmUp>();
        Assert.NotNull(warmUp.ExecuteTask); // started with the host
        await warmUp.ExecuteTask.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
