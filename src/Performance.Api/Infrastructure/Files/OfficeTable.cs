using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// A table to hand to an office: Italian headers and typed cells (decimal/int = number, DateOnly = date, string = text,
/// bool = sì/no, null = empty). One table is a CSV file or one sheet of a workbook.
/// </summary>
public sealed record OfficeTable(string Name, IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows);

public enum OfficeFormat { Csv, Xlsx }

public static class OfficeFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv";

    public static OfficeFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => OfficeFormat.Csv,
        "xlsx" => OfficeFormat.Xlsx,
        _ => null,
    };

    /// <summary>The file as a response: CSV gets the first table (UTF-8 with BOM, ';' and decimal comma: Excel in Italian opens it as is).</summary>
    public static IResult Result(OfficeFormat format, string fileName, IReadOnlyList<OfficeTable> tables) => format switch
    {
        OfficeFormat.Csv => Results.File(WriteCsv(tables[0]), CsvType + "; charset=utf-8", fileName + ".csv"),
        _ => Results.File(WriteXlsx(tables), XlsxType, fileName + ".xlsx"),
    };

    public static byte[] WriteCsv(OfficeTable table)
    {
        using var buffer = new MemoryStream();
        // Escape: a text cell starting with = + - @ must not run as a formula when the office opens the file.
        var options = new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteRecord(table.Headers.ToArray());
            foreach (var row in table.Rows)
            {
                // Short rows are padded: every record has the header's field count.
                foreach (var cell in row.Concat(Enumerable.Repeat<object?>(null, Math.Max(0, table.Headers.Count - row.Length))))
                {
                    switch (cell)
                    {
                        // Numbers are written typed (never escaped), with the decimal comma Italian Excel reads as a number.
                        case decimal d: csv.WriteField(d, "0.############", OfficeText.Italian); break;
                        case int i: csv.WriteField(i, "0", CultureInfo.InvariantCulture); break;
                        case null: csv.WriteField((string?)null); break;
                        default: csv.WriteField(CsvCell(cell)); break;
                    }
                }
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    private static string CsvCell(object cell) => cell switch
    {
        bool b => OfficeText.YesNo(b),
        DateOnly date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    // Style indexes of the stylesheet below.
    private const uint HeaderStyle = 1, DecimalStyle = 2, DateStyle = 3;

    /// <summary>
    /// Writes rows with the SAX writer (no DOM per sheet) and inline strings, so numbers stay numbers
    /// (<c>t="n"</c>) and no shared-string table has to be held in memory.
    /// </summary>
    public static byte[] WriteXlsx(IReadOnlyList<OfficeTable> tables)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
            var sheets = new Sheets();
            uint sheetId = 1;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, table);
                sheets.Append(new Sheet { Name = SheetName(table.Name), SheetId = sheetId++, Id = workbook.GetIdOfPart(part) });
            }
            workbook.Workbook.Append(sheets);
            workbook.Workbook.Save();
        }
        return buffer.ToArray();
    }

    private static void WriteSheet(WorksheetPart part, OfficeTable table)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft }) { WorkbookViewId = 0 }));
        var columns = new Columns();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var width = Math.Clamp(table.Headers[c].Length + 4, 10, 60);
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = width, CustomWidth = true });
        }
        writer.WriteElement(columns);
        writer.WriteStartElement(new SheetData());
        var rowNumber = 1u;
        WriteRow(writer, rowNumber++, table.Headers.Cast<object?>().ToArray(), header: true);
        foreach (var row in table.Rows) WriteRow(writer, rowNumber++, row, header: false);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, object?[] cells, bool header)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", number.ToString(CultureInfo.InvariantCulture))]);
        for (var c = 0; c < cells.Length; c++)
        {
            if (Cell(cells[c], ColumnName(c) + number.ToString(CultureInfo.InvariantCulture), header) is { } cell) writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    private static Cell? Cell(object? value, string reference, bool header) => value switch
    {
        null => null,
        decimal d => new Cell(new CellValue(d)) { CellReference = reference, DataType = CellValues.Number, StyleIndex = DecimalStyle },
        int i => new Cell(new CellValue(i)) { CellReference = reference, DataType = CellValues.Number },
        DateOnly date => new Cell(new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)))
            { CellReference = reference, DataType = CellValues.Number, StyleIndex = DateStyle },
        bool b => Text(OfficeText.YesNo(b), reference, header),
        _ => Text(value.ToString() ?? "", reference, header),
    };

    private static Cell Text(string text, string reference, bool header)
    {
        var cell = new Cell(new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }))
            { CellReference = reference, DataType = CellValues.InlineString };
        if (header) cell.StyleIndex = HeaderStyle;
        return cell;
    }

    /// <summary>
    /// Stored text as XML 1.0 can carry it: each character no text may hold (stored before the rule, or written into the
    /// database directly) becomes U+FFFD, so the export still opens and shows where something was, instead of a 500.
    /// </summary>
    private static string XmlSafe(string text)
    {
        if (ValidationRules.ForbiddenCharacter(text) < 0) return text;
        var safe = new StringBuilder(text.Length);
        for (var rest = text.AsSpan(); ;)
        {
            var bad = ValidationRules.ForbiddenCharacter(rest);
            if (bad < 0) return safe.Append(rest).ToString();
            safe.Append(rest[..bad]).Append('\uFFFD');
            rest = rest[(bad + 1)..];
        }
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            // Built-in format 4 is "#,##0.00": Excel shows it with the reader's own separators (1.234,56 in Italy).
            new CellFormat { NumberFormatId = 4, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 14, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 4 });

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>
    /// "AB12" → 27 (zero-based column); -1 for anything that is not a cell of a worksheet (A1 to XFD1048576). At most four
    /// letters and eight digits are looked at, so a reference of a million letters costs nothing.
    /// </summary>
    public static int ColumnIndex(string reference)
    {
        var i = 0;
        var column = 0;
        for (; i < reference.Length && i < 4 && char.IsAsciiLetter(reference[i]); i++) column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        if (i is 0 or > 3 || column > UploadOptions.SheetColumns || reference.Length - i is < 1 or > 7) return -1;
        var row = 0;
        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i])) return -1;
            row = row * 10 + (reference[i] - '0');
        }
        return row is >= 1 and <= UploadOptions.SheetRows ? column - 1 : -1;
    }

    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
