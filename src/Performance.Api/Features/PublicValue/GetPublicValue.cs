using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.PublicValue;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.PublicValue;

/// <summary>
/// Valore Pubblico (INPS model, docs/public-value-and-lgg.md): per structure by ambito valoriale, central (simple mean), territorial
/// (weighted by production volume), institute (mean of the two), and per area; none capped.
/// </summary>
public sealed record GetPublicValue(string Plan, ScoreQuery Query, bool Explain) : IRequest<PublicValueResponse>;

public sealed record AreaContributionResponse(string Code, decimal Score, decimal Weight, decimal Contribution, decimal Share, int Items);

public sealed record StructureValueResponse(
    string Code, string Name, StructureKind Kind, decimal? Value, decimal? Volume, bool Included, string? ExclusionReason,
    IReadOnlyList<AreaContributionResponse> Areas);

public sealed record AreaLevelResponse(decimal? Score, decimal Contribution, decimal Share, int Structures);

public sealed record AreaValueResponse(string Code, string Name, decimal Weight, AreaLevelResponse? Central, AreaLevelResponse? Territorial, AreaLevelResponse? Institute);

public sealed record PublicValueResponse(
    string Plan, int Year, decimal? Institute, decimal? Central, decimal? Territorial, IReadOnlyList<StructureValueResponse> Structures,
    IReadOnlyList<AreaValueResponse> Areas, PublicValueExplanation? Explanation, IReadOnlyList<StructureItems>? Items);

public sealed class GetPublicValueHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetPublicValue, PublicValueResponse>
{
    public async Task<PublicValueResponse> Handle(GetPublicValue request, CancellationToken ct)
    {
        var tree = await trees.GetAsync(db, await db.FindPlanAsync(request.Plan, ct), request.Query.Year, ct);
        var year = PlanScoring.Compute(tree, request.Query with { Structure = null }).Year;
        var structures = StructureScorings.Compute(tree, request.Query);
        var inputs = structures.Select(s => new StructureItems(s.Structure.Code, s.Structure.Kind, s.Volume, s.Items)).ToList();
        var areas = tree.ValueAreas.Where(a => a.ParentId is null).ToList();
        var result = PublicValueCalculator.Compute(inputs, areas.Select(a => new ValueAreaWeight(a.Code, a.Weight)).ToList());
        var names = tree.Structures.ToDictionary(s => s.Code, s => s.Name);

        return new PublicValueResponse(tree.Plan.Code, year, Rounding.Present(result.Institute), Rounding.Present(result.Central),
            Rounding.Present(result.Territorial),
            result.Structures.Select(s => new StructureValueResponse(s.Code, names[s.Code], s.Kind, Rounding.Present(s.Value), s.Volume, s.Included,
                s.ExclusionReason, s.Areas.Select(a => new AreaContributionResponse(a.Code, Rounding.Present(a.Score), a.Weight,
                    Rounding.Present(a.Contribution), Rounding.Present(a.Share), a.ItemCount)).ToList())).ToList(),
            result.Areas.Select(a => new AreaValueResponse(a.Code, areas.First(x => x.Code == a.Code).Name, a.Weight,
                Level(a.Central), Level(a.Territorial), Level(a.Institute))).ToList(),
            request.Explain ? result.Explanation : null,
            request.Explain ? inputs : null);
    }

    private static AreaLevelResponse? Level(AreaLevelValue? v) => v is null
        ? null
        : new AreaLevelResponse(Rounding.Present(v.Score), Rounding.Present(v.Contribution), Rounding.Present(v.Share), v.StructureCount);
}

public sealed class GetPublicValueEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/public-value", (string plan, int? year, DateOnly? asOf, bool? explain, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPublicValue(plan, new ScoreQuery(year, asOf), explain ?? false), ct))
            .WithName(nameof(GetPublicValue)).WithScoreETag().RequireAuthorization(Policies.ReadScores).WithTags("Valore Pubblico")
            .WithSummary("Valore Pubblico per structure, central, territorial, institute and area (explain=true adds every item)")
            .Produces<PublicValueResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
