using Performance.Domain.Language;
using Performance.Domain.Periods;

namespace Performance.Domain.Scoring;

/// <summary>
/// What the explained path records while <see cref="PeriodAggregator"/> decides: the entries used and ignored (with
/// why), the arithmetic as text. The figures-only path passes no trace, so none of this is ever built there.
/// </summary>
internal sealed class AggregationTrace
{
    private readonly List<PeriodActual> _used = [];
    private readonly List<IgnoredActual> _ignored = [];
    private string _calculation = Say.It("nessun consuntivo", "no actual");
    private PeriodKind? _granularity;
    private decimal? _numerator, _denominator;

    public IReadOnlyList<PeriodActual> UsedEntries => _used;

    /// <summary>The kind of the entries used when they are all of one kind; null when mixed.</summary>
    public PeriodKind? UsedKind => _used.Count > 0 && _used.All(a => a.Period.Kind == _used[0].Period.Kind) ? _used[0].Period.Kind : null;

    public void Use(PeriodActual a) => _used.Add(a);

    public void Ignore(PeriodActual a, string reason) => _ignored.Add(new(a, reason));

    public void Describe(PeriodKind? granularity, string calculation) => (_granularity, _calculation) = (granularity, calculation);

    public void Parts(decimal numerator, decimal denominator) => (_numerator, _denominator) = (numerator, denominator);

    /// <summary>Entries that lost to another revision of their period, or whose period is not valid.</summary>
    public void Superseded(IReadOnlyList<PeriodActual> all, ReadOnlySpan<PeriodActual> winners)
    {
        foreach (var a in all)
        {
            foreach (var w in winners)
            {
                if (w.Period != a.Period) continue;
                if (!w.Period.IsValid) Ignore(a, Say.It("periodo non valido", "invalid period"));
                else if (!ReferenceEquals(a, w)) Ignore(a, Say.It($"sostituito dalla revisione {w.Revision} di {w.Period.Code}", $"superseded by revision {w.Revision} of {w.Period.Code}"));
                break;
            }
        }
    }

    public void IgnoreForecasts(ReadOnlySpan<PeriodActual> latest)
    {
        foreach (var a in latest)
            if (a.Period.IsValid && a.Period.IsForecast) Ignore(a, Say.It("previsione: mai combinata con i consuntivi", "forecast: never mixed with actuals"));
    }

    public string Codes(string separator) => string.Join(separator, _used.Select(a => a.Period.Code));

    public string Values(string separator) => string.Join(separator, _used.Select(a => NumberText.Format(a.Value)));

    public string Join(Func<PeriodActual, decimal?> part) => string.Join(" + ", _used.Select(a => NumberText.Format(part(a))));

    public AggregationResult ToResult(AggregatedFigure figure, Aggregation rule) =>
        new(figure.Value, rule, figure.Basis, _granularity, _used.ToList(), _ignored.ToList(), _calculation, _numerator, _denominator)
        {
            Exact = figure.Exact,
        };
}
