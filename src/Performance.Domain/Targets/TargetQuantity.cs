using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>A number with its unit as read from a target: "80%", "5gg", "n. 3 incontri", "€ 1.000", "1,5 milioni di euro".</summary>
internal readonly record struct TargetQuantity(
    decimal Value, TargetUnit Unit, string? Label, int Start, int NumberStart, int NumberEnd, int UnitStart);

/// <summary>Reads a quantity: optional prefix (n., N°, nr, €), the number, an optional multiplier, an optional unit.</summary>
internal static class QuantityReader
{
    private static readonly string[] CountPrefixes = ["n.", "n°", "nº", "nr.", "nr", "num."];

    private static readonly (string Word, decimal Factor)[] Multipliers =
    [
        ("miliardi", 1_000_000_000m), ("miliardo", 1_000_000_000m), ("mld", 1_000_000_000m),
        ("milioni", 1_000_000m), ("milione", 1_000_000m), ("mln", 1_000_000m), ("mila", 1_000m),
    ];

    // Number words occur after "almeno"-style words ("almeno una iniziativa", "entro tre giorni"); bare they would read as prose.
    private static readonly (string Word, decimal Value)[] NumberWords =
    [
        ("un'", 1), ("uno", 1), ("una", 1), ("un", 1), ("zero", 0), ("due", 2), ("tre", 3), ("quattro", 4), ("cinque", 5),
        ("sei", 6), ("sette", 7), ("otto", 8), ("nove", 9), ("dieci", 10), ("undici", 11), ("dodici", 12), ("tredici", 13),
        ("quattordici", 14), ("quindici", 15), ("sedici", 16), ("diciassette", 17), ("diciotto", 18), ("diciannove", 19),
        ("venti", 20), ("trenta", 30), ("quaranta", 40), ("cinquanta", 50), ("sessanta", 60), ("novanta", 90), ("cento", 100),
    ];

    private static readonly string[] DayWords = ["giorni", "giorno", "gg"];

    private static readonly string[] DayQualifiers =
        ["lavorativi", "lavorativo", "lav.", "feriali", "feriale", "solari", "naturali e consecutivi", "naturali", "consecutivi",
            "di calendario"];

    private static readonly string[] ScoreWords = ["punteggio", "punti", "punto", "pt"];

    // A change of a percentage in points is a percentage ("+5 punti percentuali"); checked before the score words.
    private static readonly string[] PointWords = ["punti percentuali", "punti percentuale", "punto percentuale", "p.p.", "p.p", "pp"];

    // Score prefixes: "tra p. 15 e p. 18", "da punti 7 a punti 9".
    private static readonly string[] ScorePrefixes = ["punti", "punteggio", "pt.", "p."];

    // Words after a number that are grammar, not a unit: "> 38 nel triennio", "da 3 a 5 giorni", "tra 3 e 5".
    private static readonly HashSet<string> StopWords =
    [
        "a", "ad", "al", "allo", "alla", "ai", "agli", "alle", "all", "di", "del", "dello", "della", "dei", "degli", "delle", "dell",
        "da", "dal", "dallo", "dalla", "dai", "dagli", "dalle", "dall", "in", "nel", "nello", "nella", "nei", "negli", "nelle", "nell",
        "su", "sul", "sullo", "sulla", "sui", "sugli", "sulle", "per", "con", "tra", "fra", "e", "ed", "o", "od", "il", "lo", "la",
        "i", "gli", "le", "l", "un", "uno", "una", "entro", "rispetto", "circa", "ogni", "oltre", "almeno", "come", "rispettivamente",
        "target", "valore", "annui", "annue", "annuo", "annua", "anno", "anni", "sull", "che", "se", "non", "ma",
        // Cue words are never a unit label: they must stay visible to the checks that follow the quantity.
        "ulteriori", "ulteriore", "altri", "altre", "altro", "altra", "cui", "pari", "baseline", "incremento", "aumento",
        "riduzione", "complessivi", "complessive", "totali", "totale",
    ];

    /// <summary>Whether a quantity (possibly with a prefix) starts at the cursor.</summary>
    public static bool StartsAt(TargetCursor c, bool allowWords)
    {
        var save = c.Pos;
        try
        {
            SkipPrefix(c);
            return ItalianNumber.StartsAt(c, c.Pos) || (allowWords && TryNumberWord(c, out _));
        }
        finally
        {
            c.Pos = save;
        }
    }

    /// <summary>Whether a number (possibly with a prefix, no number words) starts at p; the cursor does not move.</summary>
    public static bool StartsAtPosition(TargetCursor c, int p)
    {
        var save = c.Pos;
        c.Pos = p;
        var starts = StartsAt(c, allowWords: false);
        c.Pos = save;
        return starts;
    }

    public static TargetQuantity Read(TargetCursor c, bool allowWords)
    {
        var start = c.Pos;
        var prefix = SkipPrefix(c);
        var numberStart = c.Pos;
        if (!ItalianNumber.TryRead(c, out var value) && !(allowWords && TryNumberWord(c, out value)))
        {
            throw c.Fail(numberStart, Say.It("un numero", "a number"));
        }
        var numberEnd = c.Pos;
        value = ApplyMultiplier(c, value, numberStart);

        var unitStart = c.SkipSpacesFrom(c.Pos);
        var (unit, label) = ReadUnit(c);
        // "Otto marzo": a date with its day in words, which is not read (a number then a month name is never a quantity).
        if (label is null && char.IsLetter(c.At(unitStart)) && ItalianDate.IsMonthName(c.Lower[unitStart..CueWords.WordEnd(c, unitStart)]))
            throw c.Fail(unitStart, Say.It("una data con il giorno in cifre (8 marzo 2025), non un mese dopo un numero",
                "a date with its day in figures (8 marzo 2025), not a month after a number"));
        label = ReadPerSuffix(c, unit, label);
        if (prefix is { } p)
        {
            if (label is null || (unit == TargetUnit.None && p.Unit != TargetUnit.None)) (unit, label) = (p.Unit, p.Label);
            else if (unit != p.Unit) throw c.Fail(unitStart, Say.It("la stessa unità di misura del prefisso \"" + p.Label + "\"", "the same unit as the prefix \"" + p.Label + "\""));
            // "n. 3 incontri": the noun is the better label; "€ 5 euro" keeps either.
        }
        return new TargetQuantity(value, unit, label, start, numberStart, numberEnd, unitStart);
    }

    /// <summary>Whether the number at p carries an explicit sign ("+8%", "−5").</summary>
    public static bool IsSigned(TargetCursor c, int p) => ItalianNumber.IsSign(c.At(p));

    private static (TargetUnit Unit, string Label)? SkipPrefix(TargetCursor c)
    {
        var start = c.Pos;
        if (c.Current == '€')
        {
            c.Pos++;
            if (ItalianNumber.StartsAt(c, c.SkipSpacesFrom(c.Pos)))
            {
                c.SkipSpaces();
                return (TargetUnit.Euro, "€");
            }
        }
        else
        {
            foreach (var (prefix, unit) in Prefixes)
            {
                var e = c.Match(start, prefix);
                if (e < 0) continue;
                var n = c.SkipSpacesFrom(e);
                // Only a prefix when a number follows: "n" alone or "euro" in prose is not one.
                if (!ItalianNumber.StartsAt(c, n)) continue;
                c.Pos = n;
                return (unit, c.Slice(start, e));
            }
        }
        c.Pos = start;
        return null;
    }

    private static readonly (string Prefix, TargetUnit Unit)[] Prefixes =
    [
        .. CountPrefixes.Select(p => (p, TargetUnit.Count)), ("euro", TargetUnit.Euro), ("eur", TargetUnit.Euro),
        .. ScorePrefixes.Select(p => (p, TargetUnit.None)),
    ];

    /// <summary>
    /// A number word that counts something in prose ("due eventi"): 2 and more, followed by a word that is not grammar.
    /// "un"/"una" are articles there, and "sei" is as often the verb.
    /// </summary>
    public static bool IsCountingWordAt(TargetCursor c, int p) => IsNumberWordAt(c, p, requireNoun: true);

    /// <summary>A number word other than "un"/"uno"/"una" (articles at the start of prose too), at p.</summary>
    public static bool StartsWithNumberWord(TargetCursor c, int p) => IsNumberWordAt(c, p, requireNoun: false);

    /// <summary>A percentage in words at p: any number word, then "per cento", "per mille", % or ‰ ("tre per cento").</summary>
    public static bool IsPercentInWordsAt(TargetCursor c, int p)
    {
        var save = c.Pos;
        try
        {
            c.Pos = p;
            return TryNumberWord(c, out _) && ReadUnit(c).Unit is TargetUnit.Percent or TargetUnit.PerMille;
        }
        finally
        {
            c.Pos = save;
        }
    }

    private static bool IsNumberWordAt(TargetCursor c, int p, bool requireNoun)
    {
        var save = c.Pos;
        try
        {
            c.Pos = p;
            if (!TryNumberWord(c, out var value) || value == 1 || c.Lower.AsSpan(p, c.Pos - p) is "sei") return false;
            // "zero incidenti", "zero" alone: a number either way.
            if (value == 0) return true;
            if (!requireNoun) return !char.IsLetterOrDigit(c.At(c.Pos));
            var s = c.SkipSpacesFrom(c.Pos);
            if (s == c.Pos || !char.IsLetter(c.At(s))) return false;
            var e = CueWords.WordEnd(c, s);
            return !StopWords.Contains(c.Lower[s..e]);
        }
        finally
        {
            c.Pos = save;
        }
    }

    private static bool TryNumberWord(TargetCursor c, out decimal value)
    {
        foreach (var (word, v) in NumberWords)
        {
            if (!c.TryMatch(word)) continue;
            value = v;
            return true;
        }
        value = 0;
        return false;
    }

    private static decimal ApplyMultiplier(TargetCursor c, decimal value, int numberStart)
    {
        var p = c.SkipSpacesFrom(c.Pos);
        foreach (var (word, factor) in Multipliers)
        {
            var e = c.Match(p, word);
            if (e < 0) continue;
            if (c.At(e) == '.') e++;
            if (Math.Abs(value) > decimal.MaxValue / factor) throw c.Fail(numberStart, Say.It("un numero nei limiti ammessi", "a number within range"));
            c.Pos = e;
            // 1,5 × 1.000.000 is 1500000.0 in decimal: drop the trailing zero the multiplication leaves.
            value = Normalize(value * factor);
            // "1,5 milioni di euro": the "di" links the multiplier to the unit.
            var di = c.Match(c.SkipSpacesFrom(e), "di");
            if (di >= 0) c.Pos = di;
            return value;
        }
        return value;
    }

    /// <summary>The same value without trailing zeros in its scale (1500000.0 → 1500000).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>A rate keeps its denominator in the label: "bandi/anno", "ore/dipendente", "incontri al mese".</summary>
    private static string? ReadPerSuffix(TargetCursor c, TargetUnit unit, string? label)
    {
        var p = c.SkipSpacesFrom(c.Pos);
        // A target per period shorter than the year keeps the period in its label: "2 incontri al mese" is not 2 a year.
        foreach (var period in CueWords.PeriodWords)
        {
            var end = c.Match(p, period);
            if (end < 0) continue;
            c.Pos = end;
            return label is null ? c.Slice(p, end) : $"{label} {c.Slice(p, end)}";
        }
        if (unit == TargetUnit.None || label is null || c.Current != '/' || !char.IsLetter(c.At(c.Pos + 1))) return label;
        var e = c.Pos + 1;
        while (char.IsLetter(c.At(e))) e++;
        label += c.Text[c.Pos..e];
        c.Pos = e;
        return label;
    }

    /// <summary>Whether a number with a measurement unit ("10%", "5 giorni", "€ 100") starts at p.</summary>
    public static bool IsMeasuredQuantityAt(TargetCursor c, int p)
    {
        if (!TargetCursor.IsDigit(c.At(p)) || TargetCursor.IsDigit(c.At(p - 1)) || char.IsLetter(c.At(p - 1))) return false;
        var save = c.Pos;
        try
        {
            c.Pos = p;
            if (!ItalianNumber.TryRead(c, out _)) return false;
            var (unit, _) = ReadUnit(c);
            return unit is TargetUnit.Percent or TargetUnit.Euro or TargetUnit.Days or TargetUnit.Hours or TargetUnit.PerMille
                or TargetUnit.Minutes or TargetUnit.Weeks or TargetUnit.Months;
        }
        catch (TargetParseException)
        {
            return false;
        }
        finally
        {
            c.Pos = save;
        }
    }

    private static (TargetUnit Unit, string? Label) ReadUnit(TargetCursor c)
    {
        var save = c.Pos;
        c.SkipSpaces();
        var s = c.Pos;
        var ch = c.Current;
        if (ch == '%')
        {
            c.Pos++;
            return (TargetUnit.Percent, "%");
        }
        if (ch == '€')
        {
            c.Pos++;
            return (TargetUnit.Euro, "€");
        }
        if (ch == '‰')
        {
            c.Pos++;
            return (TargetUnit.PerMille, "‰");
        }
        if (c.TryMatchAny(["per cento", "percento"]) is not null) return (TargetUnit.Percent, c.Slice(s, c.Pos));
        if (c.TryMatchAny(["per mille", "permille"]) is not null) return (TargetUnit.PerMille, c.Slice(s, c.Pos));
        if (c.TryMatchAny(PointWords) is not null) return (TargetUnit.Percent, c.Slice(s, c.Pos));
        if (c.TryMatchAny(["euro", "eur"]) is not null) return (TargetUnit.Euro, c.Slice(s, c.Pos));
        if (c.TryMatchAny(DayWords) is { } day)
        {
            if (day == "gg" && c.Current == '.') c.Pos++;
            var afterDay = c.Pos;
            var q = c.SkipSpacesFrom(c.Pos);
            var matched = false;
            foreach (var qualifier in DayQualifiers)
            {
                var e = c.Match(q, qualifier);
                if (e < 0) continue;
                c.Pos = e;
                matched = true;
                break;
            }
            if (!matched) c.Pos = afterDay;
            return (TargetUnit.Days, c.Slice(s, c.Pos).TrimEnd('.'));
        }
        if (c.TryMatchAny(["ore", "ora", "h"]) is not null) return (TargetUnit.Hours, c.Slice(s, c.Pos));
        if (c.TryMatchAny(["minuti", "minuto", "min"]) is not null)
        {
            if (c.Current == '.') c.Pos++;
            return (TargetUnit.Minutes, c.Slice(s, c.Pos).TrimEnd('.'));
        }
        if (c.TryMatchAny(["settimane", "settimana"]) is not null) return (TargetUnit.Weeks, c.Slice(s, c.Pos));
        if (c.TryMatchAny(["mesi", "mese"]) is not null) return (TargetUnit.Months, c.Slice(s, c.Pos));
        if (c.TryMatchAny(ScoreWords) is not null) return (TargetUnit.None, c.Slice(s, c.Pos));
        if (char.IsLetter(ch))
        {
            var e = s;
            while (char.IsLetter(c.At(e))) e++;
            var word = c.Lower[s..e];
            // "otto marzo" is a date with its day in words, not eight of something called "marzo" (Read refuses it).
            if (!StopWords.Contains(word) && !ItalianDate.IsMonthName(word))
            {
                // "10.000 nuovi servizi": the adjective alone says nothing; the label keeps the noun with it.
                if (word is "nuovi" or "nuove" or "nuovo" or "nuova")
                {
                    var n = c.SkipSpacesFrom(e);
                    var ne = n;
                    while (char.IsLetter(c.At(ne))) ne++;
                    if (ne > n && !StopWords.Contains(c.Lower[n..ne])) e = ne;
                }
                c.Pos = e;
                return (TargetUnit.Count, c.Text[s..e]);
            }
        }
        c.Pos = save;
        return (TargetUnit.None, null);
    }
}
