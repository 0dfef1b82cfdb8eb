using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>Descriptions (docs/targets.md, "Descriptions"): labels and the unit they give, comparisons, entro, milestones.</summary>
public sealed class DescriptionReaderMutationTests
{
    // The label gives a unit only to a number or range without one.
    [Theory]
    [InlineData("Numero di giorni: SI", "Milestone")]
    [InlineData("Numero di giorni: 20-30 gg", "Range 20..30 Days \"gg\"")]
    [InlineData("Numero di pratiche: 40-60", "Range 40..60 Count \"pratiche\" !UnitGuessed")]
    [InlineData("N. dei bandi: 2-4", "Range 2..4 Count \"bandi\" !UnitGuessed")]
    [InlineData("N° delle domande: 10-20", "Range 10..20 Count \"domande\" !UnitGuessed")]
    [InlineData("Nr degli uffici: 3-5", "Range 3..5 Count \"uffici\" !UnitGuessed")]
    [InlineData("Numero di: 20-30", "Range 20..30 None")]
    [InlineData("Tempo di risposta: 20-30", "Range 20..30 None")]
    public void A_label_names_the_unit_of_a_bare_value(string text, string expected) => Reading.Check(text, expected);

    // After a symbol a number is in figures; after a phrase it may be a word (docs/targets.md, "Comparisons").
    [Theory]
    [InlineData("Tasso di copertura >= tre", "refused@22: a number")]
    [InlineData("Partecipazione di almeno tre dipendenti", "Numeric AtLeast 3 Count \"dipendenti\"")]
    [InlineData("Evasione delle richieste entro trenta giorni", "Numeric AtMost 30 Days \"giorni\"")]
    public void A_number_word_follows_a_phrase_not_a_symbol(string text, string expected) => Reading.Check(text, expected);

    // A milestone word makes a milestone without a warning.
    [Theory]
    [InlineData("Adozione del regolamento", "Milestone")]
    // "entro" is a milestone word too (docs/targets.md, "Milestones").
    [InlineData("Risposte ai cittadini entro i tempi previsti", "Milestone")]
    public void A_milestone_with_its_word_has_no_warning(string text, string expected) => Reading.Check(text, expected);
}
