using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Scores;

/// <summary>An indicator's score; with explain, every input, formula and policy step so it can be recomputed by hand.</summary>
public sealed record GetIndicatorScore(string Indicator, ScoreQuery Query, bool Explain) : IRequest<IndicatorScoreResponse>;

public sealed class GetIndicatorScoreHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetIndicatorScore, IndicatorScoreResponse>
{
    public async Task<IndicatorScoreResponse> Handle(GetIndicatorScore request, CancellationToken ct)
    {
        var (indicator, plan) = await db.FindIndicatorInPlanAsync(request.Indicator, ct, tracking: false);
        var scoring = await PlanScoring.ComputeAsync(db, trees, plan, request.Query, ct);
        var score = scoring.AllIndicators().FirstOrDefault(i => i.Code == indicator.Code)
                    ?? throw new NotFoundException(Say.It($"Indicatore '{indicator.Code}' assente dalla scheda di valutazione {scoring.Year}{(request.Query.Structure is { } st ? " della struttura " + st : "")}.",
                        $"Indicator '{indicator.Code}' is not in the {scoring.Year} scorecard{(request.Query.Structure is { } s ? " of " + s : "")}."));
        var e = score.Evaluation;
        var explanation = request.Explain ? scoring.Explain(score) : null;
        return new IndicatorScoreResponse(scoring.Tree.Plan.Code, indicator.Code, indicator.Name, scoring.Year, request.Query.AsOf,
            scoring.TargetTextOf(scoring.IndicatorsByCode[indicator.Code]),
            Rounding.PresentActual(e?.Actual, scoring.IndicatorsByCode[indicator.Code].Aggregation), Rounding.Present(e?.Achievement), Rounding.Present(e?.Score), e?.Met, e?.Status ?? ScoreStatus.Grey,
            DeviationResponse.From(e?.Deviation), e?.JustificationRequired ?? false, score.MissingReason,
            request.Explain ? scoring.Policy : null, explanation, AppliedForzatura.From(score),
            // The evidence of the consuntivi used, and every forzatura of the year with its steps (docs/evidence.md).
            explanation is null ? null : await EvidenceQueries.OfScoreAsync(db, scoring, indicator.Id, explanation, ct),
            request.Explain ? await ForzatureQueries.ListAsync(db, plan, ct, indicator.Id, scoring.Year) : null);
    }
}

public sealed class GetIndicatorScoreEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/indicators/{indicator}/score",
                (string indicator, int? year, DateOnly? asOf, string? structure, int? forecast, bool? explain, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new GetIndicatorScore(indicator, new ScoreQuery(year, asOf, structure, forecast), explain ?? false), ct))
            .WithName(nameof(GetIndicatorScore)).WithScoreETag().RequireAuthorization(Policies.ReadScores).WithTags("Scores").WithSummary("An indicator's score, explained on request")
            .Produces<IndicatorScoreResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
