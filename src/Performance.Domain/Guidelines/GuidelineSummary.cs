namespace Performance.Domain.Guidelines;

/// <summary>Counts over a set of LGG (INPS 2024: 23 = 4 OGE + 19 OSP; 14 at 100, 9 below).</summary>
public sealed record GuidelineSummary(
    int Total,
    int Oge,
    int Osp,
    int Complete,
    int BelowTarget,
    int NotMeasured,
    int JustificationsMissing);
