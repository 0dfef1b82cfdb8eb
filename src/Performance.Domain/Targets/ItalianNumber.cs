using System.Globalization;
using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Reads numbers as Italian plans write them ("1.234,56", "10,00", "1.039") and in the plain form ("1234.56").
/// Rules, in order:
/// both '.' and ',' present: the last one is the decimal separator, the other groups thousands;
/// one kind repeated ("1.801.000"): thousands;
/// a lone ',' is decimal ("1,5", "1,500" = 1.5: the Italian decimal comma);
/// a lone '.' followed by exactly three digits after a 1-3 digit integer part not starting with 0 is thousands ("1.039" = 1039),
/// otherwise decimal ("0.5", "0.125", "1234.567").
/// Thousands groups must have exactly three digits; anything else is an error, never a guess.
/// </summary>
internal static class ItalianNumber
{
    private static string Format => Say.It("un numero in formato italiano (1.234,56) o semplice (1234.56)", "a number in Italian (1.234,56) or plain (1234.56) format");

    public static bool IsSign(char c) => c is '-' or '+' or '\u2212';

    public static bool StartsAt(TargetCursor c, int p) =>
        TargetCursor.IsDigit(c.At(p)) || (IsSign(c.At(p)) && TargetCursor.IsDigit(c.At(p + 1)));

    /// <summary>Reads a number at the cursor. False (cursor unmoved) when no number starts there; throws when one is malformed.</summary>
    public static bool TryRead(TargetCursor c, out decimal value)
    {
        value = 0;
        var start = c.Pos;
        var p = start;
        var negative = false;
        if (IsSign(c.At(p)) && TargetCursor.IsDigit(c.At(p + 1)))
        {
            negative = c.At(p) != '+';
            p++;
        }
        if (!TargetCursor.IsDigit(c.At(p))) return false;

        var groups = new List<string>();
        var seps = new List<char>();
        groups.Add(ReadDigits(c, ref p));
        // A separator belongs to the number only when a digit follows ("5." ends a sentence, "n.3" is handled by callers).
        while (c.At(p) is '.' or ',' && TargetCursor.IsDigit(c.At(p + 1)))
        {
            seps.Add(c.At(p));
            p++;
            groups.Add(ReadDigits(c, ref p));
        }

        var (intPart, fracPart) = Interpret(c, start, groups, seps);
        intPart = intPart.TrimStart('0');
        // decimal holds at most 29 integer digits; refuse early rather than let a huge run reach the parser.
        if (intPart.Length > 29) throw c.Fail(start, Say.It("un numero nei limiti ammessi", "a number within range"));
        if (fracPart.Length > 28) fracPart = fracPart[..28];
        var literal = (intPart.Length == 0 ? "0" : intPart) + (fracPart.Length > 0 ? "." + fracPart : "");
        if (!decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            throw c.Fail(start, Say.It("un numero nei limiti ammessi", "a number within range"));
        }
        if (negative) value = -value;
        c.Pos = p;
        return true;
    }

    private static string ReadDigits(TargetCursor c, ref int p)
    {
        var s = p;
        while (TargetCursor.IsDigit(c.At(p))) p++;
        return c.Lower[s..p];
    }

    private static (string Int, string Frac) Interpret(TargetCursor c, int start, List<string> groups, List<char> seps)
    {
        if (seps.Count == 0) return (groups[0], "");

        char? dec;
        if (seps.Distinct().Count() > 1) dec = seps[^1];
        else if (seps.Count > 1) dec = null;
        else if (seps[0] == ',') dec = ',';
        else dec = groups[1].Length == 3 && groups[0].Length <= 3 && groups[0][0] != '0' ? null : '.';

        var thousands = dec is null ? seps.Count : seps.Count - 1;
        for (var i = 0; i < thousands; i++)
        {
            if (seps[i] == dec) throw c.Fail(start, Format);
        }
        if (thousands > 0)
        {
            if (groups[0].Length > 3) throw c.Fail(start, Format);
            for (var i = 1; i <= thousands; i++)
            {
                if (groups[i].Length != 3) throw c.Fail(start, Format);
            }
        }
        return (string.Concat(groups.Take(thousands + 1)), dec is null ? "" : groups[^1]);
    }
}
