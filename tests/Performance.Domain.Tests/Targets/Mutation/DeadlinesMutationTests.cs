using Performance.Domain.Targets;
using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// What "entro" reads (<c>Deadlines</c>), on the texts the 2026-12-03 mutation run of <c>Targets/**</c> left unguarded:
/// "entro e non oltre la data del …", a year followed by plain words ("entro il 2025 nel rispetto del cronoprogramma")
/// against a number followed by its unit ("entro 2024 pratiche"), the years at the edges, a period end with its year,
/// and the plan year a date without one needs. docs/targets.md, "Deadlines", "Comparisons" (entro + a number is at most).
/// Plan year 2025 unless a row says otherwise.
/// </summary>
public sealed class DeadlinesMutationTests
{
    [Theory]
    [InlineData("entro e non oltre la data del 30 giugno 2025", "Deadline 2025-06-30")]
    [InlineData("entro e non oltre l'anno", "Deadline 2025-12-31")]
    [InlineData("entro la data del 31/12/2025", "Deadline 2025-12-31")]
    [InlineData("entro la data del 31/12", "Deadline 2025-12-31")]
    [InlineData("entro la data di fine anno", "Deadline 2025-12-31")]
    // After a value or in a description "entro" is read alone, and the date reader skips "e non oltre" itself; "non
    // oltre" left in the words would be a second comparison, and a month alone after it no number.
    [InlineData(">= 80% entro e non oltre il 30/06/2025", "Numeric AtLeast 80 Percent \"%\" due 2025-06-30")]
    [InlineData("Realizzazione entro e non oltre giugno 2025", "Deadline 2025-06-30")]
    public void The_words_between_entro_and_the_date_are_skipped(string text, string expected) => Reading.Check(text, expected);

    // After "entro il 2025" a preposition or a conjunction leads plain words: the year stays a year (31 December).
    [Theory]
    [InlineData("entro il 2025 e comunque prima della chiusura dell'esercizio", "Deadline 2025-12-31")]
    [InlineData("entro il 2025 di concerto con le Regioni", "Deadline 2025-12-31")]
    [InlineData("entro il 2026 del cronoprogramma", "Deadline 2026-12-31")]
    [InlineData("entro il 2025 nel rispetto del cronoprogramma", "Deadline 2025-12-31")]
    [InlineData("entro il 2025 per tutte le strutture", "Deadline 2025-12-31")]
    [InlineData("entro il 2025 con il supporto di AgID", "Deadline 2025-12-31")]
    [InlineData("entro il 2025 come previsto dal PNRR", "Deadline 2025-12-31")]
    [InlineData("entro il 2026 secondo il cronoprogramma", "Deadline 2026-12-31")]
    [InlineData("entro il 2025 in tutte le sedi", "Deadline 2025-12-31")]
    [InlineData("entro il 2025, come da cronoprogramma", "Deadline 2025-12-31")]
    [InlineData("entro il 2025.", "Deadline 2025-12-31")]
    [InlineData("entro il 1900", "Deadline 1900-12-31")]
    [InlineData("entro il 2100", "Deadline 2100-12-31")]
    public void A_year_after_entro_is_its_31_December(string text, string expected) => Reading.Check(text, expected);

    // After "entro" a number with its unit is at most that number, even when it could be a year.
    [Theory]
    [InlineData("entro 2024 pratiche", "Numeric AtMost 2024 Count \"pratiche\"")]
    [InlineData("entro 2000 €", "Numeric AtMost 2000 Euro \"€\"")]
    [InlineData("entro 2000 %", "Numeric AtMost 2000 Percent \"%\"")]
    [InlineData("entro 1999,99 €", "Numeric AtMost 1999.99 Euro \"€\"")]
    [InlineData("entro il 1899", "refused@9: a unit after the number")]
    // A period with a figure after the year makes a decimal number, not the year 2025 and a stray ".5".
    [InlineData("entro 2025.5 giorni", "Numeric AtMost 2025.5 Days \"giorni\"")]
    [InlineData("entro il 2101", "refused@9: a unit after the number")]
    public void A_number_with_its_unit_after_entro_is_at_most(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("entro il primo semestre 2026", "Deadline 2026-06-30")]
    [InlineData("entro il primo semestre dell'anno 2026", "Deadline 2026-06-30")]
    [InlineData("entro il primo semestre del 2026", "Deadline 2026-06-30")]
    [InlineData("entro il secondo semestre anno 2026", "Deadline 2026-12-31")]
    [InlineData("entro il terzo trimestre dell'anno", "Deadline 2025-09-30")]
    [InlineData("entro il terzo trimestre 2026 per tutte le sedi", "Deadline 2026-09-30")]
    [InlineData("entro il primo semestre del 2026 e comunque prima dell'estate", "Deadline 2026-06-30")]
    [InlineData("entro il primo semestre 2026 pratiche", "refused@24: the end of the target")]
    // A period without its ordinal names no date: words after "entro" are a milestone.
    [InlineData("entro il semestre successivo all'approvazione", "Milestone")]
    [InlineData("entro il trimestre successivo", "Milestone")]
    // At most two articles or prepositions stand between "entro" and the date; a third leaves the date in the words.
    [InlineData("entro il del 30/06/2025", "Deadline 2025-06-30")]
    [InlineData("entro il del al 30/06/2025", "refused@16: \"entro\" before the date (a deadline)")]
    public void A_period_end_takes_the_year_written_after_it(string text, string expected) => Reading.Check(text, expected);

    // The plan year completes "entro l'anno" and a period end; it must be a year a date can have (1 to 9999).
    [Theory]
    [InlineData("entro l'anno", 1, "Deadline 0001-12-31")]
    [InlineData("entro l'anno", 9999, "Deadline 9999-12-31")]
    [InlineData("entro il primo semestre", 9999, "Deadline 9999-06-30")]
    [InlineData("entro l'anno", null, "refused@6: a year (the date has none; pass the plan year to complete it)")]
    [InlineData("entro l'anno", 0, "refused@6: a year (the date has none; pass the plan year to complete it)")]
    [InlineData("entro l'anno", 10000, "refused@6: a year (the date has none; pass the plan year to complete it)")]
    [InlineData("entro il primo semestre", null, "refused@9: a year (the date has none; pass the plan year to complete it)")]
    public void The_plan_year_completes_the_end_of_the_year(string text, int? year, string expected) =>
        Reading.Check(text, expected, year: year);

    [Fact]
    public void A_missing_plan_year_is_asked_for_in_the_callers_language()
    {
        Assert.Equal("\"entro l'anno\": alla posizione 7 serve un anno (la data non lo indica; passare l'anno del piano per completarla)",
            Messages.Whole(Domain.Language.Language.Italian, "entro l'anno", Polarity.HigherIsBetter, null));
        Assert.Equal("\"entro l'anno\": expected a year (the date has none; pass the plan year to complete it) at position 7",
            Messages.Whole(Domain.Language.Language.English, "entro l'anno", Polarity.HigherIsBetter, null));
    }
}
