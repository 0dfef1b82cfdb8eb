using System.IO.Compression;
using System.Text;

namespace Performance.Api.Features.Evidence;

/// <summary>
/// The content type of a file from its bytes alone: what the client declares is never trusted. Magic numbers for PDF,
/// images, signed CAdES (.p7m) and legacy Office files; inside ZIP archives the OpenDocument <c>mimetype</c> entry or the
/// OOXML part names (docx, xlsx, pptx); text is told apart as HTML (the WHATWG sniffing tags), SVG, XML, JSON, CSV or plain.
/// Anything else is <c>application/octet-stream</c>.
/// </summary>
public static class ContentSniffer
{
    public const string Binary = "application/octet-stream";
    public const string Html = "text/html";
    public const string Svg = "image/svg+xml";
    public const string Xhtml = "application/xhtml+xml";

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Ole => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static ReadOnlySpan<byte> SignedDataOid => [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    public static string Sniff(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith("%PDF-"u8)) return "application/pdf";
        if (b.StartsWith(Png)) return "image/png";
        if (b.StartsWith(Jpeg)) return "image/jpeg";
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return "image/gif";
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return "image/tiff";
        if (b.StartsWith(Ole)) return "application/x-ole-storage";
        if (b.StartsWith("PK\x03\x04"u8)) return Zip(bytes);
        if (b.StartsWith("{\\rtf"u8)) return "application/rtf";
        // PKCS#7 signedData (CAdES, the .p7m files of Italian digital signatures): a DER SEQUENCE holding OID 1.2.840.113549.1.7.2.
        if (b.Length > 16 && b[0] == 0x30 && b[..Math.Min(b.Length, 32)].IndexOf(SignedDataOid) > 0)
            return "application/pkcs7-mime";
        return Text(b) is { } text ? TextType(text) : Binary;
    }

    private static string Zip(byte[] bytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (archive.Entries.FirstOrDefault() is { FullName: "mimetype", Length: > 0 and < 100 } first)
            {
                using var reader = new StreamReader(first.Open(), Encoding.ASCII);
                var declared = reader.ReadToEnd().Trim();
                if (declared.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal) && declared.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-'))
                    return declared;
            }
            if (names.Contains("[Content_Types].xml"))
            {
                if (names.Contains("word/document.xml")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                if (names.Contains("xl/workbook.xml")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                if (names.Contains("ppt/presentation.xml")) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
            }
            return "application/zip";
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return Binary;
        }
    }

    /// <summary>The text when the bytes are text (UTF-8 or UTF-16 with a BOM, strict UTF-8, or 8-bit text without control bytes); else null.</summary>
    private static string? Text(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith(Utf8Bom)) b = b[3..];
        else if (b.StartsWith(Utf16LeBom)) return Decode(Encoding.Unicode, b[2..]);
        else if (b.StartsWith(Utf16BeBom)) return Decode(Encoding.BigEndianUnicode, b[2..]);
        foreach (var c in b)
            if (c is < 0x09 or 0x0B or (> 0x0D and < 0x20 and not 0x1B) or 0x7F) return null;
        return System.Text.Unicode.Utf8.IsValid(b) ? Encoding.UTF8.GetString(b) : Encoding.Latin1.GetString(b);
    }

    private static string? Decode(Encoding encoding, ReadOnlySpan<byte> b)
    {
        var text = encoding.GetString(b);
        return text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) ? null : text;
    }

    // The tags after which a browser sniffs HTML (WHATWG MIME Sniffing, "identifying a resource with an unknown MIME type").
    private static readonly string[] HtmlTags =
        ["<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--"];

    private static string TextType(string text)
    {
        var head = text.TrimStart().ToLowerInvariant();
        if (head.Length > 4096) head = head[..4096];
        if (head.StartsWith("<?xml", StringComparison.Ordinal))
            return head.Contains("<svg", StringComparison.Ordinal) ? Svg : head.Contains("<html", StringComparison.Ordinal) ? Xhtml : "application/xml";
        if (head.StartsWith("<svg", StringComparison.Ordinal)) return Svg;
        foreach (var tag in HtmlTags)
            if (head.StartsWith(tag, StringComparison.Ordinal) && (head.Length == tag.Length || head[tag.Length] is ' ' or '>' || tag == "<!--"))
                return Html;
        if (head.Contains("<script", StringComparison.Ordinal) || head.Contains("<html", StringComparison.Ordinal)) return Html;
        if (head.StartsWith('{') || head.StartsWith('['))
        {
            try
            {
                using var _ = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
                return "application/json";
            }
            catch (System.Text.Json.JsonException)
            {
                // not JSON: plain text
            }
        }
        return IsCsv(text) ? "text/csv" : "text/plain";
    }

    /// <summary>At least two lines and the first five carry the same number of one separator (';', ',' or tab).</summary>
    private static bool IsCsv(string text)
    {
        var lines = text.Split('\n', 6).Take(5).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2) return false;
        foreach (var separator in new[] { ';', ',', '\t' })
        {
            var counts = lines.Select(l => l.Count(c => c == separator)).Distinct().ToList();
            if (counts is [> 0]) return true;
        }
        return false;
    }

    /// <summary>Types a browser would render or run (HTML, SVG, XHTML): served as plain bytes, whatever was uploaded.</summary>
    public static bool IsActive(string contentType) => contentType is Html or Svg or Xhtml;

    /// <summary>A file extension for a name made up from the type.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "image/tiff" => ".tif",
        "application/zip" => ".zip",
        "application/pkcs7-mime" => ".p7m",
        "text/csv" => ".csv",
        "text/plain" => ".txt",
        "application/json" => ".json",
        "application/xml" => ".xml",
        Html => ".html",
        Svg => ".svg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => ".pptx",
        "application/vnd.oasis.opendocument.text" => ".odt",
        "application/vnd.oasis.opendocument.spreadsheet" => ".ods",
        _ => ".bin",
    };
}
