using System.Net;
using System.Text;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>A small body limit and a low rate limit, so both can be reached in a test.</summary>
public sealed class LimitedApiFactory : ApiFactory
{
    public const int MaxBody = 64 * 1024;
    public const int Permits = 5;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Limits:MaxRequestBodyBytes", MaxBody.ToString()), new("RateLimiting:PermitsPerMinute", Permits.ToString()),
    ];
}

public sealed class AbuseResistanceTests(LimitedApiFactory factory) : IClassFixture<LimitedApiFactory>
{
    [Fact]
    public async Task A_body_over_the_size_limit_is_413_problem_details_and_nothing_is_stored()
    {
        var client = factory.CreateClientAs(TrustKit.Key("Admin", "OTHER"));
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var document = Documents.Cremona("BIG-PLAN", "OTHER");
        document["description"] = new string('x', LimitedApiFactory.MaxBody * 2);
        var response = await client.PostJsonTextAsync("/api/plans/import", document.ToJsonString());
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        TrustKit.AssertNothingInternal(problem.ToJsonString());

        // Without a Content-Length (chunked) too.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/plans/import")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(chunked)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task The_rate_limit_is_per_key_and_answers_429_with_retry_after()
    {
        var first = factory.CreateClientAs(TrustKit.Key("Viewer", "TEST"));
        for (var i = 0; i < LimitedApiFactory.Permits; i++)
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/plans")).StatusCode);
        var limited = await first.GetAsync("/api/plans");
        var problem = await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.True(limited.Headers.RetryAfter!.Delta is { TotalSeconds: > 0 and <= 60 }, limited.Headers.RetryAfter.ToString());
        Assert.Contains("rate limit", (string?)problem["detail"]);

        // Another key has its own budget.
        var second = factory.CreateClientAs(TrustKit.Key("Oiv", "TEST"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/plans")).StatusCode);
    }

    [Fact]
    public async Task Api_answers_carry_the_security_headers_errors_included()
    {
        var client = factory.CreateClientAs(TrustKit.Key("ControlloGestione", "INPS"));
        var anonymous = factory.CreateClientAs(null);
        foreach (var response in new[]
                 {
                     await client.GetAsync("/api/plans"), await client.GetAsync("/api/plans/NO-SUCH-PLAN"), await anonymous.GetAsync("/api/plans"),
                     await client.PostJsonTextAsync("/api/targets/parse", "{"),
                 })
        {
            var what = $"{response.RequestMessage!.RequestUri} → {(int)response.StatusCode}";
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", what);
            Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", what);
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", what);
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("default-src 'none'"), what);
            Assert.True(response.Headers.CacheControl?.NoStore == true, what);
        }
    }
}
