using Performance.Domain.Projects;

namespace Performance.Domain.Guidelines;

/// <summary>
/// Attuazione = mean realization of the linked projects that have one, capped at 100 (null when none has).
/// Result (OGE only) = mean of attuazione and indicator score, not capped; null for OSP.
/// </summary>
public sealed record GuidelineResult(
    int Number,
    string Title,
    GuidelineKind Kind,
    decimal? Attuazione,
    decimal? IndicatorScore,
    decimal? Result,
    bool JustificationRequired,
    bool JustificationMissing,
    string? Justification,
    IReadOnlyList<ProjectRealizationValue> Projects)
{
    public IReadOnlyList<string> Programmes { get; init; } = [];

    /// <summary>Linked projects with a realization, i.e. the ones the attuazione mean is over.</summary>
    public int ProjectsMeasured { get; init; }

    /// <summary>
    /// True for an OGE whose Result rests on one component only (projects or indicators still missing): the other
    /// was excluded and the mean re-weighted, the domain's default missing-data rule.
    /// </summary>
    public bool ResultPartial { get; init; }
}
