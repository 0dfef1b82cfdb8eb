using System.Globalization;
using MediatR;
using Performance.Domain.Language;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;

namespace Performance.Api.Features.Plans;

/// <summary>
/// Rolls a plan forward to the next triennium (docs/rollover.md): a new Draft plan of the same organization with the tree,
/// indicators, structures and value areas as the plan stands with every act (revised targets and weights, reassigned
/// objectives; cancelled or merged projects left behind), the same codes; the targets (and structures' own targets) of the
/// years both plans cover; the new years empty; each indicator's baseline set to its last consuntivo (the year's figure as
/// the scorecard computes it, with its year); every new node and indicator linked to the one it came from. The new plan
/// goes through the plan document's validation, so it is one a user could have imported.
/// </summary>
public sealed record RollOverPlan(string Plan, RollOverBody Body) : IRequest<RollOverResult>;

/// <summary>The next plan to roll a plan forward to (docs/rollover.md).</summary>
/// <param name="Code">The new plan's code (e.g. <c>PP-2022-2024</c>): required, not used yet by the organization (409).</param>
/// <param name="StartYear">The new plan's first year: required, after the source's first year and at most the year after its last.</param>
/// <param name="EndYear">The new plan's last year; absent: the same span as the source's.</param>
/// <param name="Title">The new plan's title; absent: the source's, its years (<c>2021-2023</c>) replaced by the new ones.</param>
public sealed record RollOverBody(string? Code, int? StartYear, int? EndYear = null, string? Title = null);

/// <summary>The plan a roll forward created (a Draft), and what it carried from its source.</summary>
/// <param name="Id">The new plan's id.</param>
/// <param name="Code">The new plan's code.</param>
/// <param name="Source">The code of the plan it was rolled forward from.</param>
/// <param name="StartYear">The new plan's first year.</param>
/// <param name="EndYear">The new plan's last year.</param>
/// <param name="Nodes">How many nodes the new plan has.</param>
/// <param name="Indicators">How many indicators it has.</param>
/// <param name="TargetsCarried">How many targets were carried (the plan's and the structures' own, of the years both plans cover).</param>
/// <param name="Baselines">How many indicators got their last consuntivo (actual figure) as their baseline.</param>
/// <param name="NotCarried">Nodes and indicators left behind, each as "code: why" (cancelled, merged or removed by an act, or active only in years the new plan does not cover).</param>
public sealed record RollOverResult(
    Guid Id, string Code, string Source, int StartYear, int EndYear, int Nodes, int Indicators, int TargetsCarried, int Baselines,
    IReadOnlyList<string> NotCarried);

public sealed class RollOverPlanHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<RollOverPlan, RollOverResult>
{
    public async Task<RollOverResult> Handle(RollOverPlan request, CancellationToken ct)
    {
        var source = await db.FindPlanAsync(request.Plan, ct);
        var body = request.Body;
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body.Code)) errors.Add("code", Say.It("Il codice del nuovo piano è obbligatorio (es. PP-2022-2024).", "The new plan's code is required (e.g. PP-2022-2024)."));
        var span = source.EndYear - source.StartYear;
        if (body.StartYear is not { } start) { errors.Add("startYear", Say.It("Il primo anno del nuovo piano è obbligatorio.", "The new plan's first year is required.")); start = 0; }
        else if (start <= source.StartYear || start > source.EndYear + 1)
            errors.Add("startYear", Say.It($"Il piano che segue il {source.StartYear}-{source.EndYear} inizia tra il {source.StartYear + 1} e il {source.EndYear + 1}.",
                $"A plan rolled forward from {source.StartYear}-{source.EndYear} starts in {source.StartYear + 1}-{source.EndYear + 1}."));
        var end = body.EndYear ?? start + span;
        if (body.EndYear is { } e && e < start) errors.Add("endYear", Say.It("endYear non può precedere startYear.", "endYear must not be before startYear."));
        errors.ThrowIfAny();

        // The plan as it stands with every act, and its last figures.
        var tree = await PlanTree.LoadAsync(db, source, ct);
        var timeline = new PlanTimeline(tree.Reprogrammings, DateOnly.MaxValue);
        var baselines = await LastFiguresAsync(tree, ct);
        var stored = await PlanDocumentWriter.WriteAsync(db, source, ct);
        var carry = new Carry(tree, timeline, baselines, start, end, source.EndYear);
        var document = carry.Document(stored, body.Code!.Trim(),
            body.Title?.Trim() ?? stored.Title?.Replace($"{source.StartYear}-{source.EndYear}", $"{start}-{end}", StringComparison.Ordinal));
        var (plan, _, _, _) = PlanDocumentReader.Read(document, time);

        // Every new node and indicator points at the one it came from: trends follow indicators across plans.
        var nodeIds = tree.Nodes.ToDictionary(n => n.Code, n => n.Id);
        var indicatorIds = tree.Indicators.ToDictionary(i => i.Code, i => i.Id);
        foreach (var node in plan.Nodes) node.SourceNodeId = nodeIds[node.Code];
        foreach (var indicator in plan.Nodes.SelectMany(n => n.Indicators)) indicator.SourceIndicatorId = indicatorIds[indicator.Code];

        await using var transaction = await WriteLocks.BeginAsync(db, WriteLocks.Organization(source.Organization.Code), ct);
        if (await db.Plans.AnyAsync(p => p.OrganizationId == source.OrganizationId && p.Code == plan.Code, ct))
            throw new ConflictException(Say.It($"Il piano '{plan.Code}' esiste già per l'ente '{source.Organization.Code}': scegliere un altro codice.",
                $"Plan '{plan.Code}' already exists for organization '{source.Organization.Code}': choose another code."), ConflictCodes.AlreadyExists);
        plan.OrganizationId = source.OrganizationId;
        var result = new RollOverResult(plan.Id, plan.Code, source.Code, start, end, plan.Nodes.Count, plan.Nodes.Sum(n => n.Indicators.Count),
            carry.TargetsCarried, carry.BaselinesSet, carry.NotCarried);
        // Stored like an import (in bulk): an INPS-scale plan is ~125,000 rows.
        await PlanRows.StoreAsync(db, audit, plan, ct);
        audit.Record("PlanRolledOver", "Plan", plan.Id, plan.Code, plan.Id, source.Organization.Code,
            new { source = source.Code, source.StartYear, source.EndYear }, result);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Each indicator's last figure: the latest year with one, the year's figure as its scorecard computes it (indicator-wide
    /// consuntivi, latest revision per period). Indicators with no indicator-wide figure get none.
    /// </summary>
    private async Task<Dictionary<Guid, (int Year, decimal Value)>> LastFiguresAsync(PlanTree tree, CancellationToken ct)
    {
        var found = new Dictionary<Guid, (int Year, decimal Value)>();
        for (var year = tree.Plan.EndYear; year >= tree.Plan.StartYear && found.Count < tree.Indicators.Count; year--)
        {
            var y = year;
            var rows = (await db.Actuals.AsNoTracking().Where(a => a.Year == y && db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == tree.Plan.Id))
                .Select(StoredActual.Projection).ToListAsync(ct)).ToLookup(a => a.IndicatorId);
            foreach (var indicator in tree.Indicators.Where(i => !found.ContainsKey(i.Id)))
                if (Figure(PeriodAggregator.AggregateFigure(PlanScoring.LatestRevisions(rows[indicator.Id], null, _ => true), indicator.Aggregation, y,
                        ScoringView.Actuals, Period.KindOf(indicator.Frequency))) is { } value)
                    found[indicator.Id] = (y, value);
        }
        return found;
    }

    /// <summary>
    /// A figure, or for a milestone the state the scorecard shows as its actual: done → 100, the completion % (SAL), not done → 0
    /// (a deadline met late, which the scorecard scores 0, is still a milestone done).
    /// </summary>
    private static decimal? Figure(AggregatedFigure figure) => figure.Value ?? figure.Latest switch
    {
        { Done: true } => 100m,
        { Completion: { } completion } => completion,
        { Done: false } => 0m,
        _ => null,
    };

    /// <summary>The source plan's document made into the next plan's.</summary>
    private sealed class Carry(
        PlanTree tree, PlanTimeline timeline, Dictionary<Guid, (int Year, decimal Value)> baselines, int start, int end, int sourceEnd)
    {
        private readonly Dictionary<string, Node> _nodes = tree.Nodes.ToDictionary(n => n.Code);
        private readonly Dictionary<string, Indicator> _indicators = tree.Indicators.ToDictionary(i => i.Code);
        private readonly HashSet<string> _carriedIndicators = [];

        public int TargetsCarried { get; private set; }
        public int BaselinesSet { get; private set; }
        public List<string> NotCarried { get; } = [];

        private bool Covers(string year) =>
            int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= start && y <= end;

        private static string Key(int year) => year.ToString(CultureInfo.InvariantCulture);

        /// <summary>The years both plans cover: their targets are carried, the new plan's later years start empty.</summary>
        private IEnumerable<int> Overlap => Enumerable.Range(start, Math.Max(0, Math.Min(end, sourceEnd) - start + 1));

        public PlanDocument Document(PlanDocument d, string code, string? title)
        {
            var nodes = AsMoved(d.Nodes ?? []).Select(Node).OfType<NodeDocument>().ToList();
            var policy = d.ScoringPolicy is { Monitoring: { } monitoring } p
                ? p with
                {
                    Monitoring = monitoring with
                    {
                        Indicators = monitoring.Indicators?.Where(i => _carriedIndicators.Contains(i.Key)).ToDictionary(i => i.Key, i => i.Value with
                        {
                            Targets = i.Value.Targets?.Where(t => Covers(t.Key)).ToDictionary(t => t.Key, t => t.Value),
                        }),
                    },
                }
                : d.ScoringPolicy;
            return d with
            {
                Code = code, Title = title, StartYear = start, EndYear = end, Status = nameof(PlanStatus.Draft), AdoptionAct = null, AdoptedOn = null,
                ScoringPolicy = policy, Nodes = nodes, Guidelines = [], Reprogramming = null,
                Structures = d.Structures?.Select(s => s with { Volumes = s.Volumes?.Where(v => Covers(v.Key)).ToDictionary(v => v.Key, v => v.Value) }).ToList(),
            };
        }

        /// <summary>
        /// The document's tree with every node under the parent the acts left it (MoveNode): the document keeps where nodes were
        /// created, the new plan starts from where they are. Siblings keep the document's order.
        /// </summary>
        private IEnumerable<NodeDocument> AsMoved(List<NodeDocument> roots)
        {
            if (!timeline.HasMoves) return roots;
            var flat = new List<NodeDocument>();
            void Flatten(IEnumerable<NodeDocument> level)
            {
                foreach (var n in level) { flat.Add(n); Flatten(n.Children ?? []); }
            }
            Flatten(roots);
            var parentCode = flat.ToDictionary(n => n.Code!, n => tree.CodeOf(timeline.ParentOf(_nodes[n.Code!])));
            NodeDocument Rebuilt(NodeDocument n) =>
                n with { Children = flat.Where(c => parentCode[c.Code!] == n.Code).Select(Rebuilt).ToList() };
            return flat.Where(n => parentCode[n.Code!] is null).Select(Rebuilt);
        }

        private NodeDocument? Node(NodeDocument d)
        {
            var node = _nodes[d.Code!];
            if (timeline.RemovalOf(node) is { } removal)
            {
                NotCarried.Add(Say.It($"{node.Code}: {removal.Kind} con {removal.Act}", $"{node.Code}: {removal.Kind} by {removal.Act}"));
                return null;
            }
            var years = d.Years?.Where(y => y >= start && y <= end).ToList();
            if (d.Years is { Count: > 0 } && years is { Count: 0 })
            {
                NotCarried.Add(Say.It($"{node.Code}: attivo solo nel {string.Join(", ", d.Years)}", $"{node.Code}: active only in {string.Join(", ", d.Years)}"));
                return null;
            }
            var structure = timeline.StructureOf(node) is { } s ? tree.StructureCodes[s] : null;
            return d with
            {
                Weight = timeline.WeightOf(node), Structure = structure, Years = years,
                Indicators = (d.Indicators ?? []).Where(Carried).Select(Indicator).ToList(),
                Children = (d.Children ?? []).Select(Node).OfType<NodeDocument>().ToList(),
            };
        }

        /// <summary>An indicator removed by an act stays behind, like a removed node.</summary>
        private bool Carried(IndicatorDocument d)
        {
            if (timeline.Includes(_indicators[d.Code!])) return true;
            var act = tree.Reprogrammings.Last(r => r.Kind == ReprogrammingKind.RemoveIndicator && r.IndicatorId == _indicators[d.Code!].Id).Act;
            NotCarried.Add(Say.It($"{d.Code}: RemoveIndicator con {act}", $"{d.Code}: RemoveIndicator by {act}"));
            return false;
        }

        private IndicatorDocument Indicator(IndicatorDocument d)
        {
            var indicator = _indicators[d.Code!];
            _carriedIndicators.Add(indicator.Code);
            var targets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var year in Overlap)
                if (timeline.TargetText(indicator, year) is { } text) targets[Key(year)] = text;
            var structureTargets = tree.Structures
                .Select(s => new StructureTargetDocument(s.Code, Overlap.Select(y => (Year: y, Text: timeline.StructureTargetText(indicator, y, s.Id)))
                    .Where(t => t.Text is not null).ToDictionary(t => Key(t.Year), t => t.Text!)))
                .Where(s => s.Targets!.Count > 0).ToList();
            TargetsCarried += targets.Count + structureTargets.Sum(s => s.Targets!.Count);
            var baseline = d.Baseline;
            if (baselines.TryGetValue(indicator.Id, out var last))
            {
                baseline = new BaselineDocument(last.Year, last.Value);
                BaselinesSet++;
            }
            return d with
            {
                Weight = timeline.WeightOf(indicator), Targets = targets, Baseline = baseline,
                StructureTargets = structureTargets.Count == 0 ? null : structureTargets,
            };
        }
    }
}

public sealed class RollOverPlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/rollover", async (string plan, RollOverBody body, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new RollOverPlan(plan, body), ct);
                return Results.Created($"/api/plans/{result.Id}", result);
            })
            .WithName(nameof(RollOverPlan)).RequireAuthorization(Policies.EditPlans).WithTags("Plans")
            .WithSummary("Roll a plan forward to the next triennium: a Draft copy with the overlapping years' targets, baselines from the last consuntivi, linked to its source")
            .Produces<RollOverResult>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
