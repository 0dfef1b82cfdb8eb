using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Reads deadline dates: "30/06/2024", "30-06-2024", "30.06.24", "30/06", "30 giugno [2024]", "1° luglio",
/// and after "entro" also "giugno [2024]", "fine giugno", "fine anno" (last day of the month or year).
/// A date without a year takes the plan year; without a plan year it is an error.
/// </summary>
internal static class ItalianDate
{
    private static readonly string[] Months =
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

    /// <summary>A month's full name ("marzo"): never what a number counts.</summary>
    public static bool IsMonthName(string lowerWord) => Array.IndexOf(Months, lowerWord) >= 0;

    private static readonly string[] Abbreviations =
        ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"];

    /// <summary>
    /// False (cursor unmoved) when no date starts here; throws when a date is there but invalid or lacks a year.
    /// With <paramref name="numericNeedsYear"/> a date in figures must carry its year: at the start of a target "4/5" is
    /// a ratio as much as the 4th of May, so only "4/5/2025" (or "4 maggio") is a date there.
    /// </summary>
    public static bool TryRead(TargetCursor c, int? planYear, bool allowMonthOnly, out DateOnly date, bool numericNeedsYear = false)
    {
        date = default;
        var start = c.Pos;
        if (TryNumeric(c, planYear, allowMonthOnly, numericNeedsYear, out date)) return true;
        if (TryDayAndMonthName(c, planYear, out date)) return true;
        if (allowMonthOnly && TryMonthOnly(c, planYear, out date)) return true;
        c.Pos = start;
        return false;
    }

    private static bool TryNumeric(TargetCursor c, int? planYear, bool afterEntro, bool needsYear, out DateOnly date)
    {
        date = default;
        var start = c.Pos;
        var p = start;
        if (!TryDigits(c, ref p, 1, 2, out var day)) return false;
        var sep = c.At(p);
        if (sep is not ('/' or '-' or '.')) return false;
        p++;
        if (!TryDigits(c, ref p, 1, 2, out var month)) return false;
        int? year = null;
        if (c.At(p) == sep && TargetCursor.IsDigit(c.At(p + 1)))
        {
            p++;
            var ys = p;
            while (TargetCursor.IsDigit(c.At(p))) p++;
            var digits = p - ys;
            if (digits is not (2 or 4)) throw c.Fail(ys, Say.It("un anno di 2 o 4 cifre", "a year of 2 or 4 digits"));
            year = int.Parse(c.Lower.AsSpan(ys, digits), provider: System.Globalization.CultureInfo.InvariantCulture);
            if (digits == 2) year += 2000;
        }
        else if (needsYear || (sep != '/' && !(afterEntro && !StartsUnit(c, p))))
        {
            // Bare "30.06" and "30-06" are numbers or ranges; only the slash makes a day/month without a year,
            // except after "entro" when no unit follows ("entro il 30.06", but "entro 1.5 giorni" is a number).
            return false;
        }
        c.Pos = p;
        date = Build(c, start, day, month, year ?? RequireYear(c, p, planYear));
        return true;
    }

    private static bool TryDayAndMonthName(TargetCursor c, int? planYear, out DateOnly date)
    {
        date = default;
        var start = c.Pos;
        var p = start;
        if (!TryDigits(c, ref p, 1, 2, out var day)) return false;
        if (c.At(p) is '°' or 'º') p++;
        if (!TargetCursor.IsSpace(c.At(p))) return false;
        p = c.SkipSpacesFrom(p);
        if (!TryMonth(c, ref p, out var month)) return false;
        c.Pos = p;
        date = Build(c, start, day, month, ReadYearAfterMonth(c) ?? RequireYear(c, c.Pos, planYear));
        return true;
    }

    private static bool TryMonthOnly(TargetCursor c, int? planYear, out DateOnly date)
    {
        date = default;
        var start = c.Pos;
        var p = start;
        var afterFine = c.Match(p, "fine ");
        if (afterFine >= 0)
        {
            p = afterFine;
            foreach (var year in new[] { "anno", "dell'anno", "esercizio", "dell'esercizio" })
            {
                var e = c.Match(p, year);
                if (e < 0) continue;
                c.Pos = e;
                var y = ReadYearAfterMonth(c) ?? RequireYear(c, c.Pos, planYear);
                date = Build(c, start, 31, 12, y);
                return true;
            }
            foreach (var filler in new[] { "del mese di ", "di ", "mese di " })
            {
                var e = c.Match(p, filler);
                if (e >= 0)
                {
                    p = e;
                    break;
                }
            }
        }
        // "entro il mese di giugno"
        var mese = c.Match(p, "mese di ");
        if (mese >= 0) p = mese;
        if (!TryMonth(c, ref p, out var month)) return false;
        c.Pos = p;
        var yy = ReadYearAfterMonth(c) ?? RequireYear(c, c.Pos, planYear);
        date = Build(c, start, DaysIn(yy, month), month, yy);
        return true;
    }

    private static bool StartsUnit(TargetCursor c, int p)
    {
        var n = c.SkipSpacesFrom(p);
        return char.IsLetter(c.At(n)) || c.At(n) is '%' or '€';
    }

    private static bool TryMonth(TargetCursor c, ref int p, out int month)
    {
        for (var i = 0; i < 12; i++)
        {
            var e = c.Match(p, Months[i]);
            if (e < 0)
            {
                e = c.Match(p, Abbreviations[i]);
                if (e >= 0 && c.At(e) == '.') e++;
            }
            if (e < 0) continue;
            p = e;
            month = i + 1;
            return true;
        }
        month = 0;
        return false;
    }

    /// <summary>A four-digit year after a month name ("30 giugno 2024"); null when absent.</summary>
    private static int? ReadYearAfterMonth(TargetCursor c)
    {
        var p = c.SkipSpacesFrom(c.Pos);
        var s = p;
        while (TargetCursor.IsDigit(c.At(p))) p++;
        if (p - s != 4) return null;
        c.Pos = p;
        return int.Parse(c.Lower.AsSpan(s, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool TryDigits(TargetCursor c, ref int p, int min, int max, out int value)
    {
        var s = p;
        while (TargetCursor.IsDigit(c.At(p)) && p - s < max + 1) p++;
        var n = p - s;
        value = 0;
        if (n < min || n > max)
        {
            p = s;
            return false;
        }
        value = int.Parse(c.Lower.AsSpan(s, n), provider: System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static int RequireYear(TargetCursor c, int position, int? planYear) =>
        planYear is >= 1 and <= 9999
            ? planYear.Value
            : throw c.Fail(position, Say.It("un anno (la data non lo indica; passare l'anno del piano per completarla)", "a year (the date has none; pass the plan year to complete it)"));

    private static DateOnly Build(TargetCursor c, int start, int day, int month, int year)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DaysIn(year, month))
        {
            throw c.Fail(start, Say.It("una data valida", "a valid date"));
        }
        return new DateOnly(year, month, day);
    }

    private static int DaysIn(int year, int month) => year is >= 1 and <= 9999 && month is >= 1 and <= 12
        ? DateTime.DaysInMonth(year, month)
        : 31;
}
