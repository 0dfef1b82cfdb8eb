using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Performance.Api.Persistence;

/// <summary>The change a context's open locked write makes: its version (stamped on the consuntivi it adds) and what it may change.</summary>
public sealed record PlanChange(long Version, PlanWrite Write);

/// <summary>A row whose update serializes the writers that must not interleave (see <see cref="WriteLocks"/>).</summary>
public sealed class WriteLock
{
    public required string Key { get; init; }
    /// <summary>
    /// Moves at every take, to one more than every lock's version then (one number line for all keys, so a plan's changes
    /// are ordered and its rows written since a position are found by one index range: <see cref="PlanPosition"/>).
    /// </summary>
    public long Version { get; set; }
    /// <summary>The <see cref="Version"/> of the last take that could change more than new consuntivi (<see cref="PlanWrite"/>).</summary>
    public long TreeVersion { get; set; }
}

/// <summary>What a plan write may change, so readers that keep the plan's state know what to read again.</summary>
public enum PlanWrite
{
    /// <summary>Anything: the tree, targets, policy, reviews, forzature … (the default).</summary>
    Anything,
    /// <summary>Only adds consuntivi rows (and audit entries, webhook events): everything else a reader keeps stays valid.</summary>
    NewConsuntivi,
}

/// <summary>
/// Where a plan stands in the change sequence: <paramref name="Version"/> of its last committed write,
/// <paramref name="TreeVersion"/> of its last write that was not only new consuntivi. Consuntivi rows carry the version
/// of the write that added them, so the rows a reader at position V lacks are those with V &lt; change &lt;= Version.
/// </summary>
public readonly record struct PlanPosition(long Version, long TreeVersion)
{
    public static async Task<PlanPosition> ReadAsync(PerformanceDbContext db, Guid planId, CancellationToken ct)
    {
        var key = WriteLocks.Plan(planId);
        var row = await db.WriteLocks.AsNoTracking().Where(l => l.Key == key).Select(l => new { l.Version, l.TreeVersion }).FirstOrDefaultAsync(ct);
        return row is null ? default : new PlanPosition(row.Version, row.TreeVersion);
    }
}

/// <summary>
/// Where the database decides between concurrent writers. A writer takes a lock by updating its row inside its
/// transaction: PostgreSQL then holds a row lock, SQLite its single write lock, until the transaction ends, so the next
/// writer of the same key waits and reads the state only after the first one committed. The lock is the transaction's
/// first statement: on SQLite a read before it would pin a snapshot the write could not upgrade from.
/// Order: a plan (or organization) first, the audit chain last (it is taken when the changes are saved).
/// </summary>
public static class WriteLocks
{
    /// <summary>The end of the audit chain: appends are serialized, so sequence numbers never collide.</summary>
    public const string AuditChain = "audit-chain";

    /// <summary>A plan's consuntivi, reviews, closures and year validations: the rules between them are checked under it.</summary>
    public static string Plan(Guid planId) => $"plan:{planId:N}";

    /// <summary>Imports into an organization (which may create it): two imports never race to create the same organization.</summary>
    public static string Organization(string code) => $"organization:{code}";

    /// <returns>The lock's new version: the position of this write in the change sequence.</returns>
    public static async Task<long> TakeAsync(PerformanceDbContext db, string key, CancellationToken ct, PlanWrite write = PlanWrite.Anything)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException($"The write lock '{key}' is held by a transaction: begin one first.");
        var keepsTree = write == PlanWrite.NewConsuntivi;
        // An upsert: the first writer of a key creates its row (concurrent first writers wait on the unique key, on both engines).
        // The new version is one more than the highest of all keys (as read by this statement) and than this row's own, which
        // the update reads after waiting for its lock: strictly increasing per key even when the maximum read is stale.
        var versions = await db.Database.SqlQuery<long>($"""
            INSERT INTO "WriteLocks" ("Key", "Version", "TreeVersion")
            VALUES ({key}, (SELECT COALESCE(MAX("Version"), 0) + 1 FROM "WriteLocks"), (SELECT COALESCE(MAX("Version"), 0) + 1 FROM "WriteLocks"))
            ON CONFLICT ("Key") DO UPDATE SET
              "Version" = CASE WHEN "WriteLocks"."Version" > (SELECT MAX(w."Version") FROM "WriteLocks" w) THEN "WriteLocks"."Version"
                               ELSE (SELECT MAX(w."Version") FROM "WriteLocks" w) END + 1,
              "TreeVersion" = CASE WHEN {keepsTree} THEN "WriteLocks"."TreeVersion"
                                   WHEN "WriteLocks"."Version" > (SELECT MAX(w."Version") FROM "WriteLocks" w) THEN "WriteLocks"."Version" + 1
                                   ELSE (SELECT MAX(w."Version") FROM "WriteLocks" w) + 1 END
            RETURNING "Version" AS "Value"
            """).ToListAsync(ct);
        return versions.Single();
    }

    /// <summary>
    /// Begins a transaction holding <paramref name="key"/>: commit it after saving, or dispose it to roll back (which also
    /// lets the next writer in). Writers of the same key in this process queue in memory first, before they open a
    /// connection: a burst of them neither exhausts the connection pool nor waits inside the database beyond its command
    /// timeout. The database lock still decides between processes.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(PerformanceDbContext db, string key, CancellationToken ct, PlanWrite write = PlanWrite.Anything)
    {
        var gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(ct);
            db.Change = new PlanChange(await TakeAsync(db, key, ct, write), write);
            return new GatedTransaction(db, transaction, gate);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            gate.Release();
            throw;
        }
    }

    // One gate per key ever taken (plans and organizations: a few hundred at most), kept for the life of the process.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    /// <summary>The transaction, letting the next writer of its key through once it has ended.</summary>
    private sealed class GatedTransaction(PerformanceDbContext db, IDbContextTransaction inner, SemaphoreSlim gate) : IDbContextTransaction
    {
        private int _released;

        public Guid TransactionId => inner.TransactionId;
        public void Commit() => inner.Commit();
        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);
        public void Rollback() => inner.Rollback();
        public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

        public void Dispose()
        {
            try { inner.Dispose(); }
            finally { Release(); }
        }

        public async ValueTask DisposeAsync()
        {
            try { await inner.DisposeAsync(); }
            finally { Release(); }
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            db.Change = null;
            gate.Release();
            // SQLite frees a bulk load's page cache once its transaction has ended; glibc would keep those pages.
            if (db.LargeBulkWrite)
            {
                db.LargeBulkWrite = false;
                NativeHeap.Trim();
            }
        }
    }

    /// <summary>A transaction in which the plan's rules (closures, review states, revision numbers) are checked and applied.</summary>
    /// <param name="write">What the write may change: <see cref="PlanWrite.NewConsuntivi"/> lets readers keep the plan's tree
    /// and read only the new rows (checked when the changes are saved).</param>
    public static Task<IDbContextTransaction> BeginPlanWriteAsync(this PerformanceDbContext db, Guid planId, CancellationToken ct,
        PlanWrite write = PlanWrite.Anything) =>
        BeginAsync(db, Plan(planId), ct, write);
}
