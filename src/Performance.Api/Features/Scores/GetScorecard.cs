using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Monitoring;
using Performance.Domain.Scoring;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Scores;

/// <summary>
/// The plan's tree with every node's and indicator's score for a year (optionally as of a date, for one structure); with a
/// period, also each one's progress against its expected value at the period's end and the year-end forecast
/// (docs/monitoring.md); <paramref name="Explain"/> adds how the expected value and the forecast were obtained.
/// </summary>
/// <param name="Compare"><c>previousYear</c> adds each element's figures of the year before (<see cref="PreviousYearFigures"/>).</param>
public sealed record GetScorecard(string Plan, ScoreQuery Query, string? Period = null, bool Explain = false, string? Compare = null) : IRequest<ScorecardResponse>;

public sealed class GetScorecardHandler(PerformanceDbContext db, PlanTreeCache trees) : IRequestHandler<GetScorecard, ScorecardResponse>
{
    public async Task<ScorecardResponse> Handle(GetScorecard request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        if (request.Compare is not null && request.Compare != CompareWith.PreviousYear)
            throw RequestValidationException.For("compare", Say.It($"compare ammette un solo valore: {CompareWith.PreviousYear}.", $"compare takes one value: {CompareWith.PreviousYear}."));
        var period = PlanMonitoring.ParsePeriod(request.Period, request.Query.Forecast);
        var scoring = await PlanScoring.ComputeAsync(db, trees, plan, request.Query, ct);
        var monitoring = period is { } p ? PlanMonitoring.Of(scoring, p) : null;
        var previous = request.Compare is null ? null : await CompareWith.PreviousYearAsync(db, trees, plan, scoring, ct);
        var view = new View(scoring, monitoring, request.Explain, previous);
        var root = monitoring?.Root;
        return new ScorecardResponse(scoring.Tree.Plan.Code, scoring.Year, request.Query.AsOf, request.Query.Structure, request.Query.Forecast,
            Rounding.Present(scoring.Root.Score), scoring.Root.Status, scoring.Root.Children.Select(view.Project).ToList(),
            period, Rounding.Present(root?.Progress), root?.Status, Label(root?.Status));
    }

    private static string? Label(MonitoringStatus? status) => status is { } s ? MonitoringStatuses.Label(s) : null;

    private sealed record View(PlanScoring Scoring, PlanMonitoring? Monitoring, bool Explain, CompareWith? Previous)
    {
        public ScorecardNode Project(NodeScore score)
        {
            var node = Scoring.NodesByCode[score.Code];
            var progress = Monitoring?.Node(score.Code);
            return new ScorecardNode(node.Code, node.Title, node.Kind, Scoring.Timeline.WeightOf(node),
                Scoring.Timeline.StructureOf(node) is { } s ? Scoring.Tree.StructureCodes[s] : null, Rounding.Present(score.Score), score.Status,
                score.Children.Select(Project).ToList(),
                score.Indicators.Select(Project).ToList(),
                Rounding.Present(progress?.Progress), progress?.Status, Label(progress?.Status), Previous?.Node(score.Code));
        }

        private ScorecardIndicator Project(IndicatorScore score)
        {
            var indicator = Scoring.IndicatorsByCode[score.Code];
            var e = score.Evaluation;
            var m = Monitoring?.Indicator(score.Code);
            return new ScorecardIndicator(indicator.Code, indicator.Name, Scoring.Timeline.WeightOf(indicator), indicator.Unit,
                Scoring.TargetTextOf(indicator),
                Rounding.PresentActual(e?.Actual, indicator.Aggregation), Rounding.Present(e?.Achievement), Rounding.Present(e?.Score), e?.Met, e?.Status ?? ScoreStatus.Grey,
                DeviationResponse.From(e?.Deviation), e?.JustificationRequired ?? false, score.MissingReason ?? (e?.Score is null ? Say.It("Nessun consuntivo per l'anno.", "No consuntivo for the year.") : null),
                Rounding.PresentActual(m?.YearToDate, indicator.Aggregation), Rounding.PresentActual(m?.Expected, indicator.Aggregation), Rounding.Present(m?.Progress),
                Rounding.PresentActual(m?.Forecast, indicator.Aggregation), m?.Reachable, m?.Status, Label(m?.Status), m?.MissingReason,
                Explain && m is not null
                    ? new MonitoringExplanation(m.ExpectedMethod, m.ExpectedCalculation, m.Expected, m.ForecastMethod, m.ForecastCalculation, m.Forecast)
                    : null,
                AppliedForzatura.From(score), Previous?.Indicator(score.Code))
            {
                TargetUnreadable = e is null && Scoring.TargetUnreadable(indicator),
            };
        }
    }
}

/// <summary>
/// The year before the scored one, for compare=previousYear: scored by this plan when it covers that year, else by the plan it
/// was rolled forward from (same codes), with the same asOf and structure; elements matched by code.
/// </summary>
public sealed class CompareWith(int year, PlanScoring? scoring)
{
    public const string PreviousYear = "previousYear";

    private readonly Dictionary<string, IndicatorScore> _indicators = scoring?.AllIndicators().ToDictionary(i => i.Code) ?? [];

    public static async Task<CompareWith> PreviousYearAsync(PerformanceDbContext db, PlanTreeCache trees, Domain.Plans.Plan plan, PlanScoring current, CancellationToken ct)
    {
        var year = current.Year - 1;
        var owner = plan.CoversYear(year) ? plan : await PlanLinks.SourcePlanAsync(db, plan, ct);
        if (owner is null || !owner.CoversYear(year)) return new(year, null);
        var tree = await trees.GetAsync(db, owner, year, ct);
        // A structure the earlier plan does not have has no figures there.
        if (current.Query.Structure is { } structure && !tree.StructureCodes.Values.Contains(structure)) return new(year, null);
        return new(year, PlanScoring.Compute(tree, current.Query with { Year = year, Forecast = null }));
    }

    public PreviousYearFigures Node(string code) =>
        new(year, scoring?.Tree.Plan.Code, null, Rounding.Present(scoring?.FindNode(code)?.Score));

    public PreviousYearFigures Indicator(string code)
    {
        var score = _indicators.GetValueOrDefault(code);
        return new(year, scoring?.Tree.Plan.Code, Rounding.Present(score?.Evaluation?.Achievement), Rounding.Present(score?.Score));
    }
}

public sealed class GetScorecardEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/scorecard", (string plan, int? year, DateOnly? asOf, string? structure, int? forecast, string? period, bool? explain,
                    string? compare, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetScorecard(plan, new ScoreQuery(year, asOf, structure, forecast), period, explain ?? false, compare), ct))
            .WithName(nameof(GetScorecard)).WithScoreETag().RequireAuthorization(Policies.ReadScores).WithTags("Scores")
            .WithSummary("The scored albero della performance for a year (asOf = consuntivi known at that date); with period = S1, Q2, M05…, " +
                         "the monitoring at that period's end: expected value, progress, in linea / a rischio / critico, year-end forecast")
            .Produces<ScorecardResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
