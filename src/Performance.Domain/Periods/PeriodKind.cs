namespace Performance.Domain.Periods;

/// <summary>
/// The granularity of a period. Ordered from the whole year down to the month so that "finer" compares as greater;
/// <see cref="Forecast"/> is not a slice of the year but a whole-year projection (previsione I–IV).
/// </summary>
public enum PeriodKind { Year, Semester, FourMonth, Quarter, Month, Forecast }
