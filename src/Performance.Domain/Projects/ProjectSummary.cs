namespace Performance.Domain.Projects;

/// <summary>
/// Project realization overall, by value area, by sub-area and by type. Every figure is a simple mean over projects,
/// so an area equals its sub-areas weighted by project count (Sociale: (81,39·13 + 96,83·9)/22 ≈ 87,70).
/// Groups keep the order in which their key first appears; projects without an area (or sub-area) form a group
/// whose key is null, so every breakdown adds up to the overall count.
/// </summary>
public sealed record ProjectSummary(
    ProjectGroupSummary Overall,
    IReadOnlyList<ProjectGroupSummary> ByArea,
    IReadOnlyList<ProjectGroupSummary> BySubArea,
    IReadOnlyList<ProjectGroupSummary> ByType,
    IReadOnlyList<ProjectRealizationValue> Projects)
{
    public static ProjectSummary Compute(IReadOnlyList<ProjectInput> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(ProjectInput Input, decimal? Realization)>(projects.Count);
        foreach (var p in projects)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(projects));
            var value = ProjectRealization.Compute(p);
            if (!codes.Add(p.Code))
                throw new ArgumentException($"Project '{p.Code}' appears more than once.", nameof(projects));
            rows.Add((p, value.Realization));
        }

        var overall = Group(null, null, null, rows);
        var byArea = rows
            .GroupBy(r => r.Input.AreaCode, StringComparer.Ordinal)
            .Select(g => Group(g.Key, null, null, g.ToList()))
            .ToList();
        var bySubArea = rows
            .GroupBy(r => (r.Input.AreaCode, r.Input.SubAreaCode))
            .Select(g => Group(g.Key.AreaCode, g.Key.SubAreaCode, null, g.ToList()))
            .ToList();
        var byType = Enum.GetValues<ProjectType>()
            .Select(t => Group(null, null, t, rows.Where(r => r.Input.Type == t).ToList()))
            .ToList();

        return new ProjectSummary(
            overall, byArea, bySubArea, byType,
            rows.Select(r => new ProjectRealizationValue(r.Input.Code, r.Realization)).ToList());
    }

    private static ProjectGroupSummary Group(
        string? area, string? subArea, ProjectType? type, List<(ProjectInput Input, decimal? Realization)> rows)
    {
        var measured = rows.Where(r => r.Realization is not null).Select(r => r.Realization!.Value).ToList();
        var complete = measured.Count(v => v >= ProjectRealization.Full);
        var delayed = measured.Count - complete;
        var sum = measured.Sum();
        decimal? Percent(int n) => measured.Count == 0 ? null : (decimal)n / measured.Count * 100m;

        return new ProjectGroupSummary(
            area,
            subArea,
            type,
            measured.Count == 0 ? null : sum / measured.Count,
            rows.Count,
            measured.Count,
            complete,
            delayed,
            Percent(complete),
            Percent(delayed),
            ProjectTypeCounts.Of(rows.Select(r => r.Input)))
        {
            RealizationSum = sum,
        };
    }
}
