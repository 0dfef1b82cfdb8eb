using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Hosting;

/// <summary>
/// Runs alone: a host's metric listeners see every host's meters of the same name in the process, so another test class's
/// scorecard reads, made while this host exports, would add their own series of the same route to its /metrics.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMetrics), DisableParallelization = true)]
public sealed class ProcessWideMetrics;

/// <summary>The service as operators run it: probes, metrics, request logs, compression, CORS, the root address.</summary>
[Collection(nameof(ProcessWideMetrics))]
public sealed class OperationsTests(OperationsTests.OperatedFactory factory) : IClassFixture<OperationsTests.OperatedFactory>
{
    public const string PortalOrigin = "https://trasparenza.example.it";

    public sealed class OperatedFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Operations:PrometheusEnabled", "true"),
            new("Operations:CorsOrigins:0", PortalOrigin),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
        }
    }

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_root_address_leads_to_the_dashboard()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_without_a_key()
    {
        var client = factory.CreateClientAs(null);
        foreach (var probe in new[] { "/health/live", "/health/ready", "/health" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(probe)).StatusCode);
    }

    [Fact]
    public async Task Metrics_expose_request_counts_and_durations_by_route()
    {
        await _client.EnsureCremonaAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/plans/{Cremona}/scorecard?year=2021")).StatusCode);
        var metrics = await factory.CreateClientAs(null).GetStringAsync("/metrics");
        var counts = metrics.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)
            && l.Contains("http_route=\"/api/plans/{plan}/scorecard\"", StringComparison.Ordinal) && l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal)).ToList();
        var count = Assert.Single(counts);
        Assert.True(double.Parse(count.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) >= 3, count);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        Assert.Contains("performance_plan_tree_load_duration_seconds", metrics);
    }

    [Fact]
    public async Task Each_request_is_one_log_line_with_method_route_status_duration_identity_and_trace()
    {
        await _client.EnsureCremonaAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/plans/{Cremona}/scorecard?year=2021")).StatusCode);
        var lines = factory.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == "Performance.Requests").Select(r => r.Message).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^GET /api/plans/\{plan\}/scorecard 200 \d+\.\d ms by Admin:\* trace [0-9a-f]{32}$"));
        Assert.DoesNotContain(lines, l => l.Contains("/health", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Answers_are_compressed_when_the_client_accepts_it(string encoding)
    {
        await _client.EnsureCremonaAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/plans/{Cremona}/scorecard?year=2021");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await _client.SendAsync(request);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br" ? new BrotliStream(raw, CompressionMode.Decompress) : new GZipStream(raw, CompressionMode.Decompress);
        var card = JsonNode.Parse(await new StreamReader(decoded).ReadToEndAsync())!;
        Assert.Equal(Cremona, (string?)card["plan"]);
    }

    [Fact]
    public async Task A_configured_origin_gets_its_preflight_answered_without_a_key_and_others_get_nothing()
    {
        var client = factory.CreateClientAs(null);
        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, $"/api/plans/{Cremona}/scorecard?year=2021");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
            return request;
        }
        var allowed = await client.SendAsync(Preflight(PortalOrigin));
        Assert.True(allowed.IsSuccessStatusCode, ((int)allowed.StatusCode).ToString());
        Assert.Equal(PortalOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        var other = await client.SendAsync(Preflight("https://evil.example"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));

        await _client.EnsureCremonaAsync();
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/plans/{Cremona}/scorecard?year=2021");
        get.Headers.Add("Origin", PortalOrigin);
        var answer = await _client.SendAsync(get);
        Assert.Equal(PortalOrigin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

/// <summary>Readiness follows the database, liveness does not.</summary>
public sealed class ReadinessTests
{
    private sealed class OutageFactory : ApiFactory
    {
        // SQLite must not quietly create a new empty file once the database is gone.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            Provider == "Sqlite" ? [new("ConnectionStrings:Performance", ConnectionString + ";Mode=ReadWrite")] : [];

        public OutageFactory()
        {
            if (Provider == "Sqlite") File.WriteAllBytes(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource, []);
        }

        public void TakeTheDatabaseAway()
        {
            if (Provider == "Sqlite")
            {
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return;
            }
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var database = builder.Database;
            builder.Database = "postgres";
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task Ready_fails_when_the_database_is_unreachable_and_live_does_not()
    {
        using var factory = new OutageFactory();
        var client = factory.CreateClientAs(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        factory.TakeTheDatabaseAway();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
