using System.Globalization;
using System.IO.Packaging;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Performance.Api.Infrastructure;

namespace Performance.Api.Infrastructure.Files;

/// <summary>One row of a CSV file or sheet: its 1-based row number as a spreadsheet shows it, and its cells by column.</summary>
public sealed record TableRow(int Number, string?[] Cells, bool[] Numeric)
{
    public string? this[int column] => column >= 0 && column < Cells.Length && !string.IsNullOrWhiteSpace(Cells[column]) ? Cells[column]!.Trim() : null;

    public bool IsNumeric(int column) => column >= 0 && column < Numeric.Length && Numeric[column];

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reads office files row by row: CSV (';' ',' or tab; UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252)
/// through CsvHelper, XLSX through the OpenXML SAX reader, one row element at a time. Bad files become 400s.
/// </summary>
public static class OfficeReader
{
    /// <summary>"PK\3\4": every XLSX is a zip; anything else is taken for CSV text.</summary>
    public static OfficeFormat Sniff(Stream seekable)
    {
        Span<byte> head = stackalloc byte[4];
        var read = seekable.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        seekable.Position = 0;
        if (read == 0) throw Bad("The file is empty.");
        return read == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? OfficeFormat.Xlsx : OfficeFormat.Csv;
    }

    public static RequestValidationException Bad(string message) =>
        new([new ValidationError("file", message)], "The file cannot be read; nothing was stored.");

    // ---------------- CSV ----------------

    public static IEnumerable<TableRow> ReadCsv(Stream seekable)
    {
        var encoding = DetectEncoding(seekable);
        var options = new CsvReaderOptions
        {
            Separator = DetectDelimiter(seekable, encoding), HasHeader = false, Encoding = encoding, TrackLineNumbers = true,
            TrimWhitespace = true, MalformedData = CsvMalformedDataHandling.Throw, SkipEmptyLines = true,
            // A stray quote must not swallow the rest of a large file into one field.
            MaxRecordSize = 1 << 20,
        };
        using var csv = CsvReader.Create(seekable, options, leaveOpen: true);
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                throw Bad($"Malformed CSV at line {(e.LineNumber > 0 ? e.LineNumber : csv.LineNumber)}: {e.Message}");
            }
            if (!more) yield break;
            var cells = new string?[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
            yield return new TableRow((int)csv.LineNumber, cells, new bool[cells.Length]);
        }
    }

    /// <summary>A BOM decides; otherwise strict UTF-8 over the whole file, and Windows-1252 (what Excel "CSV" saves) when that fails.</summary>
    private static Encoding DetectEncoding(Stream stream)
    {
        var buffer = new byte[81920];
        var read = stream.Read(buffer, 0, buffer.Length);
        stream.Position = 0;
        if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) return new UTF8Encoding(false);
        if (read >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))) return Encoding.Unicode;
        if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0) throw Bad("This is not a CSV text file (binary content); send CSV or XLSX.");

        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[buffer.Length + 4];
        try
        {
            for (var n = read; n > 0; n = stream.Read(buffer, 0, buffer.Length))
                decoder.GetChars(buffer, 0, n, chars, 0, flush: false);
            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>The separator of the header line: whichever of ';' ',' tab occurs most outside quotes.</summary>
    private static char DetectDelimiter(Stream stream, Encoding encoding)
    {
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var line = reader.ReadLine() ?? "";
        stream.Position = 0;
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == ';') semicolons++;
            else if (c == ',') commas++;
            else if (c == '\t') tabs++;
        }
        if (semicolons == 0 && commas == 0 && tabs == 0) throw Bad("The first line has no ';' ',' or tab separator: this is not a CSV table with headers.");
        return semicolons >= commas && semicolons >= tabs ? ';' : commas >= tabs ? ',' : '\t';
    }

    // ---------------- XLSX ----------------

    public static SpreadsheetDocument OpenXlsx(Stream seekable)
    {
        try
        {
            var document = SpreadsheetDocument.Open(seekable, false);
            if (document.WorkbookPart?.Workbook?.Sheets is null) throw Bad("The workbook has no sheets.");
            return document;
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            throw Bad("The file looks like an XLSX workbook but cannot be opened (corrupt or not a spreadsheet).");
        }
    }

    public static IReadOnlyList<string> SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name?.Value ?? "").ToList();

    /// <summary>The rows of a sheet (by name, case-insensitive; null = the first sheet), or null when there is no such sheet.</summary>
    public static IEnumerable<TableRow>? ReadSheet(SpreadsheetDocument document, string? name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>()
            .FirstOrDefault(s => name is null || string.Equals(s.Name?.Value?.Trim(), name, StringComparison.OrdinalIgnoreCase));
        if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) return null;
        return Rows(part, SharedStrings(workbook));
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return strings;
        using var reader = Guard(() => OpenXmlReader.Create(part));
        while (Guard(reader.Read))
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                strings.Add(Guard(() => (SharedStringItem)reader.LoadCurrentElement()!).InnerText);
        return strings;
    }

    private static IEnumerable<TableRow> Rows(WorksheetPart part, List<string> shared)
    {
        using var reader = Guard(() => OpenXmlReader.Create(part));
        var next = 1;
        var more = Guard(reader.Read);
        while (more)
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                more = Guard(reader.Read);
                continue;
            }
            // One <row> at a time: memory stays bounded by the widest row, not the sheet.
            var row = Guard(() => (Row)reader.LoadCurrentElement()!);
            more = !reader.EOF;
            var number = row.RowIndex?.Value is { } r ? (int)r : next;
            next = number + 1;
            var cells = new List<(int Column, string? Text, bool Numeric)>();
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var index = OfficeFiles.ColumnIndex(cell.CellReference?.Value);
                column = index >= 0 ? index : column;
                cells.Add((column, CellText(cell, shared, out var numeric), numeric));
                column++;
            }
            var width = cells.Count == 0 ? 0 : cells.Max(c => c.Column) + 1;
            var texts = new string?[width];
            var numerics = new bool[width];
            foreach (var (c, text, numeric) in cells) (texts[c], numerics[c]) = (text, numeric);
            yield return new TableRow(number, texts, numerics);
        }
    }

    private static string? CellText(Cell cell, List<string> shared, out bool numeric)
    {
        numeric = false;
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : null;
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText;
        if (type == CellValues.Boolean) return raw == "1" ? "true" : "false";
        if (type is null || type == CellValues.Number)
        {
            numeric = raw is not null;
            return raw;
        }
        return raw;
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or System.Xml.XmlException)
        {
            throw Bad("The workbook is damaged: a sheet cannot be read.");
        }
    }

    // ---------------- input ----------------

    /// <summary>
    /// The uploaded file as a seekable stream: the first file of a multipart form, or the raw body spooled to a temporary
    /// file (deleted on close), so neither is ever held whole in memory.
    /// </summary>
    public static async Task<(Stream Stream, string? Name)> OpenUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count == 0) throw Bad("The form has no file: send the file in a multipart field (e.g. -F file=@consuntivi.csv).");
            var file = form.Files[0];
            return (file.OpenReadStream(), file.FileName);
        }
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"performance-upload-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await request.Body.CopyToAsync(spool, ct);
        spool.Position = 0;
        return (spool, null);
    }
}
