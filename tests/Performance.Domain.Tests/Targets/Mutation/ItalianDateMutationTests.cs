using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// Dates after "entro" (<c>ItalianDate</c>) on what the 2026-12-03 mutation run of <c>Targets/**</c> left unguarded: a year
/// after "fine anno", a day and month with a period after them, a month of three figures, the plan year at the edges
/// of what a date can have (1 and 9999), and the refusals said whole in both languages. docs/targets.md, "Deadlines".
/// </summary>
public sealed class ItalianDateMutationTests
{
    [Theory]
    [InlineData("entro fine anno 2026", "Deadline 2026-12-31")]
    [InlineData("entro fine dell'esercizio 2026", "Deadline 2026-12-31")]
    [InlineData("entro il mese di giugno 2026", "Deadline 2026-06-30")]
    [InlineData("entro il 15.07. e comunque prima della scadenza", "Deadline 2025-07-15")]
    [InlineData("entro il 30/06/ di ogni anno", "refused@14: the end of the target")]
    [InlineData("entro il 12/123/2025", "refused@9: a unit after the number")]
    [InlineData("entro il 29/02/2024", "Deadline 2024-02-29")]
    [InlineData("entro il 29/02/2025", "refused@9: a valid date")]
    [InlineData("entro giugno 0000", "refused@6: a valid date")]
    // One filler after "fine" ("del mese di"); a second one is no month, and the words after "entro" are a milestone.
    [InlineData("entro fine del mese di giugno", "Deadline 2025-06-30")]
    [InlineData("entro fine del mese di di giugno", "Milestone")]
    public void A_date_after_entro_is_read_whole_or_refused(string text, string expected) => Reading.Check(text, expected);

    // A date without its year takes the plan year, which must be one a date can have (1 to 9999).
    [Theory]
    [InlineData("entro il 30 giugno", 1, "Deadline 0001-06-30")]
    [InlineData("entro il 30 giugno", 9999, "Deadline 9999-06-30")]
    [InlineData("entro giugno", 1, "Deadline 0001-06-30")]
    [InlineData("entro giugno", 9999, "Deadline 9999-06-30")]
    [InlineData("entro il mese di dicembre", 9999, "Deadline 9999-12-31")]
    [InlineData("entro fine anno", 9999, "Deadline 9999-12-31")]
    [InlineData("entro il 30 giugno", 0, "refused@18: a year (the date has none; pass the plan year to complete it)")]
    [InlineData("entro il 30 giugno", 10000, "refused@18: a year (the date has none; pass the plan year to complete it)")]
    [InlineData("entro fine anno", null, "refused@15: a year (the date has none; pass the plan year to complete it)")]
    public void The_plan_year_completes_a_date_without_one(string text, int? year, string expected) => Reading.Check(text, expected, year: year);

    [Theory]
    [InlineData("entro giugno 0000", "HigherIsBetter", 2025,
        "\"entro giugno 0000\": alla posizione 7 serve una data valida",
        "\"entro giugno 0000\": expected a valid date at position 7")]
    [InlineData("entro il 30/06/025", "HigherIsBetter", 2025,
        "\"entro il 30/06/025\": alla posizione 16 serve un anno di 2 o 4 cifre",
        "\"entro il 30/06/025\": expected a year of 2 or 4 digits at position 16")]
    [InlineData("entro il 30/02/2025", "HigherIsBetter", 2025,
        "\"entro il 30/02/2025\": alla posizione 10 serve una data valida",
        "\"entro il 30/02/2025\": expected a valid date at position 10")]
    [InlineData("entro il 30 giugno", "HigherIsBetter", null,
        "\"entro il 30 giugno\": alla posizione 19 serve un anno (la data non lo indica; passare l'anno del piano per completarla)",
        "\"entro il 30 giugno\": expected a year (the date has none; pass the plan year to complete it) at position 19")]

    public void A_date_is_refused_in_the_callers_language(string text, string polarity, int? year, string italian, string english) =>
        Messages.CheckWhole(text, polarity, year, italian, english);
}
