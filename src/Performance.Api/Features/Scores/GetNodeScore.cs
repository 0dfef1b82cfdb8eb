using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Scores;

/// <summary>A node's score; with explain, each child's weight, score and contribution (summing to the exact score).</summary>
public sealed record GetNodeScore(string Plan, string Node, ScoreQuery Query, bool Explain) : IRequest<NodeScoreResponse>;

public sealed class GetNodeScoreHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetNodeScore, NodeScoreResponse>
{
    public async Task<NodeScoreResponse> Handle(GetNodeScore request, CancellationToken ct)
    {
        var scoring = await PlanScoring.ComputeAsync(db, trees, await db.FindPlanAsync(request.Plan, ct), request.Query, ct);
        var node = scoring.Tree.FindNode(request.Node)
                   ?? throw new NotFoundException("Node", request.Node);
        var score = scoring.FindNode(node.Code)
                    ?? throw new NotFoundException(Say.It($"Nodo '{request.Node}' assente dalla scheda di valutazione {scoring.Year}{(request.Query.Structure is { } st ? " della struttura " + st : "")}.",
                        $"Node '{request.Node}' is not in the {scoring.Year} scorecard{(request.Query.Structure is { } s ? " of " + s : "")}."));
        var indicatorCodes = score.Indicators.Select(i => i.Code).ToHashSet();
        var explanation = request.Explain
            ? new NodeScoreExplanation(
                Say.It("punteggio = Σ wᵢ·sᵢ / Σ wᵢ sui figli con un punteggio (peso 0 = rendicontato, non valutato)",
                    "score = Σ wᵢ·sᵢ / Σ wᵢ over the children with a score (weight 0 = reported, not scored)"),
                scoring.Policy.Missing, score.Score,
                score.RollUp.Contributions.Select(c => new ContributionResponse(
                    c.Code, indicatorCodes.Contains(c.Code) ? "indicator" : "node", c.Weight, c.NormalizedWeight, c.Score, c.Value, c.Excluded)).ToList())
            : null;
        return new NodeScoreResponse(scoring.Tree.Plan.Code, node.Code, node.Title, node.Kind, scoring.Year, Rounding.Present(score.Score), score.Status, explanation);
    }
}

public sealed class GetNodeScoreEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/nodes/{node}/score",
                (string plan, string node, int? year, DateOnly? asOf, string? structure, int? forecast, bool? explain, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new GetNodeScore(plan, node, new ScoreQuery(year, asOf, structure, forecast), explain ?? false), ct))
            .WithName(nameof(GetNodeScore)).WithScoreETag().RequireAuthorization(Policies.ReadScores).WithTags("Scores").WithSummary("A node's score, explained on request")
            .Produces<NodeScoreResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
