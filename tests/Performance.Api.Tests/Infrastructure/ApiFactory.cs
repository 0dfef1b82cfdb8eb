using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Performance.Api.Persistence;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// The real service over real HTTP on a real engine: a fresh SQLite file, or (PERFORMANCE_TEST_DB=Postgres) a fresh
/// PostgreSQL database, one per test class. Migrations run exactly as in production.
/// </summary>
/// <summary>
/// Test API keys: the key is "role:organization" (the configuration holds only its SHA-256, as in production).
/// Referenti of an organization report for the structures listed in <see cref="ReferenteStructures"/>.
/// </summary>
public static class TestIdentities
{
    public const string PlatformAdmin = "Admin:*";
    public static readonly string[] Organizations = ["CCIAA-CR", "INPS", "TEST", "OTHER"];
    public static readonly string[] ReferenteStructures = ["CR-SG", "A", "DR-LOM"];

    public static string Key(string role, string organization) => $"{role}:{organization}";

    public static IEnumerable<KeyValuePair<string, string?>> Settings
    {
        get
        {
            var keys = new List<(string Role, string Org)> { ("Admin", "*") };
            foreach (var org in Organizations)
                keys.AddRange(new[] { "Admin", "ControlloGestione", "Referente", "Oiv", "Viewer" }.Select(role => (role, org)));
            for (var i = 0; i < keys.Count; i++)
            {
                var (role, org) = keys[i];
                var key = Key(role, org);
                yield return new($"Auth:ApiKeys:{i}:Name", key);
                yield return new($"Auth:ApiKeys:{i}:Sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))));
                yield return new($"Auth:ApiKeys:{i}:Role", role);
                yield return new($"Auth:ApiKeys:{i}:Organization", org);
                if (role == "Referente")
                    for (var s = 0; s < ReferenteStructures.Length; s++) yield return new($"Auth:ApiKeys:{i}:Structures:{s}", ReferenteStructures[s]);
            }
        }
    }
}

public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    public ApiFactory() : this(TestDatabase.Create(), ownsDatabase: true) { }

    /// <summary>A service on a database made elsewhere: a restart test disposes one factory and starts the next on it.</summary>
    protected ApiFactory(TestDatabase database, bool ownsDatabase) => (_database, _ownsDatabase) = (database, ownsDatabase);

    public TestDatabase Database => _database;

    public string ConnectionString => _database.ConnectionString;
    public string Provider => _database.Provider;

    /// <summary>Extra settings a test class needs (e.g. a low rate limit), applied after the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider,
            ["ConnectionStrings:Performance"] = _database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "false",
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            // Off: a start-up load reading the database while a test counts statements or loads would race it
            // (PlanTreeWarmUpTests turn it on).
            ["PlanCache:WarmUpOnStart"] = "false",
        }.Concat(TestIdentities.Settings)).AddInMemoryCollection(Settings)); // a later source overrides the defaults

    /// <summary>
    /// Every client authenticates as a platform administrator unless a test asks for another identity, and reads
    /// messages in English (the suite's assertions are written in English; the Italian default has its own tests,
    /// LanguageTests, which remove this header).
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", TestIdentities.PlatformAdmin);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    /// <summary>A client with the given API key, or with no credentials at all when the key is null.</summary>
    public HttpClient CreateClientAs(string? apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) _database.Drop();
    }
}

/// <summary>A throw-away database on the engine selected by PERFORMANCE_TEST_DB.</summary>
public sealed record TestDatabase(string Provider, string ConnectionString, Action Drop)
{
    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("PERFORMANCE_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static TestDatabase Create()
    {
        if (!IsPostgres)
        {
            var file = Path.Combine(Path.GetTempPath(), $"performance-test-{Guid.NewGuid():N}.db");
            return new("Sqlite", $"Data Source={file};Pooling=False", () =>
            {
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            });
        }
        var server = Environment.GetEnvironmentVariable("PERFORMANCE_TEST_PG")
                     ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
        var name = $"perf_test_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new("Postgres", connection, () =>
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    /// <summary>A context on this database outside any host (migrating by hand, reading rows as stored).</summary>
    public PerformanceDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<PerformanceDbContext>();
        if (Provider == "Postgres") options.UseNpgsql(ConnectionString);
        else options.UseSqlite(ConnectionString);
        return new PerformanceDbContext(options.Options);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

public static class Repository
{
    /// <summary>The repository root (where Performance.sln is), found from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Performance.sln"))) return dir.FullName;
            throw new InvalidOperationException("Performance.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string SamplePath(string name) => Path.Combine(Root, "src", "Performance.Api", "Samples", name);
}

public static class HttpExtensions
{
    public static async Task<HttpResponseMessage> ImportSampleAsync(this HttpClient client, string sample = "cremona-2021-2023.json")
    {
        using var content = new StringContent(await File.ReadAllTextAsync(Repository.SamplePath(sample)), System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/plans/import", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    public static async Task<System.Text.Json.Nodes.JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostAsJsonAsync<T>(this HttpClient client, string url, T body) =>
        HttpClientJsonExtensions.PostAsJsonAsync(client, url, body);
}
