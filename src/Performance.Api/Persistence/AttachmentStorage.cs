using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Domain.Evidence;

namespace Performance.Api.Persistence;

public enum AttachmentStorageKind { Database, Directory }

/// <summary>The <c>Attachments</c> section: how large a file may be and where the bytes are kept.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>The largest attachment accepted (413 above it). Scanned PDFs of a few pages fit in the default.</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Where new files go: the database (default; works with the embedded SQLite) or a directory.</summary>
    public AttachmentStorageKind Storage { get; set; } = AttachmentStorageKind.Database;

    /// <summary>The directory of the Directory storage (relative paths from the working directory).</summary>
    public string Directory { get; set; } = "";

    public static IEnumerable<string> Problems(AttachmentOptions o)
    {
        if (o.MaxBytes <= 0) yield return $"{Section}:MaxBytes must be a positive number of bytes.";
        if (!Enum.IsDefined(o.Storage)) yield return $"{Section}:Storage must be Database or Directory.";
        if (o.Storage == AttachmentStorageKind.Directory && string.IsNullOrWhiteSpace(o.Directory))
            yield return $"{Section}:Directory must name the directory that keeps the files when {Section}:Storage is Directory.";
        if (o.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0) yield return $"{Section}:Directory is not a valid path.";
    }
}

/// <summary>
/// The one way attachment bytes are kept and read back, whatever holds them. Files are named by the attachment's id, never
/// by anything the client sent. Writing happens inside the request's unit of work where the storage allows it (the
/// database); a directory is written first, and the handler forgets the file when the save that records it fails.
/// </summary>
public interface IAttachmentStore
{
    AttachmentStorageKind Kind { get; }

    Task WriteAsync(Guid id, byte[] content, CancellationToken ct);

    /// <summary>The bytes, or null when the storage has none under this id.</summary>
    Task<Stream?> OpenReadAsync(Guid id, CancellationToken ct);

    /// <summary>Drops the bytes of an attachment whose row is gone (or was never saved).</summary>
    Task ForgetAsync(Guid id, CancellationToken ct);
}

/// <summary>Bytes in the AttachmentContents table, saved with the attachment's row (and deleted with it, by cascade).</summary>
public sealed class DatabaseAttachmentStore(PerformanceDbContext db) : IAttachmentStore
{
    public AttachmentStorageKind Kind => AttachmentStorageKind.Database;

    public Task WriteAsync(Guid id, byte[] content, CancellationToken ct)
    {
        db.Set<AttachmentContent>().Add(new AttachmentContent { AttachmentId = id, Bytes = content });
        return Task.CompletedTask;
    }

    public async Task<Stream?> OpenReadAsync(Guid id, CancellationToken ct) =>
        await db.Set<AttachmentContent>().AsNoTracking().Where(c => c.AttachmentId == id).Select(c => c.Bytes).SingleOrDefaultAsync(ct) is { } bytes
            ? new MemoryStream(bytes, writable: false)
            : null;

    public Task ForgetAsync(Guid id, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Bytes in files under a configured root: <c>root/ab/abcdef….bin</c> from the id's hex (two-letter fan-out so no folder
/// grows huge). A file is written whole under a temporary name and then renamed, so a reader never sees half of one.
/// </summary>
public sealed class DirectoryAttachmentStore(IOptions<AttachmentOptions> options) : IAttachmentStore
{
    public AttachmentStorageKind Kind => AttachmentStorageKind.Directory;

    private string PathOf(Guid id)
    {
        var root = options.Value.Directory;
        if (string.IsNullOrWhiteSpace(root))
            throw new InvalidOperationException($"An attachment is kept in a directory but {AttachmentOptions.Section}:Directory is not set.");
        var name = id.ToString("N");
        return Path.Combine(Path.GetFullPath(root), name[..2], name + ".bin");
    }

    public async Task WriteAsync(Guid id, byte[] content, CancellationToken ct)
    {
        var path = PathOf(id);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, content, ct);
        File.Move(temporary, path, overwrite: false);
    }

    public Task<Stream?> OpenReadAsync(Guid id, CancellationToken ct)
    {
        var path = PathOf(id);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null);
    }

    public Task ForgetAsync(Guid id, CancellationToken ct)
    {
        var path = PathOf(id);
        File.Delete(path);
        File.Delete(path + ".part");
        return Task.CompletedTask;
    }
}

/// <summary>The store for new files (from configuration) and the store that holds a given attachment (from its row).</summary>
public sealed class AttachmentStorage(DatabaseAttachmentStore database, DirectoryAttachmentStore directory, IOptions<AttachmentOptions> options)
{
    public AttachmentOptions Options => options.Value;

    public IAttachmentStore ForNewFiles => For(options.Value.Storage);

    public IAttachmentStore Of(Attachment attachment) =>
        For(Enum.TryParse<AttachmentStorageKind>(attachment.Storage, out var kind) ? kind
            : throw new InvalidOperationException($"Attachment {attachment.Id} names an unknown storage '{attachment.Storage}'."));

    private IAttachmentStore For(AttachmentStorageKind kind) => kind == AttachmentStorageKind.Directory ? directory : database;
}

public static class AttachmentStorageSetup
{
    public static IServiceCollection AddAttachmentStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<AttachmentOptions>(AttachmentOptions.Section, AttachmentOptions.Problems);
        services.AddScoped<DatabaseAttachmentStore>();
        services.AddSingleton<DirectoryAttachmentStore>();
        services.AddScoped<AttachmentStorage>();
        return services;
    }
}
