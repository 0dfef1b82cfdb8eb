using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Api.Tests.Infrastructure;
using Performance.Domain.Plans;

namespace Performance.Api.Tests.PlanModel;

/// <summary>
/// <see cref="PlanTreeCache"/> keeps a plan-year's tree at a position of the plan's change sequence: new consuntivi bring it
/// forward with only the rows they added (the rest of the tree shared, not read again), and the result holds exactly what a
/// fresh load holds; any other locked write of the plan makes the next read load it again. Runs on both engines.
/// </summary>
public sealed class PlanTreeCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Plan(string code)
    {
        var relative = TestPlans.Indicator("N.REL", ">= 1", polarity: "HigherIsBetter", frequency: "Quarterly", aggregation: "Sum");
        relative["targets"]!["2022"] = "+8% rispetto al 2021";
        return TestPlans.Document(code, null, TestPlans.Node("N", indicators:
        [
            TestPlans.Indicator("N.A", ">= 10", polarity: "HigherIsBetter", frequency: "Quarterly", aggregation: "Sum"),
            relative,
        ]));
    }

    [Fact]
    public async Task New_consuntivi_bring_the_cached_tree_forward_to_what_a_fresh_load_reads()
    {
        await _client.ImportOkAsync(Plan("CACHE-ADV"));
        await _client.PostActualOkAsync("CACHE-ADV", "N.A", """{ "year": 2022, "period": "Q1", "value": 4 }""");
        await _client.PostActualOkAsync("CACHE-ADV", "N.REL", """{ "year": 2021, "period": "Q1", "value": 10 }""");
        var cache = factory.Services.GetRequiredService<PlanTreeCache>();
        var (first, _) = await ReadAsync(cache, "CACHE-ADV", 2022);

        // Single entries and a bulk request: a new period, a revision, the reference year of the relative target, another year.
        await _client.PostActualOkAsync("CACHE-ADV", "N.A", """{ "year": 2022, "period": "Q2", "value": 5 }""");
        await _client.PostActualOkAsync("CACHE-ADV", "N.A", """{ "year": 2022, "period": "Q1", "value": 6 }""");
        var bulk = await _client.PostJsonTextAsync("/api/plans/CACHE-ADV/actuals/bulk", """
            { "actuals": [
              { "indicator": "N.REL", "year": 2021, "period": "Q2", "value": 20 },
              { "indicator": "N.REL", "year": 2022, "period": "Q1", "value": 7 },
              { "indicator": "N.A", "year": 2023, "period": "Q1", "value": 1 } ] }
            """);
        Assert.Equal(System.Net.HttpStatusCode.OK, bulk.StatusCode);

        var (advanced, fresh) = await ReadAsync(cache, "CACHE-ADV", 2022);
        Assert.NotSame(first, advanced);
        Assert.Same(first.Nodes, advanced.Nodes); // brought forward: the tree was not read again
        Assert.Same(first.Indicators, advanced.Indicators);
        Assert.Equal(Rows(fresh.ActualsOf), Rows(advanced.ActualsOf));
        Assert.Equal(Rows(fresh.ReferenceActualsOf), Rows(advanced.ReferenceActualsOf));
        Assert.Equal(4, advanced.ActualsOf.SelectMany(a => a).Count()); // Q1 r1, Q2, Q1 r2 of N.A; Q1 of N.REL
        Assert.Equal(2, advanced.ReferenceActualsOf.SelectMany(a => a).Count()); // 2021 Q1 and Q2 of N.REL
        // The unchanged tree is still what it was for whoever holds it.
        Assert.Single(first.ActualsOf.SelectMany(a => a));

        // Nothing written since: the same tree.
        Assert.Same(advanced, (await ReadAsync(cache, "CACHE-ADV", 2022)).Cached);
    }

    [Fact]
    public async Task After_a_write_only_the_indicators_written_to_are_turned_into_engine_entries_again()
    {
        await _client.ImportOkAsync(TestPlans.Document("CACHE-ENTRIES", null, TestPlans.Node("N", indicators:
        [
            TestPlans.Indicator("N.A", ">= 10", polarity: "HigherIsBetter", frequency: "Quarterly", aggregation: "Sum"),
            TestPlans.Indicator("N.B", ">= 10", polarity: "HigherIsBetter", frequency: "Quarterly", aggregation: "Sum"),
        ])));
        await _client.PostActualOkAsync("CACHE-ENTRIES", "N.A", """{ "year": 2021, "period": "Q1", "value": 4 }""");
        await _client.PostActualOkAsync("CACHE-ENTRIES", "N.B", """{ "year": 2021, "period": "Q1", "value": 3 }""");
        var cache = factory.Services.GetRequiredService<PlanTreeCache>();
        var query = new ScoreQuery(2021);
        var before = PlanScoring.Compute((await ReadAsync(cache, "CACHE-ENTRIES", 2021)).Cached, query);
        Assert.Same(Entries(before, "N.A"), Entries(PlanScoring.Compute((await ReadAsync(cache, "CACHE-ENTRIES", 2021)).Cached, query), "N.A"));

        await _client.PostActualOkAsync("CACHE-ENTRIES", "N.A", """{ "year": 2021, "period": "Q2", "value": 5 }""");
        var after = PlanScoring.Compute((await ReadAsync(cache, "CACHE-ENTRIES", 2021)).Cached, query);
        Assert.Same(Entries(before, "N.B"), Entries(after, "N.B")); // untouched: shared with the tree before the write
        Assert.NotSame(Entries(before, "N.A"), Entries(after, "N.A"));
        Assert.Equal(["Q1", "Q2"], Entries(after, "N.A").Select(a => a.Period.Code));
        Assert.Equal(9m, after.AllIndicators().Single(i => i.Code == "N.A").Evaluation?.Actual);
        // An as-of read takes only the revisions reported by its date (none of these, entered today): never the shared entries.
        var asOf = PlanScoring.Compute((await ReadAsync(cache, "CACHE-ENTRIES", 2021)).Cached, query with { AsOf = new DateOnly(2021, 12, 31) });
        Assert.Empty(Entries(asOf, "N.B"));
    }

    private static IReadOnlyList<Domain.Scoring.PeriodActual> Entries(PlanScoring scoring, string indicator) =>
        Flatten(scoring.Input).Single(i => i.Code == indicator).Input!.Actuals;

    private static IEnumerable<Domain.Scoring.ScoringIndicator> Flatten(Domain.Scoring.ScoringNode node) =>
        node.Indicators.Concat(node.Children.SelectMany(Flatten));

    [Fact]
    public async Task Any_other_locked_write_of_the_plan_makes_the_next_read_load_the_tree_again()
    {
        await _client.ImportOkAsync(Plan("CACHE-RELOAD"));
        await _client.PostActualOkAsync("CACHE-RELOAD", "N.A", """{ "year": 2022, "period": "Q1", "value": 4 }""");
        var cache = factory.Services.GetRequiredService<PlanTreeCache>();
        var (first, _) = await ReadAsync(cache, "CACHE-RELOAD", 2022);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
            await using var transaction = await db.BeginPlanWriteAsync(first.Plan.Id, CancellationToken.None);
            await transaction.CommitAsync();
        }
        await _client.PostActualOkAsync("CACHE-RELOAD", "N.A", """{ "year": 2022, "period": "Q2", "value": 5 }""");

        var (reloaded, fresh) = await ReadAsync(cache, "CACHE-RELOAD", 2022);
        Assert.NotSame(first.Nodes, reloaded.Nodes);
        Assert.Equal(Rows(fresh.ActualsOf), Rows(reloaded.ActualsOf));
        Assert.Equal(2, reloaded.ActualsOf.SelectMany(a => a).Count());
    }

    [Fact]
    public async Task A_write_declared_as_new_consuntivi_only_cannot_change_anything_else()
    {
        await _client.ImportOkAsync(Plan("CACHE-GUARD"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var indicator = await db.Indicators.SingleAsync(i => i.Code == "N.A" && db.Plans.Any(p => p.Id == i.PlanId && p.Code == "CACHE-GUARD"));
        await using var transaction = await db.BeginPlanWriteAsync(indicator.PlanId, CancellationToken.None, PlanWrite.NewConsuntivi);
        indicator.Name = "cambiato";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("Indicator", refused.Message);
    }

    [Fact]
    public async Task A_consuntivo_outside_its_plans_lock_is_refused()
    {
        await _client.ImportOkAsync(Plan("CACHE-NOLOCK"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var id = await db.Indicators.Where(i => i.Code == "N.A" && db.Plans.Any(p => p.Id == i.PlanId && p.Code == "CACHE-NOLOCK")).Select(i => i.Id).SingleAsync();
        db.Actuals.Add(new Actual { IndicatorId = id, Year = 2022, Period = "Q1", Revision = 1, Value = 1, RecordedAt = DateTime.UtcNow, ReportedOn = new DateOnly(2022, 4, 1) });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Beyond_its_memory_budget_the_cache_drops_the_least_recently_read_plan_years_whole()
    {
        await _client.ImportOkAsync(Plan("CACHE-BUDGET"));
        await _client.PostActualOkAsync("CACHE-BUDGET", "N.A", """{ "year": 2022, "period": "Q1", "value": 4 }""");
        await _client.PostActualOkAsync("CACHE-BUDGET", "N.A", """{ "year": 2021, "period": "Q1", "value": 4 }""");
        var unbounded = new PlanTreeCache(Options.Create(new PlanCacheOptions()));
        var (of2021, _) = await ReadAsync(unbounded, "CACHE-BUDGET", 2021);
        var (of2022, _) = await ReadAsync(unbounded, "CACHE-BUDGET", 2022);
        var both = PlanTreeCache.EstimatedBytes(of2021) + PlanTreeCache.EstimatedBytes(of2022);
        Assert.True(PlanTreeCache.EstimatedBytes(of2022) >= 200 * 2 + 1_200 * 2, "the estimate counts indicators and consuntivi");
        Assert.Same(of2021, (await ReadAsync(unbounded, "CACHE-BUDGET", 2021)).Cached); // both fit the default budget

        // A budget one byte short of both trees: reading one drops the other, whole.
        var cache = new PlanTreeCache(Options.Create(new PlanCacheOptions { MemoryBudgetMiB = (both - 1) / (1024.0 * 1024.0) }));
        var (first2021, _) = await ReadAsync(cache, "CACHE-BUDGET", 2021);
        var (first2022, _) = await ReadAsync(cache, "CACHE-BUDGET", 2022);
        Assert.Same(first2022, (await ReadAsync(cache, "CACHE-BUDGET", 2022)).Cached);
        var again2021 = (await ReadAsync(cache, "CACHE-BUDGET", 2021)).Cached;
        Assert.NotSame(first2021, again2021); // dropped when 2022 was read: loaded again
        Assert.NotSame(first2022, (await ReadAsync(cache, "CACHE-BUDGET", 2022)).Cached);
    }

    [Fact]
    public async Task Reads_of_one_plan_year_at_one_position_that_come_together_share_one_load()
    {
        await _client.ImportOkAsync(Plan("CACHE-ONCE"));
        await _client.PostActualOkAsync("CACHE-ONCE", "N.A", """{ "year": 2022, "period": "Q1", "value": 4 }""");
        var cache = new PlanTreeCache(Options.Create(new PlanCacheOptions()));

        // Eight readers, each with its own unit of work, as eight requests; none finds a tree when it starts.
        var trees = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => GetAsync(cache, "CACHE-ONCE", 2022, CancellationToken.None))));
        Assert.All(trees, t => Assert.Same(trees[0], t));
        Assert.Equal(1, cache.Built);

        // After a new consuntivo, the readers that come together share one advance too.
        await _client.PostActualOkAsync("CACHE-ONCE", "N.A", """{ "year": 2022, "period": "Q2", "value": 5 }""");
        var advanced = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => GetAsync(cache, "CACHE-ONCE", 2022, CancellationToken.None))));
        Assert.All(advanced, t => Assert.Same(advanced[0], t));
        Assert.NotSame(trees[0], advanced[0]);
        Assert.Equal(2, cache.Built);
        Assert.Equal(2, advanced[0].ActualsOf.SelectMany(a => a).Count());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("70000")]
    public void A_budget_out_of_range_stops_the_service_naming_the_key(string budget)
    {
        var problems = PlanCacheOptions.Problems(new PlanCacheOptions { MemoryBudgetMiB = double.Parse(budget, System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        Assert.Contains(problems, p => p.StartsWith("PlanCache:MemoryBudgetMiB", StringComparison.Ordinal));
        Assert.Empty(PlanCacheOptions.Problems(new PlanCacheOptions()));
    }

    /// <summary>The cache's tree for the plan and year, and a fresh load of the same.</summary>
    private async Task<(PlanTree Cached, PlanTree Fresh)> ReadAsync(PlanTreeCache cache, string planCode, int year)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var plan = await db.Plans.AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Code == planCode);
        return (await cache.GetAsync(db, plan, year, CancellationToken.None), await PlanTree.LoadAsync(db, plan, CancellationToken.None, year));
    }

    private async Task<PlanTree> GetAsync(PlanTreeCache cache, string planCode, int year, CancellationToken ct)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var plan = await db.Plans.AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Code == planCode);
        return await cache.GetAsync(db, plan, year, ct);
    }

    private static List<string> Rows<TKey>(ILookup<TKey, StoredActual> lookup) =>
        lookup.SelectMany(g => g.Select(a => $"{g.Key} {a}")).Order(StringComparer.Ordinal).ToList();
}
