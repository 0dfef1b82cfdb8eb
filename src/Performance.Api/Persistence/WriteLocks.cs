using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Performance.Api.Persistence;

/// <summary>A row whose update serializes the writers that must not interleave (see <see cref="WriteLocks"/>).</summary>
public sealed class WriteLock
{
    public required string Key { get; init; }
    public long Version { get; set; }
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

    public static async Task TakeAsync(PerformanceDbContext db, string key, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException($"The write lock '{key}' is held by a transaction: begin one first.");
        // An upsert: the first writer of a key creates its row (concurrent first writers wait on the unique key, on both engines).
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "WriteLocks" ("Key", "Version") VALUES ({key}, 1) ON CONFLICT ("Key") DO UPDATE SET "Version" = "WriteLocks"."Version" + 1""", ct);
    }

    /// <summary>
    /// Begins a transaction holding <paramref name="key"/>: commit it after saving, or dispose it to roll back (which also
    /// lets the next writer in). Writers of the same key in this process queue in memory first, before they open a
    /// connection: a burst of them neither exhausts the connection pool nor waits inside the database beyond its command
    /// timeout. The database lock still decides between processes.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(PerformanceDbContext db, string key, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(ct);
            await TakeAsync(db, key, ct);
            return new GatedTransaction(transaction, gate);
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
    private sealed class GatedTransaction(IDbContextTransaction inner, SemaphoreSlim gate) : IDbContextTransaction
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
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    /// <summary>A transaction in which the plan's rules (closures, review states, revision numbers) are checked and applied.</summary>
    public static Task<IDbContextTransaction> BeginPlanWriteAsync(this PerformanceDbContext db, Guid planId, CancellationToken ct) =>
        BeginAsync(db, Plan(planId), ct);
}
