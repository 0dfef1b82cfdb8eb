using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Performance.Api.Persistence;

/// <summary>
/// Inserts many new rows of one entity type with multi-row <c>INSERT ... VALUES (...), (...)</c> commands, on the
/// context's connection and in its current transaction (so an all-or-nothing request stays all or nothing).
/// Provider-neutral and stored exactly as <c>SaveChanges</c> stores them: the statement is generated from the EF model
/// (table, column names, the provider's identifier quoting and parameter syntax), and every value becomes a parameter
/// created by the property's own relational type mapping, value converter included (Guids, decimals, enums as
/// strings, dates and times are bound by SQLite and PostgreSQL exactly as EF binds them).
/// The entities are not tracked. Only for entity types whose every property is a plain column written by the client
/// (no shadow, computed or store-generated values, no owned or inherited types): anything else is refused.
/// </summary>
public static class BulkInsert
{
    /// <summary>Rows per command: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.</summary>
    public const int MaxParametersPerCommand = 10_000, MaxRowsPerCommand = 500;

    private sealed record Shape(string Head, IProperty[] Properties, RelationalTypeMapping[] Mappings, string[] Placeholders, string[] Names);

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, Shape>> Shapes = new();

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;
        var shape = ShapeOf(db, typeof(T));
        var columns = shape.Properties.Length;
        var perCommand = Math.Max(1, Math.Min(MaxRowsPerCommand, MaxParametersPerCommand / columns));

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            string? fullText = null;
            for (var start = 0; start < rows.Count; start += perCommand)
            {
                var count = Math.Min(perCommand, rows.Count - start);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                if (db.Database.GetCommandTimeout() is { } timeout) command.CommandTimeout = timeout;
                command.CommandText = count == perCommand ? fullText ??= Text(shape, count) : Text(shape, count);
                for (var r = 0; r < count; r++)
                {
                    var entity = rows[start + r];
                    for (var c = 0; c < columns; c++)
                    {
                        var property = shape.Properties[c];
                        var value = property.GetGetter().GetClrValue(entity);
                        // SaveChanges would generate a missing client-side key; here a key must come with the entity.
                        if (value is Guid g && g == Guid.Empty && property.IsKey())
                            throw new InvalidOperationException($"Bulk insert: {typeof(T).Name}.{property.Name} has no value.");
                        command.Parameters.Add(shape.Mappings[c].CreateParameter(command, shape.Names[r * columns + c], value, property.IsNullable));
                    }
                }
                var written = await command.ExecuteNonQueryAsync(ct);
                if (written != count) throw new InvalidOperationException($"Bulk insert wrote {written} of {count} rows.");
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static string Text(Shape shape, int rows)
    {
        var columns = shape.Properties.Length;
        var text = new StringBuilder(shape.Head, shape.Head.Length + rows * columns * 8);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) text.Append(", ");
                text.Append(shape.Placeholders[r * columns + c]);
            }
            text.Append(')');
        }
        return text.ToString();
    }

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
            if (p.IsShadowProperty() || p.GetComputedColumnSql() is not null || p.GetColumnName(table) is null
                || p.IsConcurrencyToken || p.ValueGenerated is not ValueGenerated.Never and not ValueGenerated.OnAdd
                || (p.ValueGenerated == ValueGenerated.OnAdd && !p.IsKey()) || p.GetDefaultValueSql() is not null)
                throw new NotSupportedException($"Bulk insert of {type.Name}: {p.Name} is not a plain client-written column.");
        }
        foreach (var key in entityType.GetKeys())
            foreach (var p in key.Properties)
                if (p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType != typeof(Guid))
                    throw new NotSupportedException($"Bulk insert of {type.Name}: key {p.Name} is store-generated.");

        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(tableName, entityType.GetSchema())} ("
                   + string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) + ") VALUES ";
        var perCommand = Math.Max(1, Math.Min(MaxRowsPerCommand, MaxParametersPerCommand / properties.Length));
        var slots = perCommand * properties.Length;
        var names = new string[slots];
        var placeholders = new string[slots];
        for (var i = 0; i < slots; i++)
        {
            var name = "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names[i] = sql.GenerateParameterName(name);
            placeholders[i] = sql.GenerateParameterNamePlaceholder(name);
        }
        return new Shape(head, properties, properties.Select(p => p.GetRelationalTypeMapping()).ToArray(), placeholders, names);
    }
}
