namespace Performance.Domain.Tests.Targets.WordTables;

/// <summary>
/// Month names and abbreviations (<c>ItalianDate</c>), the ends of periods and years after "entro"
/// (<c>Deadlines.PeriodEnds</c>, <c>YearEnd</c>, <c>Entro</c>), schedule labels (<c>ScheduleReader.LabelWords</c>) and
/// the labels of a description (<c>DescriptionReader.PeriodWords</c>, <c>LabelUnits</c>); docs/targets.md, "Deadlines",
/// "Schedules", "Descriptions". Plan year 2025.
/// </summary>
public sealed class DateTableTests
{
    [Theory]
    [InlineData("entro il 15 gennaio 2025", "Deadline 2025-01-15")]
    [InlineData("entro il 15 febbraio 2025", "Deadline 2025-02-15")]
    [InlineData("entro il 15 marzo 2025", "Deadline 2025-03-15")]
    [InlineData("entro il 15 aprile 2025", "Deadline 2025-04-15")]
    [InlineData("entro il 15 maggio 2025", "Deadline 2025-05-15")]
    [InlineData("entro il 15 giugno 2025", "Deadline 2025-06-15")]
    [InlineData("entro il 15 luglio 2025", "Deadline 2025-07-15")]
    [InlineData("entro il 15 agosto 2025", "Deadline 2025-08-15")]
    [InlineData("entro il 15 settembre 2025", "Deadline 2025-09-15")]
    [InlineData("entro il 15 ottobre 2025", "Deadline 2025-10-15")]
    [InlineData("entro il 15 novembre 2025", "Deadline 2025-11-15")]
    [InlineData("entro il 15 dicembre 2025", "Deadline 2025-12-15")]
    [InlineData("entro il 15 gen 2025", "Deadline 2025-01-15")]
    [InlineData("entro il 15 feb 2025", "Deadline 2025-02-15")]
    [InlineData("entro il 15 mar 2025", "Deadline 2025-03-15")]
    [InlineData("entro il 15 apr 2025", "Deadline 2025-04-15")]
    [InlineData("entro il 15 mag 2025", "Deadline 2025-05-15")]
    [InlineData("entro il 15 giu 2025", "Deadline 2025-06-15")]
    [InlineData("entro il 15 lug 2025", "Deadline 2025-07-15")]
    [InlineData("entro il 15 ago 2025", "Deadline 2025-08-15")]
    [InlineData("entro il 15 set 2025", "Deadline 2025-09-15")]
    [InlineData("entro il 15 ott 2025", "Deadline 2025-10-15")]
    [InlineData("entro il 15 nov 2025", "Deadline 2025-11-15")]
    [InlineData("entro il 15 dic 2025", "Deadline 2025-12-15")]
    [InlineData("entro il 15 giu. 2025", "Deadline 2025-06-15")]
    [InlineData("entro giugno", "Deadline 2025-06-30")]
    [InlineData("entro fine febbraio", "Deadline 2025-02-28")]
    public void A_month_is_read_by_name_or_abbreviation(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("entro il primo semestre", "Deadline 2025-06-30")]
    [InlineData("entro il 1° semestre", "Deadline 2025-06-30")]
    [InlineData("entro il 1º semestre", "Deadline 2025-06-30")]
    // "I" is the ordinal here, not the article "i" (it was skipped as one: a milestone).
    [InlineData("entro il I semestre", "Deadline 2025-06-30")]
    [InlineData("entro il secondo semestre", "Deadline 2025-12-31")]
    [InlineData("entro il 2° semestre", "Deadline 2025-12-31")]
    [InlineData("entro il 2º semestre", "Deadline 2025-12-31")]
    [InlineData("entro il II semestre", "Deadline 2025-12-31")]
    [InlineData("entro il primo trimestre", "Deadline 2025-03-31")]
    [InlineData("entro il 1° trimestre", "Deadline 2025-03-31")]
    [InlineData("entro il 1º trimestre", "Deadline 2025-03-31")]
    [InlineData("entro il I trimestre", "Deadline 2025-03-31")]
    [InlineData("entro il secondo trimestre", "Deadline 2025-06-30")]
    [InlineData("entro il 2° trimestre", "Deadline 2025-06-30")]
    [InlineData("entro il 2º trimestre", "Deadline 2025-06-30")]
    [InlineData("entro il II trimestre", "Deadline 2025-06-30")]
    [InlineData("entro il terzo trimestre", "Deadline 2025-09-30")]
    [InlineData("entro il 3° trimestre", "Deadline 2025-09-30")]
    [InlineData("entro il 3º trimestre", "Deadline 2025-09-30")]
    [InlineData("entro il III trimestre 2026", "Deadline 2026-09-30")]
    [InlineData("entro il quarto trimestre", "Deadline 2025-12-31")]
    [InlineData("entro il 4° trimestre", "Deadline 2025-12-31")]
    [InlineData("entro il 4º trimestre", "Deadline 2025-12-31")]
    [InlineData("entro il IV trimestre", "Deadline 2025-12-31")]
    [InlineData("entro I semestre", "Deadline 2025-06-30")]
    public void A_period_after_entro_ends_on_its_last_day(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("entro l'anno", "Deadline 2025-12-31")]
    [InlineData("entro l'anno in corso", "Deadline 2025-12-31")]
    [InlineData("entro l'esercizio", "Deadline 2025-12-31")]
    [InlineData("entro anno corrente", "Deadline 2025-12-31")]
    [InlineData("entro anno in corso", "Deadline 2025-12-31")]
    [InlineData("entro la fine di giugno", "Deadline 2025-06-30")]
    public void The_end_of_the_year_after_entro_is_31_December(string text, string expected) => Reading.Check(text, expected);

    // "entro" inside a description: a date makes it a deadline; "entro e non oltre" before a number is at most.
    [Theory]
    [InlineData("Realizzazione del progetto entro il 30/06/2025", "Deadline 2025-06-30")]
    [InlineData("Realizzazione entro e non oltre il 30/06/2025", "Deadline 2025-06-30")]
    [InlineData("entro e non oltre 5 giorni", "Numeric AtMost 5 Days \"giorni\"")]
    [InlineData(">= 80% entro il 30/06", "Numeric AtLeast 80 Percent \"%\" due 2025-06-30")]
    public void Entro_gives_a_deadline_or_a_limit(string text, string expected) => Reading.Check(text, expected);

    private const string Schedule = "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"}";

    [Theory]
    [InlineData("Anno 2025: >= 80% Anno 2026: >= 85%", Schedule)]
    [InlineData("Target 2025: >= 80% | Target 2026: >= 85%", Schedule)]
    [InlineData("Obiettivo 2025: >= 80%; Obiettivo 2026: >= 85%", Schedule)]
    [InlineData("Valore atteso 2025: >= 80%; Valore atteso 2026: >= 85%", Schedule)]
    [InlineData("Annualità 2025: >= 80%; Annualità 2026: >= 85%", Schedule)]
    [InlineData("Annualita 2025: >= 80%; Annualita 2026: >= 85%", Schedule)]
    [InlineData("2025: >= 80%; 2026: >= 85%", Schedule)]
    public void A_schedule_label_opens_each_year(string text, string expected) => Reading.Check(text, expected);

    // A label naming a part of the year is refused: a cell holds the year's target.
    [Theory]
    [InlineData("Trimestre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Semestre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Quadrimestre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Bimestre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Mese: 25%", "refused@0: a target for the whole year")]
    [InlineData("Settimana: 25%", "refused@0: a target for the whole year")]
    [InlineData("Gennaio: 25%", "refused@0: a target for the whole year")]
    [InlineData("Febbraio: 25%", "refused@0: a target for the whole year")]
    [InlineData("Marzo: 25%", "refused@0: a target for the whole year")]
    [InlineData("Aprile: 25%", "refused@0: a target for the whole year")]
    [InlineData("Maggio: 25%", "refused@0: a target for the whole year")]
    [InlineData("Giugno: 25%", "refused@0: a target for the whole year")]
    [InlineData("Luglio: 25%", "refused@0: a target for the whole year")]
    [InlineData("Agosto: 25%", "refused@0: a target for the whole year")]
    [InlineData("Settembre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Ottobre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Novembre: 25%", "refused@0: a target for the whole year")]
    [InlineData("Dicembre: 25%", "refused@0: a target for the whole year")]
    public void A_label_naming_a_part_of_the_year_is_refused(string text, string expected) => Reading.Check(text, expected);

    // The unit of a bare range may come from the label before it.
    [Theory]
    [InlineData("Numero di giorni: 20-30", "Range 20..30 Days \"giorni\" !UnitGuessed")]
    [InlineData("Tempo medio in giorni lavorativi: 20-30", "Range 20..30 Days \"giorni lavorativi\" !UnitGuessed")]
    [InlineData("Tempo medio in ore: 2-3", "Range 2..3 Hours \"ore\" !UnitGuessed")]
    [InlineData("Tempo medio in minuti: 20-30", "Range 20..30 Minutes \"minuti\" !UnitGuessed")]
    [InlineData("Durata in settimane: 2-3", "Range 2..3 Weeks \"settimane\" !UnitGuessed")]
    [InlineData("Durata in mesi: 2-3", "Range 2..3 Months \"mesi\" !UnitGuessed")]
    [InlineData("Spesa in euro: 100-200", "Range 100..200 Euro \"euro\" !UnitGuessed")]
    [InlineData("Importo medio: 100-200", "Range 100..200 Euro \"importo\" !UnitGuessed")]
    [InlineData("Percentuale di copertura: 80-90", "Range 80..90 Percent \"%\" !UnitGuessed")]
    [InlineData("Numero di pratiche: 40-60", "Range 40..60 Count \"pratiche\" !UnitGuessed")]
    // "%", "€", "gg" before the colon are a unit without its number, refused before the label is read.
    [InlineData("Copertura %: 80-90", "refused@10: the end of the target (a unit without its number)")]
    public void A_label_gives_the_unit_of_a_bare_range(string text, string expected) => Reading.Check(text, expected);
}
