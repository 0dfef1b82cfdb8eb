using System.Net;
using System.Text;

namespace Performance.Api.Tests.Security;

/// <summary>
/// JSON is read in UTF-8 only. <c>application/json; charset=bogus</c> was a 500 on every JSON operation (issue 11.2); now
/// every operation that takes a JSON body answers another charset — unknown, or known but not UTF-8 — with a 415 naming it,
/// before reading anything.
/// </summary>
public sealed class JsonCharsetTests(CremonaTrustFactory factory) : IClassFixture<CremonaTrustFactory>
{
    private static IEnumerable<EndpointCase> JsonWrites => EndpointCatalog.All.Where(e => !e.IsRead && e.ContentType == "application/json");

    public static TheoryData<string> Refused() => ["bogus", "utf-16", "UTF-16LE", "latin1", "iso-8859-1", "windows-1252", "utf-32", "us-ascii", "utf-7", "", "\"\""];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Every_json_operation_answers_another_charset_with_a_415_naming_it_and_stores_nothing(string charset)
    {
        var client = factory.CreateClient();
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var checkedOperations = 0;
        foreach (var endpoint in JsonWrites)
        {
            var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(factory.Context))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(endpoint.Body?.Invoke(factory.Context) ?? "{}")),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
            if (endpoint.IfMatch) request.Headers.TryAddWithoutValidation("If-Match", EndpointCatalog.StaleETag);
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var what = $"{endpoint.Name} with charset={charset}";
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{what}: {(int)response.StatusCode} {TrustKit.Truncate(body)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"charset '{charset.Trim('"')}'", body);
            TrustKit.AssertNothingInternal(body);
            checkedOperations++;
        }
        Assert.True(checkedOperations >= 10, $"only {checkedOperations} JSON operations");
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    [InlineData("utf8")]
    public async Task Utf8_however_it_is_written_is_read(string charset)
    {
        var client = factory.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"expression":">= 80%","year":2021}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
        var response = await client.PostAsync("/api/targets/parse", content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
