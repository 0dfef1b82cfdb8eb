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

/// <summary>
/// One ambito valoriale (value area) inside one structure's Valore Pubblico (VP): the structure's mean score in it and its
/// part of the structure's VP (figures rounded to 2 decimals).
/// </summary>
/// <param name="Code">The value area's code.</param>
/// <param name="Score">The mean of the structure's item scores in the area, in %.</param>
/// <param name="Weight">The area's weight as the plan gives it (relative; default 1; 0 = reported, not weighed).</param>
/// <param name="Contribution">Weight × score ÷ the sum of the weights of the structure's scored areas: the areas' contributions
/// add up to the structure's VP; 0 when the structure has no VP.</param>
/// <param name="Share">The contribution as a % (0–100) of the structure's VP (the pie chart); 0 when the VP is missing or 0.</param>
/// <param name="Items">How many scored items of the structure the mean is over.</param>
public sealed record AreaContributionResponse(string Code, decimal Score, decimal Weight, decimal Contribution, decimal Share, int Items);

/// <summary>One structure's Valore Pubblico (VP) for the year, with its value areas.</summary>
/// <param name="Code">The structure's code.</param>
/// <param name="Name">The structure's name.</param>
/// <param name="Kind">Central (averaged simply at its level) or Territorial (weighted by its production volume).</param>
/// <param name="Value">The structure's VP: the weighted mean of its area scores over the areas where it has scored items
/// (rounded to 2 decimals, uncapped); null, not 0, when it has no scored item in a weighted area.</param>
/// <param name="Volume">Its production volume for the year, as the plan records it; null when none is recorded. It weights
/// a territorial structure and is ignored for a central one.</param>
/// <param name="Included">Whether the structure entered its level's mean (central or territorial).</param>
/// <param name="ExclusionReason">Why it was left out of its level's mean (no scored item in a weighted area, or a territorial
/// structure without a positive volume); null when included.</param>
/// <param name="Areas">The value areas where it has scored items, in the plan's order.</param>
public sealed record StructureValueResponse(
    string Code, string Name, StructureKind Kind, decimal? Value, decimal? Volume, bool Included, string? ExclusionReason,
    IReadOnlyList<AreaContributionResponse> Areas);

/// <summary>One value area at one level (central, territorial or institute), rounded to 2 decimals.</summary>
/// <param name="Score">The mean of the area's scores over the level's included structures that have items in it (simple for
/// central, weighted by volume for territorial, the mean of the two, or the one present, for the institute); null when none has.</param>
/// <param name="Contribution">The area's part of the level's VP: the same mean taken over the structures' contributions, 0 where
/// a structure lacks the area, so the level's area contributions add up to its VP.</param>
/// <param name="Share">The contribution as a % (0–100) of the level's VP; 0 when that VP is 0.</param>
/// <param name="Structures">How many of the level's included structures have scored items in the area (central plus territorial for the institute).</param>
public sealed record AreaLevelResponse(decimal? Score, decimal Contribution, decimal Share, int Structures);

/// <summary>A value area (ambito valoriale) across the institute: its score and contribution at each level.</summary>
/// <param name="Code">The value area's code.</param>
/// <param name="Name">The value area's name.</param>
/// <param name="Weight">Its weight in the VP as used (relative; 0 = reported, not weighed).</param>
/// <param name="Central">The area among the central structures; null when no central structure is included.</param>
/// <param name="Territorial">The area among the territorial structures; null when no territorial structure is included.</param>
/// <param name="Institute">The area for the institute: the mean of the two levels, or the only one present; null when neither is.</param>
public sealed record AreaValueResponse(string Code, string Name, decimal Weight, AreaLevelResponse? Central, AreaLevelResponse? Territorial, AreaLevelResponse? Institute);

/// <summary>
/// Valore Pubblico (VP, public value, INPS model; docs/public-value-and-lgg.md) for a year: per structure, for the central
/// and territorial levels, for the institute and per value area. Figures in %, rounded to 2 decimals, none capped at 100.
/// </summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Year">The year scored.</param>
/// <param name="Institute">The institute's VP: the mean of the central and territorial VP, or the only one present; null when neither is.</param>
/// <param name="Central">The central VP: the simple mean of the included central structures' VP; null when none is included.</param>
/// <param name="Territorial">The territorial VP: the included territorial structures' VP weighted by their production volumes; null when none is included.</param>
/// <param name="Structures">Every structure of the plan with its VP, included or not.</param>
/// <param name="Areas">Each value area of the plan at each level.</param>
/// <param name="Explanation">With explain=true: the weights, structures and volumes used, the exclusions and the rules; null otherwise.</param>
/// <param name="Items">With explain=true: every structure's scored items, at full precision; null otherwise.</param>
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
