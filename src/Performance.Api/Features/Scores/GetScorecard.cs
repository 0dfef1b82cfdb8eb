using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Scores;

/// <summary>The plan's tree with every node's and indicator's score for a year (optionally as of a date, for one structure).</summary>
public sealed record GetScorecard(string Plan, ScoreQuery Query) : IRequest<ScorecardResponse>;

public sealed class GetScorecardHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetScorecard, ScorecardResponse>
{
    public async Task<ScorecardResponse> Handle(GetScorecard request, CancellationToken ct)
    {
        var scoring = await PlanScoring.ComputeAsync(db, trees, await db.FindPlanAsync(request.Plan, ct), request.Query, ct);
        return new ScorecardResponse(scoring.Tree.Plan.Code, scoring.Year, request.Query.AsOf, request.Query.Structure, request.Query.Forecast,
            Rounding.Present(scoring.Root.Score), scoring.Root.Status, scoring.Root.Children.Select(n => Project(scoring, n)).ToList());
    }

    private static ScorecardNode Project(PlanScoring scoring, NodeScore score)
    {
        var node = scoring.NodesByCode[score.Code];
        return new ScorecardNode(node.Code, node.Title, node.Kind, scoring.Timeline.WeightOf(node),
            scoring.Timeline.StructureOf(node) is { } s ? scoring.Tree.StructureCodes[s] : null, Rounding.Present(score.Score), score.Status,
            score.Children.Select(c => Project(scoring, c)).ToList(),
            score.Indicators.Select(i => Project(scoring, i)).ToList());
    }

    private static ScorecardIndicator Project(PlanScoring scoring, IndicatorScore score)
    {
        var indicator = scoring.IndicatorsByCode[score.Code];
        var e = score.Evaluation;
        return new ScorecardIndicator(indicator.Code, indicator.Name, scoring.Timeline.WeightOf(indicator), indicator.Unit,
            scoring.TargetTextOf(indicator),
            Rounding.PresentActual(e?.Actual, indicator.Aggregation), Rounding.Present(e?.Achievement), Rounding.Present(e?.Score), e?.Met, e?.Status ?? ScoreStatus.Grey,
            DeviationResponse.From(e?.Deviation), e?.JustificationRequired ?? false, score.MissingReason ?? (e?.Score is null ? "No consuntivo for the year." : null));
    }
}

public sealed class GetScorecardEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/scorecard", (string plan, int? year, DateOnly? asOf, string? structure, int? forecast, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetScorecard(plan, new ScoreQuery(year, asOf, structure, forecast)), ct))
            .WithName(nameof(GetScorecard)).RequireAuthorization(Policies.ReadScores).WithTags("Scores")
            .WithSummary("The scored albero della performance for a year (asOf = consuntivi known at that date)")
            .Produces<ScorecardResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
