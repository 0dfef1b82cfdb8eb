using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;

namespace Performance.Api.Persistence;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=performance.db";

    /// <summary>
    /// One configuration switch selects the engine; the same migrations serve both. Read from the built configuration
    /// when a context is made, not at registration: a host (WebApplicationFactory) adds its configuration only after
    /// Program has registered services, and must not end up on the default file.
    /// </summary>
    public static IServiceCollection AddPerformanceDatabase(this IServiceCollection services)
    {
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section, DatabaseOptions.Problems);
        services.AddValidatedOptions<AuditOptions>(AuditOptions.Section, AuditOptions.Problems);
        services.AddSingleton<AuditKey>();
        services.AddScoped<AuditTrail>();
        services.AddDbContext<PerformanceDbContext>((scope, options) =>
        {
            var provider = scope.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            var connectionString = scope.GetRequiredService<IConfiguration>().GetConnectionString("Performance") ?? DefaultSqlite;
            if (provider == DatabaseProvider.Postgres) options.UseNpgsql(connectionString);
            else options.UseSqlite(connectionString).AddInterceptors(SqliteBusyTimeout.Instance);
        });
        return services;
    }

    /// <summary>Applies migrations (when configured) and, on SQLite, switches the file to WAL so readers never block the writer.</summary>
    public static void PrepareDatabase(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup) db.Database.Migrate();
        if (db.Database.IsSqlite() && !IsInMemory(db.Database.GetConnectionString()))
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        AuditSeal.SealUnsignedAsync(db, audit, app.Logger, CancellationToken.None).GetAwaiter().GetResult();
        AuditSeal.RecordUncoveredActsAsync(db, audit, app.Logger, CancellationToken.None).GetAwaiter().GetResult();
        AuditSeal.RecordKeyRotationAsync(db, audit, scope.ServiceProvider.GetRequiredService<AuditKey>(), app.Logger, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static bool IsInMemory(string? connectionString) =>
        connectionString is not null && new SqliteConnectionStringBuilder(connectionString) is var b
        && (b.Mode == SqliteOpenMode.Memory || b.DataSource == ":memory:");
}
