using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>
/// Through a real Kestrel server the body limit is enforced by the server itself as the bytes arrive (a chunked body
/// declares no length to check up front), and its refusal is an English sentence about its own limit: the answer must
/// still be a 413 in the caller's language, and nothing is stored.
/// </summary>
public sealed class ServerBodyLimitTests : IDisposable
{
    private readonly LimitedApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>A client of the started Kestrel server that reads Italian (no Accept-Language).</summary>
    private HttpClient ItalianClientOfTheServer()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        return client;
    }

    /// <summary>The text sent chunked: no Content-Length, so only the server's count as the bytes arrive can stop it.</summary>
    private static Task<HttpResponseMessage> PostChunkedAsync(HttpClient client, string path, string mediaType, string text)
    {
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.TransferEncodingChunked = true;
        return client.SendAsync(request);
    }

    private static async Task AssertTooLargeInItalianAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var detail = (string?)problem["detail"];
        Assert.True(detail is not null, problem.ToJsonString());
        Assert.StartsWith("Il corpo della richiesta supera il limite", detail!);
        Assert.DoesNotContain("Request body too large", detail);
    }

    [Fact]
    public async Task A_chunked_body_past_the_limit_is_a_413_in_Italian_and_nothing_is_stored()
    {
        var client = ItalianClientOfTheServer();
        var before = await client.GetStringAsync("/api/plans");

        var description = new string('x', LimitedApiFactory.MaxBody * 2);
        await AssertTooLargeInItalianAsync(await PostChunkedAsync(client, "/api/plans/import", "application/json",
            $$"""{ "code": "TOO-BIG", "description": "{{description}}" }"""));
        Assert.Equal(before, await client.GetStringAsync("/api/plans"));
    }

    [Fact]
    public async Task An_upload_past_the_limit_is_a_413_in_Italian()
    {
        var client = ItalianClientOfTheServer();
        var rows = string.Concat(Enumerable.Repeat("2021_01.I2;2021;Y;1\r\n", LimitedApiFactory.MaxBody / 10));
        await AssertTooLargeInItalianAsync(await PostChunkedAsync(client, "/api/plans/PP-2021-2023/actuals/upload?dryRun=true", "text/csv",
            "Codice;Anno;Periodo;Valore\r\n" + rows));
    }
}
