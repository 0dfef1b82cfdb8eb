using System.Globalization;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// Typed cells as offices write them. A cell that cannot be converted is recorded in the source map as unreadable (and
/// read as empty), never guessed; the rest of the file is still read so one answer lists every problem.
/// </summary>
public static class SheetCells
{
    /// <summary>
    /// A text cell; one holding a character no text may hold (<see cref="ValidationRules.ForbiddenCharacter"/>, which a CSV
    /// can carry) is reported where it is and read as empty. XLSX cannot carry them at all: its XML parser refuses them.
    /// </summary>
    public static string? Text(this SourceMap source, SheetLayout sheet, TableRow row, string field)
    {
        if (sheet.Text(row, field) is not { } text) return null;
        if (ValidationRules.ForbiddenCharacter(text) is not (var index and >= 0)) return text;
        source.Unreadable(sheet, row.Number, field, ValidationRules.ForbiddenCharacterMessage(text, index));
        return null;
    }

    /// <summary>A numeric cell as stored; a text cell as an Italian office writes it (1.234,56) or as 1234.56.</summary>
    public static decimal? Number(this SourceMap source, SheetLayout sheet, TableRow row, string field)
    {
        if (!sheet.Columns.TryGetValue(field, out var c) || row[c.Column] is not { } text) return null;
        if (row.IsNumeric(c.Column) ? OfficeText.TryParseStoredNumber(text, out var value) : OfficeText.TryParseNumber(text, out value)) return value;
        source.Unreadable(sheet, row.Number, field, Say.It($"'{text}' non è un numero (scrivere 1.234,56 o 1234.56).", $"'{text}' is not a number (write 1.234,56 or 1234.56)."));
        return null;
    }

    public static int? Integer(this SourceMap source, SheetLayout sheet, TableRow row, string field)
    {
        if (source.Number(sheet, row, field) is not { } n) return null;
        if (n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue) return (int)n;
        source.Unreadable(sheet, row.Number, field, Say.It($"'{sheet.Text(row, field)}' non è un numero intero.", $"'{sheet.Text(row, field)}' is not a whole number."));
        return null;
    }

    /// <summary>A date cell (an Excel serial number) or a text date (gg/mm/aaaa, aaaa-mm-gg).</summary>
    public static DateOnly? Date(this SourceMap source, SheetLayout sheet, TableRow row, string field)
    {
        if (!sheet.Columns.TryGetValue(field, out var c) || row[c.Column] is not { } text) return null;
        if (row.IsNumeric(c.Column) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        if (OfficeText.TryParseDate(text, out var date)) return date;
        source.Unreadable(sheet, row.Number, field, Say.It($"'{text}' non è una data (gg/mm/aaaa).", $"'{text}' is not a date (gg/mm/aaaa)."));
        return null;
    }

    public static bool? YesNo(this SourceMap source, SheetLayout sheet, TableRow row, string field)
    {
        if (sheet.Text(row, field) is not { } text) return null;
        if (OfficeText.TryParseBool(text, out var value)) return value;
        source.Unreadable(sheet, row.Number, field, Say.It($"'{text}' non è sì/no.", $"'{text}' is not sì/no."));
        return null;
    }
}
