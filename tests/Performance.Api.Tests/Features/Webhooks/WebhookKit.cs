using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Webhooks;

/// <summary>
/// The service on a database and a clock the test owns: disposing it and starting another on the same database is a
/// restart. Retries are short (10 s doubling to 60 s) on the fake clock, which the test advances.
/// </summary>
public sealed class WebhookHost(TestDatabase database, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? extra = null)
    : ApiFactory(database, ownsDatabase: false)
{
    public FakeTimeProvider Clock => clock;
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:RetryBaseSeconds"] = "10",
        ["Webhooks:RetryMaxSeconds"] = "60",
        ["Webhooks:MaxAttempts"] = "30",
        ["Webhooks:PollSeconds"] = "1",
        ["Webhooks:TimeoutSeconds"] = "5",
        ["Webhooks:LeaseSeconds"] = "30",
        ["Webhooks:OverdueIntervalMinutes"] = "0",
    }.Concat(extra ?? new Dictionary<string, string?>());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            TestServices?.Invoke(services);
        });
    }
}

/// <summary>One request the receiver got, as it came over the wire.</summary>
public sealed record Received(string? EventId, string? Signature, string? Timestamp, byte[] Body, int Answered);

/// <summary>
/// A local HTTP endpoint (Kestrel on a free loopback port) that answers 500 to its first <c>failFirst</c> requests and 200
/// afterwards; it can be stopped (connection refused) and started again on the same port. Kestrel rather than the
/// managed HttpListener: with HttpListener the service now and then logged a 200 for an attempt the receiver never
/// recorded (2 runs of 26 of the delivery test; 0 of 40 with Kestrel).
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly int _port = FreePort();
    private WebApplication? _server;
    private int _failures;
    public ConcurrentQueue<Received> Requests { get; } = new();
    public string Url => $"http://127.0.0.1:{_port}/hook/";

    public Receiver(int failFirst) => _failures = failFirst;

    public async Task StartAsync()
    {
        // The empty builder reads no appsettings or environment: only this endpoint, only this port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port));
        var server = builder.Build();
        server.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var status = Interlocked.Decrement(ref _failures) >= 0 ? 500 : 200;
            var headers = context.Request.Headers;
            Requests.Enqueue(new Received(headers["X-Performance-Event"], headers["X-Performance-Signature"], headers["X-Performance-Timestamp"],
                body.ToArray(), status));
            context.Response.StatusCode = status;
        });
        await server.StartAsync();
        _server = server;
    }

    public async Task StopAsync()
    {
        if (_server is not { } server) return;
        _server = null;
        await server.StopAsync();
        await server.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public static string Sign(string secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    // Ports handed to receivers of this test run. A stopped receiver's port is free again for the OS, which could give it to
    // another test's receiver running in parallel; that one would then answer 200 for a receiver meant to be down.
    private static readonly HashSet<int> Handed = [];

    private static int FreePort()
    {
        while (true)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            lock (Handed)
                if (Handed.Add(port)) return port;
        }
    }
}

public static class Pump
{
    /// <summary>Advances the fake clock a step at a time, giving the worker real time to run, until the condition holds.</summary>
    public static async Task UntilAsync(FakeTimeProvider clock, Func<Task<bool>> condition, string what, int seconds = 5, int maxSteps = 400)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            if (await condition()) return;
            clock.Advance(TimeSpan.FromSeconds(seconds));
            await Task.Delay(25);
        }
        Assert.Fail($"Timed out waiting until {what}.");
    }
}
