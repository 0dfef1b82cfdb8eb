using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// What each piece of prose is (<c>Prose.Next</c>, <c>ClassifyNumber</c>, <c>CheckTrailing</c>, <c>EntroIsQualitative</c>),
/// in the texts the Stryker run of 2026-12-03 left unguarded (docs/targets.md, "Milestones", "What follows a target").
/// </summary>
public sealed class ProseMutationTests
{
    // A signed number in a description is a quantity standing where the sign is: refused there, not one character later.
    [Theory]
    [InlineData("Costi -5%", "refused@6: an operator before the quantity")]
    [InlineData("Costi +5%", "refused@6: an operator before the quantity")]
    [InlineData("Costi −5%", "refused@6: an operator before the quantity")]
    public void A_signed_number_in_a_description_is_refused_at_its_sign(string text, string expected) => Reading.Check(text, expected);

    // "altri" adds to something only when a number follows; "ulteriori" always does.
    [Theory]
    [InlineData("Attivazione di altri servizi online", "Milestone")]
    public void Altri_without_a_number_is_plain(string text, string expected) => Reading.Check(text, expected);

    // "entro" after a target: qualitative words pass, a date or a number (after "i", or as a word) is a second target.
    [Theory]
    [InlineData(">= 95% delle pratiche evase entro i termini di legge", "Numeric AtLeast 95 Percent \"%\"")]
    [InlineData(">= 80% delle istanze evase entro i 30 giorni", "refused@27: the end of the target (a deadline or a limit after the target needs its own target)")]
    [InlineData(">= 80% delle istanze evase entro tre giorni", "refused@27: the end of the target (a deadline or a limit after the target needs its own target)")]
    public void Entro_after_a_target_is_plain_only_when_qualitative(string text, string expected) => Reading.Check(text, expected);

    // A comparison phrase after the target is a second comparison, also with spaces and a number word after it.
    [Theory]
    [InlineData(">= 80% almeno 90%", "refused@7: the end of the target (one comparison per target)")]
    [InlineData("Almeno 90% di amministrazioni, almeno tre RTD", "refused@31: the end of the target (one comparison per target)")]
    public void A_second_comparison_phrase_is_refused(string text, string expected) => Reading.Check(text, expected);

    // "tra il 70% e il 90%": an article may stand before each bound.
    [Theory]
    [InlineData("Indice di soddisfazione tra il 70% e il 90%", "Range 70..90 Percent \"%\"")]
    public void A_range_in_a_description_may_have_articles(string text, string expected) => Reading.Check(text, expected);

    // "miglioramento" with a number word after a preposition is not a change of a figure: the number is refused as such.
    [Theory]
    [InlineData("Avvio di iniziative di miglioramento in tre sedi", "refused@40: an operator before the quantity")]
    [InlineData("Piano di miglioramento di un servizio", "Milestone")]
    [InlineData("Iniziative di miglioramento per una sede", "Milestone !MilestoneWithoutCue")]
    public void Miglioramento_before_a_number_word_is_a_noun(string text, string expected) => Reading.Check(text, expected);

    // Numbers that name something (docs/targets.md, "Milestones") and numbers that are quantities.
    [Theory]
    [InlineData("Adempimenti legge n. 190 del 2012", "Milestone")]
    [InlineData("Pubblicazione del report n. 5", "refused@28: an operator before the quantity")]
    [InlineData("Attuazione del piano 2024 5 azioni", "refused@26: an operator before the quantity")]
    [InlineData("Attuazione del piano 2024- 5 azioni", "refused@25: an operator before the quantity")]
    [InlineData("Attuazione del piano nel biennio 2024/25", "Milestone")]
    [InlineData("Attuazione del piano nel biennio 2024-25", "Milestone")]
    [InlineData("Adempimenti legge n . 190 del 2012", "Milestone")]
    [InlineData("Attivazione della rete 5G", "Milestone")]
    [InlineData("Digitalizzazione di 3000 fascicoli", "refused@20: an operator before the quantity")]
    [InlineData("Riordino dell'archivio storico del 1900", "Milestone !MilestoneWithoutCue")]
    [InlineData("Adozione della strategia di adattamento al 2100", "Milestone")]
    [InlineData("Realizzazione di 2025,5 metri di piste ciclabili", "refused@17: an operator before the quantity")]
    [InlineData("Adempimenti D.Lgs 219/2016 in 5 uffici", "refused@30: an operator before the quantity")]
    [InlineData("Attuazione M1C1- 5 interventi", "refused@15: an operator before the quantity")]
    [InlineData("Invio di 4/anno report", "refused@9: an operator before the quantity")]
    // A list of what a naming word names: every item names something; a measured quantity after "e" does not.
    [InlineData("Adempimenti artt. 14 e 15", "Milestone")]
    [InlineData("Attuazione delle fasi 2 e 3", "Milestone")]
    [InlineData("Adempimenti artt. 14, 15 e 16 del D.Lgs. 33/2013", "Milestone")]
    [InlineData("Attuazione dei commi 1 ed 2", "Milestone")]
    [InlineData("Adempimenti art. 14-bis e 15", "Milestone")]
    [InlineData("Adempimenti D.Lgs 219/2016 e 5 uffici", "refused@29: an operator before the quantity")]
    [InlineData("Attuazione della fase 2 e 3 nuovi servizi", "refused@26: an operator before the quantity")]
    [InlineData("Attuazione del piano e 3 azioni", "refused@23: an operator before the quantity")]
    [InlineData("Attuazione di 2 e 3 azioni", "refused@14: an operator before the quantity")]
    [InlineData("Attuazione del piano e 3", "refused@23: an operator before the quantity")]
    [InlineData("Attuazione delle fasi 2, 3 o 4", "Milestone")]
    [InlineData("Attuazione delle fasi 2-3, 4", "Milestone")]
    [InlineData("Adempimenti artt. 14 e 15 ed eventuali successivi", "Milestone")]
    [InlineData("Adempimenti artt. 14 e 15 nel rispetto dei termini", "Milestone")]
    [InlineData("Adempimenti artt. 14 e 15 nella sezione Trasparenza", "Milestone")]
    [InlineData("Adempimenti artt. 14 e 15 dell'allegato", "Milestone")]
    [InlineData("Adempimenti artt. 14 e 15 all'albo", "Milestone")]
    [InlineData("Adempimenti artt. 14 e 15 entro il 30/06/2025", "Deadline 2025-06-30")]
    public void A_number_in_a_milestone_names_something_or_is_refused(string text, string expected) => Reading.Check(text, expected);

    // "Never silently": a number word after a target is a second number as its figure is (docs/targets.md, "What follows a
    // target"); after "fra"/"tra"/"da" it starts a second range, as "fra 3 anni" does. "un"/"una" stay articles, and a
    // number word naming something before the target stays prose, as its figure does.
    [Theory]
    [InlineData(">= 80% fra tre anni", "refused@7: the end of the target (one range per target)")]
    [InlineData(">= 80% fra 3 anni", "refused@7: the end of the target (one range per target)")]
    [InlineData("Incremento del 5% rispetto al 2023 tra tre anni", "refused@35: the end of the target (one range per target)")]
    [InlineData(">= 80% delle richieste gestite da una sola sede", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData("80-tre", "refused@3: the end of the target (a second number cannot be scored)")]
    [InlineData("80% - tre", "refused@6: the end of the target (a second number cannot be scored)")]
    [InlineData(">= 80% nei prossimi tre anni", "refused@20: the end of the target (a second number cannot be scored)")]
    [InlineData(">= 80% nei prossimi 3 anni", "refused@20: the end of the target (a second number cannot be scored)")]
    [InlineData("Obiettivo tre: >= 80%", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData("Obiettivo 3: >= 80%", "Numeric AtLeast 80 Percent \"%\"")]
    public void A_number_word_after_a_target_is_a_second_number(string text, string expected) => Reading.Check(text, expected);

    // A number then a month name is a date with its day in words, never a count of "marzo": refused at the month (the day
    // in figures is a date: "8 marzo"). A month is no unit anywhere else either; "tre mesi" still counts months.
    [Theory]
    [InlineData("Otto marzo", "refused@5: a date with its day in figures (8 marzo 2025), not a month after a number")]
    [InlineData("trenta Giugno", "refused@7: a date with its day in figures (8 marzo 2025), not a month after a number")]
    [InlineData("almeno dieci maggio 2025", "refused@13: a date with its day in figures (8 marzo 2025), not a month after a number")]
    [InlineData("8 marzo", "Deadline 2025-03-08")]
    [InlineData("tre mesi", "Numeric AtLeast 3 Months \"mesi\" !OperatorInferred")]
    [InlineData("otto bandi", "Numeric AtLeast 8 Count \"bandi\" !OperatorInferred")]
    public void A_number_word_before_a_month_is_a_date_in_words_and_refused(string text, string expected) => Reading.Check(text, expected);

    // An ordinal names something and ends at its mark: "º" (a letter for .NET) as "°", even glued to the next word, which
    // is then read on its own ("piano" is a milestone word).
    [Theory]
    [InlineData("Trasferimento dell'archivio al 1ºpiano", "Milestone")]
    [InlineData("Trasferimento dell'archivio al 12ºpiano", "Milestone")]
    [InlineData("Trasferimento dell'archivio al 1° piano", "Milestone")]
    public void An_ordinal_ends_at_its_mark(string text, string expected) => Reading.Check(text, expected);

    // Outside "entro" a day and month without the year are a date only with '/' (docs/targets.md, "Deadlines"): "30.06" and
    // "30-06" are numbers there, refused as numbers; a month/year in figures ("06/2025") names something, as "219/2016".
    [Theory]
    [InlineData(">= 80% al 30.06", "refused@10: the end of the target (a second number cannot be scored)")]
    [InlineData(">= 80% al 30-06", "refused@10: the end of the target (a second number cannot be scored)")]
    [InlineData(">= 80% al 30/06", "refused@10: \"entro\" before the date (a deadline)")]
    [InlineData("Approvazione del bilancio al 30.06", "refused@29: an operator before the quantity")]
    [InlineData("Approvazione del bilancio 06/2025", "Milestone")]
    public void A_day_and_month_without_entro_is_a_date_only_with_a_slash(string text, string expected) => Reading.Check(text, expected);

    // "N" without its dot is no count prefix: the number after it, at the start of the text, is refused where it stands
    // (the look-back for an act's name before "n" stops at the start of the text).
    [Theory]
    [InlineData("N 3 convenzioni stipulate", "refused@2: an operator before the quantity")]
    [InlineData("Num 3 convenzioni stipulate", "refused@4: an operator before the quantity")]
    public void A_number_after_a_bare_n_at_the_start_is_refused(string text, string expected) => Reading.Check(text, expected);

    // A dash glued to a number after the target is a second number, refused where the dash stands.
    [Theory]
    [InlineData(">= 80% -5%", "refused@7: the end of the target")]
    public void A_dash_before_a_number_after_the_target_is_refused(string text, string expected) => Reading.Check(text, expected);
}
