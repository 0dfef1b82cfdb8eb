using Microsoft.EntityFrameworkCore;
using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Scores;

/// <summary>
/// An indicator over the periods of its plan, for dashboards (Viewer may read it; the raw consuntivi stay behind
/// <c>/actuals</c>): for every plan year, the year-to-date figure at the end of each period that has a consuntivo
/// (the finest granularity entered), then the year's figure exactly as the scorecard computes it, each with the
/// year's target (text and the numeric value to draw as the target line).
/// </summary>
public sealed record GetIndicatorTrend(string Indicator) : IRequest<IndicatorTrendResponse>;

/// <summary>
/// An indicator's trend (andamento) for dashboards: for every year of its plan, its year-to-date figure at the end of each
/// period with a consuntivo (actual figure), then the year's figure, each against the year's target.
/// </summary>
/// <param name="Plan">The code of the plan holding the indicator.</param>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Unit">The indicator's unit, for the figures and the target line.</param>
/// <param name="Aggregation">How its period figures make up the year (Sum, Average, Last, RatioOfSums).</param>
/// <param name="Points">Year by year in order: the year-to-date points by period, then the year's point (period Y).</param>
public sealed record IndicatorTrendResponse(
    string Plan, string Indicator, string Name, TargetUnit? Unit, Aggregation Aggregation,
    IReadOnlyList<IndicatorTrendResponse.Point> Points)
{
    /// <summary>
    /// One point. <c>Period</c> is <c>Y</c> for the year's figure, else the period whose end is the year-to-date cut-off
    /// (<c>AsOf</c>). <c>Target</c> is the numeric target (the lower bound for ranges, null for milestones).
    /// </summary>
    /// <param name="Year">The plan year.</param>
    /// <param name="Period">Y for the year's figure; else the period (at the finest granularity entered that year: M01–M12,
    /// Q1–Q4, T1–T3 or S1–S2) whose end is the cut-off.</param>
    /// <param name="AsOf">The cut-off date (yyyy-MM-dd): the period's last day, 31 December for Y. Only periods ending by then count.</param>
    /// <param name="TargetText">The year's target as written (as revised by reprogramming by 31 December); null when the year has none.</param>
    /// <param name="Target">The target line: a numeric target's value (a relative one as computed), a range's lower bound; null for a
    /// milestone or when there is no target to score against.</param>
    /// <param name="TargetUpper">A range target's upper bound; null otherwise.</param>
    /// <param name="Actual">The figure at the cut-off: the aggregation of the indicator-wide consuntivi of the periods ending by then, in
    /// the indicator's unit (for a milestone: the completion %); null when there is none.</param>
    /// <param name="Achievement">Grado di raggiungimento: that figure against the yearly target, in %, uncapped, rounded to 2 decimals; null when not scored.</param>
    /// <param name="Score">The achievement after the plan's scoring policy, rounded to 2 decimals; null when not scored. For the year's
    /// point (Y), an approved forzatura of the year applies as in the scorecard: a forced score replaces it (its status follows),
    /// non valutabile leaves the year unscored.</param>
    /// <param name="Met">Whether that figure satisfies the yearly target's operator exactly; null when not scored.</param>
    /// <param name="Status">Semaforo (traffic light): Green (met), Yellow, Red or Grey (not scored).</param>
    public sealed record Point(
        int Year, string Period, DateOnly AsOf, string? TargetText, decimal? Target, decimal? TargetUpper,
        decimal? Actual, decimal? Achievement, decimal? Score, bool? Met, ScoreStatus Status);
}

public sealed class GetIndicatorTrendHandler(PerformanceDbContext db) : IRequestHandler<GetIndicatorTrend, IndicatorTrendResponse>
{
    public async Task<IndicatorTrendResponse> Handle(GetIndicatorTrend request, CancellationToken ct)
    {
        var (found, plan) = await db.FindIndicatorInPlanAsync(request.Indicator, ct, tracking: false);
        var tree = await PlanTree.LoadAsync(db, plan, ct);
        var indicator = tree.Indicators.Single(i => i.Id == found.Id);
        var policy = PlanPolicies.ToDomain(tree.Plan.ScoringPolicyJson);
        var points = new List<IndicatorTrendResponse.Point>();
        // Only this indicator's consuntivi, a year at a time (the tree itself carries none), and the years its relative targets refer to.
        var stored = new Dictionary<int, List<PeriodActual>>();
        async Task LoadAsync(int year)
        {
            if (stored.ContainsKey(year)) return;
            var rows = await db.Actuals.AsNoTracking().Where(a => a.IndicatorId == found.Id && a.Year == year).Select(StoredActual.Projection).ToListAsync(ct);
            // Indicator-wide consuntivi (not one structure's), latest revision per period, exactly as the scorecard picks them.
            stored[year] = PlanScoring.LatestRevisions(rows, null, _ => true);
        }
        // The year's point is the scorecard's, so an approved forzatura of the year replaces the computed score there too.
        var forzature = await ApprovedForzature.ByYearAsync(db, found.Id, ct);
        for (var year = tree.Plan.StartYear; year <= tree.Plan.EndYear; year++)
        {
            await LoadAsync(year);
            var judgement = forzature.GetValueOrDefault(year, ApprovedForzature.None).Of(found.Id, null);
            var text = new PlanTimeline(tree.Reprogrammings, new DateOnly(year, 12, 31)).TargetText(indicator, year);
            if (text is not null && YearTarget.ReferenceYear(indicator, text, year) is { } reference) await LoadAsync(reference);
            points.AddRange(Year(tree, indicator, stored, policy, year, judgement));
        }
        return new IndicatorTrendResponse(tree.Plan.Code, indicator.Code, indicator.Name, indicator.Unit, indicator.Aggregation, points);
    }

    private static IEnumerable<IndicatorTrendResponse.Point> Year(
        PlanTree tree, Indicator indicator, IReadOnlyDictionary<int, List<PeriodActual>> stored, ScoringPolicy policy, int year,
        ScoreJudgement? judgement)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var timeline = new PlanTimeline(tree.Reprogrammings, yearEnd);
        var text = timeline.TargetText(indicator, year);
        var scored = YearTarget.Of(indicator, text, year, reference =>
            PeriodAggregator.AggregateFigure(stored[reference], indicator.Aggregation, reference, ScoringView.Actuals).Value);
        decimal? line = null, upper = null;
        if (scored.Target is not { } target)
        {
            // Nothing to score against; a forced score still scores the year, as in the scorecard.
            yield return Point(year, "Y", yearEnd, judgement is null ? null : Judged(null));
            yield break;
        }
        var actuals = stored[year];
        var input = new IndicatorInput(indicator.Code, target, PlanScoring.PolarityOf(indicator, target), indicator.Aggregation,
            actuals, indicator.Cap, null, year) { Frequency = Period.KindOf(indicator.Frequency) };
        (line, upper) = target.Kind switch
        {
            TargetKind.Numeric => (target.Value, (decimal?)null),
            TargetKind.Range => (target.Lower, target.Upper),
            _ => (null, null),
        };

        var periods = actuals.Where(a => a.HasData && !a.Period.IsForecast && a.Period.Kind != PeriodKind.Year).ToList();
        if (periods.Count > 0)
        {
            var finest = periods.Max(a => a.Period.Kind);
            foreach (var period in periods.Where(a => a.Period.Kind == finest).Select(a => a.Period).OrderBy(p => p.Index))
            {
                var asOf = period.End(year);
                if (asOf >= yearEnd) continue; // the last period's year-to-date is the year's figure below
                yield return Point(year, period.Code, asOf, IndicatorScorer.Evaluate(input, policy, new ScoringView(asOf)));
            }
        }
        // The year-to-date points are the consuntivi's progress; the forzatura judges the year, as the scorecard applies it.
        yield return Point(year, "Y", yearEnd, judgement is null ? IndicatorScorer.Evaluate(input, policy, ScoringView.Actuals) : Judged(input));

        IndicatorEvaluation? Judged(IndicatorInput? judgedInput) =>
            Judgements.Score(new ScoringIndicator(indicator.Code, indicator.Weight, judgedInput) { Judgement = judgement }, policy, ScoringView.Actuals).Evaluation;

        IndicatorTrendResponse.Point Point(int y, string code, DateOnly asOf, IndicatorEvaluation? e) =>
            new(y, code, asOf, text, line, upper, Rounding.PresentActual(e?.Actual, indicator.Aggregation), Rounding.Present(e?.Achievement),
                Rounding.Present(e?.Score), e?.Met, e?.Status ?? ScoreStatus.Grey);
    }
}

public sealed class GetIndicatorTrendEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/indicators/{indicator}/trend",
                (string indicator, IMediator mediator, CancellationToken ct) => mediator.Send(new GetIndicatorTrend(indicator), ct))
            .WithName(nameof(GetIndicatorTrend)).RequireAuthorization(Policies.ReadScores).WithTags("Scores")
            .WithSummary("An indicator's year-to-date figures per period and per plan year, with the target line")
            .Produces<IndicatorTrendResponse>().ProducesProblem(StatusCodes.Status404NotFound);
}
