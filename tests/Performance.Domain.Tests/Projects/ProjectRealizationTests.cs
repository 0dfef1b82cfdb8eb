using Performance.Domain.Projects;

namespace Performance.Domain.Tests.Projects;

public sealed class ProjectRealizationTests
{
    private static decimal R(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    [Theory]
    [InlineData(4, 4, 100)]
    [InlineData(4, 3, 75)]
    [InlineData(8, 7, 87.5)]
    [InlineData(5, 0, 0)]
    [InlineData(4, 6, 100)]   // KPIs achieved ahead of schedule do not lift the year above 100
    public void Realization_is_kpis_achieved_over_kpis_due_capped_at_100(int due, int achieved, double expected)
    {
        Assert.Equal((decimal)expected, ProjectRealization.Of(due, achieved));
    }

    [Fact]
    public void Realization_keeps_full_precision()
    {
        Assert.Equal(83.33m, R(ProjectRealization.Of(6, 5)!.Value));
        Assert.NotEqual(83.33m, ProjectRealization.Of(6, 5));
    }

    [Fact]
    public void Project_with_no_kpi_due_has_no_realization()
    {
        Assert.Null(ProjectRealization.Of(0, 0));
        Assert.Null(ProjectRealization.Compute(new ProjectInput("P", null, null, ProjectType.NoPes, 0, 0)).Realization);
    }

    [Fact]
    public void Negative_kpi_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectRealization.Of(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectRealization.Of(3, -1));
    }
}
