namespace Performance.Domain.Tests.Targets.WordTables;

/// <summary>
/// Every no-target form, phrase and placeholder word (<c>CueWords.NoTargetForms</c>, <c>NoTargetPhrases</c>,
/// <c>NoTargetReader.TemplateWords</c>; docs/targets.md, "No target"). Each row depends on its own entry: without it
/// the text would be a milestone without a cue, a refusal, or not a placeholder.
/// </summary>
public sealed class NoTargetTableTests
{
    // The whole text is the form (case and trailing periods aside).
    [Theory]
    [InlineData("n.d.", "NoTarget")]
    [InlineData("n. d.", "NoTarget")]
    [InlineData("ND", "NoTarget")]
    [InlineData("n/d", "NoTarget")]
    [InlineData("n.a.", "NoTarget")]
    [InlineData("n. a.", "NoTarget")]
    [InlineData("N/A", "NoTarget")]
    [InlineData("NA", "NoTarget")]
    [InlineData("n.p.", "NoTarget")]
    [InlineData("n.r.", "NoTarget")]
    [InlineData("n.v.", "NoTarget")]
    [InlineData("TBD", "NoTarget")]
    [InlineData("-", "NoTarget")]
    [InlineData("--", "NoTarget")]
    [InlineData("---", "NoTarget")]
    [InlineData("—", "NoTarget")]
    [InlineData("–", "NoTarget")]
    [InlineData("/", "NoTarget")]
    [InlineData("//", "NoTarget")]
    [InlineData("Nessuno", "NoTarget")]
    [InlineData("nessuna", "NoTarget")]
    [InlineData("Nessun target", "NoTarget")]
    [InlineData("nessun valore", "NoTarget")]
    [InlineData("nessun obiettivo", "NoTarget")]
    public void A_whole_text_form_is_no_target(string text, string expected) => Reading.Check(text, expected);

    // A phrase that may be followed by plain words; what follows is still checked.
    [Theory]
    [InlineData("Non previsto per il 2025", "NoTarget")]
    [InlineData("non prevista nel triennio", "NoTarget")]
    [InlineData("non previsti", "NoTarget")]
    [InlineData("non previste", "NoTarget")]
    [InlineData("Non applicabile", "NoTarget")]
    [InlineData("non applicabili per la struttura", "NoTarget")]
    [InlineData("non pertinente", "NoTarget")]
    [InlineData("non rilevante", "NoTarget")]
    [InlineData("non rilevato", "NoTarget")]
    [InlineData("non rilevata", "NoTarget")]
    [InlineData("non disponibile", "NoTarget")]
    [InlineData("non valorizzato", "NoTarget")]
    [InlineData("non valorizzabile", "NoTarget")]
    [InlineData("Target non previsto", "NoTarget")]
    [InlineData("target non definito", "NoTarget")]
    [InlineData("valore non previsto", "NoTarget")]
    [InlineData("non previsto 5%", "refused@13: the end of the target")]
    public void A_no_target_phrase_may_be_followed_by_plain_words(string text, string expected) => Reading.Check(text, expected);

    // An unfilled template: the unit or operator words around the blank are dropped, the rest must be placeholder marks.
    [Theory]
    [InlineData("giorni lavorativi …", "NoTarget !Placeholder")]
    [InlineData("XX giorni", "NoTarget !Placeholder")]
    [InlineData("gg. …", "NoTarget !Placeholder")]
    [InlineData("gg xx", "NoTarget !Placeholder")]
    [InlineData("ore __", "NoTarget !Placeholder")]
    [InlineData("euro …", "NoTarget !Placeholder")]
    [InlineData("eur xx", "NoTarget !Placeholder")]
    [InlineData("€ xx", "NoTarget !Placeholder")]
    [InlineData("…%", "NoTarget !Placeholder")]
    [InlineData("xx ‰", "NoTarget !Placeholder")]
    [InlineData("n. __", "NoTarget !Placeholder")]
    [InlineData("n° __", "NoTarget !Placeholder")]
    [InlineData("nr ??", "NoTarget !Placeholder")]
    [InlineData("punti xx", "NoTarget !Placeholder")]
    [InlineData("entro il xx/xx/xxxx", "NoTarget !Placeholder")]
    [InlineData("entro xx", "NoTarget !Placeholder")]
    [InlineData("almeno xx", "NoTarget !Placeholder")]
    [InlineData("> xx", "NoTarget !Placeholder")]
    [InlineData("< xx", "NoTarget !Placeholder")]
    [InlineData("= xx", "NoTarget !Placeholder")]
    [InlineData("≥ xx", "NoTarget !Placeholder")]
    [InlineData("≤ xx", "NoTarget !Placeholder")]
    public void An_unfilled_placeholder_is_no_target(string text, string expected) => Reading.Check(text, expected);
}
