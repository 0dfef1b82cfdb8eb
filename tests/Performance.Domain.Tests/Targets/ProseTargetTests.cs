using System.Globalization;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>
/// Targets written in prose (issue 13): labelled ranges, deadlines inside sentences, a value with a deadline, new units,
/// and the rule that no word that changes the meaning is dropped.
/// </summary>
public sealed class ProseTargetTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Numero di giorni: 20-30", "20", "30", TargetUnit.Days, "giorni", true)]
    [InlineData("Numero di pratiche: 40-60", "40", "60", TargetUnit.Count, "pratiche", true)]
    [InlineData("Dal 60% all'80%", "60", "80", TargetUnit.Percent, "%", false)]
    [InlineData("tra p. 15 e p. 18", "15", "18", TargetUnit.None, "p.", false)]
    [InlineData("da punti 7 a punti 9", "7", "9", TargetUnit.None, "punti", false)]
    [InlineData("un punteggio compreso tra p. 17 e p. 20", "17", "20", TargetUnit.None, "p.", false)]
    [InlineData("Tempo di risposta: tra 3 e 5 giorni", "3", "5", TargetUnit.Days, "giorni", false)]
    public void Reads_labelled_and_worded_ranges(string text, string lower, string upper, TargetUnit unit, string label, bool guessed)
    {
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Range, t.Kind);
        Assert.Equal((D(lower), D(upper)), (t.Lower!.Value, t.Upper!.Value));
        Assert.Equal((unit, label), (t.Unit, t.UnitLabel));
        Assert.Equal(guessed, t.Warnings.Any(w => w.Code == TargetWarnings.UnitGuessed));
    }

    [Theory]
    [InlineData("da concludere entro il 30 settembre 2025", null, "2025-09-30")]
    [InlineData("Realizzazione del progetto entro il 30/06/2025", null, "2025-06-30")]
    [InlineData("Approvazione del regolamento entro fine anno", 2024, "2024-12-31")]
    [InlineData("Adozione del Piano entro l'anno", 2024, "2024-12-31")]
    [InlineData("Scadenza: 31/12/2025", null, "2025-12-31")]
    [InlineData("non oltre il 31/12/2025", null, "2025-12-31")]
    [InlineData("non oltre il 30 giugno", 2025, "2025-06-30")]
    [InlineData("fino al 31/12/2025", null, "2025-12-31")]
    [InlineData("<= 31 dicembre 2025", null, "2025-12-31")]
    [InlineData("entro il primo semestre", 2025, "2025-06-30")]
    [InlineData("entro il 2° semestre", 2025, "2025-12-31")]
    [InlineData("entro il III trimestre 2026", null, "2026-09-30")]
    [InlineData("SI (entro il 30/06)", 2025, "2025-06-30")]
    public void Reads_a_deadline_inside_a_sentence(string text, int? year, string due)
    {
        var t = TargetParser.Parse(text, null, year);

        Assert.Equal(TargetKind.Deadline, t.Kind);
        Assert.Equal(DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture), t.DueDate);
    }

    [Theory]
    [InlineData("100% entro il 30/06", Polarity.HigherIsBetter, TargetOperator.AtLeast, "100", "2025-06-30")]
    [InlineData(">= 80% entro il 31/12/2025", null, TargetOperator.AtLeast, "80", "2025-12-31")]
    [InlineData("almeno 3 convenzioni entro il 30 giugno", null, TargetOperator.AtLeast, "3", "2025-06-30")]
    [InlineData("tra 80% e 90% entro il 30/09", null, TargetOperator.Between, null, "2025-09-30")]
    [InlineData("zero incidenti entro il 2025", Polarity.LowerIsBetter, TargetOperator.AtMost, "0", "2025-12-31")]
    public void A_value_with_a_deadline_keeps_both(string text, Polarity? polarity, TargetOperator op, string? value, string due)
    {
        var t = TargetParser.Parse(text, polarity, 2025);

        Assert.Equal(op, t.Operator);
        Assert.Equal(value is null ? null : D(value), t.Value);
        Assert.Equal(DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture), t.DueDate);
    }

    [Theory]
    [InlineData("entro tre giorni", TargetOperator.AtMost, "3", TargetUnit.Days, "giorni")]
    [InlineData("almeno due", TargetOperator.AtLeast, "2", TargetUnit.None, null)]
    [InlineData("almeno quindici incontri", TargetOperator.AtLeast, "15", TargetUnit.Count, "incontri")]
    [InlineData("maggiore o uguale al 90%", TargetOperator.AtLeast, "90", TargetUnit.Percent, "%")]
    [InlineData("non inferiore al 75%", TargetOperator.AtLeast, "75", TargetUnit.Percent, "%")]
    [InlineData("non superiore a 30 giorni", TargetOperator.AtMost, "30", TargetUnit.Days, "giorni")]
    [InlineData("<= 53 ‰", TargetOperator.AtMost, "53", TargetUnit.PerMille, "‰")]
    [InlineData("<= 2 per mille", TargetOperator.AtMost, "2", TargetUnit.PerMille, "per mille")]
    [InlineData("<= 15 minuti", TargetOperator.AtMost, "15", TargetUnit.Minutes, "minuti")]
    [InlineData("<= 10 min", TargetOperator.AtMost, "10", TargetUnit.Minutes, "min")]
    [InlineData("<= 10 giorni feriali", TargetOperator.AtMost, "10", TargetUnit.Days, "giorni feriali")]
    [InlineData("<= 30 giorni solari", TargetOperator.AtMost, "30", TargetUnit.Days, "giorni solari")]
    [InlineData("<= 20 gg lavorativi", TargetOperator.AtMost, "20", TargetUnit.Days, "gg lavorativi")]
    [InlineData("entro 6 mesi", TargetOperator.AtMost, "6", TargetUnit.Months, "mesi")]
    [InlineData("<= 2 settimane", TargetOperator.AtMost, "2", TargetUnit.Weeks, "settimane")]
    [InlineData("<= € 1.500.000", TargetOperator.AtMost, "1500000", TargetUnit.Euro, "€")]
    [InlineData("<= 1,5 mln €", TargetOperator.AtMost, "1500000", TargetUnit.Euro, "€")]
    [InlineData("<= 1,5 milioni di euro", TargetOperator.AtMost, "1500000", TargetUnit.Euro, "euro")]
    [InlineData("<= € 1,5 mln", TargetOperator.AtMost, "1500000", TargetUnit.Euro, "€")]
    [InlineData(">= 5 punti percentuali", TargetOperator.AtLeast, "5", TargetUnit.Percent, "punti percentuali")]
    [InlineData("almeno 3 convenzioni stipulate", TargetOperator.AtLeast, "3", TargetUnit.Count, "convenzioni")]
    [InlineData("Attivati almeno 10.000 nuovi servizi", TargetOperator.AtLeast, "10000", TargetUnit.Count, "nuovi servizi")]
    [InlineData("Partecipazione di almeno 136.000 dipendenti pubblici a iniziative di miglioramento", TargetOperator.AtLeast, "136000", TargetUnit.Count, "dipendenti")]
    [InlineData("Tasso di copertura >= 80%", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("Evasione delle richieste entro 30 giorni", TargetOperator.AtMost, "30", TargetUnit.Days, "giorni")]
    // A period shorter than the year stays in the label: 2 a month is not 2 a year.
    [InlineData("almeno 2 incontri al mese", TargetOperator.AtLeast, "2", TargetUnit.Count, "incontri al mese")]
    [InlineData("<= 5 giorni al mese", TargetOperator.AtMost, "5", TargetUnit.Days, "giorni al mese")]
    [InlineData(">= 4 report trimestrali", TargetOperator.AtLeast, "4", TargetUnit.Count, "report trimestrali")]
    public void Reads_operators_units_and_number_words(string text, TargetOperator op, string value, TargetUnit unit, string? label)
    {
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Numeric, t.Kind);
        Assert.Equal((op, D(value), unit, label), (t.Operator, t.Value!.Value, t.Unit, t.UnitLabel));
        Assert.Equal(value, t.Value.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Il 100 % delle PA pubblica la dichiarazione", "100")]
    [InlineData("L'85% dei medici di famiglia alimentano il Fascicolo", "85")]
    [InlineData("450 PA attivano Web Analytics Italia.", "450")]
    [InlineData("Tre incontri con gli stakeholder", "3")]
    [InlineData("zero", "0")]
    public void A_value_first_then_words_takes_the_operator_from_the_polarity_and_says_so(string text, string value)
    {
        var t = TargetParser.Parse(text, Polarity.HigherIsBetter);

        Assert.Equal((TargetOperator.AtLeast, D(value)), (t.Operator, t.Value!.Value));
        Assert.True(t.OperatorInferred);
        Assert.Equal(TargetWarnings.OperatorInferred, Assert.Single(t.Warnings).Code);
    }

    // ---- Never silently: what is not understood is refused where it stands ----

    [Theory]
    [InlineData("<= 5 gg gg 7", 8, "a unit without its number")]
    [InlineData(">= 80% gg", 7, "a unit without its number")]
    [InlineData("almeno 10 corsi di cui 3 online", 16, "\"di cui\"")]
    [InlineData(">= 90% escluso il mese di agosto", 7, "\"escluso\"")]
    [InlineData(">= 80% rispetto al 2023", 7, "a change before the reference")]
    [InlineData("Almeno 2 ulteriori comunità digitali", 9, "one target per text")]
    [InlineData(">= 80% con un incremento del 5%", 14, "one target per text")]
    [InlineData("48% popolazione 16-74 anni con competenze digitali", 16, "a second number")]
    [InlineData("Almeno il 90% di amministrazioni. Almeno 200 RTD", 34, "one comparison per target")]
    [InlineData(">= 80% almeno di base", 7, "a number after \"almeno\"")]
    [InlineData(">= 80% al 31/12/2025", 10, "\"entro\" before the date")]
    [InlineData("Integrazione di 5 nuove fonti dati", 16, "an operator before the quantity")]
    [InlineData("Erogazione di due corsi di formazione", 14, "an operator before the quantity")]
    [InlineData("Sottoscrizione di ulteriori 2 protocolli", 28, "a reference for the change")]
    [InlineData("Baseline: 85% dei comuni", 0, "a change before the reference")]
    [InlineData("Almeno il 30% dei dati per ciascuna PA", 23, "\"per ciascuna\"")]
    [InlineData("Valore >= 80% e <= 90%", 16, "one comparison per target")]
    [InlineData("95% delle pratiche entro 30 giorni", 19, "needs its own target")]
    [InlineData("Realizzazione di 3 eventi entro il 30/06", 17, "an operator before the quantity")]
    // "entro il 15 del mese successivo" is the 15th of each month, not "at most 15": a number after entro needs its unit.
    [InlineData("Trasmissione entro il 15 del mese successivo", 22, "a unit after the number")]
    [InlineData("entro 30", 6, "a unit after the number")]
    // A date in figures at the start needs its year: "4/5" is a ratio as much as the 4th of May.
    [InlineData("4/5", 1, "the end of the target")]
    [InlineData("30/06", 2, "the end of the target")]
    [InlineData("almeno il 30/06/2025", 10, "a date is a deadline")]
    // A label naming a part of the year is not the year's target.
    [InlineData("Giugno: 50%", 0, "a target for the whole year")]
    [InlineData("Primo trimestre: 25%", 0, "a target for the whole year")]
    [InlineData("5 giorni in meno", 9, "one target per text")]
    [InlineData("1 report inviato ogni mese", 17, "the period right after the unit")]
    [InlineData(">= 50% progressivo", 7, "\"progressiv\"")]
    public void Refuses_a_word_or_number_it_would_otherwise_drop(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter, 2025));

        Assert.Contains(expected, ex.Expected);
        Assert.Equal(position, ex.Position);
    }

    [Theory]
    [InlineData("Realizzazione del progetto", false)]
    [InlineData("Approvazione del regolamento", false)]
    [InlineData("Adozione del Piano triennale", false)]
    [InlineData("Attivazione del servizio", false)]
    [InlineData("Predisposizione del documento", false)]
    [InlineData("SI", false)]
    [InlineData("fatto", false)]
    [InlineData("Definizione della baseline", false)]
    [InlineData("Report trimestrali", false)]
    [InlineData("Un evento di presentazione", false)]
    [InlineData("Uno studio di fattibilità", true)]
    [InlineData("Maggiore trasparenza", true)]
    [InlineData("Da definire", true)]
    public void A_milestone_is_read_and_warned_when_it_has_no_milestone_word(string text, bool warned)
    {
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Milestone, t.Kind);
        Assert.Equal(warned, t.Warnings.Any(w => w.Code == TargetWarnings.MilestoneWithoutCue));
    }

    [Theory]
    // A number in prose is never a milestone; a year, a law number or a phase number is not a quantity.
    [InlineData("Attuazione nel triennio 2020-2022")]
    [InlineData("Adempimenti D.Lgs 219/2016")]
    [InlineData("Adempimenti della legge n. 190 del 2012")]
    [InlineData("Mappa delle gare di cui all'art. 14-bis comma 2", false)]
    [InlineData("Implementazione fase 2")]
    [InlineData("Rilascio della versione 2.1 del portale")]
    [InlineData("Migrazione al cloud (Target PNRR, M1C1-18, Q4 2024)")]
    public void Names_and_years_in_a_milestone_are_not_quantities(string text, bool reads = true)
    {
        Assert.Equal(reads, TargetParser.TryParse(text, Polarity.Milestone, 2024, out var t, out _) && t.Kind == TargetKind.Milestone);
    }
}
