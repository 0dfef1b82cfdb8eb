using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// The uploaded file as a seekable stream: the first file part of a multipart body, or the raw body, spooled to a
/// temporary file. The multipart body is read section by section (never buffered as a form), every part counted and its
/// headers bounded; a body that is not well-formed multipart is a 400 saying what is wrong, a limit a 413 naming it.
/// </summary>
public static class UploadBody
{
    /// <summary>RFC 2046: a boundary has 1 to 70 characters.</summary>
    public const int MaxBoundaryLength = 70;

    /// <summary>Spool files start with this; whatever has it at start-up was left by a process that died.</summary>
    public const string SpoolPrefix = "performance-upload-";

    public static async Task<(Stream Stream, string? Name)> OpenAsync(HttpRequest request, UploadOptions options, CancellationToken ct)
    {
        var boundary = MultipartBoundary(request);
        var spool = Spool(options);
        try
        {
            string? name = null;
            if (boundary is null) await request.Body.CopyToAsync(spool, ct);
            else name = await CopyFirstFileAsync(request.Body, boundary, spool, options, ct);
            spool.Position = 0;
            return (spool, name);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    /// <summary>The boundary of a multipart body; null for a raw body.</summary>
    private static string? MultipartBoundary(HttpRequest request)
    {
        var contentType = request.ContentType ?? "";
        if (!contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            if (request.HasFormContentType)
                throw OfficeReader.Bad(Say.It("Un modulo senza file: inviare il file come multipart/form-data (-F file=@consuntivi.csv) o come corpo della richiesta.", "A form without a file: send the file as multipart/form-data (-F file=@consuntivi.csv) or as the raw body."));
            return null;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
            throw OfficeReader.Bad(Say.It("Il Content-Type del corpo multipart non è leggibile: inviare multipart/form-data; boundary=...", "The Content-Type of the multipart body cannot be read: send multipart/form-data; boundary=..."));
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).ToString();
        if (string.IsNullOrWhiteSpace(boundary))
            throw OfficeReader.Bad(Say.It("Il corpo multipart non ha boundary: il Content-Type deve essere multipart/form-data; boundary=...", "The multipart body has no boundary: the Content-Type must be multipart/form-data; boundary=..."));
        if (boundary.Length > MaxBoundaryLength)
            throw OfficeReader.Bad(Say.It($"Il boundary multipart ha {boundary.Length:N0} caratteri; la RFC 2046 ne ammette al massimo {MaxBoundaryLength}.", $"The multipart boundary has {boundary.Length:N0} characters; RFC 2046 allows at most {MaxBoundaryLength}."));
        return boundary;
    }

    /// <summary>Reads every part (so a malformed or truncated body is refused whole) and keeps the first one that is a file.</summary>
    private static async Task<string> CopyFirstFileAsync(Stream body, string boundary, Stream spool, UploadOptions options, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = options.MaxPartHeaderBytes };
        string? name = null;
        var parts = 0;
        while (await NextSectionAsync(reader, parts, options, ct) is { } section)
        {
            if (++parts > options.MaxFormParts)
                throw FileBudget.Over(Say.It("Il corpo multipart ha più parti di quelle consentite", "The multipart body has more parts than allowed"), nameof(UploadOptions.MaxFormParts), options.MaxFormParts);
            if (name is not null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                continue; // drained by the next read
            name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
            await Multipart(parts, options, async () =>
            {
                await section.Body.CopyToAsync(spool, ct);
                return true;
            });
        }
        return name ?? throw OfficeReader.Bad(Say.It("Il modulo non contiene un file: inviare il file in un campo multipart (per esempio -F file=@consuntivi.csv).", "The form has no file: send the file in a multipart field (e.g. -F file=@consuntivi.csv)."));
    }

    private static Task<MultipartSection?> NextSectionAsync(MultipartReader reader, int parts, UploadOptions options, CancellationToken ct) =>
        Multipart(parts, options, () => reader.ReadNextSectionAsync(ct));

    /// <summary>
    /// The multipart reader's failures in the caller's terms: the body ending before its closing boundary (or never showing
    /// the declared one), a part's headers over the limit, or headers that are not headers.
    /// </summary>
    private static async Task<T> Multipart<T>(int parts, UploadOptions options, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (BadHttpRequestException)
        {
            throw; // the body limit (413), or the server's own verdict on the request
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw FileBudget.Over(Say.It($"Le intestazioni della parte {parts + 1} del corpo multipart superano la lunghezza consentita (o sono più di {MultipartReader.DefaultHeadersCountLimit})", $"The headers of part {parts + 1} of the multipart body are longer than allowed (or more than {MultipartReader.DefaultHeadersCountLimit})"),
                nameof(UploadOptions.MaxPartHeaderBytes), options.MaxPartHeaderBytes);
        }
        catch (InvalidDataException)
        {
            throw OfficeReader.Bad(Say.It($"La parte {parts + 1} del corpo multipart ha intestazioni malformate.", $"Part {parts + 1} of the multipart body has malformed headers."));
        }
        catch (IOException)
        {
            throw OfficeReader.Bad(parts == 0
                ? Say.It("Il corpo multipart non ha alcuna parte delimitata dal boundary dichiarato nel Content-Type (boundary errato, o corpo non multipart).", "The multipart body has no part delimited by the boundary its Content-Type declares (a wrong boundary, or not multipart at all).")
                : Say.It("Il corpo multipart termina prima del boundary di chiusura: è troncato.", "The multipart body ends before its closing boundary: it is truncated."));
        }
    }

    /// <summary>
    /// A temporary file for the body. Where the system allows it (not Windows) its name is removed at once, so even a killed
    /// process leaves nothing behind; elsewhere it is deleted on close, and at start-up if the process died first.
    /// </summary>
    private static FileStream Spool(UploadOptions options)
    {
        var directory = Directory.CreateDirectory(options.SpoolPath).FullName;
        var path = Path.Combine(directory, $"{SpoolPrefix}{Guid.NewGuid():N}");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return spool;
    }

    /// <summary>Deletes the spool files a previous process left (one killed mid-upload); files in use elsewhere are left alone.</summary>
    public static int DeleteStaleSpools(UploadOptions options)
    {
        if (!Directory.Exists(options.SpoolPath)) return 0;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(options.SpoolPath, SpoolPrefix + "*"))
        {
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Open by a live process (Windows): it deletes its own on close.
            }
        }
        return deleted;
    }
}

/// <summary>Cleans the spool directory when the service starts.</summary>
public sealed class StaleSpoolCleaner(IOptions<UploadOptions> options, ILogger<StaleSpoolCleaner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var deleted = UploadBody.DeleteStaleSpools(options.Value);
        if (deleted > 0) logger.LogWarning("Deleted {Count} upload spool file(s) left by a previous process in {Directory}", deleted, options.Value.SpoolPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class UploadRegistration
{
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddValidatedOptions<UploadOptions>(UploadOptions.Section, UploadOptions.Problems);
        services.AddHostedService<StaleSpoolCleaner>();
        return services;
    }
}
