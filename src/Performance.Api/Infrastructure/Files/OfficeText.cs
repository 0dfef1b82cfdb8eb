using System.Globalization;
using Performance.Domain.Plans;
using Performance.Domain.PublicValue;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.Infrastructure.Files;

/// <summary>Numbers, yes/no, dates and labels as Italian offices write and read them; used only at the file edge.</summary>
public static class OfficeText
{
    /// <summary>Built by hand: the process runs with invariant globalization, so "it-IT" is not available.</summary>
    public static readonly NumberFormatInfo Italian = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>"1234.5" → "1.234,5"; at most two decimals, as the API presents figures.</summary>
    public static string Number(decimal? value) => value is { } v ? v.ToString("#,##0.##", Italian) : "";

    /// <summary>Plain decimal comma, no grouping: what Italian Excel reads back as a number from a CSV.</summary>
    public static string CsvNumber(decimal value) => value.ToString("0.############", Italian);

    /// <summary>
    /// "1.234,56", "10,00", "1234.56", "-3", "80%" — the target parser's own reader, so a file and a plan agree on what a
    /// number is. False for anything else (never a guess).
    /// </summary>
    public static bool TryParseNumber(string? text, out decimal value)
    {
        value = 0;
        var t = text?.Trim().Replace("\u00A0", "", StringComparison.Ordinal) ?? "";
        if (t.EndsWith('%')) t = t[..^1].TrimEnd();
        if (t.Length == 0 || t.EndsWith('.')) return false;
        try
        {
            var cursor = new TargetCursor(t);
            if (!ItalianNumber.TryRead(cursor, out value)) return false;
            return cursor.AtEnd;
        }
        catch (TargetParseException)
        {
            return false;
        }
    }

    /// <summary>A numeric cell of a workbook stores the invariant form ("1.039" there is one point zero three nine).</summary>
    public static bool TryParseStoredNumber(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseBool(string? text, out bool value)
    {
        switch (Fold(text ?? ""))
        {
            case "si" or "s" or "yes" or "y" or "true" or "vero" or "1" or "x" or "fatto":
                value = true;
                return true;
            case "no" or "n" or "false" or "falso" or "0" or "non fatto":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static readonly string[] DateFormats = ["d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "yyyy-MM-dd"];

    public static bool TryParseDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Lower case without accents or extra spaces: headers typed by hand match ("unita" = "Unità").</summary>
    public static string Fold(string text)
    {
        var chars = text.Trim().ToLowerInvariant().Select(c => c switch
        {
            'à' or 'á' => 'a',
            'è' or 'é' => 'e',
            'ì' or 'í' => 'i',
            'ò' or 'ó' => 'o',
            'ù' or 'ú' => 'u',
            _ => c,
        });
        return string.Join(' ', new string(chars.ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static string Label(NodeKind kind) => kind switch
    {
        NodeKind.Mission => "Missione",
        NodeKind.StrategicArea => "Area strategica",
        NodeKind.StrategicObjective => "Obiettivo strategico",
        NodeKind.OperationalObjective => "Obiettivo operativo",
        NodeKind.Action => "Azione",
        NodeKind.Project => "Progetto",
        _ => kind.ToString(),
    };

    public static string Label(ScoreStatus status) => status switch
    {
        ScoreStatus.Green => "Verde",
        ScoreStatus.Yellow => "Giallo",
        ScoreStatus.Red => "Rosso",
        _ => "Grigio",
    };

    public static string Label(StructureKind kind) => kind == StructureKind.Central ? "Centrale" : "Territoriale";

    public static string Label(TargetUnit unit) => unit switch
    {
        TargetUnit.Percent => "%",
        TargetUnit.PerMille => "‰",
        TargetUnit.Days => "giorni",
        TargetUnit.Hours => "ore",
        TargetUnit.Minutes => "minuti",
        TargetUnit.Weeks => "settimane",
        TargetUnit.Months => "mesi",
        TargetUnit.Euro => "euro",
        TargetUnit.Count => "numero",
        _ => "indice",
    };

    public static string YesNo(bool value) => value ? "sì" : "no";
}
