using Performance.Domain.Projects;

namespace Performance.Domain.Guidelines;

/// <summary>
/// A Linea Guida Gestionale with its CIV programme codes (e.g. "4.1.h"), the realizations of its linked projects
/// (PES strategici and projects defined to implement it), the indicator component (OGE only, already scored,
/// uncapped) and the justification given when attuazione is below 100.
/// </summary>
public sealed record GuidelineInput(
    int Number,
    string Title,
    GuidelineKind Kind,
    IReadOnlyList<string> Programmes,
    IReadOnlyList<ProjectRealizationValue> Projects,
    decimal? IndicatorScore,
    string? Justification);
