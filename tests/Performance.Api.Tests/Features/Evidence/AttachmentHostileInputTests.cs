using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using Performance.Domain.Evidence;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>Attachments limited to 4 KiB, to try the limit cheaply.</summary>
public sealed class SmallAttachmentsFactory : ApiFactory
{
    public const int Limit = 4096;
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Attachments:MaxBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>Every bad upload is a clear 4xx that stores nothing: empty, malformed, over the limit, hostile names.</summary>
public sealed class AttachmentHostileInputTests(SmallAttachmentsFactory factory) : IClassFixture<SmallAttachmentsFactory>
{
    private async Task<int> StoredAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        return await db.Set<Attachment>().CountAsync() + await db.Set<AttachmentContent>().CountAsync();
    }

    private static HttpContent Multipart(string body, string boundary = "confine")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("\n", "\r\n")));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    [Fact]
    public async Task Empty_and_malformed_bodies_are_400s_naming_the_problem()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var url = $"/api/indicators/{plan.Indicator("IA1")}/attachments";
        var before = await StoredAsync();

        var cases = new (string What, HttpContent Content, string Says)[]
        {
            ("empty raw body", new ByteArrayContent([]), "empty"),
            ("empty file part", Multipart("--confine\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\n\n\n--confine--\n"), "empty"),
            ("form without a file", Multipart("--confine\nContent-Disposition: form-data; name=\"description\"\n\nsolo testo\n--confine--\n"), "no file"),
            ("two files", Multipart("--confine\nContent-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\n\nuno\n" +
                                    "--confine\nContent-Disposition: form-data; name=\"b\"; filename=\"b.txt\"\n\ndue\n--confine--\n"), "One file"),
            ("a boundary that never comes", Multipart("--altro\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\n\nx\n--altro--\n"), "multipart"),
            ("a part cut short", Multipart("--confine\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\n\nx"), "multipart"),
            ("no boundary", new StringContent("x", Encoding.UTF8, "multipart/form-data"), "boundary"),
            ("a URL-encoded form", new FormUrlEncodedContent([new("file", "x")]), "URL-encoded"),
            ("a description over 4000 characters", new StringContent("x"), "description"),
        };
        foreach (var (what, content, says) in cases)
        {
            var target = what.StartsWith("a description", StringComparison.Ordinal) ? $"{url}?description={new string('d', 4001)}" : url;
            var response = await plan.Office.PostAsync(target, content);
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.ToJsonString().Contains(says, StringComparison.OrdinalIgnoreCase), $"{what}: {problem.ToJsonString()}");
        }
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_description_with_a_character_no_text_may_hold_is_a_400_under_description_in_italian_and_nothing_is_stored()
    {
        // NUL in ?description= was a 500 on PostgreSQL (which cannot store it) and stored on SQLite, where U+FFFF would
        // break the XML of the exports: the one rule on text (ValidationRules.ForbiddenCharacter), found by ContractSweepTests.
        var plan = await EvidencePlan.ImportAsync(factory);
        var url = $"/api/indicators/{plan.Indicator("IA1")}/attachments";
        var italian = factory.CreateClientAs(TrustKit.Key("ControlloGestione", EvidencePlan.Org));
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var before = await StoredAsync();

        var query = await (await EvidencePlan.RawAsync(italian, $"{url}?description=fonte%00dati", EvidencePlan.Pdf(10))).AssertValidationProblemAsync();
        query.AssertError("description", "U+0000 alla posizione 6");
        var form = await (await EvidencePlan.MultipartAsync(plan.Office, url, EvidencePlan.Pdf(10), "fonte.pdf", description: "fonte\uFFFF")).AssertValidationProblemAsync();
        form.AssertError("description", "U+FFFF at position 6");
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Over_the_limit_is_413_however_the_body_comes_and_exactly_the_limit_is_accepted()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var url = $"/api/indicators/{plan.Indicator("IA1")}/attachments";
        var before = await StoredAsync();
        var over = EvidencePlan.Pdf(SmallAttachmentsFactory.Limit + 1);

        var declared = await EvidencePlan.RawAsync(plan.Office, url, over);
        var problem = await declared.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Attachments:MaxBytes", (string?)problem["detail"]);
        // Chunked: no length declared, refused as the bytes cross the limit.
        var chunked = new StreamContent(new MemoryStream(over));
        chunked.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await plan.Office.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await EvidencePlan.MultipartAsync(plan.Office, url, over, "grande.pdf")).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StoredAsync());

        // A form of many small parts is stopped by the upload limit on parts (the same as for office files).
        var parts = string.Concat(Enumerable.Range(0, 17).Select(k => $"--confine\nContent-Disposition: form-data; name=\"f{k}\"\n\nx\n")) + "--confine--\n";
        var many = await (await plan.Office.PostAsync(url, Multipart(parts))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Uploads:MaxFormParts", many.ToJsonString());
        Assert.Equal(before, await StoredAsync());

        var exact = await plan.UploadAsync(plan.Office, url, EvidencePlan.Pdf(SmallAttachmentsFactory.Limit), "giusto.pdf");
        Assert.Equal(SmallAttachmentsFactory.Limit, (int)exact["size"]!);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\win.ini", "win.ini")]
    [InlineData("/var/lib/performance/attachments/x.pdf", "x.pdf")]
    [InlineData("..", "allegato.pdf")]
    [InlineData("  ...  ", "allegato.pdf")]
    [InlineData("relazione\u202Efdp.exe", "relazionefdp.exe")]
    [InlineData("a\r\nContent-Type: text\r\n\r\n.pdf", "aContent-Type_ text.pdf")]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("<script>.pdf", "_script_.pdf")]
    [InlineData("verbale \"finale\"?.pdf", "verbale _finale__.pdf")]
    public async Task Hostile_names_are_kept_only_as_safe_labels(string name, string expected)
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var created = await EvidencePlan.OkAsync(EvidencePlan.RawAsync(plan.Office,
            $"/api/indicators/{plan.Indicator("IA1")}/attachments?name={Uri.EscapeDataString(name)}", EvidencePlan.Pdf(100)), HttpStatusCode.Created);
        Assert.Equal(expected, (string?)created["fileName"]);
        var download = await plan.Office.GetAsync($"/api/attachments/{created["id"]}");
        Assert.Equal(expected, download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_long_name_keeps_its_extension_and_a_name_in_a_content_disposition_header_is_read()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var url = $"/api/indicators/{plan.Indicator("IA1")}/attachments";
        var created = await EvidencePlan.OkAsync(EvidencePlan.RawAsync(plan.Office, $"{url}?name={new string('n', 500)}.pdf", EvidencePlan.Pdf(10)), HttpStatusCode.Created);
        var name = (string)created["fileName"]!;
        Assert.Equal(200, name.Length);
        Assert.EndsWith("nnn.pdf", name);

        var content = new ByteArrayContent(EvidencePlan.Pdf(10));
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "../Verbale n. 3 – OIV.pdf" };
        var fromHeader = await EvidencePlan.OkAsync(plan.Office.PostAsync(url, content), HttpStatusCode.Created);
        Assert.Equal("Verbale n. 3 – OIV.pdf", (string?)fromHeader["fileName"]);
    }

    [Fact]
    public async Task Unknown_targets_are_404s()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var pdf = EvidencePlan.Pdf(10);
        foreach (var url in new[]
                 {
                     $"/api/actuals/{Guid.NewGuid()}/attachments", $"/api/indicators/{plan.Code}:NOPE/attachments", $"/api/plans/{plan.Code}/nodes/NOPE/attachments",
                     $"/api/plans/NOPE/nodes/OBJ-A/attachments",
                 })
            await (await EvidencePlan.RawAsync(plan.Office, url, pdf)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await plan.Office.GetAsync($"/api/attachments/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await plan.Office.DeleteAsync($"/api/attachments/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await plan.Office.GetAsync("/api/attachments/not-a-guid")).StatusCode);
    }
}
