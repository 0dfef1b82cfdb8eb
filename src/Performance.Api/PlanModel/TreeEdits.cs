using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>
/// What adding, moving and removing nodes and indicators share (docs/tree.md): the stored plan a new element is read
/// against, its place among its siblings, the act that makes it part of an adopted plan from a date, and what a removal
/// would lose.
/// </summary>
public static class TreeEdits
{
    /// <summary>The plan's structures, value areas and nodes (tracked: a new element refers to them) and its indicators.</summary>
    public static async Task<PlanDocumentReader.StoredPlan> LoadAsync(PerformanceDbContext db, Plan plan, CancellationToken ct) => new(
        plan,
        await db.Structures.Where(s => s.PlanId == plan.Id).ToListAsync(ct),
        await db.ValueAreas.Where(a => a.PlanId == plan.Id).ToListAsync(ct),
        await db.Nodes.Where(n => n.PlanId == plan.Id).ToListAsync(ct),
        await db.Indicators.AsNoTracking().Where(i => i.PlanId == plan.Id).ToListAsync(ct));

    /// <summary>
    /// Puts <paramref name="item"/> at <paramref name="position"/> (0 = first; null = last) among its siblings: the
    /// siblings' sort orders are dealt out again in the new order, so nothing outside them moves.
    /// </summary>
    public static void Place<T>(IEnumerable<T> siblings, T item, int? position, Func<T, int> order, Action<T, int> setOrder, ValidationErrors errors) where T : class
    {
        var others = siblings.Where(s => s != item).OrderBy(order).ToList();
        if (position is < 0 || position > others.Count)
        {
            errors.Add("position", Say.It($"La posizione va da 0 (prima) a {others.Count} (ultima).", $"The position must be between 0 (first) and {others.Count} (last)."));
            return;
        }
        var slots = others.Select(order).Append(order(item)).Order().ToList();
        others.Insert(position ?? others.Count, item);
        for (var i = 0; i < others.Count; i++) setOrder(others[i], slots[i]);
    }

    /// <summary>An adopted plan's tree change as a reprogramming act effective from the act's date.</summary>
    public static Task RecordAsync(PerformanceDbContext db, Plan plan, PlanAct act, ReprogrammingKind kind, Node node, DateTime now, CancellationToken ct,
        Indicator? indicator = null, Node? into = null) =>
        PlanRecord.AddAsync(db, plan, new Reprogramming
        {
            Kind = kind, Node = node, NodeId = node.Id, Indicator = indicator, IndicatorId = indicator?.Id, IntoNode = into, IntoNodeId = into?.Id,
            Act = act.Act, EffectiveDate = act.Date, Reason = act.Reason, RecordedAt = now,
        }, ct);

    /// <summary>
    /// Null when <paramref name="node"/> may go under <paramref name="to"/>; else why not: <paramref name="to"/> is the node
    /// itself or below it (following <paramref name="parentOf"/>), and the move would make a cycle. For a move in place
    /// (a draft plan); a move by act is checked at every date it is in force by the overload with the moves.
    /// </summary>
    public static string? MoveProblem(Node node, Node? to, string toCode, Func<Node, Node?> parentOf) =>
        Below(node, to, parentOf) ? CycleMessage(node, toCode, null) : null;

    /// <summary>
    /// The same for a move by act from <paramref name="from"/>. Acts apply from their dates, so the tree changes again at
    /// every later act's date: a move can leave the final tree sound and still close a loop between two earlier acts
    /// (a node moved under another and back later), where both nodes would drop out of the tree. So the tree is checked,
    /// this move applied, at its date and at the date of every later move. <paramref name="moves"/>: the moves already
    /// known, in the order they apply (by date, then as recorded); <paramref name="storedParent"/>: the parent as stored.
    /// </summary>
    public static string? MoveProblem(Node node, Node? to, string toCode, DateOnly from, IReadOnlyList<TreeMove> moves, Func<Node, Node?> storedParent)
    {
        var applied = moves.Where(m => m.Date <= from).Append(new TreeMove(node, from, to)).Concat(moves.Where(m => m.Date > from)).ToList();
        foreach (var date in moves.Select(m => m.Date).Where(d => d > from).Prepend(from).Distinct())
        {
            var parents = new Dictionary<Node, Node?>(ReferenceEqualityComparer.Instance);
            foreach (var move in applied.TakeWhile(m => m.Date <= date)) parents[move.Node] = move.To;
            Node? ParentAt(Node n) => parents.TryGetValue(n, out var parent) ? parent : storedParent(n);
            if (Below(node, ParentAt(node), ParentAt)) return CycleMessage(node, toCode, date);
        }
        return null;
    }

    /// <summary>The plan's moves by act, in the order they apply, on the nodes given by id.</summary>
    public static async Task<List<TreeMove>> MovesAsync(PerformanceDbContext db, Guid planId, IReadOnlyDictionary<Guid, Node> nodes, CancellationToken ct) =>
        (await db.Reprogrammings.AsNoTracking().Where(r => r.PlanId == planId && r.Kind == ReprogrammingKind.MoveNode)
            .OrderBy(r => r.EffectiveDate).ThenBy(r => r.SortOrder).ToListAsync(ct))
        .Select(r => new TreeMove(nodes[r.NodeId], r.EffectiveDate, r.IntoNodeId is { } into ? nodes[into] : null)).ToList();

    // True when walking up from start reaches node. The walk stops at a node already seen, so a cycle already stored
    // cannot keep it going.
    private static bool Below(Node node, Node? start, Func<Node, Node?> parentOf)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        for (var up = start; up is not null && seen.Add(up); up = parentOf(up))
            if (up == node || (up.Id != Guid.Empty && up.Id == node.Id)) return true;
        return false;
    }

    private static string CycleMessage(Node node, string toCode, DateOnly? date) => date is { } d
        ? Say.It($"'{toCode}' è '{node.Code}' stesso o sta sotto di esso il {d:yyyy-MM-dd}, come gli atti registrati lasciano l'albero: lo spostamento creerebbe un ciclo.",
            $"'{toCode}' is '{node.Code}' itself or below it on {d:yyyy-MM-dd}, as the recorded acts leave the tree: the move would make a cycle.")
        : Say.It($"'{toCode}' è '{node.Code}' stesso o sta sotto di esso: lo spostamento creerebbe un ciclo.", $"'{toCode}' is '{node.Code}' itself or below it: the move would make a cycle.");

    /// <summary>The node and every node below it.</summary>
    public static List<Node> Subtree(Node node, IReadOnlyCollection<Node> nodes)
    {
        var result = new List<Node> { node };
        for (var i = 0; i < result.Count; i++) result.AddRange(nodes.Where(n => n.ParentId == result[i].Id));
        return result;
    }

    /// <summary>
    /// What deleting the indicators (and nodes) would lose: consuntivi, evidence, forzature, comments, or acts that name
    /// them. A deletion with any of it is refused (409): cancelling by an act keeps the record.
    /// </summary>
    public static async Task RefuseLosingRecordAsync(PerformanceDbContext db, (string Italian, string English) what, IReadOnlyCollection<Guid> indicatorIds,
        IReadOnlyCollection<Guid> nodeIds, CancellationToken ct)
    {
        var actuals = await db.Actuals.CountAsync(a => indicatorIds.Contains(a.IndicatorId), ct);
        if (actuals > 0)
            throw new ConflictException(Say.It(
                $"{what.Italian} ha {actuals} consuntivi: eliminarlo li perderebbe. Annullalo con un atto di riprogrammazione " +
                "(adottato il piano, DELETE con act, date e reason lo toglie da quella data e ne conserva i consuntivi).",
                $"{what.English} has {actuals} consuntivi: deleting it would lose them. Cancel it by a reprogramming act instead " +
                "(once the plan is adopted, DELETE with act, date and reason removes it from that date and keeps its consuntivi)."), ConflictCodes.HasData);
        var record = await db.Set<Forzatura>().CountAsync(f => indicatorIds.Contains(f.IndicatorId), ct)
                     + await db.Set<Comment>().CountAsync(c => indicatorIds.Contains(c.IndicatorId), ct)
                     + await db.Set<Attachment>().CountAsync(a => (a.IndicatorId != null && indicatorIds.Contains(a.IndicatorId.Value))
                                                                  || (a.NodeId != null && nodeIds.Contains(a.NodeId.Value)), ct)
                     + await db.Reprogrammings.CountAsync(r => nodeIds.Contains(r.NodeId) || (r.IntoNodeId != null && nodeIds.Contains(r.IntoNodeId.Value))
                                                              || (r.IndicatorId != null && indicatorIds.Contains(r.IndicatorId.Value)), ct);
        if (record > 0)
            throw new ConflictException(Say.It(
                $"{what.Italian} ha {record} tra allegati, commenti, forzature o atti di riprogrammazione: eliminarlo li perderebbe. " +
                "Annullalo con un atto di riprogrammazione.",
                $"{what.English} has {record} attachments, comments, forzature or reprogramming acts: deleting it would lose them. " +
                "Cancel it by a reprogramming act instead."), ConflictCodes.HasData);
    }
}

/// <summary>A node's move by act as the tree replays it: under <paramref name="To"/> (null = top level) from <paramref name="Date"/>.</summary>
public sealed record TreeMove(Node Node, DateOnly Date, Node? To);
