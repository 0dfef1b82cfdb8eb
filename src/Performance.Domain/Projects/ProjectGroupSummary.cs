namespace Performance.Domain.Projects;

/// <summary>
/// Realization of a group of projects (all, an area, a sub-area or a type); the key fields not used by the
/// grouping are null.
/// Realization = simple mean over the group's measured projects (Relazione INPS 2024, "media semplice di tutti i progetti").
/// Measured = projects with KPIs due; Complete = measured projects at 100; Delayed = measured below 100;
/// the percentages are over Measured (159 of 181 = 87,85%).
/// </summary>
public sealed record ProjectGroupSummary(
    string? AreaCode,
    string? SubAreaCode,
    ProjectType? Type,
    decimal? Realization,
    int Count,
    int Measured,
    int Complete,
    int Delayed,
    decimal? CompletePercent,
    decimal? DelayedPercent,
    ProjectTypeCounts ByType)
{
    /// <summary>Σ of the measured realizations, so Realization = RealizationSum / Measured can be redone by hand.</summary>
    public decimal RealizationSum { get; init; }
}
