using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// A referente enters consuntivi only for the structures assigned to them: an indicator-wide figure when the indicator's
/// objective is their structure's (responsible structure, inherited down the tree as acts effective today moved and
/// reassigned it), or a
/// structure's own figure of a common objective assigned to one of their structures.
/// </summary>
public sealed class ReferenteScope
{
    private readonly AccessScope? _scope;
    private readonly Dictionary<Guid, Node> _nodes = [];
    private readonly Dictionary<Guid, string> _structures = [];
    private readonly ILookup<Guid, Guid> _assignments = Array.Empty<NodeStructure>().ToLookup(a => a.NodeId, a => a.StructureId);
    private readonly PlanTimeline? _timeline;

    private ReferenteScope(AccessScope? scope) => _scope = scope;

    private ReferenteScope(AccessScope scope, List<Node> nodes, Dictionary<Guid, string> structures, ILookup<Guid, Guid> assignments, PlanTimeline timeline)
        : this(scope) => (_nodes, _structures, _assignments, _timeline) = (nodes.ToDictionary(n => n.Id), structures, assignments, timeline);

    /// <param name="time">Assignments are those in force today (reprogramming acts effective by now).</param>
    public static async Task<ReferenteScope> LoadAsync(PerformanceDbContext db, Guid planId, TimeProvider time, CancellationToken ct)
    {
        if (db.Scope is not { IsReferente: true } scope) return new ReferenteScope(db.Scope);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.PlanId == planId).ToListAsync(ct);
        var structures = await db.Structures.AsNoTracking().Where(s => s.PlanId == planId).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var assignments = (await db.NodeStructures.AsNoTracking().Where(a => db.Nodes.Any(n => n.Id == a.NodeId && n.PlanId == planId)).ToListAsync(ct))
            .ToLookup(a => a.NodeId, a => a.StructureId);
        var changes = await db.Reprogrammings.AsNoTracking().Where(r => r.PlanId == planId).ToListAsync(ct);
        return new ReferenteScope(scope, nodes, structures, assignments, new PlanTimeline(changes, DateOnly.FromDateTime(time.UtcNow())));
    }

    /// <summary>Null when allowed; otherwise why not.</summary>
    public string? Refusal(Indicator indicator, string? structure)
    {
        if (_scope is not { IsReferente: true } scope) return null;
        var mine = scope.Structures;
        var responsible = ResponsibleStructures(indicator.NodeId);
        if (structure is not null)
            return mine.Contains(structure) && responsible.Contains(structure)
                ? null
                : Say.It($"Come referente di {Describe(mine)} non può inserire dati per la struttura '{structure}' sull'indicatore '{indicator.Code}'.", $"As referente of {Describe(mine)} you cannot enter figures for structure '{structure}' on indicator '{indicator.Code}'.");
        return responsible.Any(mine.Contains)
            ? null
            : Say.It($"L'indicatore '{indicator.Code}' è di competenza di {Describe(responsible)}, non delle sue strutture ({Describe(mine)}).", $"Indicator '{indicator.Code}' belongs to {Describe(responsible)}, not to your structures ({Describe(mine)}).");
    }

    /// <summary>Null when allowed: a node (its evidence) is a referente's when it belongs to one of its structures.</summary>
    public string? Refusal(Node node)
    {
        if (_scope is not { IsReferente: true } scope) return null;
        var responsible = ResponsibleStructures(node.Id);
        return responsible.Any(scope.Structures.Contains)
            ? null
            : Say.It($"Il nodo '{node.Code}' è di competenza di {Describe(responsible)}, non delle sue strutture ({Describe(scope.Structures)}).", $"Node '{node.Code}' belongs to {Describe(responsible)}, not to your structures ({Describe(scope.Structures)}).");
    }

    private HashSet<string> ResponsibleStructures(Guid nodeId)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var effectiveFound = false;
        if (_nodes.GetValueOrDefault(nodeId) is not { } node) return codes;
        foreach (var n in _timeline!.SelfAndAncestors(node, _nodes))
        {
            if (!effectiveFound && _timeline.StructureOf(n) is { } s) { codes.Add(_structures[s]); effectiveFound = true; }
            foreach (var assigned in _assignments[n.Id]) codes.Add(_structures[assigned]);
        }
        return codes;
    }

    private static string Describe(IEnumerable<string> codes) => codes.Any() ? string.Join(", ", codes) : Say.It("nessuna struttura", "no structure");
}
