namespace Performance.Domain.Projects;

/// <summary>
/// A project's realization in % (0..100), or null when the project had no KPI due in the year.
/// Also the input of an LGG's attuazione, where only the value may be known.
/// </summary>
public sealed record ProjectRealizationValue(string Code, decimal? Realization);
