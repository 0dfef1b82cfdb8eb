using Performance.Domain.Targets;
using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// Relative targets (<c>RelativeReader</c>) on what the 2026-12-03 mutation run of <c>Targets/**</c> left unguarded: each
/// refusal of docs/targets.md, "Relative targets" (a change without a reference, a reference without a change, two
/// references, two changes, "incremento al 90%", "ulteriori N%", a change per month, "dimezzamento", "miglioramento"
/// without a polarity, a milestone polarity, a reduction over 100%) and the warnings, each said whole in Italian and in
/// English; and the words that may lead the size of a change.
/// </summary>
public sealed class RelativeReaderMutationTests
{
    [Theory]
    [InlineData("Riduzione del 10%", "HigherIsBetter", 2025,
        "\"Riduzione del 10%\": alla posizione 15 serve un operatore prima della quantità (>=, <=, almeno, non oltre, …) o un riferimento per la variazione (rispetto al 2023, rispetto alla baseline)",
        "\"Riduzione del 10%\": expected an operator before the quantity (>=, <=, almeno, non oltre, …) or a reference for the change (rispetto al 2023, rispetto alla baseline) at position 15")]
    [InlineData("Incremento del 5% rispetto al 2023 rispetto alla baseline", "HigherIsBetter", 2025,
        "\"Incremento del 5% rispetto al 2023 rispetto alla baseline\": alla posizione 36 serve un solo riferimento per target",
        "\"Incremento del 5% rispetto al 2023 rispetto alla baseline\": expected one reference per target at position 36")]
    [InlineData("rispetto al 2023 +5%", "HigherIsBetter", 2025,
        "\"rispetto al 2023 +5%\": alla posizione 1 serve una variazione prima del riferimento (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)",
        "\"rispetto al 2023 +5%\": expected a change before the reference (+8% rispetto al 2023, incremento del 5% rispetto alla baseline) at position 1")]
    [InlineData("Mantenimento 90% rispetto al 2023", "HigherIsBetter", 2025,
        "\"Mantenimento 90% rispetto al 2023\": alla posizione 14 serve un riferimento per \"mantenimento\" (del livello 2024); un valore da mantenere si scrive con un operatore (>= 90%)",
        "\"Mantenimento 90% rispetto al 2023\": expected a reference for \"mantenimento\" (del livello 2024); a value to keep is written with an operator (>= 90%) at position 14")]
    [InlineData("Incremento al 90% rispetto al 2023", "HigherIsBetter", 2025,
        "\"Incremento al 90% rispetto al 2023\": alla posizione 15 serve \"del\" o \"di\" prima dell'entità della variazione (incremento del 5%); un valore da raggiungere si scrive con un operatore (>= 90%)",
        "\"Incremento al 90% rispetto al 2023\": expected \"del\" or \"di\" before the size of the change (incremento del 5%); a value to reach is written with an operator (>= 90%) at position 15")]
    [InlineData("Incremento del 5% e del 10% rispetto al 2023", "HigherIsBetter", 2025,
        "\"Incremento del 5% e del 10% rispetto al 2023\": alla posizione 25 serve una sola variazione per target (un secondo numero non può essere valutato)",
        "\"Incremento del 5% e del 10% rispetto al 2023\": expected one change per target (a second number cannot be scored) at position 25")]
    [InlineData("Incremento del 5% rispetto al 2023 e alla baseline", "HigherIsBetter", 2025,
        "\"Incremento del 5% rispetto al 2023 e alla baseline\": alla posizione 43 serve un solo riferimento per target",
        "\"Incremento del 5% rispetto al 2023 e alla baseline\": expected one reference per target at position 43")]
    [InlineData("Incremento del 5% rispetto al 2023 e baseline", "HigherIsBetter", 2025,
        "\"Incremento del 5% rispetto al 2023 e baseline\": alla posizione 38 serve un solo riferimento per target",
        "\"Incremento del 5% rispetto al 2023 e baseline\": expected one reference per target at position 38")]
    [InlineData("rispetto al 2023", "HigherIsBetter", 2025,
        "\"rispetto al 2023\": alla posizione 1 serve una variazione prima del riferimento (+8% rispetto al 2023, incremento del 5% rispetto alla baseline)",
        "\"rispetto al 2023\": expected a change before the reference (+8% rispetto al 2023, incremento del 5% rispetto alla baseline) at position 1")]
    [InlineData("Mantenimento", "HigherIsBetter", 2025,
        "\"Mantenimento\": alla posizione 13 serve un riferimento per \"mantenimento\" (del livello 2024, del valore 2023, rispetto alla baseline)",
        "\"Mantenimento\": expected a reference for \"mantenimento\" (del livello 2024, del valore 2023, rispetto alla baseline) at position 13")]
    [InlineData("Incremento", "HigherIsBetter", 2025,
        "\"Incremento\": alla posizione 1 serve una variazione con la sua entità e il suo riferimento (incremento del 5% rispetto al 2023)",
        "\"Incremento\": expected a change with its size and reference (incremento del 5% rispetto al 2023) at position 1")]
    [InlineData("Ulteriori 5% rispetto al 2023", "HigherIsBetter", 2025,
        "\"Ulteriori 5% rispetto al 2023\": alla posizione 11 serve \"punti percentuali\" o \"incremento del …%\" (\"ulteriori N%\" non chiarisce quale dei due)",
        "\"Ulteriori 5% rispetto al 2023\": expected \"punti percentuali\" or \"incremento del …%\" (\"ulteriori N%\" does not say which) at position 11")]
    [InlineData("Incremento del 5% al mese rispetto al 2023", "HigherIsBetter", 2025,
        "\"Incremento del 5% al mese rispetto al 2023\": alla posizione 17 serve una variazione sull'anno (una variazione per periodo non è confrontabile con il dato annuale)",
        "\"Incremento del 5% al mese rispetto al 2023\": expected a change over the year (a change per period cannot be compared with the year's figure) at position 17")]
    [InlineData("Dimezzamento rispetto al 2023", "HigherIsBetter", 2025,
        "\"Dimezzamento rispetto al 2023\": alla posizione 1 serve la variazione in percentuale (riduzione del 50%, incremento del 100%)",
        "\"Dimezzamento rispetto al 2023\": expected the change as a percentage (riduzione del 50%, incremento del 100%) at position 1")]
    [InlineData("Miglioramento del 5% rispetto al 2023", "-", 2025,
        "\"Miglioramento del 5% rispetto al 2023\": alla posizione 1 serve la polarità dell'indicatore (\"miglioramento\" è un aumento o una diminuzione a seconda di essa)",
        "\"Miglioramento del 5% rispetto al 2023\": expected the indicator's polarity (\"miglioramento\" is an increase or a decrease depending on it) at position 1")]
    [InlineData("+5% rispetto al 2023", "Milestone", 2025,
        "\"+5% rispetto al 2023\": alla posizione 1 serve una polarità HigherIsBetter o LowerIsBetter (un target relativo è un numero, non una milestone)",
        "\"+5% rispetto al 2023\": expected a HigherIsBetter or LowerIsBetter polarity (a relative target is a number, not a milestone) at position 1")]
    [InlineData("Riduzione del 150% rispetto al 2023", "HigherIsBetter", 2025,
        "\"Riduzione del 150% rispetto al 2023\": alla posizione 15 serve una riduzione non superiore al 100%",
        "\"Riduzione del 150% rispetto al 2023\": expected a reduction of at most 100% at position 15")]
    [InlineData("Incremento del 5% rispetto al 2023", "LowerIsBetter", 2025,
        "ChangeAgainstPolarity: il target chiede un aumento su un indicatore con polarità LowerIsBetter",
        "ChangeAgainstPolarity: the target asks for an increase on an indicator whose polarity is LowerIsBetter")]
    [InlineData("Riduzione del 5% rispetto al 2023", "HigherIsBetter", 2025,
        "ChangeAgainstPolarity: il target chiede una diminuzione su un indicatore con polarità HigherIsBetter",
        "ChangeAgainstPolarity: the target asks for a decrease on an indicator whose polarity is HigherIsBetter")]
    [InlineData("Mantenimento del valore 2023", "-", 2025,
        "MaintainAssumedHigherIsBetter: \"mantenimento\" letto come almeno pari al riferimento: passare la polarità dell'indicatore quando un valore più basso è migliore",
        "MaintainAssumedHigherIsBetter: \"mantenimento\" read as at least the reference: pass the indicator's polarity when lower is better")]

    public void A_relative_target_is_refused_or_warned_in_the_callers_language(
        string text, string polarity, int? year, string italian, string english) => Messages.CheckWhole(text, polarity, year, italian, english);

    [Theory]
    [InlineData("Mantenimento 2023", "Relative AtLeast Maintain - Absolute ref 2023")]
    [InlineData("Mantenimento del livello 2024", "Relative AtLeast Maintain - Absolute ref 2024")]
    [InlineData("Incremento di almeno altri ulteriori 450 servizi rispetto al 2023", "Relative AtLeast Increase 450 Absolute ref 2023 Count \"servizi\"")]
    [InlineData("Incremento pari almeno al 25% rispetto al 2023", "Relative AtLeast Increase 25 Percent ref 2023")]
    [InlineData("Incremento del 5 per cento rispetto al 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("Incremento del 5 percento rispetto al 2023", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("Incremento rispetto al 2023 del 5%", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("Incremento rispetto al 2023", "Relative MoreThan Increase - Absolute ref 2023")]
    [InlineData("Riduzione rispetto al 2023", "Relative LessThan Decrease - Absolute ref 2023 !ChangeAgainstPolarity")]
    [InlineData("Incremento 2023", "refused@11: an operator before the quantity")]
    [InlineData("Incremento rispetto al 2023 di cui 5", "refused@28: a target without \"di cui\"")]
    [InlineData("Incremento del 5% rispetto al 2023 di cui 4 comuni", "refused@35: a target without \"di cui\"")]
    // The words of a change are description: a period word there is plain ("accessi mensili"); only on the size of the
    // change is it refused (above, "del 5% al mese").
    [InlineData("Incremento degli accessi mensili del 10% rispetto al 2024", "Relative AtLeast Increase 10 Percent ref 2024")]
    // Description words are passed whole: "di" at the end of "fondi" does not lead the size.
    [InlineData("Incremento fondi 5% rispetto al 2023", "refused@17: \"del\" or \"di\" before the size of the change")]
    // At most four words lead the size: a fifth leaves "almeno" with no number after it.
    [InlineData("Incremento almeno di altri ulteriori 450 servizi rispetto al 2023", "Relative AtLeast Increase 450 Absolute ref 2023 Count \"servizi\"")]
    [InlineData("Incremento almeno di altri ulteriori per 450 servizi rispetto al 2023", "refused@11: a number after \"almeno\"")]
    // The size is written in figures: a number word after "di" is a count in the description, refused as such.
    [InlineData("Incremento di tre servizi rispetto al 2023", "refused@14: \"del\" or \"di\" before the size of the change")]
    public void A_change_is_read_with_its_size_and_reference(string text, string expected) => Reading.Check(text, expected);

    // The operator of a change comes from its direction or from the text; only "mantenimento" without one takes it
    // from the polarity (OperatorInferred; docs/targets.md, "Relative targets": the operator).
    [Theory]
    [InlineData("+5% rispetto al 2023", "HigherIsBetter", false)]
    [InlineData("Incremento del 5% rispetto al 2023", "HigherIsBetter", false)]
    [InlineData("Riduzione rispetto al 2023", "LowerIsBetter", false)]
    [InlineData(">= valore 2023", "HigherIsBetter", false)]
    [InlineData("Mantenimento del valore 2023", "LowerIsBetter", true)]
    [InlineData("Mantenimento del valore 2023", "HigherIsBetter", true)]
    public void Only_an_operator_taken_from_the_polarity_is_inferred(string text, string polarity, bool inferred)
    {
        var target = TargetParser.Parse(text, Enum.Parse<Polarity>(polarity), 2025);
        Assert.Equal(TargetKind.Relative, target.Kind);
        Assert.Equal(inferred, target.OperatorInferred);
    }
}
