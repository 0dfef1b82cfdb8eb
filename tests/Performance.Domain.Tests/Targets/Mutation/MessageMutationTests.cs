namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// Every refusal and warning of the reader says, in Italian (the service's language outside a request) and in English,
/// what was expected where. The word-table tests match the English message by its start; these rows pin both texts
/// whole, so that an emptied or swapped message is seen (Stryker run of 2026-12-03 on Targets/**, docs/mutation-targets-A.md).
/// </summary>
public sealed class MessageMutationTests
{
    // Refusals of what follows a target, or of prose inside a description (Prose.CheckTrailing, Prose.Refuse).
    [Theory]
    [InlineData(">= 80%<= 90%", "refused@6: la fine del target (un solo confronto per target)", "refused@6: the end of the target (one comparison per target)")]
    [InlineData(">= 80%#", "refused@6: la fine del target", "refused@6: the end of the target")]
    [InlineData(">= 80% -5%", "refused@7: la fine del target", "refused@7: the end of the target")]
    [InlineData(">= 80% e <= 90%", "refused@9: la fine del target (un solo confronto per target)", "refused@9: the end of the target (one comparison per target)")]
    [InlineData("Almeno 90% di amministrazioni, almeno tre RTD", "refused@31: la fine del target (un solo confronto per target)", "refused@31: the end of the target (one comparison per target)")]
    [InlineData("1 report inviato ogni mese", "refused@17: il periodo subito dopo l'unità di misura (2 incontri al mese), oppure un target annuale senza \"ogni mese\"", "refused@17: the period right after the unit (2 incontri al mese), or a target for the year without \"ogni mese\"")]
    [InlineData("2025: 80% (2026: 85%)", "refused@17: la fine del target (un secondo numero non può essere valutato)", "refused@17: the end of the target (a second number cannot be scored)")]
    [InlineData("Pubblicazione del 100% delle informazioni", "refused@18: un operatore prima della quantità (>=, <=, almeno, non oltre, …)", "refused@18: an operator before the quantity (>=, <=, almeno, non oltre, …)")]
    [InlineData(">= 80% al 31/12/2025", "refused@10: \"entro\" prima della data (una scadenza)", "refused@10: \"entro\" before the date (a deadline)")]
    [InlineData("<= 5 gg gg 7", "refused@8: la fine del target (un'unità di misura senza il suo numero)", "refused@8: the end of the target (a unit without its number)")]
    [InlineData(">= 80% di cui i comuni", "refused@7: un target senza \"di cui\" (cambia ciò che si misura: indicare il dato a cui si riferisce il target)", "refused@7: a target without \"di cui\" (it changes what is measured: write the figure the target is about)")]
    [InlineData(">= 80% con un incremento del 5%", "refused@14: un solo target per testo (una variazione come \"incremento del 5% rispetto al 2023\" deve costituire l'intero target)", "refused@14: one target per text (a change such as \"incremento del 5% rispetto al 2023\" must be the whole target)")]
    [InlineData(">= 80% rispetto al 2023", "refused@7: una variazione prima del riferimento (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)", "refused@7: a change before the reference (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)")]
    [InlineData(">= 80% almeno di base", "refused@7: un numero dopo \"almeno\"", "refused@7: a number after \"almeno\"")]
    [InlineData("95% delle pratiche entro 30 giorni", "refused@19: la fine del target (una scadenza o un limite dopo il target richiede un proprio target)", "refused@19: the end of the target (a deadline or a limit after the target needs its own target)")]
    [InlineData("80% - tre", "refused@6: la fine del target (un secondo numero non può essere valutato)", "refused@6: the end of the target (a second number cannot be scored)")]
    [InlineData(">= 80% tra 1 e 2", "refused@7: la fine del target (un solo intervallo per target)", "refused@7: the end of the target (one range per target)")]
    public void What_follows_a_target_is_refused_in_both_languages(string text, string italian, string english) =>
        Messages.Check(text, italian, english);

    // The last line of defence in TargetParser.Parse: an unexpected exception of the reader (no known input raises one;
    // the test injects it) is a refusal of the whole text at its start, never a 500; a null text is the empty text.
    [Theory]
    [InlineData("Almeno 3 convenzioni stipulate", "\"Almeno 3 convenzioni stipulate\" refused@0: un target leggibile", "\"Almeno 3 convenzioni stipulate\" refused@0: a readable target")]
    [InlineData(null, "\"\" refused@0: un target leggibile", "\"\" refused@0: a readable target")]
    public void An_unexpected_fault_of_the_reader_is_refused_in_both_languages(string? text, string italian, string english)
    {
        var fault = new InvalidOperationException("a bug in the reader");
        Assert.Equal(italian, Messages.FaultIn(Domain.Language.Language.Italian, text, fault));
        Assert.Equal(english, Messages.FaultIn(Domain.Language.Language.English, text, fault));
    }

    // Refusals of the reading itself (TargetParser, Operators).
    [Theory]
    [InlineData("", "H", "refused@0: un target (un confronto, un intervallo, una scadenza o una descrizione)", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    // "..." is trimmed to nothing (refused at the start); a text with no letter, digit or comparison is refused as it stands.
    [InlineData("...", "H", "refused@0: un target (un confronto, un intervallo, una scadenza o una descrizione)", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    [InlineData("#", "H", "refused@0: un target (un confronto, un intervallo, una scadenza o una descrizione)", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    [InlineData("( )", "H", "refused@0: un target (un confronto, un intervallo, una scadenza o una descrizione)", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    [InlineData("* * *", "H", "refused@0: un target (un confronto, un intervallo, una scadenza o una descrizione)", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    [InlineData("#80", "H", "refused@0: un numero, un operatore o una descrizione", "refused@0: a number, an operator or a description")]
    [InlineData("almeno il 30/06/2025", "H", "refused@10: un numero (una data è una scadenza: entro il …)", "refused@10: a number (a date is a deadline: entro il …)")]
    [InlineData("non inferiore al 2023", "H", "refused@17: un'unità di misura dopo il numero, oppure \"valore 2023\" per il dato di quell'anno", "refused@17: a unit after the number, or \"valore 2023\" for the figure of that year")]
    [InlineData("entro 30", "H", "refused@6: un'unità di misura dopo il numero (entro 15 giorni) o una data (entro il 15/07/2025)", "refused@6: a unit after the number (entro 15 giorni) or a date (entro il 15/07/2025)")]
    [InlineData("entro", "H", "refused@5: una data o un numero", "refused@5: a date or a number")]
    [InlineData("entro #", "H", "refused@6: una data o un numero", "refused@6: a date or a number")]
    [InlineData("compreso tra abc e def", "H", "refused@13: un numero", "refused@13: a number")]
    [InlineData("tra 80% o 90%", "H", "refused@8: \"e\" e un limite superiore", "refused@8: \"e\" and an upper bound")]
    [InlineData("tra 80% e 90 giorni", "H", "refused@13: la stessa unità di misura del limite inferiore (%)", "refused@13: the same unit as the lower bound (%)")]
    [InlineData("tra 90% e 80%", "H", "refused@10: un limite superiore non inferiore al limite inferiore", "refused@10: an upper bound not below the lower bound")]
    [InlineData("80%", "M", "refused@0: un operatore (>=, <=): un numero senza operatore richiede la polarità HigherIsBetter o LowerIsBetter, non Milestone", "refused@0: an operator (>=, <=): a bare number needs a HigherIsBetter or LowerIsBetter polarity, not Milestone")]
    [InlineData("80%", "-", "refused@0: un operatore (>=, <=) o la polarità dell'indicatore", "refused@0: an operator (>=, <=) or the indicator's polarity")]
    [InlineData("Entro i termini del 50%", "H", "refused@20: un operatore prima della quantità (>=, <=, almeno, non oltre, …)", "refused@20: an operator before the quantity (>=, <=, almeno, non oltre, …)")]
    [InlineData("≠ 5", "H", "refused@0: un confronto ammesso (>=, <=, >, <, =)", "refused@0: a supported comparison (>=, <=, >, <, =)")]
    [InlineData("<> 5", "H", "refused@0: un confronto ammesso (>=, <=, >, <, =)", "refused@0: a supported comparison (>=, <=, >, <, =)")]
    public void A_reading_that_cannot_start_is_refused_in_both_languages(string text, string polarity, string italian, string english) =>
        Messages.Check(text, italian, english, Messages.PolarityOf(polarity));

    // Descriptions and schedules (DescriptionReader, ScheduleReader).
    [Theory]
    [InlineData("Giugno: 50%", "refused@0: un target per l'intero anno (\"Giugno\" ne indica una parte; una cella contiene il target dell'anno)", "refused@0: a target for the whole year (\"Giugno\" names a part of it; a cell holds the year's target)")]
    [InlineData("Target:", "refused@7: un target dopo \"Target:\"", "refused@7: a target after \"Target:\"")]
    [InlineData("Anno 2025: >= 80% Anno 2025: >= 85%", "refused@18: un anno non già indicato (2025 compare due volte)", "refused@18: a year not already given (2025 is there twice)")]
    [InlineData("Anno 2025: Anno 2026: >= 85%", "refused@10: un target per il 2025", "refused@10: a target for 2025")]
    [InlineData("Anno 2025:", "refused@10: un target per il 2025", "refused@10: a target for 2025")]
    [InlineData("Anno 2025: 2026: 80%", "refused@10: un solo target per il 2025", "refused@10: one target for 2025")]
    [InlineData("2025: 80% 2026: 2027: 85%", "refused@15: un target per il 2026", "refused@15: a target for 2026")]
    public void A_label_without_its_target_is_refused_in_both_languages(string text, string italian, string english) =>
        Messages.Check(text, italian, english);

    // Warnings: what the reader assumed, in both languages (TargetParser, DescriptionReader, NoTargetReader, ParseContext).
    [Theory]
    [InlineData("80%", "H",
        "Numeric AtLeast 80 Percent \"%\" !OperatorInferred: nessun operatore scritto: ≥ ricavato dalla polarità dell'indicatore (HigherIsBetter)",
        "Numeric AtLeast 80 Percent \"%\" !OperatorInferred: no operator written: ≥ taken from the indicator's polarity (HigherIsBetter)")]
    [InlineData("80%", "L",
        "Numeric AtMost 80 Percent \"%\" !OperatorInferred: nessun operatore scritto: ≤ ricavato dalla polarità dell'indicatore (LowerIsBetter)",
        "Numeric AtMost 80 Percent \"%\" !OperatorInferred: no operator written: ≤ taken from the indicator's polarity (LowerIsBetter)")]
    [InlineData("Numero di giorni: 20-30", "H",
        "Range 20..30 Days \"giorni\" !UnitGuessed: unità di misura Days (giorni) ricavata dall'etichetta \"Numero di giorni\"",
        "Range 20..30 Days \"giorni\" !UnitGuessed: unit Days (giorni) taken from the label \"Numero di giorni\"")]
    // Two warnings of different codes are both kept, in the order they were made.
    [InlineData("Numero di giorni: 20", "L",
        "Numeric AtMost 20 Days \"giorni\" !OperatorInferred: nessun operatore scritto: ≤ ricavato dalla polarità dell'indicatore (LowerIsBetter) !UnitGuessed: unità di misura Days (giorni) ricavata dall'etichetta \"Numero di giorni\"",
        "Numeric AtMost 20 Days \"giorni\" !OperatorInferred: no operator written: ≤ taken from the indicator's polarity (LowerIsBetter) !UnitGuessed: unit Days (giorni) taken from the label \"Numero di giorni\"")]
    [InlineData("Da definire", "H",
        "Milestone !MilestoneWithoutCue: letto come milestone (realizzato / non realizzato), ma sembra un target ancora da definire: scrivere n.d. se per l'anno non è previsto un target",
        "Milestone !MilestoneWithoutCue: read as a milestone (done / not done), but it reads like a target still to be set: write n.d. when there is no target this year")]
    [InlineData("Maggiore trasparenza", "H",
        "Milestone !MilestoneWithoutCue: letto come milestone (realizzato / non realizzato): non contiene alcuna parola da milestone (realizzazione, adozione, approvazione, SI, …)",
        "Milestone !MilestoneWithoutCue: read as a milestone (done / not done): it has no milestone word (realizzazione, adozione, approvazione, SI, …)")]
    [InlineData("…%", "H",
        "NoTarget !Placeholder: un segnaposto del modello non compilato: letto come nessun target per l'anno",
        "NoTarget !Placeholder: an unfilled template placeholder: read as no target this year")]
    public void A_warning_says_what_was_assumed_in_both_languages(string text, string polarity, string italian, string english) =>
        Messages.Check(text, italian, english, Messages.PolarityOf(polarity));
}
