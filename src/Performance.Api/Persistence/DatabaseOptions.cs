namespace Performance.Api.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The <c>Database</c> section: which engine, and what to do with it at start-up.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up (turn off when a release pipeline migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>On an empty database, load the sample plans and their demo consuntivi.</summary>
    public bool SeedDemoData { get; set; } = true;

    public static IEnumerable<string> Problems(DatabaseOptions o)
    {
        if (!Enum.IsDefined(o.Provider)) yield return $"{Section}:Provider must be Sqlite or Postgres.";
    }
}
