using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;
using Performance.Api.PlanModel;

namespace Performance.Api.Tests.PlanModel;

/// <summary>
/// <see cref="PlanTree.LoadAsync"/> loads the indicators and then their targets in a flat query attached by hand: the same
/// indicators, in the same order, with the same targets as the <c>Include(...).AsSplitQuery()</c> it replaced, for every
/// year and for all years. Runs on SQLite and, with PERFORMANCE_TEST_DB=Postgres, on PostgreSQL.
/// </summary>
public sealed class PlanTreeLoadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Indicators_and_targets_are_loaded_as_the_include_loaded_them()
    {
        await _client.EnsureCremonaAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var plan = await db.Plans.AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Code == Cremona);
        foreach (int? year in new int?[] { null, 2021, 2022, 2023, 1999 })
        {
            db.ChangeTracker.Clear();
            var tree = await PlanTree.LoadAsync(db, plan, CancellationToken.None, year);
            var query = year is { } y
                ? db.Indicators.AsNoTracking().Include(i => i.Targets.Where(t => t.Year == y))
                : db.Indicators.AsNoTracking().Include(i => i.Targets);
            var expected = await query.Where(i => i.PlanId == plan.Id).AsSplitQuery().OrderBy(i => i.SortOrder).ToListAsync();

            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(i => i.Id), tree.Indicators.Select(i => i.Id));
            Assert.Equal(expected.Select(i => (i.Code, i.NodeId, i.Name, i.Weight, i.Version)), tree.Indicators.Select(i => (i.Code, i.NodeId, i.Name, i.Weight, i.Version)));
            Assert.Equal(
                expected.Select(i => string.Join("|", i.Targets.OrderBy(t => t.Year).Select(t => $"{t.Id} {t.IndicatorId} {t.Year} {t.Text}"))),
                tree.Indicators.Select(i => string.Join("|", i.Targets.Select(t => $"{t.Id} {t.IndicatorId} {t.Year} {t.Text}"))));
            if (year is null) Assert.Contains(tree.Indicators, i => i.Targets.Count > 1);
            else if (year != 1999) Assert.Contains(tree.Indicators, i => i.Targets.Count == 1);
            else Assert.All(tree.Indicators, i => Assert.Empty(i.Targets));
        }
    }
}
