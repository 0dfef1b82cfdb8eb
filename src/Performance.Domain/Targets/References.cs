using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Reads what a relative target is measured against: "rispetto al 2023", "rispetto alla baseline [2021]",
/// "rispetto all'anno precedente", "rispetto ai valori definiti nella baseline", "sulla baseline", and without an
/// introduction after a comparison or "mantenimento": "valore 2023", "del livello 2024", "baseline".
/// </summary>
internal static class References
{
    private static readonly string[] BaselinePhrases =
    [
        // "valore di partenza" is "valore" (a noun), "di" and "partenza".
        "baseline", "linea di base", "valore iniziale", "valore base", "anno base", "situazione di partenza",
        "punto di partenza", "partenza",
    ];

    private static readonly string[] PreviousYearPhrases =
        ["anno precedente", "anno scorso", "esercizio precedente", "annualità precedente", "annualita precedente"];

    // Words that may stand between the introduction and the year or the baseline ("ai valori definiti nella baseline").
    private static readonly HashSet<string> Nouns =
    [
        "valore", "valori", "dato", "dati", "livello", "livelli", "consuntivo", "consuntivi", "risultato", "risultati", "misura",
        "rilevazione", "quello", "quella", "quelli", "quelle", "corrispondente", "medesimo", "stesso", "registrato", "registrata",
        "registrati", "rilevato", "rilevata", "rilevati", "conseguito", "conseguita", "conseguiti", "raggiunto", "raggiunta",
        "definiti", "definito", "definita", "definite", "individuato", "individuata", "fissato", "fissata", "attuale", "effettivo",
        "effettivi", "anno", "esercizio",
    ];

    // The nouns that let a reference stand without "rispetto" (">= valore 2023", "mantenimento del livello 2024").
    private static readonly HashSet<string> Heads = ["valore", "valori", "dato", "dati", "livello", "livelli", "consuntivo", "risultato"];

    private static readonly string[] Fillers =
    [
        .. Operators.Prepositions, .. Operators.Articles, "nell'", "nella", "nello", "nel", "nei", "negli", "nelle", "dall'", "dalla",
        "dal", "in",
    ];

    /// <summary>"rispetto a…" (or a word that is a reference by itself, "baseline") at p.</summary>
    public static bool StartsAt(ParseContext ctx, int p) =>
        CueWords.MatchAny(ctx.C, p, CueWords.ReferenceIntros) is not null || CueWords.MatchAny(ctx.C, p, CueWords.ReferenceWords) is not null;

    /// <summary>Whether a reference without "rispetto" ("valore 2023", "baseline", "anno precedente") can be read at p.</summary>
    public static bool StartsBody(ParseContext ctx, int p)
    {
        var c = ctx.C;
        var save = c.Pos;
        try
        {
            c.Pos = p;
            return TryReadBody(ctx, strict: false) is not null;
        }
        catch (TargetParseException)
        {
            return true;
        }
        finally
        {
            c.Pos = save;
        }
    }

    /// <summary>
    /// Reads a reference at the cursor. After "rispetto a…" a reference must follow (else an error naming what was
    /// found); a bare body is optional (null, cursor unmoved, when none is there).
    /// </summary>
    public static TargetReference? TryRead(ParseContext ctx, bool bareYear = false)
    {
        var c = ctx.C;
        var start = c.Pos;
        if (CueWords.MatchAny(c, start, CueWords.ReferenceIntros) is { } intro)
        {
            c.Pos = intro.End;
            c.SkipSpaces();
            return TryReadBody(ctx, strict: true);
        }
        if (TryReadBody(ctx, strict: false, bareYear) is { } body) return body;
        c.Pos = start;
        return null;
    }

    /// <param name="bareYear">A year with no noun before it is a reference ("mantenimento del 2024", "in linea con il 2023").</param>
    private static TargetReference? TryReadBody(ParseContext ctx, bool strict, bool bareYear = false)
    {
        var c = ctx.C;
        var start = c.Pos;
        var sawHead = bareYear;
        for (var words = 0; words < 10; words++)
        {
            c.SkipSpaces();
            var p = c.Pos;
            if (CueWords.MatchAny(c, p, BaselinePhrases) is { } baseline)
            {
                c.Pos = baseline.End;
                return new TargetReference(TryYearAfter(c), Baseline: true);
            }
            if (CueWords.MatchAny(c, p, PreviousYearPhrases) is { } previous)
            {
                c.Pos = previous.End;
                return ctx.Year is { } y and > 1
                    ? new TargetReference(y - 1, Baseline: false)
                    : throw ctx.Fail(p, Say.It($"un anno del piano (\"{previous.Phrase}\" ne ha bisogno per individuare l'anno di riferimento)", $"a plan year (\"{previous.Phrase}\" needs it to name the reference year)"));
            }
            if ((strict || sawHead) && ReadYear(c, p) is { } year)
            {
                return new TargetReference(year, Baseline: false);
            }
            if (c.TryMatchAny(Fillers) is not null) continue;
            var end = CueWords.WordEnd(c, p);
            var word = c.Lower[p..end];
            if (end > p && Nouns.Contains(word) && (strict || sawHead || Heads.Contains(word)))
            {
                sawHead = true;
                c.Pos = end;
                continue;
            }
            break;
        }
        if (strict)
        {
            var at = c.SkipSpacesFrom(c.Pos);
            var found = at < c.End ? c.Text[at..CueWords.WordEnd(c, at)] : "";
            throw ctx.Fail(at, Say.It("un anno di riferimento o la baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente)" + (found.Length > 0 ? $", non \"{found}\"" : ""), "a reference year or the baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente)"
                + (found.Length > 0 ? $", not \"{found}\"" : "")));
        }
        c.Pos = start;
        return null;
    }

    /// <summary>"baseline 2021", "baseline del 2021": the baseline's year when written.</summary>
    private static int? TryYearAfter(TargetCursor c)
    {
        var save = c.Pos;
        c.SkipSpaces();
        c.TryMatchAny(["dell'anno", "del", "al", "anno"]);
        c.SkipSpaces();
        if (ReadYear(c, c.Pos) is { } year) return year;
        c.Pos = save;
        return null;
    }

    /// <summary>A four-digit year 1900-2100 standing alone at p (not "2023,5", "2023%", "2023 pratiche"); moves past it.</summary>
    private static int? ReadYear(TargetCursor c, int p)
    {
        var e = p;
        while (TargetCursor.IsDigit(c.At(e))) e++;
        if (e - p != 4 || TargetCursor.IsDigit(c.At(p - 1)) || char.IsLetter(c.At(e))) return null;
        if (c.At(e) is '.' or ',' or '/' && TargetCursor.IsDigit(c.At(e + 1))) return null;
        var year = int.Parse(c.Lower.AsSpan(p, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2100 || QuantityReader.IsMeasuredQuantityAt(c, p)) return null;
        c.Pos = e;
        return year;
    }
}
