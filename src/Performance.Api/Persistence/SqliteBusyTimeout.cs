using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Performance.Api.Persistence;

/// <summary>
/// Lets SQLite itself wait for its write lock, up to the command timeout. One SQLite file has one write lock: a writer of
/// one plan meets the write of another plan (their in-memory gates are per plan, <see cref="WriteLocks"/>). Without a busy
/// timeout SQLite answers "busy" at once and Microsoft.Data.Sqlite tries again every 150 ms, so such a writer came in up to
/// 150 ms after the lock was free; SQLite's own busy handler tries again after 1, 2, 5, 10 … ms. Measured with consuntivi
/// written to two plans at 20/s (load test, scenario f; README): median 75–77 ms, p99 162–247 ms before; 14–16 ms and
/// 56–61 ms with it.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection, eventData.Context);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection, eventData.Context);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection, DbContext? context)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite) return;
        // The timeout a command of this context has (0: none, as Microsoft.Data.Sqlite reads it: wait as long as it takes).
        var seconds = context?.Database.GetCommandTimeout() ?? sqlite.DefaultTimeout;
        var milliseconds = seconds > 0 ? (int)Math.Min(seconds * 1000L, int.MaxValue) : int.MaxValue;
        var rc = raw.sqlite3_busy_timeout(handle, milliseconds);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
    }
}
