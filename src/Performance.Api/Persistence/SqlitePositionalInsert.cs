using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Performance.Api.Persistence;

/// <summary>
/// SQLite's side of <see cref="BulkInsert"/>: one statement prepared on the connection's own handle (so it runs in the
/// connection's current transaction, as every SQLite statement of that connection does), its values bound by position.
/// Why not a <see cref="SqliteCommand"/>: Microsoft.Data.Sqlite looks every parameter up by its name on every execution
/// (each name turned into UTF-8 first), which took more of the bench's bulk load than SQLite writing the rows.
/// </summary>
/// <remarks>
/// Values are written in the forms Microsoft.Data.Sqlite gives them (its SqliteValueBinder): integers and booleans as
/// INTEGER, <see cref="double"/> as REAL, text as UTF-8, a <see cref="Guid"/> as upper-case text, a <see cref="decimal"/>
/// as <c>0.0###…</c> invariant text, a <see cref="DateTime"/> as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, a <see cref="DateOnly"/>
/// as <c>yyyy-MM-dd</c>. Only columns whose provider type is one of those (after the property's value converter), bound as
/// text where the type mapping could have asked otherwise (a Guid as a BLOB, a date as a REAL), take this path
/// (<see cref="Supports"/>); <see cref="BulkInsert"/> refuses an entity with any other column. BulkInsertTests
/// compares every stored column, type and text, with what SaveChanges stores.
/// </remarks>
internal static class SqlitePositionalInsert
{
    private static readonly HashSet<Type> Written =
        [typeof(string), typeof(Guid), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(bool), typeof(decimal), typeof(double), typeof(DateTime), typeof(DateOnly)];

    /// <summary>Whether every column's provider type is one written here, in the form its type mapping gives it.</summary>
    public static bool Supports(SqliteConnection connection, RelationalTypeMapping[] mappings, bool[] nullable)
    {
        using var probe = connection.CreateCommand();
        for (var c = 0; c < mappings.Length; c++)
        {
            var provider = mappings[c].Converter?.ProviderClrType ?? mappings[c].ClrType;
            provider = Nullable.GetUnderlyingType(provider) ?? provider;
            if (!Written.Contains(provider)) return false;
            // The mapping may configure its parameter (e.g. a Guid as a BLOB): only text-bound forms are written here.
            var parameter = (SqliteParameter)mappings[c].CreateParameter(probe, "p", null, nullable[c]);
            if (provider == typeof(Guid) && parameter.SqliteType == SqliteType.Blob) return false;
            if (provider == typeof(DateTime) || provider == typeof(DateOnly))
                if (parameter.SqliteType == SqliteType.Real) return false;
        }
        return true;
    }

    /// <summary>Runs <paramref name="sql"/> once per row, <paramref name="values"/> filling a row's provider values (null or DBNull for NULL).</summary>
    /// <param name="timeout">How long a row waits for another connection's write lock (busy or locked), as a command waits
    /// for its <c>CommandTimeout</c>: SQLite's busy handler waits first (<see cref="SqliteBusyTimeout"/>), then the row is tried
    /// again every 150 ms until then.</param>
    public static void Insert(SqliteConnection connection, string sql, int rows, int columns, Action<int, object?[]> values, TimeSpan timeout, CancellationToken ct)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
        {
            var row = new object?[columns];
            var buffer = ArrayPool<byte>.Shared.Rent(1024);
            try
            {
                for (var r = 0; r < rows; r++)
                {
                    if (r % 1024 == 0) ct.ThrowIfCancellationRequested();
                    values(r, row);
                    for (var c = 0; c < columns; c++)
                    {
                        rc = Bind(statement, c + 1, row[c], ref buffer);
                        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, handle);
                    }
                    rc = Step(statement, timeout, ct);
                    // A failed step is reported by reset too; the statement is ready for the next row either way.
                    var reset = raw.sqlite3_reset(statement);
                    if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(reset != raw.SQLITE_OK ? reset : rc, handle);
                    if (raw.sqlite3_changes(handle) != 1) throw new InvalidOperationException($"Bulk insert wrote {raw.sqlite3_changes(handle)} rows for row {r}.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>One step; while another connection holds the write lock (outside a transaction of this one that already has
    /// it), the statement is reset, keeping its bindings, and stepped again until <paramref name="timeout"/>.</summary>
    private static int Step(sqlite3_stmt statement, TimeSpan timeout, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || waited.Elapsed >= timeout) return rc;
            raw.sqlite3_reset(statement);
            ct.WaitHandle.WaitOne(150);
            ct.ThrowIfCancellationRequested();
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value, ref byte[] buffer) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => Text(statement, index, text, ref buffer),
        Guid guid => Formatted(statement, index, guid, "D", upper: true, ref buffer),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        decimal number => Formatted(statement, index, number, "0.0###########################", upper: false, ref buffer),
        double number => double.IsNaN(number)
            ? throw new InvalidOperationException("SQLite cannot store NaN.")
            : raw.sqlite3_bind_double(statement, index, number),
        DateTime instant => Formatted(statement, index, instant, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", upper: false, ref buffer),
        DateOnly day => Formatted(statement, index, day, @"yyyy\-MM\-dd", upper: false, ref buffer),
        _ => throw new InvalidOperationException($"Bulk insert: no SQLite form for a {value.GetType().Name}."),
    };

    private static int Formatted<TValue>(sqlite3_stmt statement, int index, TValue value, string format, bool upper, ref byte[] buffer)
        where TValue : ISpanFormattable
    {
        Span<char> chars = stackalloc char[64];
        if (!value.TryFormat(chars, out var length, format, CultureInfo.InvariantCulture))
            return Text(statement, index, value.ToString(format, CultureInfo.InvariantCulture), ref buffer, upper);
        // Every form written here is ASCII (digits, signs, separators, hexadecimal letters): one byte per char.
        Span<byte> bytes = stackalloc byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)(upper && chars[i] is >= 'a' and <= 'z' ? chars[i] - ('a' - 'A') : chars[i]);
        return raw.sqlite3_bind_text(statement, index, bytes);
    }

    private static int Text(sqlite3_stmt statement, int index, string text, ref byte[] buffer, bool upper = false)
    {
        if (upper) text = text.ToUpperInvariant();
        // An empty span would be bound as a null pointer, i.e. NULL: the empty string goes through the string overload.
        if (text.Length == 0) return raw.sqlite3_bind_text(statement, index, text);
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        var written = Encoding.UTF8.GetBytes(text, buffer);
        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
    }
}
