using Performance.Api.Infrastructure;
using Performance.Domain.Language;
using Performance.Domain.Monitoring;
using Performance.Domain.Periods;

namespace Performance.Api.PlanModel;

/// <summary>
/// The period scorecard's monitoring (docs/monitoring.md): every node's and indicator's progress at the end of a period,
/// computed by the domain on the same input the scorecard scored (targets as the plan stands, latest known revisions).
/// </summary>
public sealed class PlanMonitoring
{
    private readonly Dictionary<string, NodeProgress> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndicatorProgress> _indicators = new(StringComparer.Ordinal);

    public Period Period { get; }
    public NodeProgress Root { get; }

    private PlanMonitoring(PlanScoring scoring, Period period)
    {
        Period = period;
        Root = ProgressMonitor.Evaluate(scoring.Input, period, scoring.Year, scoring.Policy);
        Index(Root);
    }

    /// <summary>The period of a monitoring request: a period of the year (a forecast is not one); null when none is asked.</summary>
    public static Period? ParsePeriod(string? code, int? forecast)
    {
        if (code is null) return null;
        var errors = new ValidationErrors();
        if (!Domain.Periods.Period.TryParse(code, out var period) || period.IsForecast)
            errors.Add("period", Say.It($"\"{code}\" non è un periodo dell'anno: Y, S1-S2, T1-T3, Q1-Q4 o M01-M12.", $"\"{code}\" is not a period of the year: Y, S1-S2, T1-T3, Q1-Q4 or M01-M12."));
        if (forecast is not null) errors.Add("forecast", Say.It("La scheda di un periodo legge i consuntivi (e le sue previsioni): omettere 'forecast'.", "A period scorecard reads the consuntivi (and its own forecasts): leave out 'forecast'."));
        errors.ThrowIfAny();
        return period;
    }

    public static PlanMonitoring Of(PlanScoring scoring, Period period) => new(scoring, period);

    public NodeProgress? Node(string code) => _nodes.GetValueOrDefault(code);

    public IndicatorProgress? Indicator(string code) => _indicators.GetValueOrDefault(code);

    private void Index(NodeProgress node)
    {
        _nodes[node.Code] = node;
        foreach (var i in node.Indicators) _indicators[i.Code] = i;
        foreach (var c in node.Children) Index(c);
    }
}
