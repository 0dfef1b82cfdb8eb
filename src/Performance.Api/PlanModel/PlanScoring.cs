using System.Buffers;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.PlanModel;

/// <summary>Which figures to score: the year, the consuntivi known at a date, one structure's view, or a forecast.</summary>
public sealed record ScoreQuery(int? Year, DateOnly? AsOf = null, string? Structure = null, int? Forecast = null);

/// <summary>
/// Turns the stored plan into the engine's input and scores it. Scores are computed on request from the stored data
/// (the loaded tree is reused only while nothing changed: <see cref="PlanTreeCache"/>), so a new consuntivo shows in
/// the very next read. The plan is taken as it stands
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

    /// <summary>The scoring engine's input tree (what <see cref="Root"/> scored), to explain one indicator on request.</summary>
    public required ScoringNode Input { get; init; }
    public required ScoringView View { get; init; }

    public static async Task<PlanScoring> ComputeAsync(PerformanceDbContext db, PlanTreeCache trees, Plan plan, ScoreQuery query, CancellationToken ct) =>
        Compute(await trees.GetAsync(db, plan, query.Year, ct), query);

    /// <summary>
    /// Scores an already loaded tree (load once, score for many structures), loaded with the consuntivi of the query's
    /// year. Figures only: no explanation is built (see <see cref="Explain"/>).
    /// </summary>
    public static PlanScoring Compute(PlanTree tree, ScoreQuery query)
    {
        var plan = tree.Plan;
        var errors = new ValidationErrors();
        if (query.Year is not { } year) { errors.Add("year", Say.It("L'anno è obbligatorio.", "The year is required.")); year = 0; }
        else if (!plan.CoversYear(year)) errors.Add("year", Say.It($"L'anno {year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        if (query.Forecast is < 1 or > 4) errors.Add("forecast", Say.It("Una previsione va da 1 a 4 (previsione I-IV).", "A forecast is 1 to 4 (previsione I-IV)."));
        Guid? structureId = null;
        if (query.Structure is { } code)
        {
            structureId = tree.StructureCodes.FirstOrDefault(s => s.Value == code).Key;
            if (structureId == Guid.Empty) errors.Add("structure", Say.It($"Codice di struttura '{code}' sconosciuto nel piano '{plan.Code}'.", $"Unknown structure code '{code}' in plan '{plan.Code}'."));
        }
        errors.ThrowIfAny();
        if (tree.ActualsYear != year)
            throw new InvalidOperationException($"The plan tree was loaded with the consuntivi of {tree.ActualsYear?.ToString() ?? "no year"}, not {year}.");

        var policy = PlanPolicies.ToDomain(plan.ScoringPolicyJson);
        var timeline = new PlanTimeline(tree.Reprogrammings, query.AsOf ?? new DateOnly(year, 12, 31));
        var builder = new Builder(tree, timeline, year, query.AsOf, structureId);
        var root = new ScoringNode(plan.Code, 1, [], builder.ChildrenOf(null).Select(n => builder.Node(n, null, false)).OfType<ScoringNode>().ToList());
        var view = new ScoringView(query.AsOf, query.Forecast) { Explain = false };
        return new PlanScoring
        {
            Tree = tree, Policy = policy, Year = year, Query = query, Timeline = timeline, StructureId = structureId,
            Input = root, View = view, _builder = builder,
            Root = TreeScorer.Score(root, policy, view),
            NodesByCode = tree.NodesByCode, IndicatorsByCode = tree.IndicatorsByCode,
        };
    }

    public NodeScore? FindNode(string code) => Find(Root, code);

    private Builder _builder = null!;

    /// <summary>
    /// The indicator's full explanation: the engine's on the same input, policy and view as the scorecard (the engine gives
    /// the same figures either way), an approved forzatura applied (docs/evidence.md), with the step that computed a relative
    /// target from its reference value; for an indicator that is not scored (no target, "n.d.", a relative target without
    /// its reference value, non valutabile), the reason.
    /// </summary>
    public Explanation Explain(IndicatorScore score)
    {
        var indicator = IndicatorsByCode[score.Code];
        var target = _builder.Target(indicator);
        var evaluation = FindIndicator(Input, score.Code) switch
        {
            { Judgement: not null } judged => Judgements.Score(judged, Policy, View with { Explain = true }).Evaluation,
            { Input: { } input } => IndicatorScorer.Evaluate(input, Policy, View with { Explain = true }),
            _ => null,
        };
        if (evaluation is not null)
        {
            var explained = evaluation.Explanation;
            if (target.Reference is not { } computed) return explained;
            var steps = explained.Steps.ToList();
            steps.Insert(steps.FindIndex(s => s.Step == ExplanationSteps.Target) + 1, computed);
            return explained with { Steps = steps };
        }

        var why = new List<ExplanationStep>();
        if (target.Written is { } written) why.Add(new(ExplanationSteps.Target, $"\"{written.Text}\" → {written.Kind}", null));
        if (target.Reference is { } reference) why.Add(reference);
        why.Add(new(ExplanationSteps.Missing, $"{score.MissingReason ?? target.MissingReason} {Say.It("Non valutato.", "Not scored.")}", null));
        why.Add(new(ExplanationSteps.Status, IndicatorScorer.GreyMissing, null));
        return new Explanation(why)
        {
            IndicatorCode = indicator.Code, TargetText = TargetTextOf(indicator), Target = target.Written,
            Polarity = indicator.Polarity, AggregationRule = indicator.Aggregation,
        };
    }

    private static ScoringIndicator? FindIndicator(ScoringNode node, string code)
    {
        foreach (var i in node.Indicators)
            if (i.Code == code) return i;
        foreach (var c in node.Children)
            if (FindIndicator(c, code) is { } found) return found;
        return null;
    }

    public IEnumerable<NodeScore> AllNodes() => Flatten(Root).Skip(1);

    public IEnumerable<IndicatorScore> AllIndicators() => Flatten(Root).SelectMany(n => n.Indicators);

    /// <summary>
    /// Whether the year's target is written and does not parse: a fact of the text (the missing reason says it in the
    /// caller's language, so nothing may read it back).
    /// </summary>
    public bool TargetUnreadable(Indicator indicator) =>
        TargetTextOf(indicator) is { } text && !ParsedTargets.TryParse(text, indicator.Polarity, Year, out _, out _);

    /// <summary>The year's target text for this scoring: a structure's own target first when it has one.</summary>
    public string? TargetTextOf(Indicator indicator) => Timeline.TargetText(indicator, Year, StructureId);

    private static NodeScore? Find(NodeScore node, string code) =>
        node.Code == code ? node : node.Children.Select(c => Find(c, code)).FirstOrDefault(n => n is not null);

    private static IEnumerable<NodeScore> Flatten(NodeScore node) => node.Children.SelectMany(Flatten).Prepend(node);

    public static Polarity PolarityOf(Indicator indicator, ParsedTarget target) =>
        indicator.Polarity ?? TargetPolarity.From(target) ?? Polarity.HigherIsBetter;

    /// <summary>
    /// The consuntivi the engine scores: of one scope (a structure, or null for the indicator-wide figures), only the
    /// revisions <paramref name="known"/> admits, and of each period its highest revision, periods in order of first appearance.
    /// </summary>
    public static List<PeriodActual> LatestRevisions(IEnumerable<StoredActual> stored, Guid? scope, Func<StoredActual, bool> known)
    {
        var entries = stored as IReadOnlyList<StoredActual> ?? stored.ToList();
        var latest = ArrayPool<StoredActual>.Shared.Rent(Math.Max(1, entries.Count));
        try
        {
            // Stored revisions are unique per scope and period, so the higher number is the whole rule here.
            var count = Revisions.LatestPerPeriod(entries, latest.AsSpan(), static a => a.Period,
                static (candidate, current) => candidate.Revision > current.Revision, a => a.StructureId == scope && known(a));
            var result = new List<PeriodActual>(count);
            for (var i = 0; i < count; i++) result.Add(latest[i].Entry);
            return result;
        }
        finally
        {
            ArrayPool<StoredActual>.Shared.Return(latest, clearArray: true);
        }
    }

    /// <summary>
    /// The engine's entries picked from a group of stored rows (one indicator's consuntivi of the year: the latest revision of
    /// each period), indicator-wide and with every revision known, kept with the group's array: reads at the same position
    /// share the pick, and so do the reads after a write, because a tree brought forward keeps every group the write did not
    /// touch (<see cref="StoredActuals{TKey}.With"/>): only the indicators written to are picked again. A pick goes when no
    /// tree holds the array any more. The entries are the rows' own (<see cref="StoredActual.Entry"/>), immutable; the
    /// engine only reads them.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StoredActual[], IReadOnlyList<PeriodActual>> IndicatorWide = new();

    private sealed class Builder(PlanTree tree, PlanTimeline timeline, int year, DateOnly? asOf, Guid? structureId)
    {
        // The tree as acts moved it by the date; the stored tree when nothing moved (the usual case, no regrouping).
        private readonly ILookup<Guid?, Node> _children = timeline.HasMoves ? tree.Nodes.ToLookup(timeline.ParentOf) : tree.ChildrenOf;

        public IEnumerable<Node> ChildrenOf(Guid? parent) => _children[parent];

        /// <summary>
        /// Null when the node is not part of this year's scorecard (inactive that year, cancelled, merged, removed or not yet added by the date)
        /// or, for a structure's scorecard, when neither it nor a descendant belongs to that structure.
        /// </summary>
        public ScoringNode? Node(Node node, Guid? inheritedStructure, bool inheritedAssignment)
        {
            if (node.YearList.Count > 0 && !node.YearList.Contains(year)) return null;
            if (!timeline.Includes(node)) return null;
            var structure = timeline.StructureOf(node) ?? inheritedStructure;
            var assigned = inheritedAssignment || (structureId is { } s && tree.Assignments[node.Id].Contains(s));
            var own = structureId is null || structure == structureId || assigned;
            var children = ChildrenOf(node.Id).Select(c => Node(c, structure, assigned)).OfType<ScoringNode>().ToList();
            if (!own && children.Count == 0) return null;
            var indicators = own ? tree.IndicatorsOf[node.Id].Where(timeline.Includes).Select(Judged).ToList() : [];
            return new ScoringNode(node.Code, timeline.WeightOf(node), indicators, children);
        }

        /// <summary>The indicator with the forzatura approved for the year by the as-of date, if any (docs/evidence.md).</summary>
        private ScoringIndicator Judged(Indicator indicator) =>
            Indicator(indicator) with { Judgement = tree.Forzature.Of(indicator.Id, asOf?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc)) };

        private ScoringIndicator Indicator(Indicator indicator)
        {
            var scored = Target(indicator);
            if (scored.Target is not { } target)
                return new ScoringIndicator(indicator.Code, timeline.WeightOf(indicator), null, scored.MissingReason);
            var input = new IndicatorInput(indicator.Code, target, PolarityOf(indicator, target), indicator.Aggregation,
                Actuals(tree.ActualsOf[indicator.Id]), indicator.Cap, null, year) { Frequency = Period.KindOf(indicator.Frequency) };
            return new ScoringIndicator(indicator.Code, timeline.WeightOf(indicator), input);
        }

        /// <summary>
        /// The year's target as the plan stands on the timeline's date (revised targets applied), made scorable, or why not;
        /// in a structure's scoring, the structure's own target when it has one (the explained path asks this same method).
        /// </summary>
        public YearTarget Target(Indicator indicator) =>
            YearTarget.Of(indicator, timeline.TargetText(indicator, year, structureId), year, reference => Figure(indicator, reference));

        /// <summary>
        /// The indicator's figure for another year as that year's scorecard computes it with this one's asOf: its aggregation,
        /// of the same scope, the latest revision known by then (the reference value of a relative target).
        /// </summary>
        private decimal? Figure(Indicator indicator, int of)
        {
            var stored = of == year ? tree.ActualsOf[indicator.Id] : tree.ReferenceActualsOf[(indicator.Id, of)];
            return PeriodAggregator.AggregateFigure(Actuals(stored), indicator.Aggregation, of, new ScoringView(asOf) { Explain = false },
                Period.KindOf(indicator.Frequency)).Value;
        }

        /// <summary>The latest known revision per period; a structure's own figures, else the indicator-wide (national) ones.</summary>
        private IReadOnlyList<PeriodActual> Actuals(IEnumerable<StoredActual> stored)
        {
            var ownScope = false;
            if (structureId is { } s)
                foreach (var a in stored)
                    if (a.StructureId == s && Known(a)) { ownScope = true; break; }
            // Indicator-wide with every revision known (no asOf): the same entries for every read of this group of rows.
            if (asOf is null && !ownScope && stored is StoredActual[] { Length: > 0 } rows)
                return IndicatorWide.GetValue(rows, static group => LatestRevisions(group, null, static _ => true));
            return LatestRevisions(stored, ownScope ? structureId : null, Known);
        }

        // Revisions reported after the as-of date were not known then (history loads carry their true reporting date).
        private bool Known(StoredActual a) => asOf is not { } date || a.ReportedOn <= date;
    }
}
