using Performance.Api.Features.Actuals;
using Performance.Api.Features.Nodes;
using Performance.Api.Features.Plans;
using Performance.Api.Features.Targets;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Scores;

/// <summary>Which figures to score: the year, the consuntivi known at a date, one structure's view.</summary>
public sealed record ScoreQuery(int? Year, DateOnly? AsOf = null, string? Structure = null, int? Forecast = null);

/// <summary>
/// Turns the stored plan into the engine's input and scores it. Scores are always computed from the stored data on
/// request, so a new consuntivo shows in the very next read (no cache to invalidate).
/// </summary>
public sealed class PlanScoring
{
    public required PlanTree Tree { get; init; }
    public required ScoringPolicy Policy { get; init; }
    public required int Year { get; init; }
    public required ScoringView View { get; init; }
    public Guid? StructureId { get; init; }
    public required NodeScore Root { get; init; }
    public required IReadOnlyDictionary<string, Node> NodesByCode { get; init; }
    public required IReadOnlyDictionary<string, Indicator> IndicatorsByCode { get; init; }

    public static async Task<PlanScoring> ComputeAsync(PerformanceDbContext db, string planKey, ScoreQuery query, CancellationToken ct)
    {
        var tree = await PlanTree.LoadAsync(db, planKey, ct, withActuals: true);
        var plan = tree.Plan;
        var errors = new ErrorCollector();
        if (query.Year is not { } year) { errors.Add("year", "The year is required."); year = 0; }
        else if (!plan.CoversYear(year)) errors.Add("year", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear}).");
        if (query.Forecast is < 1 or > 4) errors.Add("forecast", "A forecast is 1 to 4 (previsione I-IV).");
        Guid? structureId = null;
        if (query.Structure is { } code)
        {
            structureId = tree.StructureCodes.FirstOrDefault(s => s.Value == code).Key;
            if (structureId == Guid.Empty) errors.Add("structure", $"Unknown structure code '{code}' in plan '{plan.Code}'.");
        }
        errors.ThrowIfAny();

        var policy = PlanPolicies.ToDomain(plan.ScoringPolicyJson);
        var view = new ScoringView(query.AsOf, query.Forecast);
        var builder = new Builder(tree, year, query.AsOf, structureId);
        var root = new ScoringNode(plan.Code, 1, [], tree.ChildrenOf[null].Select(n => builder.Node(n, null)).OfType<ScoringNode>().ToList());
        return new PlanScoring
        {
            Tree = tree, Policy = policy, Year = year, View = view, StructureId = structureId,
            Root = TreeScorer.Score(root, policy, view),
            NodesByCode = tree.Nodes.ToDictionary(n => n.Code), IndicatorsByCode = tree.Indicators.ToDictionary(i => i.Code),
        };
    }

    public NodeScore? FindNode(string code) => Find(Root, code);

    private static NodeScore? Find(NodeScore node, string code) =>
        node.Code == code ? node : node.Children.Select(c => Find(c, code)).FirstOrDefault(n => n is not null);

    public static Polarity PolarityOf(Indicator indicator, ParsedTarget target) =>
        indicator.Polarity ?? TargetPolarity.From(target) ?? Polarity.HigherIsBetter;

    private sealed class Builder(PlanTree tree, int year, DateOnly? asOf, Guid? structureId)
    {
        // Revisions recorded after the as-of date were not known then; end of that day, UTC.
        private readonly DateTime? _knownBy = asOf?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);

        /// <summary>Null when the node is not part of this year's (or this structure's) scorecard.</summary>
        public ScoringNode? Node(Node node, Guid? inheritedStructure)
        {
            if (node.YearList.Count > 0 && !node.YearList.Contains(year)) return null;
            var structure = node.StructureId ?? inheritedStructure;
            var children = tree.ChildrenOf[node.Id].Select(c => Node(c, structure)).OfType<ScoringNode>().ToList();
            var own = structureId is null || structure == structureId;
            if (!own && children.Count == 0) return null;
            var indicators = own ? tree.IndicatorsOf[node.Id].Select(Indicator).ToList() : [];
            return new ScoringNode(node.Code, node.Weight, indicators, children);
        }

        private ScoringIndicator Indicator(Indicator indicator)
        {
            var target = ActualRules.TargetFor(indicator, year);
            if (target is null) return new ScoringIndicator(indicator.Code, indicator.Weight, null, $"No target for {year}.");
            var input = new IndicatorInput(indicator.Code, target, PolarityOf(indicator, target), indicator.Aggregation,
                Actuals(indicator), indicator.Cap, null, year);
            return new ScoringIndicator(indicator.Code, indicator.Weight, input);
        }

        /// <summary>The latest known revision per period; a structure's own figures, else the indicator-wide (national) ones.</summary>
        private List<PeriodActual> Actuals(Indicator indicator)
        {
            var known = indicator.Actuals.Where(a => a.Year == year && (_knownBy is null || a.RecordedAt <= _knownBy)).ToList();
            var scoped = structureId is { } s && known.Any(a => a.StructureId == s)
                ? known.Where(a => a.StructureId == s)
                : known.Where(a => a.StructureId is null);
            return scoped.GroupBy(a => a.Period)
                .Select(g => g.MaxBy(a => a.Revision)!)
                .Select(a => new PeriodActual(Period.Parse(a.Period), a.Value, a.Numerator, a.Denominator, a.Done, a.Completion,
                    a.Revision, a.RecordedAt, a.CompletedOn))
                .ToList();
        }
    }
}
