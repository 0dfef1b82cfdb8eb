using System.Collections.Concurrent;
using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Performance.Api.Persistence;

/// <summary>
/// Inserts many new rows of one entity type, on the context's connection and in its current transaction (so an
/// all-or-nothing request stays all or nothing): on PostgreSQL a binary <c>COPY</c>, on SQLite one prepared single-row
/// <c>INSERT</c> run for every row, its values bound by position (<see cref="SqlitePositionalInsert"/>; an entity with a
/// column type that path does not write is refused).
/// Stored exactly as <c>SaveChanges</c> stores them: the statement is generated from the EF model
/// (table, column names, the provider's identifier quoting and parameter syntax), and every value is converted by the
/// property's own relational type mapping, value converter included (Guids, decimals, enums as strings, dates and times
/// are bound by SQLite and PostgreSQL exactly as EF binds them).
/// The entities are not tracked. Only for entity types whose every property is a plain column written by the client
/// (no computed or store-generated values, no owned or inherited types; a client-written concurrency token is a plain
/// column on insert): anything else is refused. A shadow property
/// takes one value for every row, given by name in <c>shadow</c> (refused when missing).
/// </summary>
/// <remarks>
/// Why one row per statement: Microsoft.Data.Sqlite binds every parameter by name, a lookup over the statement's
/// parameters, so binding costs the square of the parameters per command (20,000 rows took 27 s of CPU in
/// 10,000-parameter commands, 0.8 s in ~100-parameter ones), and SQLite runs in-process, so a command costs no round trip
/// (40,000 consuntivi of 27 columns into the bench's database: about 2.5 times the rows per second of 4-row commands).
/// </remarks>
public static class BulkInsert
{
    /// <param name="Insert">The single-row INSERT, its parameters in column order.</param>
    /// <param name="Copy">PostgreSQL's <c>COPY … FROM STDIN (FORMAT BINARY)</c> of the same table and columns.</param>
    private sealed record Shape(string Insert, string Copy, IProperty[] Properties, RelationalTypeMapping[] Mappings)
    {
        public bool[] Nullable { get; } = Properties.Select(p => p.IsNullable).ToArray();
    }

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, Shape>> Shapes = new();

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct,
        IReadOnlyDictionary<string, object?>? shadow = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;
        var shape = ShapeOf(db, typeof(T));
        var columns = shape.Properties.Length;
        var shadowValues = new object?[columns];
        for (var c = 0; c < columns; c++)
            if (shape.Properties[c].IsShadowProperty() && !(shadow?.TryGetValue(shape.Properties[c].Name, out shadowValues[c]) ?? false))
                throw new InvalidOperationException($"Bulk insert of {typeof(T).Name}: the shadow property {shape.Properties[c].Name} needs a value.");

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        object? sqliteCache = null;
        try
        {
            if (connection is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, shape, rows, shadowValues, ct);
                return;
            }
            if (connection is not SqliteConnection sqlite)
                throw new NotSupportedException($"Bulk insert: no bulk path for {connection.GetType().Name}.");
            // Every entity the service bulk-inserts has only columns that path writes; a new one that does not fails here
            // (and in its tests), rather than quietly taking another path.
            if (!SqlitePositionalInsert.Supports(sqlite, shape.Mappings, shape.Nullable))
                throw new NotSupportedException($"Bulk insert of {typeof(T).Name}: a column's type is not one SQLite's positional insert writes.");
            // Rows land at random places of the key indexes (Guids): with SQLite's default 2 MB page cache, nearly every
            // row evicts a dirty page to the WAL mid-transaction. A larger cache for the duration of the insert only.
            sqliteCache = await ScalarAsync("PRAGMA cache_size");
            await ScalarAsync($"PRAGMA cache_size = -{SqliteCacheKiB}");
            SqlitePositionalInsert.Insert(sqlite, shape.Insert, rows.Count, columns, (r, values) =>
            {
                for (var c = 0; c < columns; c++)
                    values[c] = ProviderValue(shape.Mappings[c], ColumnValue(shape.Properties[c], rows[r], shadowValues[c]));
            }, TimeSpan.FromSeconds(db.Database.GetCommandTimeout() ?? sqlite.DefaultTimeout), ct);
            if (rows.Count >= NativeHeap.LargeWrite && db is PerformanceDbContext context) context.LargeBulkWrite = true;
        }
        finally
        {
            if (sqliteCache is not null) await ScalarAsync(FormattableString.Invariant($"PRAGMA cache_size = {sqliteCache}"));
            if (opened) await db.Database.CloseConnectionAsync();
        }

        async Task<object?> ScalarAsync(string sql)
        {
            await using var pragma = connection.CreateCommand();
            pragma.Transaction = transaction;
            pragma.CommandText = sql;
            return await pragma.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>SQLite page cache during a bulk insert (KiB): holds the key indexes of a plan of a few million rows.</summary>
    public const int SqliteCacheKiB = 65_536;

    /// <summary>
    /// PostgreSQL: the rows streamed by binary COPY on the connection, inside its current transaction (Npgsql runs every
    /// command of a connection in its transaction). Each value is converted as a parameter would be and written with the
    /// column's store type (<c>uuid</c>, <c>numeric</c>, <c>timestamp with time zone</c>…), so it is stored as an INSERT stores it.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, Shape shape, IReadOnlyList<T> rows, object?[] shadowValues, CancellationToken ct) where T : class
    {
        await using var import = await connection.BeginBinaryImportAsync(shape.Copy, ct);
        foreach (var entity in rows)
        {
            await import.StartRowAsync(ct);
            for (var c = 0; c < shape.Properties.Length; c++)
            {
                var value = ProviderValue(shape.Mappings[c], ColumnValue(shape.Properties[c], entity, shadowValues[c]));
                if (value is DBNull) await import.WriteNullAsync(ct);
                else await import.WriteAsync(value, shape.Mappings[c].StoreTypeNameBase, ct);
            }
        }
        var written = await import.CompleteAsync(ct);
        if (written != (ulong)rows.Count) throw new InvalidOperationException($"Bulk insert (COPY) wrote {written} of {rows.Count} rows.");
    }

    /// <summary>A row's value of a column: the shadow value given for the call, or the entity's own (a key must come with it).</summary>
    private static object? ColumnValue<T>(IProperty property, T entity, object? shadowValue) where T : class
    {
        var value = property.IsShadowProperty() ? shadowValue : property.GetGetter().GetClrValue(entity);
        // SaveChanges would generate a missing client-side key; here a key must come with the entity.
        if (value is Guid g && g == Guid.Empty && property.IsKey())
            throw new InvalidOperationException($"Bulk insert: {typeof(T).Name}.{property.Name} has no value.");
        return value;
    }

    /// <summary>What <see cref="RelationalTypeMapping.CreateParameter"/> puts in a parameter for a value of the property's type.</summary>
    private static object ProviderValue(RelationalTypeMapping mapping, object? value) =>
        value is null ? DBNull.Value : (mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;

    private static Shape ShapeOf(DbContext db, Type type) =>
        Shapes.GetValue(db.Model, _ => new ConcurrentDictionary<Type, Shape>()).GetOrAdd(type, t => Build(db, t));

    private static Shape Build(DbContext db, Type type)
    {
        var entityType = db.Model.FindEntityType(type) ?? throw new NotSupportedException($"{type.Name} is not an entity type.");
        if (entityType.BaseType is not null || entityType.GetDirectlyDerivedTypes().Any() || entityType.IsOwned())
            throw new NotSupportedException($"Bulk insert of {type.Name}: inheritance and owned types are not supported.");
        var tableName = entityType.GetTableName() ?? throw new NotSupportedException($"{type.Name} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var properties = entityType.GetProperties().ToArray();
        foreach (var p in properties)
        {
            if (p.GetComputedColumnSql() is not null || p.GetColumnName(table) is null
                // A concurrency token written by the client (a Guid version) is, on insert, a plain column: SaveChanges
                // writes its current value too. One the store generates (a rowversion) is not.
                || (p.IsConcurrencyToken && p.ValueGenerated != ValueGenerated.Never)
                || p.ValueGenerated is not ValueGenerated.Never and not ValueGenerated.OnAdd
                || (p.ValueGenerated == ValueGenerated.OnAdd && !p.IsKey()) || p.GetDefaultValueSql() is not null)
                throw new NotSupportedException($"Bulk insert of {type.Name}: {p.Name} is not a plain client-written column.");
        }
        foreach (var key in entityType.GetKeys())
            foreach (var p in key.Properties)
                if (p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType != typeof(Guid))
                    throw new NotSupportedException($"Bulk insert of {type.Name}: key {p.Name} is store-generated.");

        var sql = db.GetService<ISqlGenerationHelper>();
        var columnList = $"{sql.DelimitIdentifier(tableName, entityType.GetSchema())} ("
                         + string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ")";
        var copy = $"COPY {columnList} FROM STDIN (FORMAT BINARY)";
        var placeholders = new string[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var name = "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            placeholders[i] = sql.GenerateParameterNamePlaceholder(name);
        }
        var insert = $"INSERT INTO {columnList} VALUES ({string.Join(", ", placeholders)})";
        return new Shape(insert, copy, properties, properties.Select(p => p.GetRelationalTypeMapping()).ToArray());
    }
}
