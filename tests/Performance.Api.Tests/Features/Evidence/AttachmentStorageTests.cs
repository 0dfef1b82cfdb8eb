using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Domain.Evidence;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>The service with attachments kept in a directory of its own (deleted with the factory).</summary>
public sealed class DirectoryStorageFactory : ApiFactory
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"performance-attachments-{Guid.NewGuid():N}");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Attachments:Storage", "Directory"), new("Attachments:Directory", Root)];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

/// <summary>
/// An attachment is stored and returned byte for byte, through multipart and raw bodies, with its SHA-256, on the engine under
/// test (SQLite, or PostgreSQL in the PERFORMANCE_TEST_DB lane) and with each storage: the database and a directory.
/// </summary>
public abstract class AttachmentStorageTests(ApiFactory factory)
{
    protected ApiFactory Factory => factory;

    /// <summary>The bytes are where the configured storage keeps them, and nowhere else.</summary>
    protected abstract Task AssertStoredAsync(Guid id, byte[] bytes);

    protected abstract Task AssertGoneAsync(Guid id);

    protected async Task<int> ContentRowsAsync(Guid id)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PerformanceDbContext>().Set<AttachmentContent>().CountAsync(c => c.AttachmentId == id);
    }

    [Fact]
    public async Task A_multipart_upload_is_returned_byte_for_byte_with_its_sha256()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var actual = await plan.ActualAsync("IA1", 80);
        var bytes = EvidencePlan.Pdf(300_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var created = await plan.UploadAsync(plan.Office, $"/api/actuals/{actual}/attachments", bytes, "verbale.pdf", "application/pdf");
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal(sha, (string?)created["sha256"]);
        Assert.Equal(bytes.Length, (long)created["size"]!);
        Assert.Equal("application/pdf", (string?)created["contentType"]);
        Assert.Equal("verbale.pdf", (string?)created["fileName"]);
        Assert.Equal("Actual", (string?)created["owner"]);
        Assert.Equal(actual.ToString(), (string?)created["actual"]);
        Assert.Equal("IA1", (string?)created["indicator"]);
        await AssertStoredAsync(id, bytes);

        var download = await plan.Referente.GetAsync($"/api/attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, downloaded);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("verbale.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", string.Join(",", download.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", string.Join(",", download.Headers.GetValues("Repr-Digest")));

        // Listings carry the metadata, never the bytes.
        var list = await plan.Oiv.GetStringAsync($"/api/actuals/{actual}/attachments");
        Assert.Contains(sha, list);
        Assert.True(list.Length < 2000, list);
    }

    [Fact]
    public async Task A_raw_body_upload_is_returned_byte_for_byte_with_its_name()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        var created = await EvidencePlan.OkAsync(EvidencePlan.RawAsync(plan.Office,
            $"/api/indicators/{plan.Indicator("IA2")}/attachments?name={Uri.EscapeDataString("Relazione attività € 2024.bin")}&description=fonte",
            bytes), HttpStatusCode.Created);
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal("Indicator", (string?)created["owner"]);
        Assert.Equal("fonte", (string?)created["description"]);
        Assert.Equal("application/octet-stream", (string?)created["contentType"]);
        await AssertStoredAsync(id, bytes);

        var download = await plan.Office.GetAsync($"/api/attachments/{id}");
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("Relazione attività € 2024.bin", download.Content.Headers.ContentDisposition?.FileNameStar);
        // The ASCII fallback for old clients has no raw non-ASCII character.
        Assert.True(download.Content.Headers.ContentDisposition!.ToString().All(c => c < 128));
        var metadata = await plan.Office.GetJsonAsync($"/api/attachments/{id}/metadata");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)metadata["sha256"]);
        // The instant as every answer gives it: UTC with its Z, the same in the write's answer and in later reads.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$", (string?)created["uploadedAt"]);
        Assert.Equal((string?)created["uploadedAt"], (string?)metadata["uploadedAt"]);
    }

    [Fact]
    public async Task A_node_attachment_and_its_removal_from_the_storage()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var bytes = Encoding.UTF8.GetBytes("delibera di approvazione del piano\n");
        var created = await plan.UploadAsync(plan.Office, $"/api/plans/{plan.Code}/nodes/OBJ-A/attachments", bytes, "delibera.txt", "text/plain");
        var id = Guid.Parse((string)created["id"]!);
        Assert.Equal("OBJ-A", (string?)created["node"]);
        Assert.Equal("text/plain", (string?)created["contentType"]);
        Assert.Single((await plan.Office.GetJsonAsync($"/api/plans/{plan.Code}/nodes/OBJ-A/attachments")).AsArray());
        await AssertStoredAsync(id, bytes);

        Assert.Equal(HttpStatusCode.NoContent, (await plan.Office.DeleteAsync($"/api/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plan.Office.GetAsync($"/api/attachments/{id}")).StatusCode);
        Assert.Empty((await plan.Office.GetJsonAsync($"/api/plans/{plan.Code}/nodes/OBJ-A/attachments")).AsArray());
        await AssertGoneAsync(id);
        var deleted = Assert.Single(await plan.AuditAsync("AttachmentDeleted"));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)deleted["before"]);
    }
}

public sealed class DatabaseAttachmentStorageTests(ApiFactory factory) : AttachmentStorageTests(factory), IClassFixture<ApiFactory>
{
    protected override async Task AssertStoredAsync(Guid id, byte[] bytes)
    {
        using var scope = Factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PerformanceDbContext>().Set<AttachmentContent>()
            .Where(c => c.AttachmentId == id).Select(c => c.Bytes).SingleAsync();
        Assert.Equal(bytes, stored);
    }

    protected override async Task AssertGoneAsync(Guid id) => Assert.Equal(0, await ContentRowsAsync(id));
}

public sealed class DirectoryAttachmentStorageTests(DirectoryStorageFactory factory) : AttachmentStorageTests(factory), IClassFixture<DirectoryStorageFactory>
{
    private string PathOf(Guid id) => Path.Combine(factory.Root, id.ToString("N")[..2], id.ToString("N") + ".bin");

    protected override async Task AssertStoredAsync(Guid id, byte[] bytes)
    {
        Assert.Equal(bytes, await File.ReadAllBytesAsync(PathOf(id)));
        Assert.Equal(0, await ContentRowsAsync(id));
        // Only the id names files: nothing of the client's name reaches the disk.
        Assert.All(Directory.EnumerateFiles(factory.Root, "*", SearchOption.AllDirectories),
            f => Assert.Matches("^[0-9a-f]{32}\\.bin$", Path.GetFileName(f)));
    }

    protected override Task AssertGoneAsync(Guid id)
    {
        Assert.False(File.Exists(PathOf(id)));
        return Task.CompletedTask;
    }
}
