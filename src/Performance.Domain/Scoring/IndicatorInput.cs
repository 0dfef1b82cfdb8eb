using Performance.Domain.Periods;
using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>
/// Everything needed to score one indicator for one year. Actuals are the year's entries (latest revision per
/// period; extra revisions are tolerated and reported as superseded). CapOverride/FormulaOverride beat the plan
/// policy; a null override means "inherit". Year is needed only for asOf (0 = take asOf's year).
/// <see cref="Frequency"/> is the declared periodicity (rilevazione): the periods the year is made of when entries of
/// several granularities are mixed (see <see cref="PeriodAggregator"/>); the year itself when not declared.
/// </summary>
public sealed record IndicatorInput(
    string Code,
    ParsedTarget Target,
    Polarity Polarity,
    Aggregation Aggregation,
    IReadOnlyList<PeriodActual> Actuals,
    decimal? CapOverride = null,
    LowerIsBetterFormula? FormulaOverride = null,
    int Year = 0)
{
    public PeriodKind Frequency { get; init; } = PeriodKind.Year;
}
