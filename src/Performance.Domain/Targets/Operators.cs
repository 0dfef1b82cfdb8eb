using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>Comparison symbols (&gt;=, ≤, "&gt; =" …) and comparison phrases (almeno, non oltre, maggiore o uguale a …).</summary>
internal static class Operators
{
    public static readonly string[] Prepositions =
        ["all'", "dell'", "agli", "alle", "allo", "alla", "degli", "delle", "dello", "della", "al", "ai", "ad", "a", "del", "dei", "di"];

    public static readonly string[] Articles = ["l'", "gli", "il", "lo", "la", "le", "i"];

    private static readonly string[] Fillers = [.. Prepositions, .. Articles];

    private static readonly (string Phrase, TargetOperator Op, bool NeedsPreposition)[] Phrases = BuildPhrases();

    /// <summary>Symbols, with a space allowed inside the two-char forms ("&gt; =50" occurs in the Cremona plan).</summary>
    public static bool TryReadSymbol(TargetCursor c, out TargetOperator op)
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
                throw c.Fail(start, Say.It("un confronto ammesso (>=, <=, >, <, =)", "a supported comparison (>=, <=, >, <, =)"));
            case '>':
                op = second == '=' ? TargetOperator.AtLeast : TargetOperator.MoreThan;
                break;
            case '<':
                if (second == '>') throw c.Fail(start, Say.It("un confronto ammesso (>=, <=, >, <, =)", "a supported comparison (>=, <=, >, <, =)"));
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

    /// <summary>
    /// A comparison phrase at the cursor, with its preposition and one article skipped. Comparatives count only with
    /// their preposition, so "Maggiore trasparenza" is prose while "Maggiore di abc" is a phrase (and then an error).
    /// </summary>
    public static bool TryReadPhrase(TargetCursor c, out TargetOperator op)
    {
        var start = c.Pos;
        foreach (var (phrase, candidate, needsPreposition) in Phrases)
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
            SkipFillers(c, Fillers, max: 1);
            op = candidate;
            return true;
        }
        op = default;
        return false;
    }

    /// <summary>Skips up to max filler words (articles, prepositions) and reports whether any was skipped.</summary>
    public static bool SkipFillers(TargetCursor c, string[] fillers, int max)
    {
        var skipped = 0;
        while (skipped < max && c.TryMatchAny(fillers) is not null)
        {
            c.SkipSpaces();
            skipped++;
        }
        return skipped > 0;
    }

    private static (string, TargetOperator, bool)[] BuildPhrases()
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
