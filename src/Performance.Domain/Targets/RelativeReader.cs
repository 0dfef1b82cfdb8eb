using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// Reads relative targets: a change (a direction word with its size, a signed number, "ulteriori N", "mantenimento")
/// and what it is measured against ("rispetto al 2023", "rispetto alla baseline"). The words around them are description,
/// checked like any prose. A change needs a reference and a reference needs a change; either alone is refused.
/// </summary>
internal static class RelativeReader
{
    // Words that may stand between a direction word and its size: "incremento di almeno altri 450", "pari almeno al 25%".
    // "a"/"al" only after "pari" or "almeno": "incremento al 90%" is a value to reach, not a change of 90%. "nella misura
    // del 10%" needs no entry: "nella misura" is prose and "del" leads.
    private static readonly string[] AmountLeads =
    [
        "dell'", "dello", "della", "del", "di", "dei", "pari", "almeno", "il", "l'", "lo", "altri", "altre", "ulteriori", "per",
    ];

    private static readonly string[] ToLeads = ["all'", "al", "a"];

    private static string OperatorOrReference => Say.It("un operatore prima della quantità (>=, <=, almeno, non oltre, …) o un riferimento per la variazione (rispetto al 2023, rispetto alla baseline)",
        "an operator before the quantity (>=, <=, almeno, non oltre, …) or a reference for the change (rispetto al 2023, rispetto alla baseline)");

    /// <summary>From a direction word, "ulteriori N" or "rispetto" at <paramref name="cueStart"/> (prose before it was already checked).</summary>
    public static ParsedTarget Read(ParseContext ctx, int cueStart)
    {
        var c = ctx.C;
        var token = Prose.Next(ctx, cueStart);
        ChangeDirection? direction = null;
        var further = false;
        switch (token.Kind)
        {
            case TokenKind.Direction:
                direction = DirectionOf(ctx, token);
                c.Pos = token.End;
                break;
            case TokenKind.Further:
                (direction, further) = (ChangeDirection.Increase, true);
                c.Pos = token.End;
                break;
            default:
                c.Pos = cueStart;
                break;
        }
        return ReadChange(ctx, cueStart, direction, amount: null, op: null, further);
    }

    /// <summary>"+8% rispetto al 2023", "&gt;= +5% rispetto alla baseline": the signed number was read; the sign is the direction.</summary>
    public static ParsedTarget ReadSigned(ParseContext ctx, TargetQuantity amount, TargetOperator? op, bool minus)
    {
        var direction = minus ? ChangeDirection.Decrease : ChangeDirection.Increase;
        return ReadChange(ctx, amount.Start, direction, amount with { Value = Math.Abs(amount.Value) }, op, further: false);
    }

    /// <summary>"&gt;= valore 2023", "non inferiore al valore dell'anno precedente": a comparison with a reference instead of a number.</summary>
    public static bool TryReadComparedReference(ParseContext ctx, TargetOperator op, out ParsedTarget target)
    {
        target = null!;
        var c = ctx.C;
        var start = c.Pos;
        if (!References.StartsBody(ctx, start) || References.TryRead(ctx) is not { } reference) return false;
        Prose.CheckTrailing(ctx);
        target = Build(ctx, start, ChangeDirection.Maintain, amount: null, reference, op);
        return true;
    }

    private static ParsedTarget ReadChange(
        ParseContext ctx, int cueStart, ChangeDirection? direction, TargetQuantity? amount, TargetOperator? op, bool further)
    {
        var c = ctx.C;
        TargetReference? reference = null;
        var afterCue = c.SkipSpacesFrom(c.Pos);
        while (true)
        {
            c.SkipSpaces();
            if (c.AtEnd) break;
            var p = c.Pos;
            if (reference is null && References.TryRead(ctx, bareYear: direction == ChangeDirection.Maintain && p == afterCue) is { } found)
            {
                reference = found;
                continue;
            }
            if (amount is null && direction is ChangeDirection.Increase or ChangeDirection.Decrease
                && TryAmount(ctx, directly: p == afterCue, out var q))
            {
                amount = q;
                continue;
            }
            if (reference is not null && CueWords.MatchAny(c, p, CueWords.ReferenceWords) is not null)
            {
                throw ctx.Fail(p, Say.It("un solo riferimento per target", "one reference per target"));
            }
            var token = Prose.Next(ctx, p);
            if (token.Kind == TokenKind.Quantity)
            {
                throw (direction, amount) switch
                {
                    (null, _) => ctx.Fail(cueStart, Say.It("una variazione prima del riferimento (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)", "a change before the reference (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)")),
                    (ChangeDirection.Maintain, _) => ctx.Fail(p,
                        Say.It("un riferimento per \"mantenimento\" (del livello 2024); un valore da mantenere si scrive con un operatore (>= 90%)", "a reference for \"mantenimento\" (del livello 2024); a value to keep is written with an operator (>= 90%)")),
                    (_, null) => ctx.Fail(p,
                        Say.It("\"del\" o \"di\" prima dell'entità della variazione (incremento del 5%); un valore da raggiungere si scrive con un operatore (>= 90%)", "\"del\" or \"di\" before the size of the change (incremento del 5%); a value to reach is written with an operator (>= 90%)")),
                    _ => ctx.Fail(p, Say.It("una sola variazione per target (un secondo numero non può essere valutato)", "one change per target (a second number cannot be scored)")),
                };
            }
            if (token.Kind == TokenKind.Reference && reference is not null) throw ctx.Fail(p, Say.It("un solo riferimento per target", "one reference per target"));
            Prose.Refuse(ctx, token, trailing: false);
            c.Pos = Math.Max(token.End, p + 1);
        }

        if (direction is null)
        {
            throw ctx.Fail(cueStart, Say.It("una variazione prima del riferimento (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)", "a change before the reference (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)"));
        }
        if (reference is null)
        {
            if (direction == ChangeDirection.Maintain)
            {
                throw ctx.Fail(c.End, Say.It("un riferimento per \"mantenimento\" (del livello 2024, del valore 2023, rispetto alla baseline)", "a reference for \"mantenimento\" (del livello 2024, del valore 2023, rispetto alla baseline)"));
            }
            throw amount is { } a
                ? ctx.Fail(a.Start, OperatorOrReference)
                : ctx.Fail(cueStart, Say.It("una variazione con la sua entità e il suo riferimento (incremento del 5% rispetto al 2023)", "a change with its size and reference (incremento del 5% rispetto al 2023)"));
        }
        if (further && amount is { Unit: TargetUnit.Percent, Label: "%" or "per cento" or "percento" } pct)
        {
            throw ctx.Fail(pct.Start, Say.It("\"punti percentuali\" o \"incremento del …%\" (\"ulteriori N%\" non chiarisce quale dei due)", "\"punti percentuali\" or \"incremento del …%\" (\"ulteriori N%\" does not say which)"));
        }
        return Build(ctx, cueStart, direction.Value, amount, reference, op);
    }

    /// <summary>
    /// "del 15%", "di almeno altri 450 servizi", "pari almeno al 25%", or a number right after the direction word
    /// ("ulteriori 300 imprese"): the size of the change, digits only.
    /// </summary>
    private static bool TryAmount(ParseContext ctx, bool directly, out TargetQuantity amount)
    {
        var c = ctx.C;
        var start = c.Pos;
        string? lead = null;
        for (var i = 0; i < 4 && (c.TryMatchAny(AmountLeads) ?? (lead is "pari" or "almeno" ? c.TryMatchAny(ToLeads) : null)) is { } word; i++)
        {
            lead = word;
            c.SkipSpaces();
        }
        if ((directly || c.Pos > start) && QuantityReader.StartsAt(c, allowWords: false))
        {
            amount = QuantityReader.Read(c, allowWords: false);
            if (amount.Label is { } label && CueWords.PeriodWords.Any(w => label.EndsWith(w, StringComparison.OrdinalIgnoreCase)))
            {
                throw ctx.Fail(amount.UnitStart, Say.It("una variazione sull'anno (una variazione per periodo non è confrontabile con il dato annuale)", "a change over the year (a change per period cannot be compared with the year's figure)"));
            }
            return true;
        }
        c.Pos = start;
        amount = default;
        return false;
    }

    private static ChangeDirection DirectionOf(ParseContext ctx, Token token)
    {
        if (CueWords.MatchDirection(ctx.C, token.Start) is { Direction: { } direction }) return direction;
        if (token.Phrase is not { } phrase || !phrase.StartsWith("miglior", StringComparison.Ordinal))
        {
            throw ctx.Fail(token.Start, Say.It("la variazione in percentuale (riduzione del 50%, incremento del 100%)", "the change as a percentage (riduzione del 50%, incremento del 100%)"));
        }
        return ctx.Polarity switch
        {
            Polarity.HigherIsBetter => ChangeDirection.Increase,
            Polarity.LowerIsBetter => ChangeDirection.Decrease,
            _ => throw ctx.Fail(token.Start, Say.It("la polarità dell'indicatore (\"miglioramento\" è un aumento o una diminuzione a seconda di essa)", "the indicator's polarity (\"miglioramento\" is an increase or a decrease depending on it)")),
        };
    }

    private static ParsedTarget Build(
        ParseContext ctx, int cueStart, ChangeDirection direction, TargetQuantity? amount, TargetReference reference, TargetOperator? op)
    {
        if (ctx.Polarity == Polarity.Milestone)
        {
            throw ctx.Fail(cueStart, Say.It("una polarità HigherIsBetter o LowerIsBetter (un target relativo è un numero, non una milestone)", "a HigherIsBetter or LowerIsBetter polarity (a relative target is a number, not a milestone)"));
        }
        var (changeUnit, unit, label) = amount switch
        {
            null => (ChangeUnit.Absolute, TargetUnit.None, (string?)null),
            { Unit: TargetUnit.Percent, Label: "%" or "per cento" or "percento" } => (ChangeUnit.Percent, TargetUnit.None, null),
            { } q => (ChangeUnit.Absolute, q.Unit, q.Label),
        };
        if (amount is { } a && direction == ChangeDirection.Decrease && changeUnit == ChangeUnit.Percent && a.Value > 100)
        {
            throw ctx.Fail(a.NumberStart, Say.It("una riduzione non superiore al 100%", "a reduction of at most 100%"));
        }

        var inferred = false;
        var resolved = op ?? direction switch
        {
            ChangeDirection.Increase => amount is null ? TargetOperator.MoreThan : TargetOperator.AtLeast,
            ChangeDirection.Decrease => amount is null ? TargetOperator.LessThan : TargetOperator.AtMost,
            _ => MaintainOperator(ctx, out inferred),
        };
        if ((direction == ChangeDirection.Increase && ctx.Polarity == Polarity.LowerIsBetter)
            || (direction == ChangeDirection.Decrease && ctx.Polarity == Polarity.HigherIsBetter))
        {
            ctx.Warn(TargetWarnings.ChangeAgainstPolarity,
                Say.It($"il target chiede {(direction == ChangeDirection.Increase ? "un aumento" : "una diminuzione")} su un indicatore con polarità {ctx.Polarity}", $"the target asks for {(direction == ChangeDirection.Increase ? "an increase" : "a decrease")} on an indicator whose polarity is {ctx.Polarity}"));
        }
        return new ParsedTarget(TargetKind.Relative, resolved, null, null, null, unit, label, null, ctx.Original)
        {
            Change = new TargetChange(amount?.Value, changeUnit, direction),
            Reference = reference,
            OperatorInferred = inferred,
        };
    }

    private static TargetOperator MaintainOperator(ParseContext ctx, out bool inferred)
    {
        inferred = true;
        if (ctx.Polarity == Polarity.LowerIsBetter) return TargetOperator.AtMost;
        if (ctx.Polarity is null)
        {
            ctx.Warn(TargetWarnings.MaintainAssumedHigherIsBetter,
                Say.It("\"mantenimento\" letto come almeno pari al riferimento: passare la polarità dell'indicatore quando un valore più basso è migliore", "\"mantenimento\" read as at least the reference: pass the indicator's polarity when lower is better"));
        }
        return TargetOperator.AtLeast;
    }
}
