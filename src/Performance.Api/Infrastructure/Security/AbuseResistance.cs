using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Performance.Api.Infrastructure.Security;

/// <summary>Request size limits, per-identity rate limiting and security headers.</summary>
public static class AbuseResistance
{
    public const string RateLimitPolicy = "per-identity";

    public static IServiceCollection AddAbuseResistance(this IServiceCollection services, IConfiguration configuration)
    {
        // Bulk loads of 200,000 rows fit; anything larger is refused before it is read (413).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = configuration.GetValue<long>("Limits:MaxRequestBodyBytes", 64L * 1024 * 1024));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "The rate limit of this key was exceeded; retry later." },
                });
            };
            // One budget per API key or token subject (per client address when anonymous), read at request time
            // so hosts and tests can configure it.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var who = http.User.Identity?.IsAuthenticated == true ? "id:" + http.User.FindFirst(Claims.Name)?.Value : "ip:" + http.Connection.RemoteIpAddress;
                var permits = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimiting:PermitsPerMinute", 1200);
                return RateLimitPartition.GetFixedWindowLimiter(who, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>Headers that keep browsers from sniffing, framing or caching API answers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                headers.CacheControl = "no-store";
            }
            else if (http.Request.Path.StartsWithSegments(Dashboard.Path))
            {
                // The dashboard: its own files only; no inline script or style, no CDN, no framing.
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
