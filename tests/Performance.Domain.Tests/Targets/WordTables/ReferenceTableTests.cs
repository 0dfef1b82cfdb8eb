namespace Performance.Domain.Tests.Targets.WordTables;

/// <summary>
/// Every word that introduces or names a reference (<c>CueWords.ReferenceIntros</c>, <c>ReferenceWords</c>,
/// <c>References.BaselinePhrases</c>, <c>PreviousYearPhrases</c>, <c>Nouns</c>, <c>Heads</c>, <c>SoftIntros</c> and the
/// fillers of a reference); docs/targets.md, "Relative targets". Plan year 2025, so the previous year is 2024.
/// </summary>
public sealed class ReferenceTableTests
{
    // Each row needs its introduction: a bare year, or a year after a noun that is not a head ("rilevazione 2023"), is a
    // reference only after one. ("rispetto alla baseline" would read without it: "la baseline" is a reference anywhere.)
    [Theory]
    [InlineData("+5% rispetto all'anno 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% rispetto allo stesso esercizio 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% rispetto alla rilevazione 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% rispetto al 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% rispetto ai consuntivi 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% rispetto a quello del 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    // After "rispetto a…" a reference must follow: the error names the word found instead.
    [InlineData("+5% rispetto alle rilevazioni del 2023", "refused@18: a reference year or the baseline")]
    [InlineData("+5% rispetto agli anni scorsi", "refused@18: a reference year or the baseline")]
    [InlineData("+5% rispetto ad inizio anno", "refused@16: a reference year or the baseline")]
    [InlineData("+5% in confronto al 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% in confronto alla rilevazione 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% in confronto all'anno 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% vs. 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% vs 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% versus 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("+5% versus la baseline", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% sulla baseline", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% sul valore 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    public void An_introduction_leads_to_the_reference(string text, string expected) => Reading.Check(text, expected);

    // "sulla", "sul", "sullo" are prose, not a stray reference (a reference body after them is read as above).
    [Theory]
    [InlineData("Formazione sulla sicurezza", "Milestone")]
    [InlineData("Formazione sul lavoro agile", "Milestone")]
    [InlineData("Convegno sullo smart working", "Milestone !MilestoneWithoutCue")]
    public void A_soft_introduction_without_a_reference_is_prose(string text, string expected) => Reading.Check(text, expected);

    // A word that names a reference by itself opens a text only as a reference (a baseline statement is refused).
    [Theory]
    [InlineData("Baseline: 85%", "refused@0: a change before the reference")]
    [InlineData("Linea di base: 85%", "refused@0: a change before the reference")]
    [InlineData("Anno precedente: 85%", "refused@0: a change before the reference")]
    [InlineData("Anno scorso: 85%", "refused@0: a change before the reference")]
    [InlineData("Esercizio precedente: 85%", "refused@0: a change before the reference")]
    [InlineData("Valore di partenza: 85%", "refused@0: a change before the reference")]
    [InlineData("Valore iniziale: 85%", "refused@0: a change before the reference")]
    // A second reference after the first.
    [InlineData("+5% rispetto al 2023 baseline", "refused@21: one reference per target")]
    public void A_reference_word_is_a_reference(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("+5% rispetto alla linea di base", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al valore di partenza", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al valore iniziale", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al valore base", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto all'anno base", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto alla situazione di partenza", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al punto di partenza", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto alla partenza", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto alla baseline 2021", "Relative AtLeast Increase 5 Percent ref baseline 2021")]
    [InlineData("+5% rispetto all'anno precedente", "Relative AtLeast Increase 5 Percent ref 2024")]
    [InlineData("+5% rispetto all'anno scorso", "Relative AtLeast Increase 5 Percent ref 2024")]
    [InlineData("+5% rispetto all'esercizio precedente", "Relative AtLeast Increase 5 Percent ref 2024")]
    [InlineData("+5% rispetto all'annualità precedente", "Relative AtLeast Increase 5 Percent ref 2024")]
    [InlineData("+5% rispetto all'annualita precedente", "Relative AtLeast Increase 5 Percent ref 2024")]
    public void A_baseline_or_previous_year_phrase_is_the_reference(string text, string expected) => Reading.Check(text, expected);

    private const string Ref2023 = "Relative AtLeast Increase 5 Percent ref 2023";

    // The nouns that may stand between "rispetto a…" and the year (a noun not in the list stops the reading there).
    [Theory]
    [InlineData("+5% rispetto al valore 2023", Ref2023)]
    [InlineData("+5% rispetto ai valori 2023", Ref2023)]
    [InlineData("+5% rispetto al dato 2023", Ref2023)]
    [InlineData("+5% rispetto ai dati 2023", Ref2023)]
    [InlineData("+5% rispetto al livello 2023", Ref2023)]
    [InlineData("+5% rispetto ai livelli 2023", Ref2023)]
    [InlineData("+5% rispetto al consuntivo 2023", Ref2023)]
    [InlineData("+5% rispetto ai consuntivi 2023", Ref2023)]
    [InlineData("+5% rispetto al risultato 2023", Ref2023)]
    [InlineData("+5% rispetto ai risultati 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura del 2023", Ref2023)]
    [InlineData("+5% rispetto alla rilevazione 2023", Ref2023)]
    [InlineData("+5% rispetto a quello del 2023", Ref2023)]
    [InlineData("+5% rispetto a quella del 2023", Ref2023)]
    [InlineData("+5% rispetto a quelli del 2023", Ref2023)]
    [InlineData("+5% rispetto a quelle del 2023", Ref2023)]
    [InlineData("+5% rispetto al corrispondente dato del 2023", Ref2023)]
    [InlineData("+5% rispetto al medesimo dato del 2023", Ref2023)]
    [InlineData("+5% rispetto allo stesso dato del 2023", Ref2023)]
    [InlineData("+5% rispetto al dato registrato nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura registrata nel 2023", Ref2023)]
    [InlineData("+5% rispetto ai dati registrati nel 2023", Ref2023)]
    [InlineData("+5% rispetto al dato rilevato nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura rilevata nel 2023", Ref2023)]
    [InlineData("+5% rispetto ai dati rilevati nel 2023", Ref2023)]
    [InlineData("+5% rispetto al risultato conseguito nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura conseguita nel 2023", Ref2023)]
    [InlineData("+5% rispetto ai risultati conseguiti nel 2023", Ref2023)]
    [InlineData("+5% rispetto al livello raggiunto nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura raggiunta nel 2023", Ref2023)]
    [InlineData("+5% rispetto ai valori definiti nel 2023", Ref2023)]
    [InlineData("+5% rispetto al valore definito nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura definita nel 2023", Ref2023)]
    [InlineData("+5% rispetto a quelle definite nel 2023", Ref2023)]
    [InlineData("+5% rispetto al valore individuato nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura individuata nel 2023", Ref2023)]
    [InlineData("+5% rispetto al valore fissato nel 2023", Ref2023)]
    [InlineData("+5% rispetto alla misura fissata nel 2023", Ref2023)]
    [InlineData("+5% rispetto al valore effettivo del 2023", Ref2023)]
    [InlineData("+5% rispetto ai dati effettivi del 2023", Ref2023)]
    [InlineData("+5% rispetto all'anno 2023", Ref2023)]
    [InlineData("+5% rispetto all'esercizio 2023", Ref2023)]
    // The fillers a reference may hold besides articles and prepositions.
    [InlineData("+5% rispetto al dato registrato nell'anno 2023", Ref2023)]
    [InlineData("+5% rispetto al valore registrato nello stesso esercizio 2023", Ref2023)]
    [InlineData("+5% rispetto ai dati registrati nei consuntivi 2023", Ref2023)]
    [InlineData("+5% rispetto al dato rilevato dal consuntivo 2023", Ref2023)]
    [InlineData("+5% rispetto al dato rilevato dall'esercizio 2023", Ref2023)]
    public void A_noun_may_stand_before_the_reference_year(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("+5% rispetto ai valori definiti nella baseline", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al valore definito dalla baseline", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al valore rilevato in baseline", "Relative AtLeast Increase 5 Percent ref baseline")]
    [InlineData("+5% rispetto al valore attuale di baseline", "Relative AtLeast Increase 5 Percent ref baseline")]
    public void A_noun_may_stand_before_the_baseline(string text, string expected) => Reading.Check(text, expected);

    // Without "rispetto", only these nouns make a reference after a comparison (">= valore 2023").
    [Theory]
    [InlineData(">= valore 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData(">= valori 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData(">= dato 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData(">= dati 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData("non inferiore al livello 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData(">= livelli 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData(">= consuntivo 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData("superiore al risultato 2023", "Relative MoreThan Maintain - Absolute ref 2023")]
    public void A_head_noun_makes_a_reference_without_rispetto(string text, string expected) => Reading.Check(text, expected);
}
