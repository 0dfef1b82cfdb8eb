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

/// <summary>Which figures to score: the year, the consuntivi known at a date, one structure's view, or a forecast.</summary>
public sealed record ScoreQuery(int? Year, DateOnly? AsOf = null, string? Structure = null, int? Forecast = null);

/// <summary>
/// Turns the stored plan into the engine's input and scores it. Scores are always computed from the stored data on
/// request, so a new consuntivo shows in the very next read (no cache to invalidate). The plan is taken as it stands
/// at the as-of date (or at the end of the year): reprogramming acts effective by then are applied.
/// </summary>
public sealed class PlanScoring
{
    public required PlanTree Tree { get; init; }
    public required ScoringPolicy Policy { get; init; }
    public required int Year { get; init; }
    public required ScoreQuery Query { get; init; }
    public required PlanTimeline Timeline { get; init; }
    public Guid? StructureId { get; init; }
    public required NodeScore Root { get; init; }
    public required IReadOnlyDictionary<string, Node> NodesByCode { get; init; }
    public required IReadOnlyDictionary<string, Indicator> IndicatorsByCode { get; init; }

    public static async Task<PlanScoring> ComputeAsync(PerformanceDbContext db, string planKey, ScoreQuery query, CancellationToken ct) =>
        Compute(await PlanTree.LoadAsync(db, planKey, ct, withActuals: true), query);

    /// <summary>Scores an already loaded tree (load once, score for many structures).</summary>
    public static PlanScoring Compute(PlanTree tree, ScoreQuery query)
    {
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
        var timeline = new PlanTimeline(tree.Reprogrammings, query.AsOf ?? new DateOnly(year, 12, 31));
        var builder = new Builder(tree, timeline, year, query.AsOf, structureId);
        var root = new ScoringNode(plan.Code, 1, [], tree.ChildrenOf[null].Select(n => builder.Node(n, null, false)).OfType<ScoringNode>().ToList());
        return new PlanScoring
        {
            Tree = tree, Policy = policy, Year = year, Query = query, Timeline = timeline, StructureId = structureId,
            Root = TreeScorer.Score(root, policy, new ScoringView(query.AsOf, query.Forecast)),
            NodesByCode = tree.Nodes.ToDictionary(n => n.Code), IndicatorsByCode = tree.Indicators.ToDictionary(i => i.Code),
        };
    }

    public NodeScore? FindNode(string code) => Find(Root, code);

    public IEnumerable<NodeScore> AllNodes() => Flatten(Root).Skip(1);

    public IEnumerable<IndicatorScore> AllIndicators() => Flatten(Root).SelectMany(n => n.Indicators);

    public string? TargetTextOf(Indicator indicator) => Timeline.TargetText(indicator, Year);

    private static NodeScore? Find(NodeScore node, string code) =>
        node.Code == code ? node : node.Children.Select(c => Find(c, code)).FirstOrDefault(n => n is not null);

    private static IEnumerable<NodeScore> Flatten(NodeScore node) => node.Children.SelectMany(Flatten).Prepend(node);

    public static Polarity PolarityOf(Indicator indicator, ParsedTarget target) =>
        indicator.Polarity ?? TargetPolarity.From(target) ?? Polarity.HigherIsBetter;

    private sealed class Builder(PlanTree tree, PlanTimeline timeline, int year, DateOnly? asOf, Guid? structureId)
    {
        // Revisions recorded after the as-of date were not known then; end of that day, UTC.
        private readonly DateTime? _knownBy = asOf?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);

        /// <summary>
        /// Null when the node is not part of this year's scorecard (inactive that year, cancelled or merged by the date)
        /// or, for a structure's scorecard, when neither it nor a descendant belongs to that structure.
        /// </summary>
        public ScoringNode? Node(Node node, Guid? inheritedStructure, bool inheritedAssignment)
        {
            if (node.YearList.Count > 0 && !node.YearList.Contains(year)) return null;
            if (timeline.RemovalOf(node) is not null) return null;
            var structure = timeline.StructureOf(node) ?? inheritedStructure;
            var assigned = inheritedAssignment || (structureId is { } s && tree.Assignments[node.Id].Contains(s));
            var own = structureId is null || structure == structureId || assigned;
            var children = tree.ChildrenOf[node.Id].Select(c => Node(c, structure, assigned)).OfType<ScoringNode>().ToList();
            if (!own && children.Count == 0) return null;
            var indicators = own ? tree.IndicatorsOf[node.Id].Select(Indicator).ToList() : [];
            return new ScoringNode(node.Code, node.Weight, indicators, children);
        }

        private ScoringIndicator Indicator(Indicator indicator)
        {
            var text = timeline.TargetText(indicator, year);
            if (text is null) return new ScoringIndicator(indicator.Code, indicator.Weight, null, $"No target for {year}.");
            if (!TargetParser.TryParse(text, indicator.Polarity, year, out var target, out var error))
                return new ScoringIndicator(indicator.Code, indicator.Weight, null, $"The target does not parse: {error!.Message}");
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
