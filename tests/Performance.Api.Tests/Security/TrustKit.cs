using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>Real ids of an imported Cremona plan, for requests that need them.</summary>
public sealed record TrustContext(string Plan, string Title, string Node, string Indicator, string IndicatorName, Guid Actual, Guid Closure, string ETag)
{
    /// <summary>An indicator of a CR-SG objective: the Cremona referente's own.</summary>
    public const string ReferenteIndicator = "2021_01_01_01.I1";
    /// <summary>An indicator of a strategic area without a responsible structure: no referente's.</summary>
    public const string UnassignedIndicator = "2021_01.I2";

    // Evidence and judgement (EvidenceKit): an attachment of Actual cited by a proposed forzatura, another one a referente
    // uploaded (to delete), and year 2022 validated with a checked sample and its validation document.
    public Guid Attachment { get; init; }
    public Guid DeletableAttachment { get; init; }
    public Guid Forzatura { get; init; }
    public Guid Sample { get; init; }
    public Guid SampledActual { get; init; }
    /// <summary>A webhook of the organization, subscribed to an event the matrix never triggers (so no delivery changes the rows it compares).</summary>
    public Guid Webhook { get; init; }
    public const int ValidatedYear = 2022;
}

public static class TrustKit
{
    public const string Org = Documents.CremonaOrganization;
    public const string OtherOrg = "INPS";
    public static readonly string[] Roles = ["Admin", "ControlloGestione", "Referente", "Oiv", "Viewer"];

    public static string Key(string role, string org = Org) => TestIdentities.Key(role, org);

    /// <summary>
    /// A client the endpoint's role check lets through: the platform Admin, or for the OIV's acts (which no Admin may do)
    /// the organization's OIV. For tests about something other than authorization.
    /// </summary>
    public static HttpClient ClientFor(this ApiFactory factory, EndpointCase endpoint) =>
        endpoint.Allowed.Contains("Admin") ? factory.CreateClient() : factory.CreateClientAs(Key(endpoint.Allowed[0]));

    /// <summary>Imports Cremona (platform Admin) and creates an actual (draft) and a closure (Q4 2023) to act on.</summary>
    public static async Task<TrustContext> SetUpCremonaAsync(ApiFactory factory)
    {
        var admin = factory.CreateClient();
        await admin.EnsureCremonaAsync();
        var plan = await admin.GetJsonAsync($"/api/plans/{Documents.CremonaCode}");
        var indicatorKey = $"{Documents.CremonaCode}:2021_01_01_02.I1";
        var indicator = await admin.GetJsonAsync($"/api/indicators/{indicatorKey}");
        var actual = await admin.PostActualOkAsync(Documents.CremonaCode, "2021_01_01_02.I1", """{"year":2021,"period":"Y","value":1}""");
        var closure = await admin.PostJsonTextAsync($"/api/plans/{Documents.CremonaCode}/closures", """{"year":2023,"period":"Q4","reason":"set-up"}""");
        Assert.Equal(HttpStatusCode.Created, closure.StatusCode);
        var nodeResponse = await admin.GetAsync($"/api/plans/{Documents.CremonaCode}/nodes/2021_01_01_02");
        var webhook = await admin.PostJsonTextAsync($"/api/organizations/{Org}/webhooks",
            """{"url":"http://127.0.0.1:9/hook","events":["consuntivo.overdue"],"secret":"set-up-secret-0123456789"}""");
        Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
        var webhookId = Guid.Parse((string)(await webhook.ReadJsonAsync())["id"]!);
        var context = await EvidenceKit.ExtendAsync(factory, new TrustContext(Documents.CremonaCode, (string)plan["title"]!, "2021_01_01_02", indicatorKey,
            (string)indicator["name"]!, Guid.Parse((string)actual["id"]!), Guid.Parse((string)(await closure.ReadJsonAsync())["id"]!), nodeResponse.ETag()));
        return context with { Webhook = webhookId };
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, string method, string url, string? json, string? ifMatch = null,
        string contentType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>No stack trace, exception type or SQL in an answer.</summary>
    public static void AssertNothingInternal(string body)
    {
        foreach (var leak in new[] { "   at ", "Exception", "StackTrace", "SQLite Error", "Npgsql", "SELECT ", "INSERT INTO", "UPDATE \"", "syntax error", "Microsoft.", "System." })
            Assert.False(body.Contains(leak, StringComparison.Ordinal), $"the answer leaks '{leak}': {Truncate(body)}");
    }

    public static string Truncate(string s, int max = 600) => s.Length <= max ? s : s[..max] + "…";

    public static DbConnection Open(ApiFactory factory)
    {
        DbConnection connection = factory.Provider == "Sqlite" ? new SqliteConnection(factory.ConnectionString) : new NpgsqlConnection(factory.ConnectionString);
        connection.Open();
        return connection;
    }

    public static async Task<int> ExecuteAsync(ApiFactory factory, string sql)
    {
        await using var connection = Open(factory);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Quoted identifier for both engines.</summary>
    public static string Q(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

/// <summary>A hash of every row of every table (rows serialized and put in a canonical order), and for SQLite of the file itself.</summary>
public static class DatabaseFingerprint
{
    public static async Task<string> RowsAsync(ApiFactory factory)
    {
        await using var connection = TrustKit.Open(factory);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = factory.Provider == "Sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("Plans", tables);
        var all = new StringBuilder();
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {TrustKit.Q(table)}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var value = reader.IsDBNull(c) ? "∅" : reader.GetValue(c) switch
                    {
                        byte[] bytes => Convert.ToHexString(bytes),
                        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                        var v => v.ToString(),
                    };
                    row.Append(reader.GetName(c)).Append('=').Append(value?.Length).Append(':').Append(value).Append('|');
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            all.Append("## ").Append(table).Append(' ').Append(rows.Count).Append('\n');
            foreach (var r in rows) all.Append(r).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString()))) + $" ({all.Length} chars, {tables.Count} tables)";
    }

    /// <summary>SQLite only: the main file's SHA-256 after the WAL is checkpointed into it; null on other engines.</summary>
    public static async Task<string?> FileAsync(ApiFactory factory)
    {
        if (factory.Provider != "Sqlite") return null;
        await using (var connection = TrustKit.Open(factory))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0L, reader.GetInt64(0)); // not busy: every frame went into the file
        }
        var path = new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }
}
