using System.Text;
using CsvHelper;
using Performance.Api.Infrastructure;
using Performance.Domain.Language;

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
/// through CsvHelper, XLSX through <see cref="XlsxWorkbook"/>, one row element at a time, both within the file's
/// <see cref="FileBudget"/>. Bad files become 400s, files over a limit 413s.
/// </summary>
public static class OfficeReader
{
    /// <summary>"PK\3\4": every XLSX is a zip; anything else is taken for CSV text.</summary>
    public static OfficeFormat Sniff(Stream seekable)
    {
        Span<byte> head = stackalloc byte[4];
        var read = seekable.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        seekable.Position = 0;
        if (read == 0) throw Bad(Say.It("Il file è vuoto.", "The file is empty."));
        return read == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? OfficeFormat.Xlsx : OfficeFormat.Csv;
    }

    public static RequestValidationException Bad(string message) =>
        new([new ValidationError("file", message)], Say.It("Il file non è leggibile; non è stato salvato nulla.", "The file cannot be read; nothing was stored."));

    // ---------------- CSV ----------------

    private const int MaxRecordSize = 1 << 20;

    public static IEnumerable<TableRow> ReadCsv(Stream seekable, FileBudget budget)
    {
        var encoding = DetectEncoding(seekable);
        var options = new CsvReaderOptions
        {
            Separator = DetectDelimiter(seekable, encoding), HasHeader = false, Encoding = encoding, TrackLineNumbers = true,
            TrimWhitespace = true, MalformedData = CsvMalformedDataHandling.Throw, SkipEmptyLines = true,
            // A stray quote must not swallow the rest of a large file into one field.
            MaxRecordSize = MaxRecordSize,
        };
        using var csv = CsvReader.Create(seekable, options, leaveOpen: true);
        var count = 0;
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                throw Bad(Say.It($"CSV malformato alla riga {(e.LineNumber > 0 ? e.LineNumber : csv.LineNumber)}: {e.Message}", $"Malformed CSV at line {(e.LineNumber > 0 ? e.LineNumber : csv.LineNumber)}: {e.Message}"));
            }
            if (!more) yield break;
            budget.Tick();
            budget.AddRow(++count, (int)csv.LineNumber, csv.FieldCount);
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
        if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0) throw Bad(Say.It("Non è un file di testo CSV (contenuto binario); inviare un file CSV o XLSX.", "This is not a CSV text file (binary content); send CSV or XLSX."));

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
        // The header line, up to the longest record read (a file of one endless line is not held whole).
        var line = new StringBuilder();
        for (int c; line.Length < MaxRecordSize && (c = reader.Read()) is >= 0 and not '\n' and not '\r';) line.Append((char)c);
        stream.Position = 0;
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in line.ToString())
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == ';') semicolons++;
            else if (c == ',') commas++;
            else if (c == '\t') tabs++;
        }
        if (semicolons == 0 && commas == 0 && tabs == 0) throw Bad(Say.It("La prima riga non contiene separatori ';' ',' o tabulazione: non è una tabella CSV con intestazioni.", "The first line has no ';' ',' or tab separator: this is not a CSV table with headers."));
        return semicolons >= commas && semicolons >= tabs ? ';' : commas >= tabs ? ',' : '\t';
    }

    // ---------------- XLSX ----------------

    public static XlsxWorkbook OpenXlsx(Stream seekable, FileBudget budget) => XlsxWorkbook.Open(seekable, budget);
}
