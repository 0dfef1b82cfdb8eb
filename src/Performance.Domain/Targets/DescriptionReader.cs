using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Reads a target that starts with words, one piece at a time, until something that makes it a target: a label and its
/// colon ("Numero di giorni: 20-30"), a comparison ("Partecipazione di almeno 136.000 dipendenti"), a range, "entro"
/// with a date or a number, or a change ("Incremento del 15% rispetto alla baseline"). The words before it are the
/// description and are checked on the way; a text with none of these is a milestone. A number in the description with
/// no operator is refused: a number is never a milestone.
/// </summary>
internal static class DescriptionReader
{
    public static ParsedTarget Read(ParseContext ctx)
    {
        var c = ctx.C;
        var start = c.Pos;
        var p = start;
        var sawCue = false;
        while (true)
        {
            p = c.SkipSpacesFrom(p);
            if (p >= c.End) break;
            if (c.At(p) == ':' && p > start) return Labelled(ctx, start, p);

            var token = Prose.Next(ctx, p);
            switch (token.Kind)
            {
                case TokenKind.Direction or TokenKind.Further or TokenKind.Reference:
                    return RelativeReader.Read(ctx, p);
                case TokenKind.Comparison:
                    c.Pos = p;
                    Operators.TryReadSymbol(c, out var symbol);
                    return TargetParser.Comparison(ctx, symbol, allowWords: false);
                case TokenKind.OperatorPhrase:
                    c.Pos = p;
                    Operators.TryReadPhrase(c, out var phrase);
                    return TargetParser.Comparison(ctx, phrase, allowWords: true);
                case TokenKind.RangeStart:
                    c.Pos = p;
                    if (TargetParser.TryRange(ctx, out var range)) return range;
                    break;
                case TokenKind.Entro:
                    if (ReadEntro(ctx, token) is { } limited) return limited;
                    sawCue = true;
                    break;
                case TokenKind.MilestoneWord:
                    sawCue = true;
                    break;
                default:
                    Prose.Refuse(ctx, token, trailing: false);
                    break;
            }
            p = Math.Max(token.End, p + 1);
        }
        return Milestone(ctx, start, sawCue);
    }

    /// <summary>"… entro il 30/06/2025" is a deadline, "… entro 30 giorni" a limit; "… entro i termini" returns null (prose).</summary>
    private static ParsedTarget? ReadEntro(ParseContext ctx, Token entro)
    {
        var c = ctx.C;
        c.Pos = entro.Start;
        if (Deadlines.TryRead(ctx, out var date))
        {
            Prose.CheckTrailing(ctx);
            return TargetParser.Deadline(date, ctx.Original);
        }
        c.Pos = entro.End;
        c.SkipSpaces();
        Operators.SkipFillers(c, [.. Operators.Prepositions, .. Operators.Articles], max: 2);
        if (!QuantityReader.StartsAt(c, allowWords: true)) return null;
        return TargetParser.Finish(ctx, TargetParser.WithinLimit(ctx, QuantityReader.Read(c, allowWords: true)));
    }

    /// <summary>"Numero di giorni: 20-30": the label describes, the rest is the target; a unit missing there may come from the label.</summary>
    private static ParsedTarget Labelled(ParseContext ctx, int start, int colon)
    {
        var c = ctx.C;
        var label = c.Slice(start, colon);
        if (NamesAPeriod(label))
        {
            throw c.Fail(start, Say.It($"un target per l'intero anno (\"{label}\" ne indica una parte; una cella contiene il target dell'anno)", $"a target for the whole year (\"{label}\" names a part of it; a cell holds the year's target)"));
        }
        c.Pos = colon + 1;
        c.SkipSpaces();
        if (c.AtEnd) throw c.Fail(c.End, Say.It($"un target dopo \"{label}:\"", $"a target after \"{label}:\""));
        var target = TargetParser.ReadSingle(ctx);
        if (target.Kind is not (TargetKind.Numeric or TargetKind.Range) || target.UnitLabel is not null) return target;
        if (UnitFromLabel(label) is not { } guess) return target;
        ctx.Warn(TargetWarnings.UnitGuessed, Say.It($"unità di misura {guess.Unit} ({guess.Label}) ricavata dall'etichetta \"{label}\"", $"unit {guess.Unit} ({guess.Label}) taken from the label \"{label}\""));
        return target with { Unit = guess.Unit, UnitLabel = guess.Label };
    }

    private static ParsedTarget Milestone(ParseContext ctx, int start, bool sawCue)
    {
        var c = ctx.C;
        if (CueWords.MatchAny(c, start, CueWords.PendingPhrases) is not null)
        {
            ctx.Warn(TargetWarnings.MilestoneWithoutCue,
                Say.It("letto come milestone (realizzato / non realizzato), ma sembra un target ancora da definire: scrivere n.d. se per l'anno non è previsto un target", "read as a milestone (done / not done), but it reads like a target still to be set: write n.d. when there is no target this year"));
        }
        else if (!sawCue)
        {
            ctx.Warn(TargetWarnings.MilestoneWithoutCue,
                Say.It("letto come milestone (realizzato / non realizzato): non contiene alcuna parola da milestone (realizzazione, adozione, approvazione, SI, …)", "read as a milestone (done / not done): it has no milestone word (realizzazione, adozione, approvazione, SI, …)"));
        }
        return TargetParser.Milestone(ctx.Original);
    }

    private static readonly string[] PeriodWords =
    [
        "trimestre", "semestre", "quadrimestre", "bimestre", "mese", "settimana", "gennaio", "febbraio", "marzo", "aprile",
        "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ];

    private static bool NamesAPeriod(string label) =>
        label.ToLowerInvariant().Split([' ', '\u00A0', '\'', '’', '°', '.'], StringSplitOptions.RemoveEmptyEntries).Any(PeriodWords.Contains);

    private static readonly (string Word, TargetUnit Unit)[] LabelUnits =
    [
        // No "gg", "€", "%": before the colon they are a unit without its number, refused before the label is read.
        ("giorni lavorativi", TargetUnit.Days), ("giorni", TargetUnit.Days), ("ore", TargetUnit.Hours),
        ("minuti", TargetUnit.Minutes), ("settimane", TargetUnit.Weeks), ("mesi", TargetUnit.Months), ("euro", TargetUnit.Euro),
        ("importo", TargetUnit.Euro), ("percentuale", TargetUnit.Percent),
    ];

    /// <summary>"Numero di giorni" → Days; "Percentuale di …" → Percent; "Numero di pratiche" → Count, "pratiche".</summary>
    private static (TargetUnit Unit, string Label)? UnitFromLabel(string label)
    {
        var words = label.ToLowerInvariant().Split([' ', '\u00A0', '\'', '’'], StringSplitOptions.RemoveEmptyEntries);
        var text = string.Join(' ', words);
        foreach (var (word, unit) in LabelUnits)
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            var whole = at >= 0 && (at == 0 || !char.IsLetter(text[at - 1]))
                && (at + word.Length == text.Length || !char.IsLetter(text[at + word.Length]));
            if (whole) return (unit, unit == TargetUnit.Percent ? "%" : word);
        }
        for (var i = 0; i + 2 < words.Length; i++)
        {
            if (words[i] is "numero" or "n." or "n°" or "nr" && words[i + 1] is "di" or "dei" or "delle" or "degli")
            {
                return (TargetUnit.Count, words[i + 2]);
            }
        }
        return null;
    }
}
