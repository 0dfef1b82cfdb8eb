using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>Cremona imported once, and a spool directory of its own (so a test can see what uploads leave behind).</summary>
public class HostileInputFactory : ApiFactory, IAsyncLifetime
{
    public string SpoolDirectory { get; } = Path.Combine(Path.GetTempPath(), $"performance-spool-test-{Guid.NewGuid():N}");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Uploads:SpoolDirectory", SpoolDirectory), .. Limits];

    /// <summary>Upload limits a test class sets lower, to reach each one with a small file.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Limits => [];

    public async Task InitializeAsync() => await CreateClient().EnsureCremonaAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(SpoolDirectory)) Directory.Delete(SpoolDirectory, recursive: true);
    }
}

/// <summary>The two routes that take a file.</summary>
public static class UploadRoutes
{
    public const string Actuals = "actuals";
    public const string Plan = "plan";
    public static readonly string[] Both = [Actuals, Plan];

    /// <summary>Each named case on each route.</summary>
    public static TheoryData<string, string> OnBoth(IEnumerable<string> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in cases)
            foreach (var route in Both) data.Add(name, route);
        return data;
    }

    public static string Url(string route) => route == Actuals ? $"/api/plans/{Documents.CremonaCode}/actuals/upload" : "/api/plans/import/xlsx";

    /// <summary>The sheet a route reads rows from: the consuntivi sheet, or the plan workbook's Albero.</summary>
    public static string Sheet(string route) => route == Actuals ? "Consuntivi" : "Albero";

    public static HttpContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}

/// <summary>What every hostile request must get: a 4xx ProblemDetails with the reason, in bounded time, nothing stored, the service alive.</summary>
public static class HostileInput
{
    /// <summary>A generous bound per request: a safety net against inputs that cost seconds, not a benchmark.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static async Task<string> AssertRefusedAsync(ApiFactory factory, Func<HttpClient, Task<HttpResponseMessage>> send, HttpStatusCode status,
        string reason, string what)
    {
        var client = factory.CreateClient();
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        var watch = Stopwatch.StartNew();
        var response = await send(client);
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode}: {TrustKit.Truncate(body)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.Contains(reason, StringComparison.Ordinal), $"{what}: the answer does not say '{reason}': {TrustKit.Truncate(body)}");
        TrustKit.AssertNothingInternal(body);
        Assert.True(watch.Elapsed < Bound, $"{what}: answered in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        return body;
    }

    public static Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string route, byte[] file, bool multipart = false)
    {
        if (!multipart) return client.PostAsync(UploadRoutes.Url(route), UploadRoutes.Raw(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "file.xlsx" } };
        return client.PostAsync(UploadRoutes.Url(route), form);
    }

    /// <summary>Files left in the spool directory (none may be, during or after an upload, whatever happened to it).</summary>
    public static string[] Spooled(HostileInputFactory factory) =>
        Directory.Exists(factory.SpoolDirectory) ? Directory.GetFiles(factory.SpoolDirectory) : [];

    public static MediaTypeHeaderValue Xlsx => new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
