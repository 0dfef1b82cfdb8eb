using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Reads the date after "entro": "entro [e non oltre] [la data del] [il] 30/06/2024", "entro 30 giugno", "entro fine anno",
/// "entro il 2024" (31 December), "entro l'anno" (31 December of the plan year).
/// </summary>
internal static class Deadlines
{
    // "entro e non oltre" needs no entry: the date reader skips "e non oltre" after "entro".
    private static readonly string[] Entro = ["entro"];

    // "l'anno corrente", "l'anno in corso" need no entry: "l'anno" is read and "corrente", "in corso" are plain words.
    private static readonly string[] YearEnd = ["l'anno", "l'esercizio", "anno corrente", "anno in corso"];

    private static readonly string[] Fillers = [.. Operators.Prepositions, .. Operators.Articles];

    /// <summary>"entro …" with a date at the cursor: true and the cursor after the date; false and the cursor unmoved otherwise.</summary>
    public static bool TryRead(ParseContext ctx, out DateOnly date)
    {
        var c = ctx.C;
        var start = c.Pos;
        date = default;
        if (c.TryMatchAny(Entro) is null) return false;
        if (TryReadAfterEntro(ctx, out date, out _)) return true;
        c.Pos = start;
        return false;
    }

    /// <summary>The date part, with the cursor just after "entro". Throws when a date is there but invalid or lacks a year.</summary>
    public static bool TryReadAfterEntro(ParseContext ctx, out DateOnly date, out int dateStart)
    {
        var c = ctx.C;
        var start = c.Pos;
        date = default;
        c.SkipSpaces();
        if (c.TryMatch("e non oltre")) c.SkipSpaces();
        if (c.TryMatch("la data del") || c.TryMatch("la data di")) c.SkipSpaces();
        dateStart = c.Pos;
        if (c.TryMatchAny(YearEnd) is not null)
        {
            date = new DateOnly(RequireYear(ctx, dateStart), 12, 31);
            return true;
        }
        // "entro il I semestre": the "I" is an ordinal, not the article "i", so a period end is tried before each filler.
        for (var skipped = 0; ; skipped++)
        {
            if (TryPeriodEnd(ctx, out date)) return true;
            if (skipped == 2 || !Operators.SkipFillers(c, Fillers, max: 1)) break;
        }
        dateStart = c.Pos;
        if (ItalianDate.TryRead(c, ctx.Year, allowMonthOnly: true, out date)) return true;
        if (YearAlone(c) is { } year)
        {
            // "entro il 2024": by the end of that year.
            date = new DateOnly(year, 12, 31);
            return true;
        }
        c.Pos = start;
        return false;
    }

    // "entro il primo semestre", "entro il III trimestre 2025": the period's last day.
    private static readonly (string[] Ordinals, string Period, int Month)[] PeriodEnds =
    [
        (["primo", "1°", "1º", "i"], "semestre", 6), (["secondo", "2°", "2º", "ii"], "semestre", 12),
        (["primo", "1°", "1º", "i"], "trimestre", 3), (["secondo", "2°", "2º", "ii"], "trimestre", 6),
        (["terzo", "3°", "3º", "iii"], "trimestre", 9), (["quarto", "4°", "4º", "iv"], "trimestre", 12),
    ];

    private static bool TryPeriodEnd(ParseContext ctx, out DateOnly date)
    {
        var c = ctx.C;
        var start = c.Pos;
        date = default;
        foreach (var (ordinals, period, month) in PeriodEnds)
        {
            foreach (var ordinal in ordinals)
            {
                c.Pos = start;
                if (!c.TryMatch(ordinal)) continue;
                c.SkipSpaces();
                if (!c.TryMatch(period)) continue;
                var afterPeriod = c.Pos;
                c.SkipSpaces();
                c.TryMatchAny(["dell'anno", "del", "anno"]);
                c.SkipSpaces();
                var year = YearAlone(c);
                if (year is null) c.Pos = afterPeriod;
                var y = year ?? RequireYear(ctx, start);
                date = new DateOnly(y, month, DateTime.DaysInMonth(y, month));
                return true;
            }
        }
        c.Pos = start;
        return false;
    }

    private static int? YearAlone(TargetCursor c)
    {
        var p = c.Pos;
        var e = p;
        while (TargetCursor.IsDigit(c.At(e))) e++;
        if (e - p != 4 || char.IsLetter(c.At(e)) || c.At(e) is '.' or ',' && TargetCursor.IsDigit(c.At(e + 1))) return null;
        var year = int.Parse(c.Lower.AsSpan(p, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2100) return null;
        // "entro 2024 pratiche" is a number of pratiche, not a year.
        var save = c.Pos;
        c.Pos = e;
        var next = c.SkipSpacesFrom(e);
        var unit = char.IsLetter(c.At(next)) && !IsGrammar(c, next) || c.At(next) is '%' or '€' or '‰';
        c.Pos = unit ? save : e;
        return unit ? null : year;
    }

    // Words that may follow "entro il 2024" without making 2024 a count.
    private static bool IsGrammar(TargetCursor c, int p) =>
        c.Match(p, "e") >= 0 || c.Match(p, "di") >= 0 || c.Match(p, "del") >= 0 || c.Match(p, "nel") >= 0 || c.Match(p, "per") >= 0
        || c.Match(p, "con") >= 0 || c.Match(p, "come") >= 0 || c.Match(p, "secondo") >= 0 || c.Match(p, "in") >= 0;

    private static int RequireYear(ParseContext ctx, int position) =>
        ctx.Year is >= 1 and <= 9999
            ? ctx.Year.Value
            : throw ctx.Fail(position, Say.It("un anno (la data non lo indica; passare l'anno del piano per completarla)", "a year (the date has none; pass the plan year to complete it)"));
}
