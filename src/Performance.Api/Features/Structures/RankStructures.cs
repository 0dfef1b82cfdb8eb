using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.PublicValue;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Structures;

/// <summary>Structures compared: each one's scorecard score, ranked (ties share a rank), with central/territorial and volume.</summary>
public sealed record RankStructures(string Plan, ScoreQuery Query, StructureKind? Kind) : IRequest<IReadOnlyList<StructureRankResponse>>;

/// <summary>One structure in the ranking: its own scorecard's score for the year, with its kind and production volume.</summary>
/// <param name="Rank">1 + the number of structures compared (after the kind filter) with a higher score: ties share a rank,
/// scores compared at full precision; null when it has no score (listed last).</param>
/// <param name="Code">The structure's code.</param>
/// <param name="Name">The structure's name.</param>
/// <param name="Kind">Central or Territorial.</param>
/// <param name="Type">The structure's type as the plan records it (free text: DR, DCM, DP, Servizio…); null when none.</param>
/// <param name="Region">The structure's region; null when none.</param>
/// <param name="Score">Its scorecard score (<c>?structure=</c>: the nodes it is responsible for or assigned to), rounded to 2 decimals; null when nothing is scored.</param>
/// <param name="Status">Semaforo (traffic light): Green (score at least 100), Yellow (at least the policy's yellowFrom), Red, Grey (no score).</param>
/// <param name="Volume">Its production volume for the year; null when none is recorded.</param>
/// <param name="ScoredIndicators">How many indicators of its scorecard have a score.</param>
public sealed record StructureRankResponse(
    int? Rank, string Code, string Name, StructureKind Kind, string? Type, string? Region, decimal? Score, ScoreStatus Status,
    decimal? Volume, int ScoredIndicators);

public sealed class RankStructuresHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<RankStructures, IReadOnlyList<StructureRankResponse>>
{
    public async Task<IReadOnlyList<StructureRankResponse>> Handle(RankStructures request, CancellationToken ct)
    {
        var tree = await trees.GetAsync(db, await db.FindPlanAsync(request.Plan, ct), request.Query.Year, ct);
        var rows = StructureScorings.Compute(tree, request.Query)
            .Where(s => request.Kind is null || s.Structure.Kind == request.Kind)
            .Select(s => (s.Structure, s.Volume, Score: s.Scoring.Root.Score, s.Scoring.Root.Status,
                Scored: s.Scoring.AllIndicators().Count(i => i.Score is not null)))
            .OrderByDescending(r => r.Score.HasValue).ThenByDescending(r => r.Score).ThenBy(r => r.Structure.Code, StringComparer.Ordinal)
            .ToList();
        return rows.Select(r => new StructureRankResponse(
            r.Score is { } score ? 1 + rows.Count(o => o.Score > score) : null,
            r.Structure.Code, r.Structure.Name, r.Structure.Kind, r.Structure.Type, r.Structure.Region,
            Rounding.Present(r.Score), r.Status, r.Volume, r.Scored)).ToList();
    }
}

public sealed class RankStructuresEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/structures/ranking",
                (string plan, int? year, DateOnly? asOf, StructureKind? kind, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new RankStructures(plan, new ScoreQuery(year, asOf), kind), ct))
            .WithName(nameof(RankStructures)).WithScoreETag().RequireAuthorization(Policies.ReadScores).WithTags("Structures")
            .WithSummary("Structures ranked by their scorecard score (kind=Central|Territorial to compare like with like)")
            .Produces<IReadOnlyList<StructureRankResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<StructureRankResponse>(r => r.Code);
}
