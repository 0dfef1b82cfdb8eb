using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// A number with its unit (<c>QuantityReader</c>, TargetQuantity.cs) on what the 2026-12-03 mutation run of
/// <c>Targets/**</c> left unguarded: "gg." with its qualifier, "min." before plain words, a period or a denominator kept
/// in the label ("al mese", "€/abitante"), a number word alone ("Tre"), a prefix with a unit that disagrees, a
/// multiplier past the decimal range, a number word before a comma in prose. docs/targets.md, "Numbers and units".
/// </summary>
public sealed class TargetQuantityMutationTests
{
    [Theory]
    [InlineData("<= 30 gg. lavorativi", "Numeric AtMost 30 Days \"gg. lavorativi\"")]
    [InlineData("<= 30 gg. dalla richiesta", "Numeric AtMost 30 Days \"gg\"")]
    [InlineData("<= 30 min. dalla chiamata", "Numeric AtMost 30 Minutes \"min\"")]
    [InlineData("almeno 2 al mese", "Numeric AtLeast 2 None \"al mese\"")]
    [InlineData(">= 50 €/abitante", "Numeric AtLeast 50 Euro \"€/abitante\"")]
    [InlineData(">= 10 nuovi (come nel 2023)", "Numeric AtLeast 10 Count \"nuovi\"")]
    [InlineData("almeno n. 10 punti", "Numeric AtLeast 10 Count \"n.\"")]
    [InlineData("Tre", "Numeric AtLeast 3 None !OperatorInferred")]
    // The size of a change is written in figures ("altri 450 servizi"): a number word there is refused, not guessed.
    [InlineData("Altri tre servizi rispetto al 2023", "refused@6: an operator before the quantity")]
    [InlineData("Organizzazione di due, tre eventi", "refused@23: an operator before the quantity")]
    // "sei" is as often the verb as the number: in prose it is a word, "due" before a noun is a count.
    [InlineData("Campagna informativa Sei protetto realizzata", "Milestone")]
    [InlineData("Campagna informativa due volantini realizzata", "refused@21: an operator before the quantity")]
    // The largest figure a multiplier may reach is decimal.MaxValue itself: accepted; a larger one is refused (the next test).
    [InlineData("almeno 79.228.162.514.264.337.593.543,950335 milioni", "Numeric AtLeast 79228162514264337593543950335 None")]
    // "n." is a prefix only before figures: with a number word after it there is no number where one is due.
    [InlineData("almeno n. tre incontri", "refused@7: a number")]
    // A number word counts only before a noun: before a bracket it is a plain word ("fase due").
    [InlineData("Completamento della fase due (entro l'anno)", "Deadline 2025-12-31")]
    // A score keeps no denominator ("punti/anno" is not a rate in a unit): the slash is left over, and refused.
    [InlineData(">= 10 punti/anno", "refused@11: the end of the target")]
    // "min." with its period: a period word after it still joins the label.
    [InlineData("<= 30 min. al giorno", "Numeric AtMost 30 Minutes \"min al giorno\"")]
    // In the words after "entro", a number glued to letters is a code ("H24"), and a malformed number after
    // "versione" a version: neither is a measured quantity the milestone would drop.
    [InlineData("Entro i termini per i servizi H24 giorni festivi inclusi", "Milestone")]
    [InlineData("Entro i termini della versione 1.2.3", "Milestone")]
    // A year with a unit is no reference year: refused where the year stands, not after its unit.
    [InlineData("Incremento del 5% rispetto al 2000 euro", "refused@30: a reference year or the baseline")]
    public void A_number_is_read_with_its_unit_as_written(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("almeno 80.000.000.000.000.000.000.000 milioni", "HigherIsBetter", 2025,
        "\"almeno 80.000.000.000.000.000.000.000 milioni\": alla posizione 8 serve un numero nei limiti ammessi",
        "\"almeno 80.000.000.000.000.000.000.000 milioni\": expected a number within range at position 8")]
    [InlineData(">= € 5 giorni", "HigherIsBetter", 2025,
        "\">= € 5 giorni\": alla posizione 8 serve la stessa unità di misura del prefisso \"€\"",
        "\">= € 5 giorni\": expected the same unit as the prefix \"€\" at position 8")]

    public void A_unit_or_a_size_that_cannot_be_read_is_refused_in_the_callers_language(
        string text, string polarity, int? year, string italian, string english) => Messages.CheckWhole(text, polarity, year, italian, english);
}
