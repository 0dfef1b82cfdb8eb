using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets.WordTables;

/// <summary>
/// Every direction word (<c>CueWords.DirectionWords</c>), "ulteriori" word (<c>FurtherWords</c>) and word that leads to
/// the size of a change (<c>RelativeReader.AmountLeads</c>, <c>ToLeads</c>); docs/targets.md, "Relative targets".
/// Increases are read on a higher-is-better indicator and decreases on a lower-is-better one, so no row carries
/// <c>ChangeAgainstPolarity</c>.
/// </summary>
public sealed class RelativeTableTests
{
    [Theory]
    [InlineData("Incremento del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("incrementi del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("Incrementare del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("Aumento del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("aumenti del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("Aumentare del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("Crescita del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("Innalzamento del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    // "miglioramento" takes its direction from the polarity.
    [InlineData("Miglioramento del 5% rispetto al 2024", "Relative AtLeast Increase 5 Percent ref 2024")]
    [InlineData("Migliorare del 5% rispetto al 2024", "Relative AtLeast Increase 5 Percent ref 2024")]
    // A direction with no size: strictly more than the reference.
    [InlineData("In crescita rispetto al 2024", "Relative MoreThan Increase - Absolute ref 2024")]
    [InlineData("Incremento rispetto al 2024", "Relative MoreThan Increase - Absolute ref 2024")]
    // Maintain: at least the reference on a higher-is-better indicator; a year alone after it is the reference.
    [InlineData("Mantenimento del livello 2024", "Relative AtLeast Maintain - Absolute ref 2024")]
    [InlineData("Mantenere il valore 2024", "Relative AtLeast Maintain - Absolute ref 2024")]
    [InlineData("In linea con il 2024", "Relative AtLeast Maintain - Absolute ref 2024")]
    // Refused rather than dropped: write the change as a percentage.
    [InlineData("Dimezzamento rispetto al 2024", "refused@0: the change as a percentage")]
    [InlineData("Raddoppio rispetto al 2024", "refused@0: the change as a percentage")]
    public void An_increase_word_gives_the_direction(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("Riduzione del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("riduzioni del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Ridurre del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Diminuzione del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Diminuire del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Decremento del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Contrazione del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Calo del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Abbattimento del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Abbattere del 10% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 10 Percent ref 2024")]
    [InlineData("Miglioramento del 5% rispetto al 2024", Polarity.LowerIsBetter, "Relative AtMost Decrease 5 Percent ref 2024")]
    [InlineData("In calo rispetto al 2024", Polarity.LowerIsBetter, "Relative LessThan Decrease - Absolute ref 2024")]
    // Maintain on a lower-is-better indicator: at most the reference.
    [InlineData("Mantenimento del livello 2024", Polarity.LowerIsBetter, "Relative AtMost Maintain - Absolute ref 2024")]
    public void A_decrease_word_gives_the_direction(string text, Polarity polarity, string expected) =>
        Reading.Check(text, expected, polarity);

    // "in più", "in meno" … after a number have no reference: refused where the phrase starts (not at its second word,
    // which is a direction word of its own for some of them).
    [Theory]
    [InlineData("10 PA in più", "refused@6: one target per text")]
    [InlineData("10 PA in piu", "refused@6: one target per text")]
    [InlineData("10 PA in aumento", "refused@6: one target per text")]
    [InlineData("10 PA in crescita", "refused@6: one target per text")]
    [InlineData("5 giorni in meno", "refused@9: one target per text")]
    [InlineData("5 giorni in diminuzione", "refused@9: one target per text")]
    [InlineData("5 giorni in calo", "refused@9: one target per text")]
    public void A_direction_phrase_after_a_number_is_refused_where_it_starts(string text, string expected) =>
        Reading.Check(text, expected);

    // "ulteriori N": an absolute increase, in the unit of N.
    [Theory]
    [InlineData("Ulteriori 300 imprese rispetto al 2024", "Relative AtLeast Increase 300 Absolute ref 2024 Count \"imprese\"")]
    [InlineData("Ulteriore 1 sede rispetto al 2024", "Relative AtLeast Increase 1 Absolute ref 2024 Count \"sede\"")]
    [InlineData("Altri 450 servizi rispetto al 2024", "Relative AtLeast Increase 450 Absolute ref 2024 Count \"servizi\"")]
    [InlineData("Altre 5 sedi rispetto al 2024", "Relative AtLeast Increase 5 Absolute ref 2024 Count \"sedi\"")]
    [InlineData("Altro 1 sportello rispetto al 2024", "Relative AtLeast Increase 1 Absolute ref 2024 Count \"sportello\"")]
    [InlineData("Altra 1 sede rispetto al 2024", "Relative AtLeast Increase 1 Absolute ref 2024 Count \"sede\"")]
    public void A_further_word_is_an_absolute_increase(string text, string expected) => Reading.Check(text, expected);

    // The words between a direction word and its size.
    [Theory]
    [InlineData("Incremento dell'8% rispetto al 2024", "Relative AtLeast Increase 8 Percent ref 2024")]
    [InlineData("Incremento dello 0,5% rispetto al 2024", "Relative AtLeast Increase 0.5 Percent ref 2024")]
    [InlineData("Incremento di 150 PAL rispetto al 2024", "Relative AtLeast Increase 150 Absolute ref 2024 Count \"PAL\"")]
    [InlineData("Incremento pari al 25% rispetto al 2024", "Relative AtLeast Increase 25 Percent ref 2024")]
    [InlineData("Incremento pari all'8% rispetto al 2024", "Relative AtLeast Increase 8 Percent ref 2024")]
    [InlineData("Incremento pari a 40 PA rispetto al 2024", "Relative AtLeast Increase 40 Absolute ref 2024 Count \"PA\"")]
    [InlineData("Incremento pari almeno al 25% rispetto al 2024", "Relative AtLeast Increase 25 Percent ref 2024")]
    [InlineData("Incremento di almeno 40 PA rispetto al 2024", "Relative AtLeast Increase 40 Absolute ref 2024 Count \"PA\"")]
    [InlineData("Incremento di almeno il 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    [InlineData("Incremento di almeno l'8% rispetto al 2024", "Relative AtLeast Increase 8 Percent ref 2024")]
    [InlineData("Incremento di almeno lo 0,5% rispetto al 2024", "Relative AtLeast Increase 0.5 Percent ref 2024")]
    [InlineData("Incremento di almeno altri 450 servizi rispetto al 2024", "Relative AtLeast Increase 450 Absolute ref 2024 Count \"servizi\"")]
    [InlineData("Incremento di altre 5 sedi rispetto al 2024", "Relative AtLeast Increase 5 Absolute ref 2024 Count \"sedi\"")]
    [InlineData("Incremento di ulteriori 300 imprese rispetto al 2024", "Relative AtLeast Increase 300 Absolute ref 2024 Count \"imprese\"")]
    [InlineData("Aumento per 10 punti percentuali rispetto al 2024", "Relative AtLeast Increase 10 Absolute ref 2024 Percent \"punti percentuali\"")]
    // "a"/"al" only after "pari" or "almeno": "incremento al 90%" names a value to reach.
    [InlineData("Incremento al 90% rispetto al 2024", "refused@14: \"del\" or \"di\" before the size")]
    public void A_lead_word_introduces_the_size_of_the_change(string text, string expected) => Reading.Check(text, expected);
}
