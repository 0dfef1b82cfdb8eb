using Microsoft.Data.Sqlite;
using Npgsql;

namespace Performance.Api.Infrastructure;

/// <summary>
/// The database errors that are conflicts between concurrent writers, not faults: a unique index refused a second row
/// (the same code, the same revision number) or a serializable transaction lost to another. Only these become a 409.
/// </summary>
public static class DatabaseErrors
{
    // SQLite: SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY. PostgreSQL: unique_violation, serialization_failure, deadlock_detected.
    private const int SqliteUnique = 2067, SqlitePrimaryKey = 1555;

    public static bool IsConflict(Exception exception) => exception.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        PostgresException p => p.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ => false,
    };

    /// <summary>
    /// The database not taking the request for now: PostgreSQL refusing a new connection (more pooled connections, over
    /// every instance, than its max_connections; a server starting up or shutting down), or a SQLite file still locked by
    /// another process after the busy timeout (a backup holding it). Nothing is wrong with the request: it may be sent again.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }
                or SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }) return true;
        return false;
    }

    private const int SqliteBusy = 5, SqliteLocked = 6;
}
