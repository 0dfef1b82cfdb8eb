using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;

namespace Performance.Api.Hosting;

/// <summary>The <c>Operations</c> section: what operators switch on around the API.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>Browser origins allowed to call the API from another site (a transparency portal, a BI tool); none by default.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Serve Prometheus metrics at <see cref="PrometheusPath"/> (anonymous: expose it on the internal network only).</summary>
    public bool PrometheusEnabled { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Trust X-Forwarded-For/-Proto from these reverse proxies (addresses); loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    public static IEnumerable<string> Problems(OperationsOptions o)
    {
        for (var i = 0; i < o.CorsOrigins.Count; i++)
            if (!Uri.TryCreate(o.CorsOrigins[i], UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0)
                yield return $"{Section}:CorsOrigins:{i} '{o.CorsOrigins[i]}' is not an origin (scheme://host[:port], no path).";
        if (!o.PrometheusPath.StartsWith('/') || o.PrometheusPath.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            yield return $"{Section}:PrometheusPath '{o.PrometheusPath}' must start with / and lie outside /api.";
        for (var i = 0; i < o.KnownProxies.Count; i++)
            if (!System.Net.IPAddress.TryParse(o.KnownProxies[i], out _))
                yield return $"{Section}:KnownProxies:{i} '{o.KnownProxies[i]}' is not an IP address.";
    }
}

/// <summary>
/// Running the service in production: one structured log line per request, OpenTelemetry traces and metrics (OTLP when
/// the standard <c>OTEL_EXPORTER_OTLP_*</c> variables name a collector; Prometheus scraping behind configuration),
/// liveness and readiness, response compression, CORS from configuration, forwarded headers from known proxies.
/// </summary>
public static class Operations
{
    public const string CorsPolicy = "configured-origins";
    public const string ServiceName = "performance";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OperationsOptions>(OperationsOptions.Section, OperationsOptions.Problems);

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path)).AddNpgsql())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(Telemetry.MeterName).AddPrometheusExporter());
        // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS... itself; without an endpoint nothing is sent.
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();

        services.AddResponseCompression(o =>
        {
            // API answers carry no secret an attacker could inject next to (keys are never echoed): compress on HTTPS too.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "text/csv"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        services.AddCors(o => o.AddPolicy(CorsPolicy, _ => { }));
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<OperationsOptions>>((cors, ops) =>
            cors.AddPolicy(CorsPolicy, p => p.WithOrigins([.. ops.Value.CorsOrigins])
                .WithMethods("GET", "POST", "PATCH", "PUT", "DELETE")
                .WithHeaders("Authorization", ApiKeyAuthenticationHandler.Header, "Content-Type", "If-Match", "If-None-Match", "Accept-Language")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "Content-Disposition", "Link", "Content-Language")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<OperationsOptions>>((f, ops) =>
        {
            f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in ops.Value.KnownProxies) f.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });

        var health = services.AddHealthChecks();
        if (!BuildTime.IsGeneratingDocument) health.AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    private const string ReadyTag = "ready";

    /// <summary>Forwarded headers first (so logs and rate limits see the client), then CORS (preflights never need a key), compression.</summary>
    public static WebApplication UseOperationsFront(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRequestLog();
        app.UseResponseCompression();
        app.UseCors(CorsPolicy);
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // /health/live: the process answers. /health/ready (and /health): the database answers too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        var ops = app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        if (ops.PrometheusEnabled) app.MapPrometheusScrapingEndpoint(ops.PrometheusPath).AllowAnonymous();
        // Someone opening the service's address in a browser lands on the dashboard (which links the API documentation).
        app.MapGet("/", () => Results.Redirect(Dashboard.Path + "/")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>One line per request: method, route, status, duration, identity, trace id (probes are not logged).</summary>
    private static void UseRequestLog(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Performance.Requests");
        app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next();
            }
            finally
            {
                if (!IsProbe(http.Request.Path))
                {
                    var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
                    RequestLog.Completed(log, http.Request.Method, route, http.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds, http.User.Identity?.Name ?? "-", Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
                }
            }
        });
    }
}

internal static partial class RequestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} {Status} {DurationMs:0.0} ms by {Identity} trace {TraceId}")]
    public static partial void Completed(ILogger logger, string method, string route, int status, double durationMs, string identity, string traceId);
}
