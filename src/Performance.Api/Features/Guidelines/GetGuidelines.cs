using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Guidelines;
using Performance.Domain.Projects;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Guidelines;

/// <summary>
/// Attuazione of every Linea Guida Gestionale (mean realization of its projects, capped at 100; justification required
/// below 100) and, for OGE, the result = mean of the project and indicator components, uncapped.
/// </summary>
public sealed record GetGuidelines(string Plan, ScoreQuery Query) : IRequest<IReadOnlyList<GuidelineResponse>>;

/// <summary>
/// A Linea Guida Gestionale (LGG, management guideline) for the year: its attuazione (implementation) from its linked
/// projects and, for an OGE, its result with the indicator component. Figures in %, rounded to 2 decimals.
/// </summary>
/// <param name="Number">The guideline's number in the plan (positive, unique; INPS: 1–23).</param>
/// <param name="Kind">OGE (obiettivo generale di Ente) or OSP (obiettivo specifico).</param>
/// <param name="Programmes">The CIV programme line codes it implements (e.g. "4.1.h").</param>
/// <param name="Attuazione">The mean realization of its linked projects that have one, capped at 100; null when none is measured.</param>
/// <param name="IndicatorScore">The mean score of its listed indicators that are scored (the OGE's indicator component; the mean
/// is not capped); null when none is.</param>
/// <param name="Result">OGE only: (attuazione + indicator score) ÷ 2, not capped, or the one present when the other is missing; null for an OSP or when both are.</param>
/// <param name="ResultPartial">True for an OGE whose result rests on one component only.</param>
/// <param name="Justification">The justification the plan records for the guideline (the reason printed when attuazione is below 100); null when none.</param>
/// <param name="JustificationRequired">True when the attuazione is below 100, so a justification is needed.</param>
/// <param name="JustificationMissing">True when a justification is required and none is given.</param>
/// <param name="Projects">Its linked projects (PES strategici and projects defined for it), each with its realization.</param>
/// <param name="Indicators">The indicators of its indicator component, each with its score.</param>
public sealed record GuidelineResponse(
    int Number, string Title, GuidelineKind Kind, IReadOnlyList<string> Programmes, decimal? Attuazione, decimal? IndicatorScore,
    decimal? Result, bool ResultPartial, string? Justification, bool JustificationRequired, bool JustificationMissing,
    IReadOnlyList<GuidelineProjectResponse> Projects, IReadOnlyList<GuidelineIndicatorResponse> Indicators);

/// <summary>A project linked to a guideline, with its realization for the year.</summary>
/// <param name="Code">The project node's code.</param>
/// <param name="Realization">KPIs achieved ÷ KPIs due × 100, capped at 100; null when nothing was due or the project was cancelled or merged by the date (it then drops out of the mean).</param>
public sealed record GuidelineProjectResponse(string Code, decimal? Realization);

/// <summary>An indicator of a guideline's indicator component, with its score for the year.</summary>
/// <param name="Code">The indicator's code.</param>
/// <param name="Score">Its score in the plan's scorecard for the year, rounded to 2 decimals; null when not scored.</param>
public sealed record GuidelineIndicatorResponse(string Code, decimal? Score);

public sealed class GetGuidelinesHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetGuidelines, IReadOnlyList<GuidelineResponse>>
{
    public async Task<IReadOnlyList<GuidelineResponse>> Handle(GetGuidelines request, CancellationToken ct)
    {
        var scoring = await PlanScoring.ComputeAsync(db, trees, await db.FindPlanAsync(request.Plan, ct), request.Query with { Structure = null }, ct);
        var guidelines = await db.Guidelines.AsNoTracking().Include(g => g.Projects).ThenInclude(p => p.Node).Include(g => g.Indicators)
            .Where(g => g.PlanId == scoring.Tree.Plan.Id).OrderBy(g => g.Number).AsSplitQuery().ToListAsync(ct);
        var realizations = ProjectRealizations.From(scoring).ToDictionary(p => p.Code, p => ProjectRealization.Of(p.KpisDue, p.KpisAchieved));
        var indicatorScores = scoring.AllIndicators().ToDictionary(i => i.Code, i => i.Score);
        var indicatorCodes = scoring.Tree.Indicators.ToDictionary(i => i.Id, i => i.Code);

        return guidelines.Select(g =>
        {
            // A project cancelled or merged by the date has no realization and drops out of the mean.
            var projects = g.Projects.OrderBy(p => p.SortOrder)
                .Select(p => new ProjectRealizationValue(p.Node.Code, realizations.GetValueOrDefault(p.Node.Code))).ToList();
            var indicators = g.Indicators.OrderBy(i => i.SortOrder)
                .Select(i => indicatorCodes[i.IndicatorId]).Select(code => new GuidelineIndicatorResponse(code, indicatorScores.GetValueOrDefault(code))).ToList();
            var programmes = g.Programmes.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var result = GuidelineCalculator.Compute(new GuidelineInput(g.Number, g.Title, g.Kind, programmes, projects,
                Means.OfPresent(indicators.Select(i => i.Score)), g.Justification));
            return new GuidelineResponse(g.Number, g.Title, g.Kind, programmes, Rounding.Present(result.Attuazione),
                Rounding.Present(result.IndicatorScore), Rounding.Present(result.Result), result.ResultPartial, result.Justification,
                result.JustificationRequired, result.JustificationMissing,
                projects.Select(p => new GuidelineProjectResponse(p.Code, Rounding.Present(p.Realization))).ToList(),
                indicators.Select(i => i with { Score = Rounding.Present(i.Score) }).ToList());
        }).ToList();
    }
}

public sealed class GetGuidelinesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/guidelines", (string plan, int? year, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetGuidelines(plan, new ScoreQuery(year, asOf)), ct))
            .WithName(nameof(GetGuidelines)).WithScoreETag().RequireAuthorization(Policies.ReadScores).WithTags("Valore Pubblico")
            .WithSummary("LGG attuazione and OGE results for a year")
            .Produces<IReadOnlyList<GuidelineResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<GuidelineResponse>(g => g.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
