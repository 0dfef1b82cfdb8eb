using System.IO.Compression;
using System.Text;
using Performance.Api.Features.Evidence;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>The type of a file from its bytes: magic numbers, containers, text kinds; anything else is plain bytes.</summary>
public sealed class ContentSnifferTests
{
    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Zip(params (string Name, string Content, bool Stored)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content, stored) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open());
                writer.Write(content);
            }
        return stream.ToArray();
    }

    public static TheoryData<string, byte[], string> Files => new()
    {
        { "pdf", Text("%PDF-1.4\n%âãÏÓ\n1 0 obj"), "application/pdf" },
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], "image/jpeg" },
        { "gif", Text("GIF89a\u0001\u0000"), "image/gif" },
        { "tiff", [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0], "image/tiff" },
        { "webp", Text("RIFF\u0010\u0000\u0000\u0000WEBPVP8 "), "image/webp" },
        { "legacy office", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "application/x-ole-storage" },
        { "p7m", [0x30, 0x80, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x80, 0x30, 0x80], "application/pkcs7-mime" },
        { "docx", Zip(("[Content_Types].xml", "<Types/>", false), ("word/document.xml", "<w:document/>", false)),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", Zip(("[Content_Types].xml", "<Types/>", false), ("xl/workbook.xml", "<workbook/>", false)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "odt", Zip(("mimetype", "application/vnd.oasis.opendocument.text", true), ("content.xml", "<office/>", false)), "application/vnd.oasis.opendocument.text" },
        { "zip", Zip(("dati/tabella.csv", "a;b", false)), "application/zip" },
        { "broken zip", [(byte)'P', (byte)'K', 3, 4, 1, 2, 3], "application/octet-stream" },
        { "rtf", Text("{\\rtf1\\ansi ciao}"), "application/rtf" },
        { "html", Text("\n  <!doctype html><title>x</title>"), "text/html" },
        { "html fragment", Text("<script>alert(1)</script>"), "text/html" },
        { "html comment", Text("<!-- nota --><p>testo</p>"), "text/html" },
        { "html late", Text("Gentile utente,\n<html><body>"), "text/html" },
        { "svg", Text("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "image/svg+xml" },
        { "svg with prolog", Text("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "image/svg+xml" },
        { "xhtml", Text("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"/>"), "application/xhtml+xml" },
        { "xml", Text("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><fattura/>"), "application/xml" },
        { "json", Text("{\"anno\": 2024, \"valore\": [1, 2]}"), "application/json" },
        { "not json", Text("{ anno: 2024"), "text/plain" },
        { "csv", Text("codice;anno;valore\nI1;2024;80\nI2;2024;90\n"), "text/csv" },
        { "csv comma", Text("a,b\r\n1,2\r\n"), "text/csv" },
        { "plain", Text("Verbale della riunione del 12 marzo: dati verificati."), "text/plain" },
        { "windows-1252 text", Encoding.Latin1.GetBytes("Attività svolta: 3 pratiche è"), "text/plain" },
        { "utf-16", [0xFF, 0xFE, (byte)'c', 0, (byte)'i', 0, (byte)'a', 0, (byte)'o', 0], "text/plain" },
        { "binary", [0x00, 0x01, 0x02, 0x03, 0xFE, 0x7F, 0x10], "application/octet-stream" },
        { "elf", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], "application/octet-stream" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Sniffs_the_type_from_the_bytes(string what, byte[] bytes, string expected) =>
        Assert.True(ContentSniffer.Sniff(bytes) == expected, $"{what}: {ContentSniffer.Sniff(bytes)}");

    [Theory]
    [InlineData("text/html", true)]
    [InlineData("image/svg+xml", true)]
    [InlineData("application/xhtml+xml", true)]
    [InlineData("application/pdf", false)]
    [InlineData("text/plain", false)]
    public void Types_a_browser_would_run_are_served_as_bytes(string type, bool active) => Assert.Equal(active, ContentSniffer.IsActive(type));
}
