using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Scoring;

namespace Performance.Api.Features.Scores;

/// <summary>
/// An indicator year by year across the plans linked by roll forward (docs/rollover.md): for each year any linked plan
/// covers, the target, actual, achievement and score exactly as that plan's scorecard gives them. Plans overlap (2021-2023,
/// 2022-2024): a year is taken from the most recent plan covering it that has a figure for it, else from the most recent
/// plan covering it (its target, no figure yet).
/// </summary>
public sealed record GetPlanIndicatorTrend(string Plan, string Indicator) : IRequest<PlanIndicatorTrendResponse>;

/// <summary>
/// An indicator year by year across the plans linked by roll forward (docs/rollover.md), each year as the scorecard of the plan
/// it is taken from gives it.
/// </summary>
/// <param name="Plan">The code of the plan asked.</param>
/// <param name="Indicator">The indicator's code in that plan.</param>
/// <param name="Name">The indicator's name in that plan.</param>
/// <param name="Points">One per year any linked plan covers, in order.</param>
public sealed record PlanIndicatorTrendResponse(string Plan, string Indicator, string Name, IReadOnlyList<PlanIndicatorTrendResponse.Point> Points)
{
    /// <summary>
    /// One year: from the most recent linked plan covering it that has a figure for it, else from the most recent one covering
    /// it (its target, no figure yet). Figures rounded to 2 decimals.
    /// </summary>
    /// <param name="Year">The year.</param>
    /// <param name="Plan">The plan whose scorecard gives the year.</param>
    /// <param name="Target">The year's target as written in that plan (as revised by reprogramming); null when it has none.</param>
    /// <param name="Actual">The year's figure aggregated from its consuntivi (actual figures), in the indicator's unit (for a milestone:
    /// the completion %); null when there is none.</param>
    /// <param name="Achievement">Grado di raggiungimento: the figure against the target in %, uncapped; null when not scored.</param>
    /// <param name="Score">The score after that plan's scoring policy (and any approved forzatura); null when not scored.</param>
    /// <param name="Status">Semaforo (traffic light): Green, Yellow, Red or Grey (not scored).</param>
    public sealed record Point(int Year, string Plan, string? Target, decimal? Actual, decimal? Achievement, decimal? Score, ScoreStatus Status);
}

public sealed class GetPlanIndicatorTrendHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetPlanIndicatorTrend, PlanIndicatorTrendResponse>
{
    public async Task<PlanIndicatorTrendResponse> Handle(GetPlanIndicatorTrend request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var indicator = await db.FindIndicatorInAsync(plan, request.Indicator, ct);
        var chain = (await PlanLinks.ChainAsync(db, indicator, plan, ct))
            .OrderByDescending(c => c.Plan.StartYear).ThenByDescending(c => c.Plan.CreatedAt).ToList();
        var years = chain.SelectMany(c => Enumerable.Range(c.Plan.StartYear, c.Plan.EndYear - c.Plan.StartYear + 1)).Distinct().Order();
        var points = new List<PlanIndicatorTrendResponse.Point>();
        foreach (var year in years)
        {
            PlanIndicatorTrendResponse.Point? first = null;
            foreach (var (linked, owner) in chain.Where(c => c.Plan.CoversYear(year)))
            {
                var scoring = await PlanScoring.ComputeAsync(db, trees, owner, new ScoreQuery(year), ct);
                var score = scoring.AllIndicators().FirstOrDefault(s => s.Code == linked.Code);
                var e = score?.Evaluation;
                var point = new PlanIndicatorTrendResponse.Point(year, owner.Code, scoring.TargetTextOf(scoring.IndicatorsByCode[linked.Code]),
                    Rounding.PresentActual(e?.Actual, linked.Aggregation), Rounding.Present(e?.Achievement), Rounding.Present(score?.Score),
                    e?.Status ?? ScoreStatus.Grey);
                first ??= point;
                if (e?.Actual is not null) { first = point; break; }
            }
            points.Add(first!);
        }
        return new PlanIndicatorTrendResponse(plan.Code, indicator.Code, indicator.Name, points);
    }
}

public sealed class GetPlanIndicatorTrendEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/indicators/{indicator}/trend",
                (string plan, string indicator, IMediator mediator, CancellationToken ct) => mediator.Send(new GetPlanIndicatorTrend(plan, indicator), ct))
            .WithName(nameof(GetPlanIndicatorTrend)).RequireAuthorization(Policies.ReadScores).WithTags("Scores")
            .WithSummary("An indicator year by year across the plans linked by roll forward: target, actual, achievement and score per year")
            .Produces<PlanIndicatorTrendResponse>().ProducesProblem(StatusCodes.Status404NotFound);
}
