using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>What a piece of prose around a target is, as far as the reading is concerned.</summary>
internal enum TokenKind
{
    /// <summary>A plain word or punctuation: kept in the text only.</summary>
    Plain,
    /// <summary>A plain word that makes a description a milestone (<see cref="CueWords.MilestoneWords"/>).</summary>
    MilestoneWord,
    /// <summary>A year, a year range, or a number that names something ("fase 2", "219/2016", "M1C1"): not a quantity.</summary>
    Label,
    Quantity,
    Date,
    Comparison,
    /// <summary>%, €, ‰ or "gg" with no number before them.</summary>
    LoneUnit,
    Scope,
    Direction,
    Further,
    Reference,
    /// <summary>A comparison phrase followed by a number or a reference.</summary>
    OperatorPhrase,
    /// <summary>An operator word with nothing to compare ("almeno di base").</summary>
    OperatorWord,
    Entro,
    RangeStart,
    /// <summary>A period shorter than the year (<see cref="CueWords.PeriodWords"/>).</summary>
    Period,
}

internal readonly record struct Token(TokenKind Kind, int Start, int End, string? Phrase = null);

/// <summary>
/// Reads prose word by word and says what each piece is, so that nothing that changes a target's meaning (a number,
/// a reference, "di cui", "almeno") is passed over as description.
/// </summary>
internal static class Prose
{
    // "compreso tra" needs no entry here: "compreso" is a plain word and the range starts at "tra".
    private static readonly string[] RangeStarts = ["tra", "fra", "dall'", "dal", "da"];

    private static readonly string[] LoneUnitWords = ["gg", "h", "mln", "mld", "k", "eur"];

    /// <summary>The piece of prose starting at p (p is not a space).</summary>
    public static Token Next(ParseContext ctx, int p)
    {
        var c = ctx.C;
        var ch = c.At(p);
        if (TargetCursor.IsComparison(ch)) return new(TokenKind.Comparison, p, p + 1);
        if (TargetCursor.IsDigit(ch) || (ch is '+' or '-' or '\u2212' or '€' && StartsNumberAfter(c, p + 1)))
        {
            var (kind, numberEnd) = ClassifyNumber(ctx, p);
            return new(kind, p, numberEnd);
        }
        if (ch is '%' or '€' or '‰') return new(TokenKind.LoneUnit, p, p + 1);
        if (!char.IsLetter(ch)) return new(TokenKind.Plain, p, p + 1);

        if (CueWords.MatchScope(c, p) is { } scope) return new(TokenKind.Scope, p, scope.End, scope.Phrase);
        if (CueWords.MatchAny(c, p, CueWords.PeriodWords) is { } period) return new(TokenKind.Period, p, period.End, period.Phrase);
        if (CueWords.MatchDirection(c, p) is { } direction && (direction.Direction is not null || ChangesSomething(ctx, direction.End)))
        {
            return new(TokenKind.Direction, p, direction.End, direction.Phrase);
        }
        // "ulteriori" always adds to something; "altri"/"altre" only when a number follows ("altri 450 servizi").
        if (CueWords.MatchAny(c, p, CueWords.FurtherWords) is { } further
            && (further.Phrase.StartsWith("ulterior", StringComparison.Ordinal) || QuantityReader.StartsAtPosition(c, c.SkipSpacesFrom(further.End))))
        {
            return new(TokenKind.Further, p, further.End, further.Phrase);
        }
        if (References.StartsAt(ctx, p) && (IsIntro(ctx, p) || NamesAReference(ctx, p)))
        {
            return new(TokenKind.Reference, p, CueWords.WordEnd(c, p), "rispetto");
        }
        if (c.Match(p, "entro") is var entro and >= 0) return new(TokenKind.Entro, p, entro, "entro");
        if (OperatorAt(ctx, p) is { } op) return op;
        if (RangeAt(c, p) is { } range) return range;
        if (CueWords.MatchAny(c, p, LoneUnitWords) is { } unit) return new(TokenKind.LoneUnit, p, unit.End, unit.Phrase);
        if (QuantityReader.IsCountingWordAt(c, p)) return new(TokenKind.Quantity, p, CueWords.WordEnd(c, p));

        var end = CueWords.WordEnd(c, p);
        var word = c.Lower[p..end];
        return new(CueWords.IsMilestoneWord(word) ? TokenKind.MilestoneWord : TokenKind.Plain, p, end);
    }

    /// <summary>
    /// Checks the words after a reading ("delle imprese richiedenti…", "nel triennio 2021-2023"): plain words, years and
    /// labels pass; anything that would be dropped with a meaning is an error at its position.
    /// </summary>
    public static void CheckTrailing(ParseContext ctx)
    {
        var c = ctx.C;
        c.SkipSpaces();
        if (c.AtEnd) return;
        var ch = c.Current;
        // Words glued to the quantity ("1e5") are not prose: only a separated word or a bracket may follow.
        var separated = !char.IsLetterOrDigit(c.At(c.Pos - 1));
        var opens = (char.IsLetter(ch) && separated) || ch is '(' or ')' or '[' or ',' or ';' or ':' or '"' or '“' or '«' or '.'
            || TargetCursor.IsApostrophe(ch) || TargetCursor.IsDash(ch) && !TargetCursor.IsDigit(c.At(c.Pos + 1));
        if (!opens)
        {
            throw ctx.Fail(c.Pos, TargetCursor.IsComparison(ch) ? Say.It("la fine del target (un solo confronto per target)", "the end of the target (one comparison per target)") : Say.It("la fine del target", "the end of the target"));
        }
        CheckWords(ctx, trailing: true);
    }

    /// <summary>Checks every piece of prose from the cursor to the end (see <see cref="Refuse"/>); the cursor ends at the end.</summary>
    public static void CheckWords(ParseContext ctx, bool trailing)
    {
        var c = ctx.C;
        var p = c.Pos;
        while (p < c.End)
        {
            if (TargetCursor.IsSpace(c.At(p)))
            {
                p++;
                continue;
            }
            var token = Next(ctx, p);
            Refuse(ctx, token, trailing);
            p = Math.Max(token.End, p + 1);
        }
        c.Pos = c.End;
    }

    /// <summary>Throws for a token that prose may not hold; returns for plain words, milestone words and labels.</summary>
    public static void Refuse(ParseContext ctx, Token token, bool trailing)
    {
        switch (token.Kind)
        {
            case TokenKind.Plain when trailing && QuantityReader.StartsWithNumberWord(ctx.C, token.Start):
                // "80% - tre", "nei prossimi tre anni": after a target a number word is a second number, as its figure is.
                throw ctx.Fail(token.Start, Say.It("la fine del target (un secondo numero non può essere valutato)", "the end of the target (a second number cannot be scored)"));
            case TokenKind.Plain or TokenKind.MilestoneWord or TokenKind.Label:
                return;
            case TokenKind.Period:
                if (!trailing) return;
                throw ctx.Fail(token.Start, Say.It($"il periodo subito dopo l'unità di misura (2 incontri al mese), oppure un target annuale senza \"{token.Phrase}\"", $"the period right after the unit (2 incontri al mese), or a target for the year without \"{token.Phrase}\""));
            case TokenKind.Comparison or TokenKind.OperatorPhrase:
                throw ctx.Fail(token.Start, Say.It("la fine del target (un solo confronto per target)", "the end of the target (one comparison per target)"));
            case TokenKind.Quantity:
                throw ctx.Fail(token.Start, trailing
                    ? Say.It("la fine del target (un secondo numero non può essere valutato)", "the end of the target (a second number cannot be scored)")
                    : Say.It("un operatore prima della quantità (>=, <=, almeno, non oltre, …)", "an operator before the quantity (>=, <=, almeno, non oltre, …)"));
            case TokenKind.Date:
                throw ctx.Fail(token.Start, Say.It("\"entro\" prima della data (una scadenza)", "\"entro\" before the date (a deadline)"));
            case TokenKind.LoneUnit:
                throw ctx.Fail(token.Start, Say.It("la fine del target (un'unità di misura senza il suo numero)", "the end of the target (a unit without its number)"));
            case TokenKind.Scope:
                throw ctx.Fail(token.Start, Say.It($"un target senza \"{token.Phrase}\" (cambia ciò che si misura: indicare il dato a cui si riferisce il target)", $"a target without \"{token.Phrase}\" (it changes what is measured: write the figure the target is about)"));
            case TokenKind.Direction or TokenKind.Further:
                throw ctx.Fail(token.Start, Say.It("un solo target per testo (una variazione come \"incremento del 5% rispetto al 2023\" deve costituire l'intero target)", "one target per text (a change such as \"incremento del 5% rispetto al 2023\" must be the whole target)"));
            case TokenKind.Reference:
                throw ctx.Fail(token.Start, Say.It("una variazione prima del riferimento (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)", "a change before the reference (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)"));
            case TokenKind.OperatorWord:
                throw ctx.Fail(token.Start, Say.It($"un numero dopo \"{token.Phrase}\"", $"a number after \"{token.Phrase}\""));
            case TokenKind.Entro:
                // "entro i termini" is a qualitative condition; "entro il 30/06" or "entro 5 giorni" is a second target.
                if (EntroIsQualitative(ctx, token.End)) return;
                throw ctx.Fail(token.Start, Say.It("la fine del target (una scadenza o un limite dopo il target richiede un proprio target)", "the end of the target (a deadline or a limit after the target needs its own target)"));
            case TokenKind.RangeStart:
                throw ctx.Fail(token.Start, Say.It("la fine del target (un solo intervallo per target)", "the end of the target (one range per target)"));
        }
    }

    /// <summary>After "entro": neither a date nor a number follows ("entro i termini di legge").</summary>
    public static bool EntroIsQualitative(ParseContext ctx, int afterEntro)
    {
        var c = ctx.C;
        var save = c.Pos;
        try
        {
            c.Pos = afterEntro;
            return !Deadlines.TryReadAfterEntro(ctx, out _, out _) && !StartsQuantityAfterFillers(c);
        }
        finally
        {
            c.Pos = save;
        }
    }

    private static bool StartsQuantityAfterFillers(TargetCursor c)
    {
        c.SkipSpaces();
        Operators.SkipFillers(c, [.. Operators.Prepositions, .. Operators.Articles], max: 2);
        return QuantityReader.StartsAt(c, allowWords: true);
    }

    private static Token? OperatorAt(ParseContext ctx, int p)
    {
        var c = ctx.C;
        var save = c.Pos;
        try
        {
            c.Pos = p;
            if (!Operators.TryReadPhrase(c, out _))
            {
                return CueWords.MatchAny(c, p, CueWords.OperatorWords) is { } word ? new(TokenKind.OperatorWord, p, word.End, word.Phrase) : null;
            }
            var after = c.Pos;
            c.SkipSpaces();
            if (QuantityReader.StartsAt(c, allowWords: true) || References.StartsBody(ctx, c.Pos))
            {
                return new(TokenKind.OperatorPhrase, p, after, c.Lower[p..after].TrimEnd());
            }
            // A comparative without a number is an adjective ("istruzione superiore di secondo grado"); an operator word is not.
            return CueWords.MatchAny(c, p, CueWords.OperatorWords) is { } word2 ? new(TokenKind.OperatorWord, p, word2.End, word2.Phrase) : null;
        }
        finally
        {
            c.Pos = save;
        }
    }

    private static Token? RangeAt(TargetCursor c, int p)
    {
        var save = c.Pos;
        try
        {
            c.Pos = p;
            if (c.TryMatchAny(RangeStarts) is not { } phrase) return null;
            var after = c.Pos;
            c.SkipSpaces();
            Operators.SkipFillers(c, Operators.Articles, max: 1);
            // "fra 3 anni", "fra tre anni": a number word counts like a figure ("da un mese", "tra sei" stay prose).
            return QuantityReader.StartsAt(c, allowWords: false) || QuantityReader.StartsWithNumberWord(c, c.Pos)
                ? new(TokenKind.RangeStart, p, after, phrase)
                : null;
        }
        finally
        {
            c.Pos = save;
        }
    }

    private static bool IsIntro(ParseContext ctx, int p) => CueWords.MatchAny(ctx.C, p, CueWords.ReferenceIntros) is not null;

    /// <summary>
    /// A bare "baseline" or "anno precedente" is a reference when it opens the target ("Baseline: 85% …") or a number
    /// follows it; otherwise it is the object of a milestone ("Definizione della baseline", "un confronto con l'anno precedente").
    /// </summary>
    private static bool NamesAReference(ParseContext ctx, int p)
    {
        return ctx.C.SkipSpacesFrom(0) == p || ctx.DigitAfter(p);
    }

    /// <summary>
    /// "miglioramento del 5%", "miglioramento rispetto al 2023" are changes; "iniziative di miglioramento" is a noun.
    /// (incremento, riduzione, aumento are always cue words: docs/targets.md lists them.)
    /// </summary>
    private static bool ChangesSomething(ParseContext ctx, int afterWord)
    {
        var c = ctx.C;
        var p = c.SkipSpacesFrom(afterWord);
        if (References.StartsAt(ctx, p) || QuantityReader.StartsAtPosition(c, p)) return true;
        var save = c.Pos;
        c.Pos = p;
        Operators.SkipFillers(c, [.. Operators.Prepositions, .. Operators.Articles], max: 2);
        var number = QuantityReader.StartsAt(c, allowWords: false);
        c.Pos = save;
        return number;
    }

    private static bool StartsNumberAfter(TargetCursor c, int p) => TargetCursor.IsDigit(c.At(c.SkipSpacesFrom(p)));

    /// <summary>
    /// What the number at p is in prose. A year (1900-2100, or "2021-2023"), a number glued to letters ("M1C1", "3D"),
    /// after a naming word ("fase 2", "art. 5", "legge n. 190") or before "/digits" ("219/2016") names something;
    /// a date is a date; anything else is a quantity.
    /// </summary>
    public static (TokenKind Kind, int End) ClassifyNumber(ParseContext ctx, int p)
    {
        var c = ctx.C;
        if (!TargetCursor.IsDigit(c.At(p))) return (TokenKind.Quantity, p + 1);
        if (char.IsLetterOrDigit(c.At(p - 1))) return (TokenKind.Label, IdentifierEnd(c, p));
        var previous = PreviousWord(c, p);
        if (CueWords.IdentifierWords.Contains(previous)) return (TokenKind.Label, IdentifierEnd(c, p));
        if (ContinuesAList(c, p)) return (TokenKind.Label, IdentifierEnd(c, p));
        if (previous is "n" or "nr" or "n°" or "nº" or "num" && CueWords.ActWords.Contains(PreviousWord(c, PreviousWordStart(c, p))))
        {
            return (TokenKind.Label, IdentifierEnd(c, p));
        }

        var save = c.Pos;
        try
        {
            c.Pos = p;
            if (ItalianDate.TryRead(c, ctx.Year, allowMonthOnly: false, out _)) return (TokenKind.Date, c.Pos);
            var digitsEnd = p;
            while (TargetCursor.IsDigit(c.At(digitsEnd))) digitsEnd++;
            if (c.At(digitsEnd) == '/' && TargetCursor.IsDigit(c.At(digitsEnd + 1))) return (TokenKind.Label, IdentifierEnd(c, p));
            if (c.At(digitsEnd) is '°' or 'º') return (TokenKind.Label, digitsEnd + 1);
            if (digitsEnd - p == 4 && IsYear(c, p) && !QuantityReader.IsMeasuredQuantityAt(c, p))
            {
                var e = digitsEnd;
                // "2021-2023", "2021/23"
                if ((TargetCursor.IsDash(c.At(e)) || c.At(e) == '/') && TargetCursor.IsDigit(c.At(e + 1)))
                {
                    e++;
                    while (TargetCursor.IsDigit(c.At(e))) e++;
                }
                return (TokenKind.Label, e);
            }
            ItalianNumber.TryRead(c, out _);
            var end = c.Pos;
            if (char.IsLetter(c.At(end)) && !QuantityReader.IsMeasuredQuantityAt(c, p)) return (TokenKind.Label, IdentifierEnd(c, p));
            return (TokenKind.Quantity, Math.Max(end, p + 1));
        }
        finally
        {
            c.Pos = save;
        }
    }

    /// <summary>
    /// "artt. 14 e 15", "fasi 2, 3 o 4", "commi 1 ed 2": a number after "e", "ed", "o" or a comma that follows a number
    /// named by a naming word (or by such a list) names something too, when nothing but punctuation, the end, a
    /// conjunction or a preposition follows it — a word after it is what it counts ("D.Lgs 219/2016 e 5 uffici", "fase 2
    /// e 3 nuovi servizi" stay refused). Walks back item by item: each step moves left, so it ends.
    /// </summary>
    private static bool ContinuesAList(TargetCursor c, int p)
    {
        if (!EndsAListItem(c, IdentifierEnd(c, p))) return false;
        while (true)
        {
            var e = c.SkipSpacesBefore(p);
            if (c.At(e - 1) == ',') e--;
            else if (PreviousWord(c, p) is "e" or "ed" or "o") e = PreviousWordStart(c, p);
            else return false;
            e = c.SkipSpacesBefore(e);
            // The item before: digits, possibly with letters ("14-bis", "3a").
            var s = e;
            while (char.IsLetterOrDigit(c.At(s - 1)) || (c.At(s - 1) == '-' && char.IsLetterOrDigit(c.At(s - 2)))) s--;
            if (!TargetCursor.IsDigit(c.At(s))) return false;
            if (CueWords.IdentifierWords.Contains(PreviousWord(c, s))) return true;
            p = s;
        }
    }

    private static readonly HashSet<string> AfterAListItem = ["e", "ed", "o", .. Operators.Prepositions, "nel", "nella", "entro"];

    /// <summary>Whether what follows a list item lets it be one: the end, punctuation, a conjunction or a preposition.</summary>
    private static bool EndsAListItem(TargetCursor c, int end)
    {
        var next = c.SkipSpacesFrom(end);
        if (!char.IsLetter(c.At(next))) return true;
        var word = c.Lower[next..CueWords.WordEnd(c, next)];
        return AfterAListItem.Contains(c.At(next + word.Length) == '\'' ? word + "'" : word);
    }

    private static bool IsYear(TargetCursor c, int p)
    {
        var y = int.Parse(c.Lower.AsSpan(p, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        return y is >= 1900 and <= 2100 && !(c.At(p + 4) is '.' or ',' && TargetCursor.IsDigit(c.At(p + 5)));
    }

    private static int IdentifierEnd(TargetCursor c, int p)
    {
        while (char.IsLetterOrDigit(c.At(p)) || (c.At(p) is '/' or '.' or '-' or '_' && char.IsLetterOrDigit(c.At(p + 1)))) p++;
        return p;
    }

    /// <summary>The word before p, lower case, without trailing dots ("D.Lgs." → "d.lgs", "art." → "art").</summary>
    private static string PreviousWord(TargetCursor c, int p)
    {
        var e = p;
        while (e > 0 && (TargetCursor.IsSpace(c.Lower[e - 1]) || c.Lower[e - 1] == '.')) e--;
        var s = e;
        while (s > 0 && (char.IsLetter(c.Lower[s - 1]) || c.Lower[s - 1] is '.' or '°' or 'º')) s--;
        return c.Lower[s..e];
    }

    private static int PreviousWordStart(TargetCursor c, int p)
    {
        var e = p;
        while (e > 0 && (TargetCursor.IsSpace(c.Lower[e - 1]) || c.Lower[e - 1] == '.')) e--;
        while (e > 0 && (char.IsLetter(c.Lower[e - 1]) || c.Lower[e - 1] is '.' or '°' or 'º')) e--;
        return e;
    }
}
