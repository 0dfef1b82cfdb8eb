using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Persistence;

/// <summary>
/// The service's SQLite connections wait for the write lock in SQLite's own busy handler (<see cref="SqliteBusyTimeout"/>),
/// as long as a command of their context may wait — not in Microsoft.Data.Sqlite's 150 ms retries.
/// </summary>
public sealed class SqliteBusyTimeoutTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(null, 30_000)]   // Microsoft.Data.Sqlite's default command timeout, 30 s
    [InlineData(7, 7_000)]
    [InlineData(0, int.MaxValue)] // no timeout: wait as long as it takes
    public async Task A_connection_of_the_service_waits_for_the_write_lock_as_long_as_its_commands_may(int? commandTimeout, long expected)
    {
        if (TestDatabase.IsPostgres) return; // PostgreSQL waits on row locks, with no such setting
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        if (commandTimeout is { } seconds) db.Database.SetCommandTimeout(seconds);
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(expected, (long)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
