using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Monitoring;
using Performance.Domain.Periods;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Monitoring;

/// <summary>
/// What is due and late at a date (docs/monitoring.md, "Deadlines"): every consuntivo of the indicator's declared frequency
/// whose period has ended is due by the period's end + the plan's entry days; with nothing entered (reported) by asOf it is
/// due (still in time) or overdue. Stale: an indicator with something overdue whose last consuntivo is older than one period
/// of its frequency. Grouped by structure and by responsible person; a referente sees their own structures only.
/// </summary>
public sealed record ListDue(string Plan, DateOnly? AsOf) : IRequest<DueResponse>;

public enum DueState { Due, Overdue }

/// <summary>
/// One consuntivo (actual figure) owed and not entered: an indicator's period that has ended with nothing entered for it by
/// the date read, for the structure that owes it.
/// </summary>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Node">The code of the node of the albero (the plan's tree) that holds the indicator.</param>
/// <param name="Structure">The code of the structure that owes the figure: for an objective assigned to structures, each of them
/// (its own figures); else the responsible structure inherited down the tree, as reprogrammed by the date read. Null when the plan names none.</param>
/// <param name="Responsible">The responsible person named on the indicator's node or its nearest ancestor naming one (free text); null when none does.</param>
/// <param name="Frequency">The indicator's declared frequency, which makes its periods.</param>
/// <param name="Year">The plan year the period belongs to.</param>
/// <param name="Period">The period owed: M01–M12, Q1–Q4 (quarters), T1–T3 (four-month), S1–S2 or Y, after the frequency.</param>
/// <param name="PeriodEnd">The last day of the period (yyyy-MM-dd).</param>
/// <param name="DueDate">The period's end plus the plan's entry days (yyyy-MM-dd): due until that day, overdue after it.</param>
/// <param name="DaysLate">Days past the due date (0 while still due).</param>
/// <param name="State">Due (in scadenza: the due date is not yet past) or Overdue (in ritardo).</param>
/// <param name="Label">For people: "in scadenza" or "in ritardo".</param>
public sealed record DueItem(
    string Indicator, string Name, string Node, string? Structure, string? Responsible, Frequency Frequency, int Year, Period Period,
    DateOnly PeriodEnd, DateOnly DueDate, int DaysLate, DueState State, string Label);

/// <summary>
/// An indicator not updated (non aggiornato) for one structure: something of it is overdue and its last consuntivo was
/// reported more than one period of its frequency before the date read, or never.
/// </summary>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="Name">The indicator's name.</param>
/// <param name="Structure">The code of the structure that owes its figures, as in the due items; null when the plan names none.</param>
/// <param name="Responsible">The responsible person named on the indicator's node or its nearest ancestor naming one; null when none does.</param>
/// <param name="Frequency">The indicator's declared frequency: one period of it is how old the last consuntivo may be.</param>
/// <param name="LastReportedOn">The latest day, up to the date read, on which a consuntivo of this indicator and structure was reported
/// (any year, status or period but a forecast F1–F4, which is no consuntivo; yyyy-MM-dd); null when none was.</param>
/// <param name="Label">For people: "non aggiornato".</param>
public sealed record StaleItem(string Indicator, string Name, string? Structure, string? Responsible, Frequency Frequency, DateOnly? LastReportedOn, string Label);

/// <summary>The due, overdue and stale items of one structure, or of one responsible person.</summary>
/// <param name="Key">The structure's code, or the responsible person; null when the plan names none.</param>
/// <param name="Name">The structure's name; null for a responsible person's group and for the group without a key.</param>
/// <param name="Overdue">How many of its items are overdue (in ritardo).</param>
/// <param name="Due">How many of its items are due and still in time (in scadenza).</param>
/// <param name="Stale">How many stale indicators (non aggiornati) it has.</param>
/// <param name="Items">Its due and overdue consuntivi, by due date then indicator code.</param>
/// <param name="StaleItems">Its stale indicators.</param>
public sealed record DueGroup(string? Key, string? Name, int Overdue, int Due, int Stale, IReadOnlyList<DueItem> Items, IReadOnlyList<StaleItem> StaleItems);

/// <summary>
/// The consuntivi (actual figures) due and overdue at a date, and the stale indicators, grouped by structure and by
/// responsible person. A referente (a structure's contact) sees only their own structures.
/// </summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="AsOf">The date read (yyyy-MM-dd): the one asked, else today in Italy. Only consuntivi reported by then count as entered.</param>
/// <param name="EntryDays">The plan's entry days (monitoring policy, default 30): a consuntivo is due this many days after its period ends.</param>
/// <param name="Overdue">How many items are overdue (in ritardo: the due date is past).</param>
/// <param name="Due">How many items are due and still in time (in scadenza).</param>
/// <param name="Stale">How many stale indicators (non aggiornati) there are, counted per structure.</param>
/// <param name="Structures">The items by owing structure, by code (the group without a structure last).</param>
/// <param name="Responsibles">The same items by responsible person (the group without one last).</param>
public sealed record DueResponse(
    string Plan, DateOnly AsOf, int EntryDays, int Overdue, int Due, int Stale,
    IReadOnlyList<DueGroup> Structures, IReadOnlyList<DueGroup> Responsibles);

public sealed class ListDueHandler(PerformanceDbContext db, TimeProvider time) : IRequestHandler<ListDue, DueResponse>
{
    private sealed record Entry(Guid IndicatorId, Guid? StructureId, int Year, string Period, DateOnly ReportedOn);

    public async Task<DueResponse> Handle(ListDue request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var asOf = request.AsOf ?? time.TodayInItaly();
        var entryDays = PlanPolicies.ToDomain(plan.ScoringPolicyJson).Monitoring.EntryDays;
        var tree = await PlanTree.LoadAsync(db, plan, ct);
        var entries = (await db.Actuals.AsNoTracking()
                .Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == plan.Id) && a.ReportedOn <= asOf)
                .Select(a => new Entry(a.IndicatorId, a.StructureId, a.Year, a.Period, a.ReportedOn)).ToListAsync(ct))
            .ToLookup(e => (e.IndicatorId, e.StructureId));
        var timeline = new PlanTimeline(tree.Reprogrammings, asOf);
        var mine = db.Scope is { IsReferente: true } scope ? scope.Structures.ToHashSet(StringComparer.Ordinal) : null;

        var items = new List<DueItem>();
        var stale = new List<StaleItem>();
        foreach (var indicator in tree.Indicators.OrderBy(i => i.SortOrder))
        {
            var node = tree.NodesById[indicator.NodeId];
            // Not part of the plan at asOf: removed, cancelled, or added by a later act (itself or a node above it).
            if (!timeline.Includes(indicator) || !timeline.SelfAndAncestors(node, tree.NodesById).All(timeline.Includes)) continue;
            var responsible = timeline.SelfAndAncestors(node, tree.NodesById).Select(n => n.Responsible).FirstOrDefault(r => r is not null);
            foreach (var (scopeId, structure) in Owers(tree, timeline, node))
            {
                if (mine is not null && (structure is null || !mine.Contains(structure))) continue;
                var entered = entries[(indicator.Id, scopeId)].ToList();
                var owed = Owed(indicator, node, plan, timeline, asOf, entryDays, entered).ToList();
                items.AddRange(owed.Select(o => new DueItem(indicator.Code, indicator.Name, node.Code, structure, responsible, indicator.Frequency,
                    o.Year, o.Period, o.Period.End(o.Year), o.Due, Math.Max(0, asOf.DayNumber - o.Due.DayNumber),
                    o.Due < asOf ? DueState.Overdue : DueState.Due, o.Due < asOf ? "in ritardo" : "in scadenza")));
                // The last consuntivo (docs/monitoring.md): a forecast F1–F4 is none, as it fills no period above; a figure of any year is.
                var reported = entered.Where(e => Period.TryParse(e.Period, out var p) && !p.IsForecast).ToList();
                var last = reported.Count == 0 ? (DateOnly?)null : reported.Max(e => e.ReportedOn);
                var months = Period.MonthsPerPeriod(Period.KindOf(indicator.Frequency));
                if (owed.Any(o => o.Due < asOf) && (last is null || last < asOf.AddMonths(-months)))
                    stale.Add(new StaleItem(indicator.Code, indicator.Name, structure, responsible, indicator.Frequency, last, "non aggiornato"));
            }
        }

        return new DueResponse(plan.Code, asOf, entryDays, items.Count(i => i.State == DueState.Overdue), items.Count(i => i.State == DueState.Due), stale.Count,
            Group(items, stale, i => i.Structure, s => s.Structure, code => tree.Structures.FirstOrDefault(s => s.Code == code)?.Name),
            Group(items, stale, i => i.Responsible, s => s.Responsible, _ => null));
    }

    /// <summary>
    /// Who owes the indicator's consuntivi: each structure a common objective is assigned to (its own figures), else the
    /// responsible structure (inherited down the tree, as reprogrammed by asOf) for the indicator-wide figure.
    /// </summary>
    private static IEnumerable<(Guid? Scope, string? Structure)> Owers(PlanTree tree, PlanTimeline timeline, Node node)
    {
        var assigned = timeline.SelfAndAncestors(node, tree.NodesById).SelectMany(n => tree.Assignments[n.Id]).Distinct().ToList();
        if (assigned.Count > 0) return assigned.Select(s => ((Guid?)s, (string?)tree.StructureCodes[s]));
        var responsible = timeline.SelfAndAncestors(node, tree.NodesById).Select(timeline.StructureOf).FirstOrDefault(s => s is not null);
        return [(null, responsible is { } r ? tree.StructureCodes[r] : null)];
    }

    /// <summary>The periods of each plan year up to asOf whose due date has come (period ended) and that have no consuntivo.</summary>
    private static IEnumerable<(int Year, Period Period, DateOnly Due)> Owed(
        Indicator indicator, Node node, Plan plan, PlanTimeline timeline, DateOnly asOf, int entryDays, List<Entry> entered)
    {
        var kind = Period.KindOf(indicator.Frequency);
        for (var year = plan.StartYear; year <= Math.Min(plan.EndYear, asOf.Year); year++)
        {
            if (node.YearList.Count > 0 && !node.YearList.Contains(year)) continue;
            if (timeline.TargetText(indicator, year) is null) continue;
            foreach (var (period, due) in EntryCalendar.Ended(kind, year, entryDays, asOf))
            {
                var y = year;
                // Entered for the period, or for one inside or around it (a monthly figure entered quarterly, a final Y).
                if (!entered.Any(e => e.Year == y && Period.TryParse(e.Period, out var p) && !p.IsForecast && (p.IsWithin(period) || period.IsWithin(p))))
                    yield return (year, period, due);
            }
        }
    }

    private static List<DueGroup> Group(List<DueItem> items, List<StaleItem> stale, Func<DueItem, string?> key, Func<StaleItem, string?> staleKey,
        Func<string, string?> name) =>
        items.Select(key).Concat(stale.Select(staleKey)).Distinct().OrderBy(k => k is null).ThenBy(k => k, StringComparer.Ordinal)
            .Select(k =>
            {
                var own = items.Where(i => key(i) == k).OrderBy(i => i.DueDate).ThenBy(i => i.Indicator, StringComparer.Ordinal).ToList();
                var ownStale = stale.Where(s => staleKey(s) == k).ToList();
                return new DueGroup(k, k is null ? null : name(k), own.Count(i => i.State == DueState.Overdue), own.Count(i => i.State == DueState.Due),
                    ownStale.Count, own, ownStale);
            }).ToList();
}

public sealed class ListDueEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/due", (string plan, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListDue(plan, asOf), ct))
            .WithName(nameof(ListDue)).WithTags("Monitoring").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("Consuntivi due and overdue at a date (default today), and stale indicators, by structure and responsible person")
            .Produces<DueResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
