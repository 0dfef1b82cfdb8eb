using Microsoft.EntityFrameworkCore;
using Performance.Domain.Audit;
using Performance.Domain.Language;

namespace Performance.Api.Persistence;

/// <summary>
/// Entries written before the service had an audit key carry no signature, and the rows they made no digest. The first
/// time the service starts with a key, it appends a signed seal after them: the seal's link pins their hashes (rewriting
/// one breaks the chain at the seal), and it records every audited row as it stands then, the baseline later changes are
/// compared with. What happened to those rows before the seal, the trail cannot tell.
/// </summary>
internal static class AuditSeal
{
    public static async Task SealUnsignedAsync(PerformanceDbContext db, AuditTrail audit, ILogger logger, CancellationToken ct)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Signature }).FirstOrDefaultAsync(ct);
        if (head is null || head.Signature.Length > 0) return;

        var plans = await db.Indicators.AsNoTracking().Select(i => new { i.Id, i.PlanId }).ToDictionaryAsync(i => i.Id, i => i.PlanId, ct);
        var rows = new List<(Guid Plan, object Row)>();
        rows.AddRange((await db.Nodes.AsNoTracking().ToListAsync(ct)).Select(n => (n.PlanId, (object)n)));
        rows.AddRange((await db.Indicators.AsNoTracking().ToListAsync(ct)).Select(i => (i.PlanId, (object)i)));
        rows.AddRange((await db.Reprogrammings.AsNoTracking().ToListAsync(ct)).Select(r => (r.PlanId, (object)r)));
        rows.AddRange((await db.IndicatorTargets.AsNoTracking().ToListAsync(ct)).Select(t => (plans[t.IndicatorId], (object)t)));
        rows.AddRange((await db.StructureTargets.AsNoTracking().ToListAsync(ct)).Select(t => (plans[t.IndicatorId], (object)t)));
        rows.AddRange((await db.Actuals.AsNoTracking().ToListAsync(ct)).Select(a => (plans[a.IndicatorId], (object)a)));
        foreach (var group in rows.GroupBy(r => r.Plan)) audit.Written(group.Select(r => r.Row), group.Key);
        audit.Record(AuditChain.SealAction, "AuditTrail", null, null, null, null, after: new { sealedThrough = head.Sequence, rows = rows.Count },
            reason: Say.It("Voci scritte prima che esistesse la chiave di audit, sigillate con essa; le righe verificate come sono ora sono il riferimento.",
                "Entries written before the audit key existed, sealed with it; the audited rows as they stand are the baseline."));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Audit trail: {Count} entries written without a key sealed at entry {Sequence}; {Rows} rows recorded as the baseline",
            head.Sequence, head.Sequence + 1, rows.Count);
    }

    /// <summary>
    /// Reprogramming acts became audited rows after trails had been written without them: the first start that finds
    /// acts stored and no entry that ever recorded one appends a signed entry recording them as they stand — the baseline
    /// later changes are compared with, as the seal does for unsigned entries. What happened to them before, the trail
    /// cannot tell. A trail that has recorded an act (every trail written since) is left alone.
    /// </summary>
    public static async Task RecordUncoveredActsAsync(PerformanceDbContext db, AuditTrail audit, ILogger logger, CancellationToken ct)
    {
        if (!await db.AuditEntries.AnyAsync(ct) || !await db.Reprogrammings.AnyAsync(ct)) return;
        var line = $"{AuditedRows.Reprogramming} ";
        if (await db.AuditEntries.AnyAsync(a => a.Rows != null && (a.Rows.StartsWith(line) || a.Rows.Contains("\n" + line)), ct)) return;

        var acts = await db.Reprogrammings.AsNoTracking().ToListAsync(ct);
        foreach (var plan in acts.GroupBy(r => r.PlanId)) audit.Written(plan, plan.Key);
        audit.Record(RowsExtendedAction, "AuditTrail", null, null, null, null, after: new { reprogrammings = acts.Count },
            reason: Say.It("Atti di riprogrammazione salvati prima che il registro li riportasse, registrati come sono ora: il riferimento.",
                "Reprogramming acts stored before the trail recorded them, recorded as they stand: the baseline."));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Audit trail: {Count} reprogramming acts stored before the trail recorded them are recorded as the baseline", acts.Count);
    }

    public const string RowsExtendedAction = "AuditRowsExtended";

    /// <summary>
    /// The first start with a new <c>Audit:Key</c>, the one before it listed in <c>Audit:RetiredKeys</c>, appends a signed
    /// entry naming both keys and the last entry the retired one signed: the trail itself says where the rotation happened.
    /// Under the chain's lock, so instances starting together append it once. A head signed with a key outside the ring is
    /// said at start (verification would fail from the first entry that key signed).
    /// </summary>
    public static async Task RecordKeyRotationAsync(PerformanceDbContext db, AuditTrail audit, AuditKey key, ILogger logger, CancellationToken ct)
    {
        await using var transaction = await WriteLocks.BeginAsync(db, WriteLocks.AuditChain, ct);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash, a.Signature }).FirstOrDefaultAsync(ct);
        if (head is null || head.Signature.Length == 0) return;
        var ids = key.RingIds;
        var signer = key.SignerOf(head.Hash, head.Signature);
        if (signer < 0)
        {
            logger.LogError("Audit trail: the last entry ({Sequence}) is signed with a key that is neither Audit:Key ({KeyId}) nor one of Audit:RetiredKeys: " +
                            "verification fails. If the key was replaced, list the one before it in Audit:RetiredKeys", head.Sequence, key.Id);
            return;
        }
        if (signer == ids.Count - 1) return;
        audit.Record(KeyRotatedAction, "AuditTrail", null, null, null, null,
            before: new { keyId = ids[signer], lastSequence = head.Sequence }, after: new { keyId = key.Id },
            reason: Say.It("La chiave di audit è stata sostituita: la chiave ritirata verifica le voci che ha firmato e non firma più.",
                "The audit key was replaced: the retired key verifies the entries it signed and signs no more."));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogWarning("Audit trail: key rotated — entries up to {Sequence} are signed with the retired key {Retired}, the next with {KeyId}",
            head.Sequence, ids[signer], key.Id);
    }

    public const string KeyRotatedAction = "AuditKeyRotated";
}
