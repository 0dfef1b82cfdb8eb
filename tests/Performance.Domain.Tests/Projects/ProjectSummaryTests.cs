using Performance.Domain.Projects;
using Performance.Domain.Tests.Data;

namespace Performance.Domain.Tests.Projects;

public sealed class ProjectSummaryTests
{
    private static decimal R(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    private static readonly ProjectSummary Inps = ProjectSummary.Compute(InpsProjects2024.Build());

    [Fact]
    public void Inps_overall_is_95_88_over_181_projects_with_159_at_100_percent()
    {
        var totals = InpsReference.Root.GetProperty("projectTotals");
        var o = Inps.Overall;

        Assert.Equal(totals.Int("count"), o.Count);                            // 181
        Assert.Equal(totals.Dec("realization"), R(o.Realization!.Value));       // 95,88: simple mean of all projects
        Assert.Equal(totals.Int("atFullRealization"), o.Complete);             // 159
        Assert.Equal(totals.Dec("atFullRealizationPercent"), R(o.CompletePercent!.Value)); // 87,85
        Assert.Equal(totals.Int("delayed"), o.Delayed);                        // 22
        Assert.Equal(totals.Dec("delayedPercent"), R(o.DelayedPercent!.Value)); // 12,15
        Assert.Equal(new ProjectTypeCounts(59, 85, 37), o.ByType);
        Assert.Equal(o.RealizationSum / o.Measured, o.Realization);
    }

    [Fact]
    public void Inps_sub_areas_match_the_printed_realization_and_counts()
    {
        var subs = InpsReference.Areas.SelectMany(a => a.GetProperty("subAreas").EnumerateArray()).ToList();
        Assert.Equal(14, subs.Count);
        Assert.Equal(14, Inps.BySubArea.Count);

        foreach (var sub in subs)
        {
            var p = sub.GetProperty("projects");
            var g = Inps.BySubArea.Single(x => x.SubAreaCode == sub.Str("code"));
            Assert.Equal(p.Dec("realization"), R(g.Realization!.Value));
            Assert.Equal(p.Int("total"), g.Count);
            Assert.Equal(new ProjectTypeCounts(p.Int("pesStrategico"), p.Int("pesIstituzionale"), p.Int("noPes")), g.ByType);
        }
    }

    [Fact]
    public void Inps_areas_match_the_printed_realization_and_counts()
    {
        foreach (var area in InpsReference.Areas)
        {
            var p = area.GetProperty("projects");
            var g = Inps.ByArea.Single(x => x.AreaCode == area.Str("code"));
            // The report computed from unrounded project values; 0,01 is the tolerance the domain allows.
            Assert.InRange(g.Realization!.Value, p.Dec("realization") - 0.01m, p.Dec("realization") + 0.01m);
            Assert.Equal(p.Int("total"), g.Count);
            Assert.Equal(new ProjectTypeCounts(p.Int("pesStrategico"), p.Int("pesIstituzionale"), p.Int("noPes")), g.ByType);
        }
        // With these constructed projects the areas even round to the printed figures.
        Assert.Equal(new[] { 87.70m, 96.06m, 97.19m, 97.50m, 97.96m }, Inps.ByArea.Select(a => R(a.Realization!.Value)));
    }

    [Fact]
    public void Area_equals_its_sub_areas_weighted_by_project_count()
    {
        foreach (var area in Inps.ByArea)
        {
            var subs = Inps.BySubArea.Where(s => s.AreaCode == area.AreaCode).ToList();
            var weighted = subs.Sum(s => s.Realization!.Value * s.Measured) / subs.Sum(s => s.Measured);
            Assert.Equal(area.Realization!.Value, weighted, 20);
        }

        // The report's own check from rounded sub-area values: Sociale (81,39·13 + 96,83·9)/22 = 87,706 → 87,71,
        // printed 87,70 from unrounded inputs; the simple mean of the two sub-areas (89,11) would be wrong.
        var fromRounded = (81.39m * 13 + 96.83m * 9) / 22;
        Assert.InRange(fromRounded, 87.70m - 0.01m, 87.70m + 0.01m);
        Assert.NotInRange((81.39m + 96.83m) / 2, 87.69m, 87.71m);
    }

    [Fact]
    public void Inps_counts_by_type_are_59_85_37()
    {
        Assert.Equal(new[] { 59, 85, 37 }, Inps.ByType.Select(t => t.Count));
        Assert.Equal(new ProjectType?[] { ProjectType.PesStrategico, ProjectType.PesIstituzionale, ProjectType.NoPes },
            Inps.ByType.Select(t => t.Type));
    }

    [Fact]
    public void Projects_without_kpis_due_are_counted_but_not_measured()
    {
        var s = ProjectSummary.Compute(
        [
            new("P1", "VS", "VS.1", ProjectType.PesStrategico, 4, 4),
            new("P2", "VS", "VS.1", ProjectType.NoPes, 4, 2),
            new("P3", "VS", "VS.1", ProjectType.NoPes, 0, 0),
        ]);

        Assert.Equal(3, s.Overall.Count);
        Assert.Equal(2, s.Overall.Measured);
        Assert.Equal(75m, s.Overall.Realization);          // (100 + 50) / 2: P3 is neither 0 nor 100
        Assert.Equal(50m, s.Overall.CompletePercent);
        Assert.Null(s.Projects.Single(p => p.Code == "P3").Realization);
    }

    [Fact]
    public void Unclassified_projects_form_their_own_group_so_breakdowns_add_up()
    {
        var s = ProjectSummary.Compute(
        [
            new("P1", "VS", "VS.1", ProjectType.PesStrategico, 2, 1),
            new("P2", null, null, ProjectType.NoPes, 2, 2),
        ]);

        Assert.Equal(2, s.ByArea.Count);
        Assert.Null(s.ByArea[1].AreaCode);
        Assert.Equal(100m, s.ByArea[1].Realization);
        Assert.Equal(s.Overall.Count, s.ByArea.Sum(a => a.Count));
        Assert.Equal(s.Overall.Count, s.BySubArea.Sum(a => a.Count));
        Assert.Equal(s.Overall.Count, s.ByType.Sum(a => a.Count));
    }

    [Fact]
    public void Empty_group_has_no_realization()
    {
        var s = ProjectSummary.Compute([]);

        Assert.Null(s.Overall.Realization);
        Assert.Null(s.Overall.CompletePercent);
        Assert.All(s.ByType, t => Assert.Equal(0, t.Count));
    }

    [Fact]
    public void Duplicate_project_codes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ProjectSummary.Compute(
        [
            new("P1", "VS", null, ProjectType.NoPes, 1, 1),
            new("P1", "VI", null, ProjectType.NoPes, 1, 1),
        ]));
    }
}
