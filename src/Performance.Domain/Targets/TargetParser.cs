using System.Diagnostics.CodeAnalysis;
using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Turns a target as written in a plan into a <see cref="ParsedTarget"/> (grammar: docs/targets.md).
/// It never guesses silently: every word that can change the meaning is either understood or the text is refused with a
/// <see cref="TargetParseException"/> naming the position and what was expected. What it assumed is in the warnings.
/// </summary>
/// <remarks>
/// <para>How a text is read, first rule that applies wins:</para>
/// <list type="number">
/// <item>No target: "n.d.", "n.a.", "—", "-", "non previsto", "non applicabile", an unfilled placeholder ("gg. …", "xx%").</item>
/// <item>A schedule: "Anno 2025: &gt;= 80% Anno 2026: &gt;= 85%" — one target per year, each read with its year.</item>
/// <item>A comparison symbol at the start (&gt;=, &gt; =, =&gt;, ≥, &lt;=, ≤, &gt;, &lt;, =): a number, or a reference
/// ("&gt;= valore 2023"), must follow.</item>
/// <item>"entro [il]": a date is a Deadline ("entro il 30/06/2024", "entro 30 giugno", "entro fine anno", "entro il 2024"),
/// a number is at most ("entro 5 giorni"), words are a qualitative milestone ("entro i termini di legge").</item>
/// <item>"tra/fra X e Y", "da/dal X a/al Y", "compreso tra X e Y": a Range (only when a number follows "tra"/"da").</item>
/// <item>A comparison phrase at the start ("almeno", "non oltre", "pari a", "maggiore o uguale a", "non inferiore al valore
/// 2023", …). Comparatives count as phrases only with their preposition ("Maggiore trasparenza" is prose).</item>
/// <item>A number (or a date) at the start: a bare number needs the indicator's polarity; a signed one ("+8% rispetto
/// al 2023") is a change and needs a reference; "80-90%" is a Range; "30/06/2024" is a Deadline.</item>
/// <item>A ratio formula before a comparison ("(costi anno corrente/costi anno 2011)*100 &lt;= 100%"): the year in the
/// denominator is the baseline year.</item>
/// <item>Any other text is a description, read word by word (<see cref="DescriptionReader"/>): it may end in a label
/// ("Numero di giorni: 20-30"), a comparison, a range, a deadline, a relative change, or nothing (a milestone).</item>
/// </list>
/// After any reading the remaining words are checked (<see cref="Prose.CheckTrailing"/>): "entro" and a date add a due date
/// ("100% entro il 30/06"); plain words pass; numbers, references and words like "di cui" are refused.
/// </remarks>
public static class TargetParser
{
    public static ParsedTarget Parse(string text, Polarity? polarity = null, int? year = null) => Parse(text, polarity, year, ParseCore);

    // The reader is a parameter only so that a test can make it throw: no known input reaches the catch below.
    internal static ParsedTarget Parse(string? text, Polarity? polarity, int? year, Func<string?, Polarity?, int?, ParsedTarget> read)
    {
        try
        {
            return read(text, polarity, year);
        }
        catch (Exception ex) when (ex is not TargetParseException and not OutOfMemoryException)
        {
            // Last line of defence: bad input must be a 400, never a 500. The fuzz tests call ParseCore to keep bugs visible.
            throw new TargetParseException(text ?? "", 0, Say.It("un target leggibile", "a readable target"));
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
        var ctx = new ParseContext(text ?? "", polarity, year);
        var c = ctx.C;
        if (c.AtEnd) throw c.Fail(0, Say.It("un target (un confronto, un intervallo, una scadenza o una descrizione)", "a target (a comparison, a range, a deadline or a description)"));
        if (NoTargetReader.TryRead(ctx, out var none)) return ctx.WithWarnings(none);
        if (!c.Text.Any(ch => char.IsLetterOrDigit(ch) || TargetCursor.IsComparison(ch)))
        {
            throw c.Fail(c.Pos, Say.It("un target (un confronto, un intervallo, una scadenza o una descrizione)", "a target (a comparison, a range, a deadline or a description)"));
        }
        if (ScheduleReader.TryRead(ctx, out var schedule)) return schedule;
        return ctx.WithWarnings(ReadSingle(ctx));
    }

    /// <summary>One target (not a schedule) from the cursor to the end.</summary>
    internal static ParsedTarget ReadSingle(ParseContext ctx)
    {
        var c = ctx.C;
        if (Operators.TryReadSymbol(c, out var symbolOp)) return Comparison(ctx, symbolOp, allowWords: false);
        if (TryDeadlineKeyword(ctx, out var deadline)) return deadline;
        if (TryRange(ctx, out var range)) return range;
        if (Operators.TryReadPhrase(c, out var phraseOp)) return Comparison(ctx, phraseOp, allowWords: true);
        if (TryLeadingNumber(ctx, out var numeric)) return numeric;
        if (TryFormula(ctx, out var formula)) return formula;
        if (StartsDescription(c.Current)) return DescriptionReader.Read(ctx);
        throw c.Fail(c.Pos, Say.It("un numero, un operatore o una descrizione", "a number, an operator or a description"));
    }

    /// <summary>After a comparison: a reference ("valore 2023"), or a quantity with an optional due date and plain words.</summary>
    internal static ParsedTarget Comparison(ParseContext ctx, TargetOperator op, bool allowWords)
    {
        var c = ctx.C;
        c.SkipSpaces();
        if (RelativeReader.TryReadComparedReference(ctx, op, out var relative)) return relative;
        var dateStart = c.Pos;
        if (TryDate(ctx, out var date))
        {
            // "non oltre il 30/06/2025", "<= 31 dicembre 2025": a deadline; "almeno il 30/06/2025" says nothing.
            if (op is not (TargetOperator.AtMost or TargetOperator.LessThan)) throw c.Fail(dateStart, Say.It("un numero (una data è una scadenza: entro il …)", "a number (a date is a deadline: entro il …)"));
            Prose.CheckTrailing(ctx);
            return Deadline(date, ctx.Original);
        }
        var q = QuantityReader.Read(c, allowWords);
        if (QuantityReader.IsSigned(c, q.NumberStart) && References.StartsAt(ctx, c.SkipSpacesFrom(c.Pos)))
        {
            return RelativeReader.ReadSigned(ctx, q, op, minus: c.At(q.NumberStart) != '+');
        }
        if (allowWords && q is { Unit: TargetUnit.None, Label: null } && LooksLikeYear(c, q) && ArticleBefore(c, q.Start))
        {
            // "non inferiore al 2023": the figure of 2023, or the number 2023? Refused rather than guessed.
            throw c.Fail(q.NumberStart, Say.It($"un'unità di misura dopo il numero, oppure \"valore {c.Text[q.NumberStart..q.NumberEnd]}\" per il dato di quell'anno", $"a unit after the number, or \"valore {c.Text[q.NumberStart..q.NumberEnd]}\" for the figure of that year"));
        }
        return Finish(ctx, Numeric(op, q, ctx.Original));
    }

    /// <summary>The words after a reading: "entro" and a date make it a value to reach by that date; the rest must be plain.</summary>
    internal static ParsedTarget Finish(ParseContext ctx, ParsedTarget target)
    {
        var c = ctx.C;
        c.SkipSpaces();
        if (target.Kind is TargetKind.Numeric or TargetKind.Range && Deadlines.TryRead(ctx, out var due))
        {
            target = target with { DueDate = due };
        }
        Prose.CheckTrailing(ctx);
        return target;
    }

    /// <summary>
    /// A full date after a comparison. Something that only looks like one ("12.34.567") is left to the number reader,
    /// whose error then names the number.
    /// </summary>
    private static bool TryDate(ParseContext ctx, out DateOnly date)
    {
        var c = ctx.C;
        var start = c.Pos;
        try
        {
            return ItalianDate.TryRead(c, ctx.Year, allowMonthOnly: false, out date, numericNeedsYear: true);
        }
        catch (TargetParseException)
        {
            c.Pos = start;
            date = default;
            return false;
        }
    }

    /// <summary>
    /// "entro 5 giorni": at most, in a unit. "entro 15" alone — 15 days, or the 15th ("entro il 15 del mese successivo")? —
    /// is refused.
    /// </summary>
    internal static ParsedTarget WithinLimit(ParseContext ctx, TargetQuantity q) =>
        q.Label is null
            ? throw ctx.Fail(q.NumberStart, Say.It("un'unità di misura dopo il numero (entro 15 giorni) o una data (entro il 15/07/2025)", "a unit after the number (entro 15 giorni) or a date (entro il 15/07/2025)"))
            : Numeric(TargetOperator.AtMost, q, ctx.Original);

    internal static ParsedTarget Numeric(TargetOperator op, TargetQuantity q, string original) =>
        new(TargetKind.Numeric, op, q.Value, null, null, q.Unit, q.Label, null, original);

    internal static ParsedTarget Milestone(string original) =>
        new(TargetKind.Milestone, TargetOperator.Done, null, null, null, TargetUnit.None, null, null, original);

    internal static ParsedTarget Deadline(DateOnly date, string original) =>
        new(TargetKind.Deadline, TargetOperator.Done, null, null, null, TargetUnit.None, null, date, original);

    private static bool TryDeadlineKeyword(ParseContext ctx, [NotNullWhen(true)] out ParsedTarget? result)
    {
        var c = ctx.C;
        result = null;
        if (c.TryMatchAny(["entro e non oltre", "entro"]) is null) return false;
        var afterEntro = c.Pos;
        if (Deadlines.TryReadAfterEntro(ctx, out var date, out _))
        {
            Prose.CheckTrailing(ctx);
            result = Deadline(date, ctx.Original);
            return true;
        }
        c.Pos = afterEntro;
        c.SkipSpaces();
        Operators.SkipFillers(c, [.. Operators.Prepositions, .. Operators.Articles], max: 2);
        if (QuantityReader.StartsAt(c, allowWords: true))
        {
            result = Finish(ctx, WithinLimit(ctx, QuantityReader.Read(c, allowWords: true)));
            return true;
        }
        if (char.IsLetter(c.Current) && c.IndexOfComparison(c.Pos) < 0)
        {
            // "Entro i termini di legge": a qualitative milestone, not a malformed deadline.
            RejectMeasuredQuantity(c);
            Prose.CheckWords(ctx, trailing: false);
            result = Milestone(ctx.Original);
            return true;
        }
        throw c.Fail(c.AtEnd ? c.End : c.Pos, Say.It("una data o un numero", "a date or a number"));
    }

    /// <summary>"tra 80% e 90%", "da 3 a 5 giorni", "compreso tra p. 15 e p. 18", "Dal 60% all'80%".</summary>
    internal static bool TryRange(ParseContext ctx, [NotNullWhen(true)] out ParsedTarget? result)
    {
        var c = ctx.C;
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
        Operators.SkipFillers(c, Operators.Articles, max: 1);
        if (!QuantityReader.StartsAt(c, allowWords: false))
        {
            if (explicitRange) throw c.Fail(c.Pos, Say.It("un numero", "a number"));
            c.Pos = start;
            return false;
        }
        var lower = QuantityReader.Read(c, allowWords: false);
        c.SkipSpaces();
        if (TargetCursor.IsDash(c.Current)) c.Pos++;
        else if (c.TryMatchAny(connectors) is null) throw c.Fail(c.Pos, Say.It($"\"{connectors[^1]}\" e un limite superiore", $"\"{connectors[^1]}\" and an upper bound"));
        c.SkipSpaces();
        Operators.SkipFillers(c, Operators.Articles, max: 1);
        var upper = QuantityReader.Read(c, allowWords: false);
        result = Finish(ctx, MakeRange(c, lower, upper, ctx.Original));
        return true;
    }

    private static ParsedTarget MakeRange(TargetCursor c, TargetQuantity lower, TargetQuantity upper, string original)
    {
        if (lower.Unit != TargetUnit.None && upper.Unit != TargetUnit.None && lower.Unit != upper.Unit)
        {
            throw c.Fail(upper.UnitStart, Say.It($"la stessa unità di misura del limite inferiore ({lower.Label})", $"the same unit as the lower bound ({lower.Label})"));
        }
        if (lower.Value > upper.Value) throw c.Fail(upper.Start, Say.It("un limite superiore non inferiore al limite inferiore", "an upper bound not below the lower bound"));
        var (unit, label) = upper.Label is not null ? (upper.Unit, upper.Label) : (lower.Unit, lower.Label);
        return new ParsedTarget(TargetKind.Range, TargetOperator.Between, null, lower.Value, upper.Value, unit, label, null, original);
    }

    private static bool TryLeadingNumber(ParseContext ctx, [NotNullWhen(true)] out ParsedTarget? result)
    {
        var c = ctx.C;
        result = null;
        var start = c.Pos;
        // "Il 100% delle PA…", "Il tre per cento": an article before the number does not make the text prose. With a number
        // word only a percentage follows the singular article ("Il due luglio" is a date in words, left to the description).
        if (c.TryMatchAny(["l'", "il", "lo"]) is not null)
        {
            c.SkipSpaces();
            var number = QuantityReader.StartsAt(c, allowWords: false) || QuantityReader.IsPercentInWordsAt(c, c.Pos);
            if (!number || QuantityReader.IsSigned(c, c.Pos))
            {
                c.Pos = start;
                return false;
            }
        }
        if (ItalianDate.TryRead(c, ctx.Year, allowMonthOnly: false, out var date, numericNeedsYear: true))
        {
            Prose.CheckTrailing(ctx);
            result = Deadline(date, ctx.Original);
            return true;
        }
        if (SpacedSign(c) is { } sign)
        {
            // "+ 8% rispetto al 2023": the sign stands apart from the number but still makes it a change.
            c.Pos = c.SkipSpacesFrom(c.Pos + 1);
            var spaced = QuantityReader.Read(c, allowWords: false);
            result = RelativeReader.ReadSigned(ctx, spaced with { Start = start }, op: null, minus: sign < 0);
            return true;
        }
        // "Zero incidenti", "Tre incontri": a number word first is a number (but "Un evento" starts with an article).
        var words = QuantityReader.StartsWithNumberWord(c, c.Pos);
        if (!words && !QuantityReader.StartsAt(c, allowWords: false))
        {
            c.Pos = start;
            return false;
        }

        var numberStart = c.Pos;
        var q = QuantityReader.Read(c, allowWords: words);
        if (QuantityReader.IsSigned(c, q.NumberStart))
        {
            // "+8% rispetto al 2023": a sign is a change, and a change is measured against something.
            result = RelativeReader.ReadSigned(ctx, q, op: null, minus: c.At(q.NumberStart) != '+');
            return true;
        }
        var afterFirst = c.Pos;
        c.SkipSpaces();
        if (TargetCursor.IsDash(c.Current) && TargetCursor.IsDigit(c.At(c.SkipSpacesFrom(c.Pos + 1))))
        {
            // "80-90%", "80% - 90%": a range needs no polarity.
            c.Pos = c.SkipSpacesFrom(c.Pos + 1);
            var upper = QuantityReader.Read(c, allowWords: false);
            result = Finish(ctx, MakeRange(c, q, upper, ctx.Original));
            return true;
        }
        c.Pos = afterFirst;
        var bare = Finish(ctx, Numeric(TargetOperator.AtLeast, q, ctx.Original));
        var op = ctx.Polarity switch
        {
            Polarity.HigherIsBetter => TargetOperator.AtLeast,
            Polarity.LowerIsBetter => TargetOperator.AtMost,
            Polarity.Milestone => throw c.Fail(numberStart,
                Say.It("un operatore (>=, <=): un numero senza operatore richiede la polarità HigherIsBetter o LowerIsBetter, non Milestone", "an operator (>=, <=): a bare number needs a HigherIsBetter or LowerIsBetter polarity, not Milestone")),
            _ => throw c.Fail(numberStart, Say.It("un operatore (>=, <=) o la polarità dell'indicatore", "an operator (>=, <=) or the indicator's polarity")),
        };
        ctx.Warn(TargetWarnings.OperatorInferred,
            Say.It($"nessun operatore scritto: {(op == TargetOperator.AtLeast ? "≥" : "≤")} ricavato dalla polarità dell'indicatore ({ctx.Polarity})", $"no operator written: {(op == TargetOperator.AtLeast ? "≥" : "≤")} taken from the indicator's polarity ({ctx.Polarity})"));
        result = bare with { Operator = op, OperatorInferred = true };
        return true;
    }

    /// <summary>+1 or -1 for a sign followed by spaces and a number ("+ 8%"); null otherwise.</summary>
    private static int? SpacedSign(TargetCursor c)
    {
        if (!ItalianNumber.IsSign(c.Current) || !TargetCursor.IsSpace(c.At(c.Pos + 1))) return null;
        return TargetCursor.IsDigit(c.At(c.SkipSpacesFrom(c.Pos + 1))) ? c.Current == '+' ? 1 : -1 : null;
    }

    /// <summary>"(costi anno corrente/costi anno 2011)*100 &lt;= 100%": the comparison comes after a ratio formula.</summary>
    private static bool TryFormula(ParseContext ctx, [NotNullWhen(true)] out ParsedTarget? result)
    {
        var c = ctx.C;
        result = null;
        var at = c.IndexOfComparison(c.Pos);
        if (at <= c.Pos || !StartsDescription(c.Current)) return false;
        var prefix = c.Slice(c.Pos, at);
        // Only a ratio is a formula; a plain label before a comparison is prose, read (and checked) as a description.
        if (!prefix.Contains('/') && !prefix.Contains('*')) return false;
        var start = c.Pos;
        c.Pos = at;
        if (!Operators.TryReadSymbol(c, out var op))
        {
            c.Pos = start;
            return false;
        }
        c.SkipSpaces();
        var q = QuantityReader.Read(c, allowWords: false);
        result = Finish(ctx, Numeric(op, q, ctx.Original) with { BaselineYear = BaselineYear(prefix), Formula = prefix });
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
                throw c.Fail(p, Say.It("un operatore prima della quantità (>=, <=, almeno, non oltre, …)", "an operator before the quantity (>=, <=, almeno, non oltre, …)"));
            }
        }
    }

    private static bool LooksLikeYear(TargetCursor c, TargetQuantity q) =>
        q.NumberEnd - q.NumberStart == 4 && q.Value is >= 1900 and <= 2100 && q.Value == decimal.Truncate(q.Value)
        && TargetCursor.IsDigit(c.At(q.NumberStart));

    private static bool ArticleBefore(TargetCursor c, int p)
    {
        var e = c.SkipSpacesBefore(p);
        var s = e;
        while (s > 0 && char.IsLetter(c.Lower[s - 1])) s--;
        // After an operator phrase the word before the number is a preposition, an article or the phrase's own word
        // (TryReadPhrase), so "dal" and "nel" cannot stand there.
        return c.Lower[s..e] is "al" or "del" or "il";
    }

    internal static bool StartsDescription(char ch) =>
        char.IsLetter(ch) || ch is '(' or '"' or '“' or '«' or '[' || TargetCursor.IsApostrophe(ch);
}
