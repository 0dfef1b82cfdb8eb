using System.Diagnostics.CodeAnalysis;

namespace Performance.Domain.Targets;

/// <summary>
/// Turns a target as written in a plan into a <see cref="ParsedTarget"/> (grammar: docs/targets.md). It never guesses silently:
/// anything it cannot read is a <see cref="TargetParseException"/> naming the position and what was expected.
/// </summary>
/// <remarks>
/// <para>How a text is read, first rule that applies wins:</para>
/// <list type="number">
/// <item>A comparison symbol at the start (&gt;=, &gt; =, =&gt;, ≥, &lt;=, ≤, &gt;, &lt;, =): a number must follow.</item>
/// <item>"entro [il]": a date is a Deadline ("entro il 30/06/2024", "entro 30 giugno", "entro fine anno"), a year alone
/// is 31 December of it ("entro il 2024"), a number is at most ("entro 5 giorni"), words are a qualitative milestone
/// ("entro i termini di legge").</item>
/// <item>"tra/fra X e Y", "da/dal X a/al Y", "compreso tra X e Y": a Range (only when a number follows "tra"/"da").</item>
/// <item>A comparison phrase at the start ("almeno", "minimo", "massimo", "non oltre", "pari a", "superiore a",
/// "maggiore o uguale a", …): a number must follow. Comparatives count as phrases only with their preposition, so
/// "Maggiore trasparenza" is a milestone while "Maggiore di abc" is an error.</item>
/// <item>A number (or a date) at the start: a bare number needs the indicator's polarity (HigherIsBetter → at least,
/// LowerIsBetter → at most); "80-90%" is a Range; "30/06/2024" is a Deadline.</item>
/// <item>Words followed later by a comparison symbol: a formula-relative target
/// ("(costi anno corrente/costi anno 2011)*100 &lt;= 100%"); the year in the ratio's denominator is the baseline year.</item>
/// <item>Any other text that starts with a word is a qualitative Milestone, even when it contains plain numbers
/// ("Attuazione nel triennio 2020-2022", "Adempimenti D.Lgs 219/2016"); but a measured quantity in prose
/// ("Riduzione del 10%", "SAL 50%") is an error asking for an operator, since a milestone would drop the number.</item>
/// </list>
/// Units after the number: % / per cento → Percent; gg, giorni, giorni|gg lavorativi → Days; €, euro → Euro; ore, h → Hours;
/// n., N°, nr (prefix) or a noun → Count with the noun as label ("bandi", "bandi/anno"); punti → None with its label;
/// nothing → None. "mila", "milioni", "miliardi" multiply. Polarity only matters for bare numbers.
/// <para>After the number and unit, trailing words are allowed and kept only in Text ("Almeno 3 incontri con i soggetti
/// interessati"); a second comparison or a stray number/symbol there is an error.</para>
/// </remarks>
public static class TargetParser
{
    private static readonly (string Phrase, TargetOperator Op, bool NeedsPreposition)[] OperatorPhrases = BuildOperatorPhrases();

    private static readonly string[] Prepositions =
        ["all'", "dell'", "agli", "alle", "allo", "alla", "degli", "delle", "dello", "della", "al", "ai", "ad", "a", "del", "dei", "di"];

    private static readonly string[] Articles = ["l'", "gli", "il", "lo", "la", "le", "i"];

    public static ParsedTarget Parse(string text, Polarity? polarity = null, int? year = null)
    {
        try
        {
            return ParseCore(text, polarity, year);
        }
        catch (Exception ex) when (ex is not TargetParseException and not OutOfMemoryException)
        {
            // Last line of defence: bad input must be a 400, never a 500. The fuzz tests call ParseCore to keep bugs visible.
            throw new TargetParseException(text ?? "", 0, "a readable target");
        }
    }

    public static bool TryParse(
        string text,
        Polarity? polarity,
        int? year,
        [NotNullWhen(true)] out ParsedTarget? target,
        [NotNullWhen(false)] out TargetParseException? error)
    {
        try
        {
            target = Parse(text, polarity, year);
            error = null;
            return true;
        }
        catch (TargetParseException ex)
        {
            target = null;
            error = ex;
            return false;
        }
    }

    internal static ParsedTarget ParseCore(string? text, Polarity? polarity, int? year)
    {
        text ??= "";
        var c = new TargetCursor(text);
        if (c.AtEnd || !text.Any(ch => char.IsLetterOrDigit(ch) || TargetCursor.IsComparison(ch)))
        {
            throw c.Fail(c.AtEnd ? 0 : c.Pos, "a target (a comparison, a range, a deadline or a description)");
        }
        var original = TargetCursor.Trim(text);

        if (TryReadSymbol(c, out var symbolOp)) return Comparison(c, symbolOp, original, baselineYear: null, formula: null, allowWords: false);
        if (TryDeadlineKeyword(c, original, year, out var deadline)) return deadline;
        if (TryRange(c, original, out var range)) return range;
        if (TryOperatorPhrase(c, out var phraseOp)) return Comparison(c, phraseOp, original, baselineYear: null, formula: null, allowWords: true);
        if (TryLeadingNumber(c, original, polarity, year, out var numeric)) return numeric;
        if (TryFormula(c, original, out var relative)) return relative;
        if (StartsDescription(c.Current))
        {
            RejectMeasuredQuantity(c);
            return Milestone(original);
        }
        throw c.Fail(c.Pos, "a number, an operator or a description");
    }

    private static ParsedTarget Comparison(
        TargetCursor c, TargetOperator op, string original, int? baselineYear, string? formula, bool allowWords)
    {
        c.SkipSpaces();
        var q = QuantityReader.Read(c, allowWords);
        CheckRemainder(c);
        return new ParsedTarget(TargetKind.Numeric, op, q.Value, null, null, q.Unit, q.Label, null, original, baselineYear)
        {
            Formula = formula,
        };
    }

    private static ParsedTarget Milestone(string original) =>
        new(TargetKind.Milestone, TargetOperator.Done, null, null, null, TargetUnit.None, null, null, original);

    private static ParsedTarget Deadline(DateOnly date, string original) =>
        new(TargetKind.Deadline, TargetOperator.Done, null, null, null, TargetUnit.None, null, date, original);

    /// <summary>Symbols, with a space allowed inside the two-char forms ("> =50" occurs in the Cremona plan).</summary>
    private static bool TryReadSymbol(TargetCursor c, out TargetOperator op)
    {
        op = default;
        var start = c.Pos;
        var first = c.Current;
        var next = c.SkipSpacesFrom(start + 1);
        var second = c.At(next);
        switch (first)
        {
            case '≥' or '⩾' or '≧':
                op = TargetOperator.AtLeast;
                c.Pos = start + 1;
                return true;
            case '≤' or '⩽' or '≦':
                op = TargetOperator.AtMost;
                c.Pos = start + 1;
                return true;
            case '≠':
                throw c.Fail(start, "a supported comparison (>=, <=, >, <, =)");
            case '>':
                op = second == '=' ? TargetOperator.AtLeast : TargetOperator.MoreThan;
                break;
            case '<':
                if (second == '>') throw c.Fail(start, "a supported comparison (>=, <=, >, <, =)");
                op = second == '=' ? TargetOperator.AtMost : TargetOperator.LessThan;
                break;
            case '=':
                op = second switch
                {
                    '>' => TargetOperator.AtLeast,
                    '<' => TargetOperator.AtMost,
                    _ => TargetOperator.Equal,
                };
                break;
            default:
                return false;
        }
        var combined = (first, second) is ('>', '=') or ('<', '=') or ('=', '>') or ('=', '<') or ('=', '=');
        c.Pos = combined ? next + 1 : start + 1;
        return true;
    }

    private static bool TryDeadlineKeyword(TargetCursor c, string original, int? year, [NotNullWhen(true)] out ParsedTarget? result)
    {
        result = null;
        if (c.TryMatchAny(["entro e non oltre", "entro"]) is null) return false;
        c.SkipSpaces();
        if (c.TryMatch("la data del") || c.TryMatch("la data di")) c.SkipSpaces();
        SkipFillers(c, Prepositions.Concat(Articles), max: 2);

        if (ItalianDate.TryRead(c, year, allowMonthOnly: true, out var date))
        {
            CheckRemainder(c);
            result = Deadline(date, original);
            return true;
        }
        if (QuantityReader.StartsAt(c, allowWords: true))
        {
            var q = QuantityReader.Read(c, allowWords: true);
            if (q.Unit == TargetUnit.None && q.Value is >= 1900 and <= 2100
                && q.NumberEnd - q.NumberStart == 4 && q.Value == decimal.Truncate(q.Value))
            {
                // "entro il 2024": by the end of that year.
                CheckRemainder(c);
                result = Deadline(new DateOnly((int)q.Value, 12, 31), original);
                return true;
            }
            CheckRemainder(c);
            result = new ParsedTarget(TargetKind.Numeric, TargetOperator.AtMost, q.Value, null, null, q.Unit, q.Label, null, original);
            return true;
        }
        if (char.IsLetter(c.Current) && c.IndexOfComparison(c.Pos) < 0)
        {
            // "Entro i termini di legge": a qualitative milestone, not a malformed deadline.
            RejectMeasuredQuantity(c);
            result = Milestone(original);
            return true;
        }
        throw c.Fail(c.AtEnd ? c.End : c.Pos, "a date or a number");
    }

    private static bool TryRange(TargetCursor c, string original, [NotNullWhen(true)] out ParsedTarget? result)
    {
        result = null;
        var start = c.Pos;
        // "compreso tra" commits to a range; "Compresi i costi…" stays prose.
        var explicitRange = c.TryMatchAny(["compreso tra", "compresa tra", "compresi tra", "comprese tra",
            "compreso fra", "compresa fra", "compresi fra", "comprese fra"]) is not null;
        string[] connectors;
        if (explicitRange || c.TryMatchAny(["tra", "fra"]) is not null) connectors = ["ed", "e"];
        else if (c.TryMatchAny(["dall'", "dal", "da"]) is not null) connectors = ["all'", "al", "ad", "a"];
        else return false;

        c.SkipSpaces();
        SkipFillers(c, Articles, max: 1);
        if (!QuantityReader.StartsAt(c, allowWords: false))
        {
            if (explicitRange) throw c.Fail(c.Pos, "a number");
            c.Pos = start;
            return false;
        }
        var lower = QuantityReader.Read(c, allowWords: false);
        c.SkipSpaces();
        if (TargetCursor.IsDash(c.Current)) c.Pos++;
        else if (c.TryMatchAny(connectors) is null) throw c.Fail(c.Pos, $"\"{connectors[^1]}\" and an upper bound");
        c.SkipSpaces();
        SkipFillers(c, Articles, max: 1);
        var upper = QuantityReader.Read(c, allowWords: false);
        CheckRemainder(c);
        result = MakeRange(c, lower, upper, original);
        return true;
    }

    private static ParsedTarget MakeRange(TargetCursor c, TargetQuantity lower, TargetQuantity upper, string original)
    {
        if (lower.Unit != TargetUnit.None && upper.Unit != TargetUnit.None && lower.Unit != upper.Unit)
        {
            throw c.Fail(upper.UnitStart, $"the same unit as the lower bound ({lower.Label})");
        }
        if (lower.Value > upper.Value) throw c.Fail(upper.Start, "an upper bound not below the lower bound");
        var (unit, label) = upper.Unit != TargetUnit.None ? (upper.Unit, upper.Label) : (lower.Unit, lower.Label);
        return new ParsedTarget(TargetKind.Range, TargetOperator.Between, null, lower.Value, upper.Value, unit, label, null, original);
    }

    private static bool TryOperatorPhrase(TargetCursor c, out TargetOperator op)
    {
        var start = c.Pos;
        foreach (var (phrase, candidate, needsPreposition) in OperatorPhrases)
        {
            if (!c.TryMatch(phrase)) continue;
            // "max. 5", "min. 3"
            if (phrase is "max" or "min" && c.Current == '.') c.Pos++;
            c.SkipSpaces();
            if (needsPreposition && !SkipFillers(c, Prepositions, max: 1))
            {
                c.Pos = start;
                continue;
            }
            SkipFillers(c, Prepositions.Concat(Articles), max: 1);
            op = candidate;
            return true;
        }
        op = default;
        return false;
    }

    private static bool TryLeadingNumber(
        TargetCursor c, string original, Polarity? polarity, int? year, [NotNullWhen(true)] out ParsedTarget? result)
    {
        result = null;
        var start = c.Pos;
        if (ItalianDate.TryRead(c, year, allowMonthOnly: false, out var date))
        {
            CheckRemainder(c);
            result = Deadline(date, original);
            return true;
        }
        if (!QuantityReader.StartsAt(c, allowWords: false)) return false;

        var q = QuantityReader.Read(c, allowWords: false);
        var afterFirst = c.Pos;
        c.SkipSpaces();
        if (TargetCursor.IsDash(c.Current) && TargetCursor.IsDigit(c.At(c.SkipSpacesFrom(c.Pos + 1))))
        {
            // "80-90%", "80% - 90%": a range needs no polarity.
            c.Pos = c.SkipSpacesFrom(c.Pos + 1);
            var upper = QuantityReader.Read(c, allowWords: false);
            CheckRemainder(c);
            result = MakeRange(c, q, upper, original);
            return true;
        }
        c.Pos = afterFirst;
        CheckRemainder(c);
        var op = polarity switch
        {
            Polarity.HigherIsBetter => TargetOperator.AtLeast,
            Polarity.LowerIsBetter => TargetOperator.AtMost,
            Polarity.Milestone => throw c.Fail(start,
                "an operator (>=, <=): a bare number needs a HigherIsBetter or LowerIsBetter polarity, not Milestone"),
            _ => throw c.Fail(start, "an operator (>=, <=) or the indicator's polarity"),
        };
        result = new ParsedTarget(TargetKind.Numeric, op, q.Value, null, null, q.Unit, q.Label, null, original)
        {
            OperatorInferred = true,
        };
        return true;
    }

    /// <summary>"(costi anno corrente/costi anno 2011)*100 &lt;= 100%": the comparison comes after a formula or a label.</summary>
    private static bool TryFormula(TargetCursor c, string original, [NotNullWhen(true)] out ParsedTarget? result)
    {
        result = null;
        var at = c.IndexOfComparison(c.Pos);
        if (at <= c.Pos || !StartsDescription(c.Current)) return false;
        var prefix = c.Slice(c.Pos, at);
        c.Pos = at;
        if (!TryReadSymbol(c, out var op)) return false;
        var isRatio = prefix.Contains('/') || prefix.Contains('*');
        result = Comparison(c, op, original, isRatio ? BaselineYear(prefix) : null, isRatio ? prefix : null, allowWords: false);
        return true;
    }

    /// <summary>The last four-digit year (1900-2100) in the ratio's denominator, i.e. after the last '/'.</summary>
    private static int? BaselineYear(string formula)
    {
        var slash = formula.LastIndexOf('/');
        if (slash < 0) return null;
        int? found = null;
        var s = formula.AsSpan(slash + 1);
        for (var i = 0; i < s.Length; i++)
        {
            if (!TargetCursor.IsDigit(s[i])) continue;
            var j = i;
            while (j < s.Length && TargetCursor.IsDigit(s[j])) j++;
            if (j - i == 4)
            {
                var y = int.Parse(s[i..j], provider: System.Globalization.CultureInfo.InvariantCulture);
                if (y is >= 1900 and <= 2100) found = y;
            }
            i = j;
        }
        return found;
    }

    /// <summary>Skips up to max filler words (articles, prepositions) and reports whether any was skipped.</summary>
    private static bool SkipFillers(TargetCursor c, IEnumerable<string> fillers, int max)
    {
        var list = fillers.ToArray();
        var skipped = 0;
        while (skipped < max && c.TryMatchAny(list) is not null)
        {
            c.SkipSpaces();
            skipped++;
        }
        return skipped > 0;
    }

    /// <summary>
    /// After the quantity only words may follow ("delle imprese richiedenti…", "nel triennio"); another comparison or a
    /// stray number would be silently dropped, so those are errors.
    /// </summary>
    private static void CheckRemainder(TargetCursor c)
    {
        c.SkipSpaces();
        if (c.AtEnd) return;
        var ch = c.Current;
        // Words glued to the quantity ("1e5") are not prose: only a separated word may follow.
        var separated = !char.IsLetterOrDigit(c.At(c.Pos - 1));
        if ((char.IsLetter(ch) && separated) || ch is '(' or ')' or '[' or ',' or ';' or ':' or '"' or '“' or '«' || TargetCursor.IsApostrophe(ch))
        {
            var comparison = c.IndexOfComparison(c.Pos);
            if (comparison >= 0) throw c.Fail(comparison, "the end of the target (one comparison per target)");
            return;
        }
        throw c.Fail(c.Pos, TargetCursor.IsComparison(ch) ? "the end of the target (one comparison per target)" : "the end of the target");
    }

    /// <summary>
    /// "Riduzione del 10%", "SAL 50%": prose around a measured quantity is a quantitative target we cannot type, and reading
    /// it as a milestone would drop the number silently. Plain numbers (years, article numbers, "fase 2") stay prose.
    /// </summary>
    private static void RejectMeasuredQuantity(TargetCursor c)
    {
        for (var p = c.Pos; p < c.End; p++)
        {
            if (QuantityReader.IsMeasuredQuantityAt(c, p))
            {
                throw c.Fail(p, "an operator before the quantity (>=, <=, almeno, non oltre, …)");
            }
        }
    }

    private static bool StartsDescription(char ch) =>
        char.IsLetter(ch) || ch is '(' or '"' or '“' or '«' or '[' || TargetCursor.IsApostrophe(ch);

    private static (string, TargetOperator, bool)[] BuildOperatorPhrases()
    {
        (string, TargetOperator, bool)[] phrases =
        [
            ("maggiore o uguale", TargetOperator.AtLeast, true), ("maggiore od uguale", TargetOperator.AtLeast, true),
            ("maggiore uguale", TargetOperator.AtLeast, true), ("superiore o uguale", TargetOperator.AtLeast, true),
            ("uguale o maggiore", TargetOperator.AtLeast, true), ("uguale o superiore", TargetOperator.AtLeast, true),
            ("pari o superiore", TargetOperator.AtLeast, true), ("pari o maggiore", TargetOperator.AtLeast, true),
            ("non inferiore", TargetOperator.AtLeast, true), ("non minore", TargetOperator.AtLeast, true),
            ("non meno", TargetOperator.AtLeast, true), ("come minimo", TargetOperator.AtLeast, false),
            ("al minimo", TargetOperator.AtLeast, false), ("almeno", TargetOperator.AtLeast, false),
            ("minimo", TargetOperator.AtLeast, false), ("min", TargetOperator.AtLeast, false),

            ("superiore", TargetOperator.MoreThan, true), ("maggiore", TargetOperator.MoreThan, true),
            ("più", TargetOperator.MoreThan, true), ("piu", TargetOperator.MoreThan, true),
            ("oltre", TargetOperator.MoreThan, false),

            ("minore o uguale", TargetOperator.AtMost, true), ("minore od uguale", TargetOperator.AtMost, true),
            ("minore uguale", TargetOperator.AtMost, true), ("inferiore o uguale", TargetOperator.AtMost, true),
            ("uguale o inferiore", TargetOperator.AtMost, true), ("uguale o minore", TargetOperator.AtMost, true),
            ("pari o inferiore", TargetOperator.AtMost, true), ("pari o minore", TargetOperator.AtMost, true),
            ("non superiore", TargetOperator.AtMost, true), ("non maggiore", TargetOperator.AtMost, true),
            ("non più", TargetOperator.AtMost, true), ("non piu", TargetOperator.AtMost, true),
            ("non oltre", TargetOperator.AtMost, false), ("al massimo", TargetOperator.AtMost, false),
            ("al più", TargetOperator.AtMost, false), ("al piu", TargetOperator.AtMost, false),
            ("massimo", TargetOperator.AtMost, false), ("max", TargetOperator.AtMost, false),
            ("fino", TargetOperator.AtMost, true),

            ("inferiore", TargetOperator.LessThan, true), ("minore", TargetOperator.LessThan, true),
            ("meno", TargetOperator.LessThan, true),

            ("pari", TargetOperator.Equal, true), ("uguale", TargetOperator.Equal, true),
            ("esattamente", TargetOperator.Equal, false),
        ];
        // Longest first, so "maggiore o uguale" wins over "maggiore" and "non oltre" over "oltre".
        return [.. phrases.OrderByDescending(p => p.Item1.Length)];
    }
}
