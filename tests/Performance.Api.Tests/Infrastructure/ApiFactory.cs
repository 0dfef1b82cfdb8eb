using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// The real service over real HTTP on a real engine: a fresh SQLite file, or (PERFORMANCE_TEST_DB=Postgres) a fresh
/// PostgreSQL database, one per test class. Migrations run exactly as in production.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = TestDatabase.Create();

    public string ConnectionString => _database.ConnectionString;
    public string Provider => _database.Provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider,
            ["ConnectionStrings:Performance"] = _database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "false",
        }));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Drop();
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
