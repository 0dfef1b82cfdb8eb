using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Evidence;

/// <summary>What attachments and comments are on: a consuntivo (one revision), an indicator or a node, with its plan.</summary>
public sealed record EvidenceTarget(AttachmentOwner Owner, Plan Plan, Indicator? Indicator, Actual? Actual, Node? Node, string? Structure)
{
    public string Describe() => Owner switch
    {
        AttachmentOwner.Actual => $"{Indicator!.Code} {Actual!.Year} {Actual.Period}{(Structure is null ? "" : " " + Structure)} r{Actual.Revision}",
        AttachmentOwner.Indicator => Indicator!.Code,
        _ => Node!.Code,
    };
}

/// <summary>How a request names what it is about: a consuntivo id, an indicator key, or a plan and a node key.</summary>
public sealed record EvidenceOn(AttachmentOwner Owner, string Key, string? Node = null)
{
    public static EvidenceOn Actual(Guid id) => new(AttachmentOwner.Actual, id.ToString());
    public static EvidenceOn Indicator(string key) => new(AttachmentOwner.Indicator, key);
    public static EvidenceOn NodeOf(string plan, string node) => new(AttachmentOwner.Node, plan, node);
}

/// <summary>
/// Finds the target for the caller (another organization's is a 404, never a leak) and applies the scope rules that are
/// the same for reading and writing evidence: a referente only within its structures (403), as for entering consuntivi.
/// </summary>
public static class EvidenceTargets
{
    public static Task<EvidenceTarget> FindAsync(PerformanceDbContext db, EvidenceOn on, CancellationToken ct) => on.Owner switch
    {
        AttachmentOwner.Actual => ActualAsync(db, Guid.Parse(on.Key), ct),
        AttachmentOwner.Indicator => IndicatorAsync(db, on.Key, ct),
        _ => NodeAsync(db, on.Key, on.Node!, ct),
    };

    public static async Task<EvidenceTarget> ActualAsync(PerformanceDbContext db, Guid id, CancellationToken ct)
    {
        // The same answer whether the consuntivo does not exist or is another organization's.
        var missing = new NotFoundException("Consuntivo", $"/api/actuals/{id}");
        var actual = await db.Actuals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw missing;
        Indicator indicator;
        Plan plan;
        try
        {
            (indicator, plan) = await db.FindIndicatorInPlanAsync(actual.IndicatorId.ToString(), ct, tracking: false);
        }
        catch (NotFoundException)
        {
            throw missing;
        }
        var structure = actual.StructureId is { } s ? await db.Structures.AsNoTracking().Where(x => x.Id == s).Select(x => x.Code).SingleAsync(ct) : null;
        return new EvidenceTarget(AttachmentOwner.Actual, plan, indicator, actual, null, structure);
    }

    public static async Task<EvidenceTarget> IndicatorAsync(PerformanceDbContext db, string key, CancellationToken ct)
    {
        var (indicator, plan) = await db.FindIndicatorInPlanAsync(key, ct, tracking: false);
        return new EvidenceTarget(AttachmentOwner.Indicator, plan, indicator, null, null, null);
    }

    public static async Task<EvidenceTarget> NodeAsync(PerformanceDbContext db, string planKey, string nodeKey, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(planKey, ct);
        return new EvidenceTarget(AttachmentOwner.Node, plan, null, null, await db.FindNodeAsync(plan.Id, nodeKey, ct), null);
    }

    /// <summary>An attachment and what it is on; 404 when its plan is not the caller's.</summary>
    public static async Task<(Attachment Attachment, EvidenceTarget Target)> AttachmentAsync(PerformanceDbContext db, Guid id, CancellationToken ct)
    {
        var attachment = await db.Set<Attachment>().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (attachment is null || !await db.VisiblePlans().AnyAsync(p => p.Id == attachment.PlanId, ct)) throw new NotFoundException("Attachment", id.ToString());
        var target = attachment.Owner switch
        {
            AttachmentOwner.Actual => await ActualAsync(db, attachment.ActualId!.Value, ct),
            AttachmentOwner.Indicator => await IndicatorAsync(db, attachment.IndicatorId!.Value.ToString(), ct),
            _ => await NodeAsync(db, attachment.PlanId.ToString(), attachment.NodeId!.Value.ToString(), ct),
        };
        return (attachment, target);
    }

    /// <summary>A referente reads and writes evidence only of its own structures' figures, indicators and nodes (403).</summary>
    public static async Task CheckScopeAsync(PerformanceDbContext db, EvidenceTarget target, TimeProvider time, CancellationToken ct)
    {
        if (db.Scope is not { IsReferente: true }) return;
        var scope = await ReferenteScope.LoadAsync(db, target.Plan.Id, time, ct);
        if ((target.Node is { } node ? scope.Refusal(node) : scope.Refusal(target.Indicator!, target.Structure)) is { } refusal)
            throw new ForbiddenException(refusal);
    }

    /// <summary>
    /// A consuntivo's evidence changes only while the figure can: never once it is validated (it is part of the record),
    /// and only on the current revision of its period. Null when it may change; otherwise why not.
    /// </summary>
    public static async Task<string?> FrozenAsync(PerformanceDbContext db, EvidenceTarget target, CancellationToken ct)
    {
        if (target.Actual is not { } actual) return null;
        if (actual.Status == ActualStatus.Validated)
            return Say.It($"Il consuntivo {target.Describe()} è validato: le sue evidenze fanno parte degli atti e non possono cambiare.", $"Consuntivo {target.Describe()} is validated: its evidence is part of the record and cannot change.");
        var latest = await db.Actuals.Where(a => a.IndicatorId == actual.IndicatorId && a.ScopeId == actual.ScopeId && a.Year == actual.Year && a.Period == actual.Period)
            .MaxAsync(a => a.Revision, ct);
        return latest == actual.Revision ? null
            : Say.It($"La revisione {actual.Revision} di {actual.Period} {actual.Year} è stata sostituita dalla revisione {latest}; le sue evidenze restano come erano.", $"Revision {actual.Revision} of {actual.Period} {actual.Year} was superseded by revision {latest}; its evidence is kept as it was.");
    }
}
