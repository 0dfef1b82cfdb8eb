using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// What a change is measured against (<c>References</c>), on what the 2026-12-03 mutation run of <c>Targets/**</c> left
/// unguarded: the refusals of docs/targets.md, "Relative targets" ("rispetto al target 2024", "rispetto alla media del
/// triennio", "rispetto a" with nothing after it, "anno precedente" without a plan year) said whole in both languages,
/// with the word found where the reference should be; and the years a reference may be.
/// </summary>
public sealed class ReferencesMutationTests
{
    [Theory]
    [InlineData("Incremento rispetto al target 2024", "HigherIsBetter", 2025,
        "\"Incremento rispetto al target 2024\": alla posizione 24 serve un anno di riferimento o la baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente), non \"target\"",
        "\"Incremento rispetto al target 2024\": expected a reference year or the baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente), not \"target\" at position 24")]
    [InlineData("Incremento del 5% rispetto al target 2024", "HigherIsBetter", 2025,
        "\"Incremento del 5% rispetto al target 2024\": alla posizione 31 serve un anno di riferimento o la baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente), non \"target\"",
        "\"Incremento del 5% rispetto al target 2024\": expected a reference year or the baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente), not \"target\" at position 31")]
    [InlineData("Incremento del 5% rispetto a", "HigherIsBetter", 2025,
        "\"Incremento del 5% rispetto a\": alla posizione 29 serve un anno di riferimento o la baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente)",
        "\"Incremento del 5% rispetto a\": expected a reference year or the baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente) at position 29")]
    [InlineData("Incremento del 5% rispetto alla media del triennio", "HigherIsBetter", 2025,
        "\"Incremento del 5% rispetto alla media del triennio\": alla posizione 33 serve un anno di riferimento o la baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente), non \"media\"",
        "\"Incremento del 5% rispetto alla media del triennio\": expected a reference year or the baseline (rispetto al 2023, rispetto alla baseline, rispetto all'anno precedente), not \"media\" at position 33")]
    [InlineData("Incremento del 5% rispetto all'anno precedente", "HigherIsBetter", null,
        "\"Incremento del 5% rispetto all'anno precedente\": alla posizione 32 serve un anno del piano (\"anno precedente\" ne ha bisogno per individuare l'anno di riferimento)",
        "\"Incremento del 5% rispetto all'anno precedente\": expected a plan year (\"anno precedente\" needs it to name the reference year) at position 32")]

    public void A_reference_that_is_not_a_year_or_the_baseline_is_refused_in_the_callers_language(
        string text, string polarity, int? year, string italian, string english) => Messages.CheckWhole(text, polarity, year, italian, english);

    [Theory]
    [InlineData("Incremento del 5% rispetto al 1900", "Relative AtLeast Increase 5 Percent ref 1900")]
    [InlineData("Incremento del 5% rispetto al 2100", "Relative AtLeast Increase 5 Percent ref 2100")]
    [InlineData("Incremento del 5% rispetto alla baseline 2021", "Relative AtLeast Increase 5 Percent ref baseline 2021")]
    [InlineData("Incremento del 5% rispetto alla baseline del 2021", "Relative AtLeast Increase 5 Percent ref baseline 2021")]
    [InlineData("Incremento del 5% rispetto alla baseline dell'anno 2021", "Relative AtLeast Increase 5 Percent ref baseline 2021")]
    [InlineData("Incremento del 5% rispetto al 2023.", "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("Incremento del 5% rispetto al 1899", "refused@30: a reference year or the baseline")]
    [InlineData("Incremento del 5% rispetto al 2101", "refused@30: a reference year or the baseline")]
    [InlineData("Incremento del 5% rispetto al 2023,5", "refused@30: a reference year or the baseline")]
    [InlineData("Incremento del 5% rispetto al 2.023", "refused@30: a reference year or the baseline")]
    // At most ten words (nouns and fillers) between "rispetto al" and the year: nine are read, ten are refused at the year.
    [InlineData("Incremento del 5% rispetto al valore effettivo del dato consuntivo del risultato rilevato 2023",
        "Relative AtLeast Increase 5 Percent ref 2023")]
    [InlineData("Incremento del 5% rispetto al valore effettivo del dato consuntivo del risultato rilevato nell'anno 2023",
        "refused@100: a reference year or the baseline")]
    public void A_reference_year_is_a_year_of_four_figures(string text, string expected) => Reading.Check(text, expected);

    // "anno precedente" names the year before the plan year: without a plan year it is refused, also after a comparison.
    [Theory]
    [InlineData(">= valore dell'anno precedente", 2025, "Relative AtLeast Maintain - Absolute ref 2024")]
    [InlineData(">= valore dell'anno precedente", null, "refused@15: a plan year (\"anno precedente\" needs it to name the reference year)")]
    [InlineData("Mantenimento del valore dell'anno precedente", null, "refused@29: a plan year (\"anno precedente\" needs it to name the reference year)")]
    public void The_previous_year_needs_the_plan_year(string text, int? year, string expected) => Reading.Check(text, expected, year: year);
}
