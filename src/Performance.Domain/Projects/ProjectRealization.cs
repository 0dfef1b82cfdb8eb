namespace Performance.Domain.Projects;

/// <summary>
/// Realization = KPIs achieved / KPIs due in the year × 100, capped at 100 (Relazione INPS 2024, «Stato di avanzamento dei progetti…»: "il 100% dei KPI che
/// dovevano essere realizzati nel 2024"). KPIs achieved ahead of schedule do not lift the year above 100.
/// </summary>
public static class ProjectRealization
{
    public const decimal Full = 100m;

    /// <summary>Null when nothing was due: the project is not measured this year (missing, not 0 or 100).</summary>
    public static decimal? Of(int kpisDue, int kpisAchieved)
    {
        if (kpisDue < 0)
            throw new ArgumentOutOfRangeException(nameof(kpisDue), kpisDue, "KPIs due cannot be negative.");
        if (kpisAchieved < 0)
            throw new ArgumentOutOfRangeException(nameof(kpisAchieved), kpisAchieved, "KPIs achieved cannot be negative.");
        if (kpisDue == 0)
            return null;
        return Math.Min(Full, (decimal)kpisAchieved / kpisDue * 100m);
    }

    public static ProjectRealizationValue Compute(ProjectInput project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (string.IsNullOrWhiteSpace(project.Code))
            throw new ArgumentException("A project has no code.", nameof(project));
        return new ProjectRealizationValue(project.Code, Of(project.KpisDue, project.KpisAchieved));
    }
}
