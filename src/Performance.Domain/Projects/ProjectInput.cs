namespace Performance.Domain.Projects;

/// <summary>A performance project with the KPIs due in the year and those achieved by year end.</summary>
public sealed record ProjectInput(string Code, string? AreaCode, string? SubAreaCode, ProjectType Type, int KpisDue, int KpisAchieved);
