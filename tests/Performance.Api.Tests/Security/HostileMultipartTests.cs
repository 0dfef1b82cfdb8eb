using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Performance.Api.Tests.Security;

/// <summary>
/// Malformed multipart bodies on both upload routes (issue 11.2: each was a 500): no, empty, over-long or wrong boundary,
/// truncated, no closing boundary, too many parts, a 20 KB part header, headers that are not headers. Each is a 400 saying
/// what is wrong, or a 413 naming the limit; nothing is stored, no spool file stays behind.
/// </summary>
public sealed class HostileMultipartTests(HostileInputFactory factory) : IClassFixture<HostileInputFactory>
{
    private const string B = "perf-boundary-7f3a";
    private const string Csv = "Codice;Anno;Periodo;Valore\r\n2021_01.I2;2021;Y;5\r\n";
    private const HttpStatusCode Limit = HttpStatusCode.RequestEntityTooLarge, Bad = HttpStatusCode.BadRequest;

    private static string Part(string headers, string content, string boundary = B) => $"--{boundary}\r\n{headers}\r\n\r\n{content}\r\n";

    private static string FilePart(string content = Csv, string boundary = B) =>
        Part("Content-Disposition: form-data; name=\"file\"; filename=\"consuntivi.csv\"\r\nContent-Type: text/csv", content, boundary);

    private static string Field(int i) => Part($"Content-Disposition: form-data; name=\"field{i}\"", "x");

    private static string Close(string boundary = B) => $"--{boundary}--\r\n";

    private static string Form(string boundary = B) => $"multipart/form-data; boundary={boundary}";

    private sealed record Case(string Name, string ContentType, string Body, HttpStatusCode Status, string Reason);

    private static readonly string LongBoundary = new('b', 71);
    private static readonly string HugeBoundary = new('b', 5_000);

    private static readonly Case[] Cases =
    [
        new("no boundary", "multipart/form-data", FilePart() + Close(), Bad, "has no boundary"),
        new("an empty boundary", "multipart/form-data; boundary=", FilePart() + Close(), Bad, "has no boundary"),
        new("a quoted empty boundary", "multipart/form-data; boundary=\"\"", FilePart() + Close(), Bad, "has no boundary"),
        new("a 71-character boundary", Form(LongBoundary), FilePart(boundary: LongBoundary) + Close(LongBoundary), Bad, "RFC 2046 allows at most 70"),
        new("a 5,000-character boundary", Form(HugeBoundary), FilePart(boundary: HugeBoundary) + Close(HugeBoundary), Bad, "RFC 2046 allows at most 70"),
        new("a wrong boundary", Form("another-boundary"), FilePart() + Close(), Bad, "no part delimited by the boundary"),
        new("a body that is not multipart", Form(), "hello, this is not a form", Bad, "no part delimited by the boundary"),
        new("an empty body", Form(), "", Bad, "no part delimited by the boundary"),
        new("a truncated body", Form(), FilePart()[..^12], Bad, "truncated"),
        new("no closing boundary", Form(), FilePart(), Bad, "truncated"),
        new("1,025 parts", Form(), string.Concat(Enumerable.Range(0, 1_024).Select(Field)) + FilePart() + Close(), Limit, "Uploads:MaxFormParts"),
        new("17 parts", Form(), string.Concat(Enumerable.Range(0, 16).Select(Field)) + FilePart() + Close(), Limit, "Uploads:MaxFormParts"),
        new("a 20 KB part header", Form(),
            Part("Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nX-Padding: " + new string('a', 20 * 1024), Csv) + Close(), Limit,
            "Uploads:MaxPartHeaderBytes"),
        new("17 headers in a part", Form(),
            Part("Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"" + string.Concat(Enumerable.Range(0, 17).Select(i => $"\r\nX-H{i}: v")), Csv)
            + Close(), Limit, "Uploads:MaxPartHeaderBytes"),
        new("a header line that is no header", Form(), Part("Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nnot a header", Csv) + Close(),
            Bad, "malformed headers"),
        new("a form without a file", Form(), Field(1) + Field(2) + Close(), Bad, "The form has no file"),
        // Routing itself refuses what the route does not accept.
        new("a url-encoded form", "application/x-www-form-urlencoded", "file=Codice%3BAnno", HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type"),
        new("multipart/mixed", "multipart/mixed; boundary=" + B, FilePart() + Close(), HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type"),
    ];

    public static TheoryData<string, string> Matrix() => UploadRoutes.OnBoth(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_malformed_multipart_body_is_a_4xx_saying_what_and_nothing_changes(string name, string route)
    {
        var c = Cases.Single(x => x.Name == name);
        await HostileInput.AssertRefusedAsync(factory, client => client.PostAsync(UploadRoutes.Url(route), UploadRoutes.Raw(Encoding.UTF8.GetBytes(c.Body), c.ContentType)),
            c.Status, c.Reason, $"{route}: {name}");
        Assert.Empty(HostileInput.Spooled(factory));
    }

    public static TheoryData<string> RawBodies() => [.. RawCases.Select(c => c.Name)];

    private static readonly Case[] RawCases =
    [
        new("an empty raw body", "text/csv", "", Bad, "The file is empty."),
        new("NUL bytes", "text/csv", "Codice;Anno\0\0\0", Bad, "binary content"),
        new("a stray quote before a long file", "text/csv",
            "Codice;Anno;Periodo;Valore\r\n\"2021_01.I2;2021;Y;5\r\n" + string.Concat(Enumerable.Repeat("2021_01.I2;2021;Y;5\r\n", 100_000)), Bad, "Malformed CSV"),
        new("one line of 3 MB", "text/csv", "Codice;" + new string('x', 3_000_000), Bad, "Malformed CSV"),
        new("a header of 100,000 columns", "text/csv", string.Concat(Enumerable.Repeat("x;", 100_000)) + "\r\n", Limit, "Uploads:MaxColumns"),
        new("a PK header and no zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\u0003\u0004" + new string('z', 5000), Bad,
            "cannot be opened"),
    ];

    [Theory]
    [MemberData(nameof(RawBodies))]
    public async Task A_hostile_raw_body_is_a_4xx_saying_what_and_nothing_changes(string name)
    {
        var c = RawCases.Single(x => x.Name == name);
        await HostileInput.AssertRefusedAsync(factory, client => client.PostAsync(UploadRoutes.Url(UploadRoutes.Actuals),
            UploadRoutes.Raw(Encoding.UTF8.GetBytes(c.Body), c.ContentType)), c.Status, c.Reason, name);
        Assert.Empty(HostileInput.Spooled(factory));
    }

    [Fact]
    public async Task A_well_formed_form_is_read_whichever_part_holds_the_file()
    {
        var client = factory.CreateClient();
        var body = Field(1) + FilePart() + Field(2) + Close();
        var response = await client.PostAsync($"{UploadRoutes.Url(UploadRoutes.Actuals)}?dryRun=true", UploadRoutes.Raw(Encoding.UTF8.GetBytes(body), Form()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(1, JsonNode.Parse(text)!["rows"]!.GetValue<int>());
        Assert.Equal("csv", (string?)JsonNode.Parse(text)!["format"]);
        Assert.Empty(HostileInput.Spooled(factory));
    }
}
