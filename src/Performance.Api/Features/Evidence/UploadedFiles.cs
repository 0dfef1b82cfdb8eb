using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Files;
using Performance.Domain.Language;

namespace Performance.Api.Features.Evidence;

/// <summary>A file sent to be attached: its bytes and what the client said about it (a name to sanitize, a type only recorded).</summary>
public sealed record UploadedFile(byte[] Bytes, string? Name, string? DeclaredType, string? Description);

/// <summary>
/// Reads an attachment from a multipart form (the first file part; an optional <c>description</c> field) or from the raw
/// body (name and description in the query or a <c>Content-Disposition</c> header), never holding more than the attachment
/// limit: a declared length over it is refused before reading, a longer body as soon as it crosses it (413). This reader is
/// bounded by <c>Attachments:MaxBytes</c>, unlike the office files' upload (<see cref="UploadBody"/>), which spools up to
/// the request limit; the multipart limits (parts, part headers, boundary) are the same, from <c>Uploads:*</c>.
/// </summary>
public static class UploadedFiles
{
    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    public static async Task<UploadedFile> ReadAsync(HttpRequest request, long max, UploadOptions limits, string? name, string? description, CancellationToken ct)
    {
        var multipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (request.ContentLength > max + (multipart ? FormOverhead : 0)) throw TooLarge(max);
        if (type?.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            throw Bad(Say.It("Un modulo URL-encoded non trasporta file: inviare multipart/form-data (-F file=@verbale.pdf) o il file come corpo della richiesta.", "A URL-encoded form carries no file: send multipart/form-data (-F file=@verbale.pdf) or the file as the body."));
        var file = multipart ? await ReadFormAsync(request, type!, max, limits, ct) : await ReadRawAsync(request, max, ct);
        file = file with
        {
            Name = file.Name ?? name,
            Description = string.IsNullOrWhiteSpace(file.Description) ? string.IsNullOrWhiteSpace(description) ? null : description.Trim() : file.Description.Trim(),
        };
        if (file.Bytes.Length == 0) throw Bad(Say.It("Il file è vuoto.", "The file is empty."));
        if (file.Description?.Length > ValidationRules.MaxTextLength) throw DescriptionTooLong();
        // The one rule on text, as for a JSON body: NUL cannot be stored by PostgreSQL (a 500), U+FFFF breaks the exports' XML.
        if (ValidationRules.UnstorableProblem(file.Description) is { } problem) throw RequestValidationException.For("description", problem);
        return file;
    }

    private static async Task<UploadedFile> ReadRawAsync(HttpRequest request, long max, CancellationToken ct)
    {
        string? name = null;
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
            name = NameOf(disposition);
        return new UploadedFile(await ReadBoundedAsync(request.Body, max, () => TooLarge(max), ct), name, request.ContentType, null);
    }

    private static async Task<UploadedFile> ReadFormAsync(HttpRequest request, MediaTypeHeaderValue type, long max, UploadOptions limits, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > UploadBody.MaxBoundaryLength) throw Bad(Say.It("Il corpo multipart non ha un boundary valido.", "The multipart body has no valid boundary."));
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = limits.MaxPartHeaderBytes };
        UploadedFile? file = null;
        string? description = null;
        try
        {
            var sections = 0;
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (++sections > limits.MaxFormParts)
                    throw FileBudget.Over(Say.It("Il corpo multipart ha più parti di quelle consentite", "The multipart body has more parts than allowed"), nameof(UploadOptions.MaxFormParts), limits.MaxFormParts);
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                if (disposition.IsFileDisposition())
                {
                    if (file is not null) throw Bad(Say.It("Un file per richiesta: inviare ogni allegato separatamente.", "One file per request: send each attachment on its own."));
                    file = new UploadedFile(await ReadBoundedAsync(section.Body, max, () => TooLarge(max), ct), NameOf(disposition), section.ContentType, null);
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == "description")
                    description = Encoding.UTF8.GetString(await ReadBoundedAsync(section.Body, ValidationRules.MaxTextLength * 4L, DescriptionTooLong, ct));
                else await ReadBoundedAsync(section.Body, FormOverhead, () => Bad(Say.It("Un campo del modulo diverso dal file supera 64 KiB.", "A form field other than the file is larger than 64 KiB.")), ct);
            }
        }
        catch (Exception e) when (e is (IOException and not BadHttpRequestException) or InvalidDataException)
        {
            throw Bad(Say.It("Il corpo multipart è malformato: " + e.Message, "The multipart body is malformed: " + e.Message));
        }
        return (file ?? throw Bad(Say.It("Il modulo non contiene un file: inviare il file in un campo multipart (per esempio -F file=@verbale.pdf).", "The form has no file: send the file in a multipart field (e.g. -F file=@verbale.pdf)."))) with { Description = description };
    }

    private static string? NameOf(ContentDispositionHeaderValue disposition)
    {
        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
        if (string.IsNullOrEmpty(name)) name = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The stream's bytes, failing as soon as they exceed <paramref name="max"/>.</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream body, long max, Func<Exception> tooLarge, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw tooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static BadHttpRequestException TooLarge(long max) =>
        new(Say.It($"Il file supera il limite degli allegati di {max} byte (Attachments:MaxBytes).", $"The file is larger than the attachment limit of {max} bytes (Attachments:MaxBytes)."), StatusCodes.Status413PayloadTooLarge);

    private static RequestValidationException DescriptionTooLong() =>
        RequestValidationException.For("description", Say.It($"La descrizione può contenere al massimo {ValidationRules.MaxTextLength} caratteri.", $"The description must be at most {ValidationRules.MaxTextLength} characters."));

    private static RequestValidationException Bad(string message) => new([new ValidationError("file", message)], Say.It("Il file non può essere allegato; non è stato salvato nulla.", "The file cannot be attached; nothing was stored."));
}
