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

public sealed record IndicatorTrendResponse(
    string Plan, string Indicator, string Name, TargetUnit? Unit, Aggregation Aggregation,
    IReadOnlyList<IndicatorTrendResponse.Point> Points)
{
    /// <summary>
    /// One point. <c>Period</c> is <c>Y</c> for the year's figure, else the period whose end is the year-to-date cut-off
    /// (<c>AsOf</c>). <c>Target</c> is the numeric target (the lower bound for ranges, null for milestones).
    /// </summary>
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
        for (var year = tree.Plan.StartYear; year <= tree.Plan.EndYear; year++)
        {
            // Only this indicator's consuntivi of the year: the tree itself carries none.
            var stored = await db.Actuals.AsNoTracking().Where(a => a.IndicatorId == found.Id && a.Year == year)
                .Select(StoredActual.Projection).ToListAsync(ct);
            points.AddRange(Year(tree, indicator, stored, policy, year));
        }
        return new IndicatorTrendResponse(tree.Plan.Code, indicator.Code, indicator.Name, indicator.Unit, indicator.Aggregation, points);
    }

    private static IEnumerable<IndicatorTrendResponse.Point> Year(PlanTree tree, Indicator indicator, IReadOnlyList<StoredActual> stored, ScoringPolicy policy, int year)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var timeline = new PlanTimeline(tree.Reprogrammings, yearEnd);
        var text = timeline.TargetText(indicator, year);
        if (PlanScoring.TargetOf(indicator, timeline, year, out _) is not { } target)
        {
            yield return new(year, "Y", yearEnd, text, null, null, null, null, null, null, ScoreStatus.Grey);
            yield break;
        }
        // Indicator-wide consuntivi (not one structure's), latest revision per period, exactly as the scorecard picks them.
        var actuals = PlanScoring.LatestRevisions(stored, null, _ => true);
        var input = new IndicatorInput(indicator.Code, target, PlanScoring.PolarityOf(indicator, target), indicator.Aggregation,
            actuals, indicator.Cap, null, year);
        var (line, upper) = target.Kind switch
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
        yield return Point(year, "Y", yearEnd, IndicatorScorer.Evaluate(input, policy, ScoringView.Actuals));

        IndicatorTrendResponse.Point Point(int y, string code, DateOnly asOf, IndicatorEvaluation e) =>
            new(y, code, asOf, text, line, upper, Rounding.PresentActual(e.Actual, indicator.Aggregation), Rounding.Present(e.Achievement),
                Rounding.Present(e.Score), e.Met, e.Status);
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
