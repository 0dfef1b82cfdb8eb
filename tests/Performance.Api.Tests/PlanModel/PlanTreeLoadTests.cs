using System.Text.Json.Nodes;
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

    [Fact]
    public async Task Consuntivi_of_the_same_period_share_one_copy_of_its_code_in_the_loaded_tree()
    {
        await _client.ImportOkAsync(TestPlans.Document("PERIOD-LOAD", null, TestPlans.Node("N", indicators:
            [TestPlans.Indicator("N.A", ">= 1", polarity: "HigherIsBetter"), TestPlans.Indicator("N.B", ">= 1", polarity: "HigherIsBetter")])));
        foreach (var code in new[] { "N.A", "N.B" })
        foreach (var period in new[] { "Q1", "Q2" })
            await _client.PostActualOkAsync("PERIOD-LOAD", code, $$"""{ "year": 2022, "period": "{{period}}", "value": 3 }""");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var plan = await db.Plans.AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Code == "PERIOD-LOAD");

        var tree = await PlanTree.LoadAsync(db, plan, CancellationToken.None, 2022);

        var byPeriod = tree.ActualsOf.SelectMany(g => g).GroupBy(a => a.Period).ToList();
        Assert.Equal(["Q1", "Q2"], byPeriod.Select(g => g.Key).Order());
        Assert.All(byPeriod, g => Assert.Equal(2, g.Count()));
        Assert.All(byPeriod, g => Assert.Same(g.First().Period, g.Last().Period));
    }

    [Fact]
    public async Task Other_years_consuntivi_are_loaded_only_for_the_relative_targets_that_refer_to_them()
    {
        JsonObject Indicator(string code, string target2022, int? baselineYear = null)
        {
            var indicator = TestPlans.Indicator(code, ">= 1", polarity: "HigherIsBetter");
            indicator["targets"]!["2022"] = target2022;
            if (baselineYear is { } y) indicator["baseline"] = new JsonObject { ["year"] = y, ["value"] = 10 };
            return indicator;
        }
        var document = TestPlans.Document("REF-LOAD", null, TestPlans.Node("N", indicators:
        [
            Indicator("N.REL", "+8% rispetto al 2021"), Indicator("N.PLAIN", ">= 5"), Indicator("N.REVISED", ">= 5", baselineYear: 2021),
        ]));
        // A revised target counts as much as the stored one: the tree serves every asOf.
        document["reprogramming"] = JsonNode.Parse(
            """[{ "kind": "ReviseTarget", "indicator": "N.REVISED", "year": 2022, "target": "Incremento del 5% rispetto alla baseline", "act": "Det. 1/2022", "date": "2022-03-01" }]""");
        await _client.ImportOkAsync(document);
        foreach (var code in new[] { "N.REL", "N.PLAIN", "N.REVISED" })
            await _client.PostActualOkAsync("REF-LOAD", code, """{ "year": 2021, "period": "Y", "value": 100 }""");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var plan = await db.Plans.AsNoTracking().Include(p => p.Organization).SingleAsync(p => p.Code == "REF-LOAD");
        var tree = await PlanTree.LoadAsync(db, plan, CancellationToken.None, 2022);
        Guid Id(string code) => tree.Indicators.Single(i => i.Code == code).Id;

        Assert.Equal(100m, Assert.Single(tree.ReferenceActualsOf[(Id("N.REL"), 2021)]).Value);
        Assert.Single(tree.ReferenceActualsOf[(Id("N.REVISED"), 2021)]);
        Assert.Empty(tree.ReferenceActualsOf[(Id("N.PLAIN"), 2021)]);
        Assert.Equal(2, tree.ReferenceActualsOf.Count);
        Assert.Empty(tree.ActualsOf.SelectMany(a => a)); // no 2022 consuntivo yet
        // The 2021 targets refer to no other year: nothing more is read.
        Assert.Equal(0, (await PlanTree.LoadAsync(db, plan, CancellationToken.None, 2021)).ReferenceActualsOf.Count);
    }
}
