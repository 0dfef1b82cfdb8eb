using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Domain.Audit;

namespace Performance.Api.Persistence;

/// <summary>
/// Links new audit entries to the end of the chain, inside the transaction that saves the change they record: takes the
/// chain's lock, reads its head, numbers, hashes and signs the entries, records the audited rows the save writes, and
/// stores a signed checkpoint of the new head when one is due.
/// </summary>
internal static class AuditAppend
{
    /// <summary>Audited rows written without the change tracker, waiting for the save that records them.</summary>
    internal sealed class Untracked
    {
        public List<(Guid? Plan, object Row)> Written { get; } = [];
        public List<Guid> RemovedPlans { get; } = [];

        public void Clear()
        {
            Written.Clear();
            RemovedPlans.Clear();
        }
    }

    public static async Task ChainAsync(PerformanceDbContext db, IReadOnlyList<AuditEntry> added, AuditKey key, TimeProvider time, CancellationToken ct)
    {
        await WriteLocks.TakeAsync(db, WriteLocks.AuditChain, ct);
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var (sequence, hash) = (head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis);

        // The rows go with the last entry: a save records one change (one entry) in practice.
        var rows = Rows(db, added[^1].PlanId);
        if (rows is not null) added[^1].Rows = rows;
        foreach (var entry in added)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = hash;
            entry.Hash = hash = AuditChain.ComputeHash(entry);
            entry.Signature = key.Sign(entry.Hash);
        }
        db.UntrackedRows.Clear();
        await CheckpointIfDueAsync(db, key, time, sequence, hash, ct);
    }

    /// <summary>Stores a signed checkpoint of the head when the last one is too many entries, or too long, ago.</summary>
    internal static async Task CheckpointIfDueAsync(PerformanceDbContext db, AuditKey key, TimeProvider time, long sequence, string hash, CancellationToken ct,
        bool force = false)
    {
        var now = time.UtcNow();
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.At }).FirstOrDefaultAsync(ct);
        var due = force || last is null || sequence - last.Sequence >= key.Options.CheckpointEveryEntries
                  || now - last.At >= TimeSpan.FromMinutes(key.Options.CheckpointEveryMinutes);
        if (due && sequence > (last?.Sequence ?? 0))
            db.AuditCheckpoints.Add(new AuditCheckpoint { Sequence = sequence, Hash = hash, At = now, Signature = key.SignCheckpoint(null, sequence, hash, now) });
    }

    private static string? Rows(PerformanceDbContext db, Guid? plan)
    {
        var writer = new AuditedRows.Writer();
        foreach (var removed in db.UntrackedRows.RemovedPlans) writer.PlanRemoved(removed);
        var written = db.UntrackedRows.Written;
        var digests = AuditedRows.Digests(written.ConvertAll(w => w.Row));
        for (var i = 0; i < written.Count; i++) writer.Row(written[i].Plan ?? plan, written[i].Row, digests[i]);
        foreach (var change in db.ChangeTracker.Entries())
            if (change.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && AuditedRows.IsAudited(change.Entity))
                writer.Row(plan, change.Entity, removed: change.State == EntityState.Deleted);
        return writer.IsEmpty ? null : writer.ToString();
    }
}
