using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Security;

/// <summary>Request size limits, per-identity rate limiting and security headers.</summary>
public static class AbuseResistance
{
    public const string RateLimitPolicy = "per-identity";

    public static IServiceCollection AddAbuseResistance(this IServiceCollection services)
    {
        services.AddValidatedOptions<LimitsOptions>(LimitsOptions.Section, LimitsOptions.Problems);
        services.AddValidatedOptions<RateLimitingOptions>(RateLimitingOptions.Section, RateLimitingOptions.Problems);
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((o, limits) => o.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);

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
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = Say.It("Superato il limite di richieste di questa chiave: riprova più tardi.", "The rate limit of this key was exceeded; retry later.") },
                });
            };
            // One budget per API key or token subject (per client address when anonymous).
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var who = http.User.Identity?.IsAuthenticated == true ? "id:" + http.User.FindFirst(Claims.Name)?.Value : "ip:" + http.Connection.RemoteIpAddress;
                var permits = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.PermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(who, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// The body limit whatever server hosts the service (Kestrel enforces its own; other hosts and test servers do not):
    /// a declared length over it is refused before anything is read, a chunked body as soon as it crosses it (413).
    /// </summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var max = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBodyBytes;
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = max;
        if (http.Request.ContentLength > max) throw TooLarge(max);
        http.Request.Body = new LimitedStream(http.Request.Body, max);
        await next();
    });

    private static BadHttpRequestException TooLarge(long max) =>
        new(Say.It($"Il corpo della richiesta supera il limite di {max} byte.", $"The request body is larger than the limit of {max} bytes."), StatusCodes.Status413PayloadTooLarge);

    private sealed class LimitedStream(Stream inner, long max) : CheckedReadStream(inner, ownsInner: false)
    {
        protected override void Checked(int read, long total)
        {
            if (total > max) throw TooLarge(max);
        }
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
                // Answers load nothing; an HTML document the API serves (the Relazione) names its own policy on its endpoint.
                headers.ContentSecurityPolicy = http.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy
                    ?? "default-src 'none'; frame-ancestors 'none'";
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

/// <summary>The Content-Security-Policy of an /api endpoint that serves a document to be shown in a browser.</summary>
public sealed record ContentSecurityPolicyMetadata(string Policy);
