using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Performance.Api.Infrastructure;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// Database failures: only the ones that are conflicts between writers (a unique index, a lost serializable transaction)
/// are a 409; a text PostgreSQL cannot store is the caller's 400; any other is a fault — a 500 with a trace id and nothing
/// of the SQL or the message.
/// </summary>
public sealed class ProblemDetailsMappingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<(int Status, JsonNode Body)> AnswerAsync(Exception exception)
    {
        var (status, body, _) = await AnswerWithHeadersAsync(exception);
        return (status, body);
    }

    private async Task<(int Status, JsonNode Body, IHeaderDictionary Headers)> AnswerWithHeadersAsync(Exception exception)
    {
        _ = factory.Server; // the host is built
        var http = new DefaultHttpContext { RequestServices = factory.Services };
        http.Response.Body = new MemoryStream();
        var handler = new ProblemDetailsExceptionHandler(factory.Services.GetRequiredService<IProblemDetailsService>(),
            NullLogger<ProblemDetailsExceptionHandler>.Instance);
        Assert.True(await handler.TryHandleAsync(http, exception, CancellationToken.None));
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, JsonNode.Parse(await new StreamReader(http.Response.Body).ReadToEndAsync())!, http.Response.Headers);
    }

    private static DbUpdateException Update(Exception inner) => new("An error occurred while saving the entity changes.", inner);

    [Theory]
    [InlineData(19, 2067)] // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(19, 1555)] // SQLITE_CONSTRAINT_PRIMARYKEY
    public async Task A_unique_index_refusal_is_a_conflict(int code, int extended)
    {
        var (status, body) = await AnswerAsync(Update(new SqliteException("UNIQUE constraint failed: Actuals.IndicatorId", code, extended)));
        Assert.Equal(409, status);
        Assert.DoesNotContain("Actuals", body.ToJsonString());
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("40001")] // serialization_failure
    [InlineData("40P01")] // deadlock_detected
    public async Task PostgreSQL_conflicts_are_conflicts(string sqlState)
    {
        var (status, _) = await AnswerAsync(Update(new PostgresException("conflict", "ERROR", "ERROR", sqlState)));
        Assert.Equal(409, status);
    }

    [Theory]
    [InlineData(19, 1299)] // SQLITE_CONSTRAINT_NOTNULL: a bug, not a conflict
    [InlineData(19, 787)] // SQLITE_CONSTRAINT_FOREIGNKEY
    [InlineData(1, 1)] // SQLITE_ERROR: "no such column"
    public async Task Any_other_database_failure_is_a_500_with_a_trace_id_and_nothing_leaked(int code, int extended)
    {
        var (status, body) = await AnswerAsync(Update(new SqliteException("NOT NULL constraint failed: Actuals.Period (SELECT secret FROM x)", code, extended)));
        Assert.Equal(500, status);
        Assert.False(string.IsNullOrEmpty((string?)body["traceId"]));
        var text = body.ToJsonString();
        Assert.DoesNotContain("Actuals", text);
        Assert.DoesNotContain("SELECT", text);
        Assert.DoesNotContain("constraint", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("22021")] // character_not_in_repertoire: a NUL in a text
    [InlineData("22P05")] // untranslatable_character
    public async Task A_text_PostgreSQL_cannot_store_is_the_callers_400_on_a_save_as_on_a_read(string sqlState)
    {
        // A read's lookup already said so; a save (wrapped in DbUpdateException) was a 500. The inputs known to carry one are
        // refused before (ContractSweepTests): this is the net under the ones not known yet.
        foreach (var exception in new Exception[] { new PostgresException("invalid byte sequence", "ERROR", "ERROR", sqlState), Update(new PostgresException("invalid byte sequence", "ERROR", "ERROR", sqlState)) })
        {
            var (status, body) = await AnswerAsync(exception);
            Assert.Equal(400, status);
            Assert.Equal("forbidden_character", (string?)body["code"]);
            Assert.DoesNotContain("byte sequence", body.ToJsonString());
        }
    }

    /// <summary>
    /// More pooled connections than PostgreSQL's max_connections (two instances with the default pool of 100 on a default
    /// server), or a server starting: the request may simply be sent again — a 503 with Retry-After, not a 500. As the
    /// database raises it, and as EF Core wraps it when it takes it for transient.
    /// </summary>
    [Theory]
    [InlineData("53300")] // too_many_connections
    [InlineData("57P03")] // cannot_connect_now
    public async Task A_database_that_takes_no_more_connections_is_a_503_to_retry(string sqlState)
    {
        var refused = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", sqlState);
        foreach (var exception in new Exception[] { refused, new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused) })
        {
            var (status, body, headers) = await AnswerWithHeadersAsync(exception);
            Assert.Equal(503, status);
            Assert.Equal("service_unavailable", (string?)body["code"]);
            Assert.Equal("5", headers.RetryAfter.ToString());
            Assert.DoesNotContain("clients", body.ToJsonString());
        }
    }

    [Theory]
    [InlineData(5)] // SQLITE_BUSY: another process holds the file past the busy timeout (a backup)
    [InlineData(6)] // SQLITE_LOCKED
    public async Task A_SQLite_file_still_locked_after_the_busy_timeout_is_a_503_to_retry(int code)
    {
        var (status, body, headers) = await AnswerWithHeadersAsync(Update(new SqliteException("database is locked", code)));
        Assert.Equal(503, status);
        Assert.Equal("service_unavailable", (string?)body["code"]);
        Assert.Equal("5", headers.RetryAfter.ToString());
        Assert.DoesNotContain("locked", body.ToJsonString());
    }

    [Fact]
    public async Task A_PostgreSQL_not_null_violation_is_a_500()
    {
        var (status, _) = await AnswerAsync(Update(new PostgresException("null value in column", "ERROR", "ERROR", "23502")));
        Assert.Equal(500, status);
    }
}
