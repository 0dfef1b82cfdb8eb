using System.Net;
using Microsoft.Data.Sqlite;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Persistence;

/// <summary>The service's SQLite file, with commands that wait 1 s for the write lock.</summary>
public sealed class ShortBusyTimeoutFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("ConnectionStrings:Performance", ConnectionString + ";Default Timeout=1")];
}

/// <summary>
/// Another program holding the SQLite file's write lock past the busy timeout (a backup, an operator's sqlite3 shell): a
/// write is a 503 with Retry-After that the caller sends again — not a 500 — and it goes through once the lock is gone.
/// </summary>
public sealed class SqliteLockedFileTests(ShortBusyTimeoutFactory factory) : IClassFixture<ShortBusyTimeoutFactory>
{
    [Fact]
    public async Task A_write_while_another_program_holds_the_file_is_a_503_to_retry_and_then_succeeds()
    {
        if (TestDatabase.IsPostgres) return; // PostgreSQL has no database-wide write lock
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        const string body = """{"year":2021,"period":"Y","value":3}""";

        await using (var other = new SqliteConnection(factory.ConnectionString))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var refused = await client.PostActualAsync(Documents.CremonaCode, "2021_01_02_04.I2", body);
            var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("service_unavailable", (string?)problem["code"]);
            Assert.Equal("5", refused.Headers.RetryAfter?.ToString());

            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.Created, (await client.PostActualAsync(Documents.CremonaCode, "2021_01_02_04.I2", body)).StatusCode);
    }
}
