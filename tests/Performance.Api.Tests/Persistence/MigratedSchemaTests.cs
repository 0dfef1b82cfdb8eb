using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Persistence;

/// <summary>The hand-written migrations must build exactly the schema the EF model describes, on the engine under test.</summary>
public sealed class MigratedSchemaTests
{
    [Fact]
    public void Migrated_schema_equals_the_schema_created_from_the_model()
    {
        var migrated = TestDatabase.Create();
        var modelled = TestDatabase.Create();
        try
        {
            using (var db = migrated.NewContext()) db.Database.Migrate();
            using (var db = modelled.NewContext()) db.Database.EnsureCreated();

            var expected = Describe(modelled);
            var actual = Describe(migrated);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
        finally
        {
            migrated.Drop();
            modelled.Drop();
        }
    }

    [Fact]
    public void No_model_change_is_missing_a_migration()
    {
        var database = TestDatabase.Create();
        try
        {
            using var db = database.NewContext();
            db.Database.Migrate();
            Assert.Empty(db.Database.GetPendingMigrations());
        }
        finally { database.Drop(); }
    }

    /// <summary>Tables, columns (type, nullability), indexes and constraints as sorted lines, ignoring the history table.</summary>
    private static List<string> Describe(TestDatabase database)
    {
        using DbConnection connection = database.Provider == "Postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        connection.Open();
        var lines = database.Provider == "Postgres"
            ? Query(connection, """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable
                  FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EFMigrations%'
                UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EFMigrations%'
                UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EFMigrations%'
                """)
            : Query(connection, """
                SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
                  FROM sqlite_master m JOIN pragma_table_info(m.name) c
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EFMigrations%'
                UNION ALL SELECT 'index ' || m.name || ' ' || i.name || ' unique=' || i."unique" || ' ' ||
                       (SELECT group_concat(ii.name, ',') FROM pragma_index_info(i.name) ii)
                  FROM sqlite_master m JOIN pragma_index_list(m.name) i
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EFMigrations%'
                UNION ALL SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' delete=' || f.on_delete
                  FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<string> Query(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return lines;
    }
}
