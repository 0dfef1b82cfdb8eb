using System.Globalization;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

public sealed class TargetParserTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    // ---- Comparisons: every form in docs/targets.md, plus the Italian words the parser accepts. ----

    [Theory]
    [InlineData(">=80%", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData(">= 80%", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("> =50", TargetOperator.AtLeast, "50", TargetUnit.None, null)]
    [InlineData("=>8", TargetOperator.AtLeast, "8", TargetUnit.None, null)]
    [InlineData("≥ 90,00%", TargetOperator.AtLeast, "90", TargetUnit.Percent, "%")]
    [InlineData("maggiore o uguale a 90,00%", TargetOperator.AtLeast, "90", TargetUnit.Percent, "%")]
    [InlineData("<= 5gg", TargetOperator.AtMost, "5", TargetUnit.Days, "gg")]
    [InlineData("<=20 giorni", TargetOperator.AtMost, "20", TargetUnit.Days, "giorni")]
    [InlineData("<= 45%", TargetOperator.AtMost, "45", TargetUnit.Percent, "%")]
    [InlineData("≤ 10 giorni lavorativi", TargetOperator.AtMost, "10", TargetUnit.Days, "giorni lavorativi")]
    [InlineData("<= 5 gg lavorativi", TargetOperator.AtMost, "5", TargetUnit.Days, "gg lavorativi")]
    [InlineData("non oltre 30 giorni", TargetOperator.AtMost, "30", TargetUnit.Days, "giorni")]
    [InlineData("massimo 5", TargetOperator.AtMost, "5", TargetUnit.None, null)]
    [InlineData("> 38", TargetOperator.MoreThan, "38", TargetUnit.None, null)]
    [InlineData("< 3%", TargetOperator.LessThan, "3", TargetUnit.Percent, "%")]
    [InlineData("= 100%", TargetOperator.Equal, "100", TargetUnit.Percent, "%")]
    [InlineData("pari a 12", TargetOperator.Equal, "12", TargetUnit.None, null)]
    [InlineData("almeno 2 bandi", TargetOperator.AtLeast, "2", TargetUnit.Count, "bandi")]
    [InlineData("Almeno 1 iniziativa", TargetOperator.AtLeast, "1", TargetUnit.Count, "iniziativa")]
    [InlineData("Almeno il 30% delle imprese richiedenti i certificati di origine", TargetOperator.AtLeast, "30", TargetUnit.Percent, "%")]
    [InlineData("Almeno 3 incontri con i soggetti interessati", TargetOperator.AtLeast, "3", TargetUnit.Count, "incontri")]
    [InlineData("minimo 3", TargetOperator.AtLeast, "3", TargetUnit.None, null)]
    [InlineData("min. 3 corsi", TargetOperator.AtLeast, "3", TargetUnit.Count, "corsi")]
    [InlineData("non inferiore al 90%", TargetOperator.AtLeast, "90", TargetUnit.Percent, "%")]
    [InlineData("non inferiore a 90", TargetOperator.AtLeast, "90", TargetUnit.None, null)]
    [InlineData("pari o superiore al 95%", TargetOperator.AtLeast, "95", TargetUnit.Percent, "%")]
    [InlineData("almeno l'80%", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("almeno l’80%", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("almeno una iniziativa", TargetOperator.AtLeast, "1", TargetUnit.Count, "iniziativa")]
    [InlineData("Almeno un incontro", TargetOperator.AtLeast, "1", TargetUnit.Count, "incontro")]
    [InlineData("almeno tre eventi", TargetOperator.AtLeast, "3", TargetUnit.Count, "eventi")]
    [InlineData("superiore a 50", TargetOperator.MoreThan, "50", TargetUnit.None, null)]
    [InlineData("superiore al 50%", TargetOperator.MoreThan, "50", TargetUnit.Percent, "%")]
    [InlineData("maggiore di 10", TargetOperator.MoreThan, "10", TargetUnit.None, null)]
    [InlineData("oltre 100 utenti", TargetOperator.MoreThan, "100", TargetUnit.Count, "utenti")]
    [InlineData("più di 5 eventi", TargetOperator.MoreThan, "5", TargetUnit.Count, "eventi")]
    [InlineData("inferiore a 10 giorni", TargetOperator.LessThan, "10", TargetUnit.Days, "giorni")]
    [InlineData("meno del 5%", TargetOperator.LessThan, "5", TargetUnit.Percent, "%")]
    [InlineData("minore o uguale a 7 gg", TargetOperator.AtMost, "7", TargetUnit.Days, "gg")]
    [InlineData("non superiore a 20 giorni", TargetOperator.AtMost, "20", TargetUnit.Days, "giorni")]
    [InlineData("al massimo 2", TargetOperator.AtMost, "2", TargetUnit.None, null)]
    [InlineData("max. 3", TargetOperator.AtMost, "3", TargetUnit.None, null)]
    [InlineData("fino a 10 giorni", TargetOperator.AtMost, "10", TargetUnit.Days, "giorni")]
    [InlineData("entro 5 giorni", TargetOperator.AtMost, "5", TargetUnit.Days, "giorni")]
    [InlineData("Entro i 3 gg", TargetOperator.AtMost, "3", TargetUnit.Days, "gg")]
    [InlineData("entro 1.5 giorni", TargetOperator.AtMost, "1.5", TargetUnit.Days, "giorni")]
    [InlineData("uguale a 4", TargetOperator.Equal, "4", TargetUnit.None, null)]
    [InlineData("== 4", TargetOperator.Equal, "4", TargetUnit.None, null)]
    [InlineData("=< 4", TargetOperator.AtMost, "4", TargetUnit.None, null)]
    [InlineData("< = 4", TargetOperator.AtMost, "4", TargetUnit.None, null)]
    [InlineData("⩾ 3", TargetOperator.AtLeast, "3", TargetUnit.None, null)]
    [InlineData("⩽ 3", TargetOperator.AtMost, "3", TargetUnit.None, null)]
    [InlineData("<= 1.000 €", TargetOperator.AtMost, "1000", TargetUnit.Euro, "€")]
    [InlineData("<= € 50.000", TargetOperator.AtMost, "50000", TargetUnit.Euro, "€")]
    [InlineData(">= 1.234,56 euro", TargetOperator.AtLeast, "1234.56", TargetUnit.Euro, "euro")]
    [InlineData(">= 1,5 milioni di euro", TargetOperator.AtLeast, "1500000", TargetUnit.Euro, "euro")]
    [InlineData(">= 20 mila euro", TargetOperator.AtLeast, "20000", TargetUnit.Euro, "euro")]
    [InlineData("<= 8 ore", TargetOperator.AtMost, "8", TargetUnit.Hours, "ore")]
    [InlineData("<= 8h", TargetOperator.AtMost, "8", TargetUnit.Hours, "h")]
    [InlineData(">= n. 3", TargetOperator.AtLeast, "3", TargetUnit.Count, "n.")]
    [InlineData(">= N° 5", TargetOperator.AtLeast, "5", TargetUnit.Count, "N°")]
    [InlineData(">= N° 5 incontri", TargetOperator.AtLeast, "5", TargetUnit.Count, "incontri")]
    [InlineData("almeno nr 4", TargetOperator.AtLeast, "4", TargetUnit.Count, "nr")]
    [InlineData(">= 80 per cento", TargetOperator.AtLeast, "80", TargetUnit.Percent, "per cento")]
    [InlineData(">= 7 punti", TargetOperator.AtLeast, "7", TargetUnit.None, "punti")]
    [InlineData("<= -5%", TargetOperator.AtMost, "-5", TargetUnit.Percent, "%")]
    [InlineData("> 38 nel triennio", TargetOperator.MoreThan, "38", TargetUnit.None, null)]
    [InlineData(">= 80% nel triennio 2021-2023", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("almeno 2 bandi/anno", TargetOperator.AtLeast, "2", TargetUnit.Count, "bandi/anno")]
    [InlineData("<= 100 ore/anno", TargetOperator.AtMost, "100", TargetUnit.Hours, "ore/anno")]
    [InlineData("<= 30 giorni dalla richiesta", TargetOperator.AtMost, "30", TargetUnit.Days, "giorni")]
    [InlineData("almeno 1.039 utenti", TargetOperator.AtLeast, "1039", TargetUnit.Count, "utenti")]
    // Whitespace, non-breaking spaces, case, trailing period.
    [InlineData("  >=\u00A080\u00A0%  ", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData(">=\u202F80%", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("ALMENO 2 BANDI", TargetOperator.AtLeast, "2", TargetUnit.Count, "BANDI")]
    [InlineData("NON OLTRE 30 GG", TargetOperator.AtMost, "30", TargetUnit.Days, "GG")]
    [InlineData("Almeno 2 bandi.", TargetOperator.AtLeast, "2", TargetUnit.Count, "bandi")]
    [InlineData(">= 80%.", TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("<= 5 gg.", TargetOperator.AtMost, "5", TargetUnit.Days, "gg")]
    public void Parses_comparisons(string text, TargetOperator op, string value, TargetUnit unit, string? label)
    {
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Numeric, t.Kind);
        Assert.Equal(op, t.Operator);
        Assert.Equal(D(value), t.Value);
        Assert.Equal(unit, t.Unit);
        Assert.Equal(label, t.UnitLabel);
        Assert.Null(t.Lower);
        Assert.Null(t.Upper);
        Assert.Null(t.DueDate);
        Assert.False(t.OperatorInferred);
        Assert.Equal(text.Trim(), t.Text);
    }

    [Fact]
    public void Strict_more_than_and_spaced_at_least_are_distinct()
    {
        Assert.Equal((TargetOperator.MoreThan, 38m), Pair(TargetParser.Parse("> 38")));
        Assert.Equal((TargetOperator.AtLeast, 50m), Pair(TargetParser.Parse("> =50")));
        Assert.Equal((TargetOperator.AtLeast, 50m), Pair(TargetParser.Parse(">= 50")));

        static (TargetOperator, decimal?) Pair(ParsedTarget t) => (t.Operator, t.Value);
    }

    [Fact]
    public void Polarity_does_not_override_an_explicit_operator()
    {
        var t = TargetParser.Parse(">= 80%", Polarity.LowerIsBetter);
        Assert.Equal(TargetOperator.AtLeast, t.Operator);
        Assert.False(t.OperatorInferred);
    }

    // ---- Numbers ----

    [Theory]
    [InlineData("1.039", "1039")]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("1234.56", "1234.56")]
    [InlineData("1234,56", "1234.56")]
    [InlineData("10,00", "10")]
    [InlineData("1,5", "1.5")]
    [InlineData("0.5", "0.5")]
    [InlineData("0,5", "0.5")]
    [InlineData("0.125", "0.125")]
    [InlineData("1,500", "1.5")]
    [InlineData("1234.567", "1234.567")]
    [InlineData("1.801.000", "1801000")]
    [InlineData("12.345.678,9", "12345678.9")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("007", "7")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Reads_italian_and_plain_numbers(string number, string expected)
    {
        Assert.Equal(D(expected), TargetParser.Parse(">= " + number).Value);
    }

    [Theory]
    [InlineData(">= 1.23.4")]
    [InlineData(">= 12.34.567")]
    [InlineData(">= 1.2345,6")]
    [InlineData(">= 1.234,5,6")]
    [InlineData(">= 1234.567,8")]
    public void Rejects_malformed_numbers(string text)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text));
        Assert.Equal(3, ex.Position);
        Assert.Contains("number", ex.Expected);
    }

    [Theory]
    [InlineData(">= 9999999999999999999999999999999999999999")]
    [InlineData("99999999999999999999999999999999999999999999999")]
    [InlineData(">= 79228162514264337593543950336")]
    [InlineData(">= 1.000.000.000.000.000.000.000.000.000.000")]
    [InlineData(">= 792281625142643375935439504 mila")]
    [InlineData("tra 1 e 99999999999999999999999999999999999999999")]
    public void Huge_numbers_are_parse_errors_not_overflows(string text)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter));
        Assert.Contains("within range", ex.Expected);
    }

    // ---- Ranges ----

    [Theory]
    [InlineData("tra 80% e 90%", "80", "90", TargetUnit.Percent, "%")]
    [InlineData("80-90%", "80", "90", TargetUnit.Percent, "%")]
    [InlineData("80% - 90%", "80", "90", TargetUnit.Percent, "%")]
    [InlineData("80 – 90 %", "80", "90", TargetUnit.Percent, "%")]
    [InlineData("da 3 a 5 giorni", "3", "5", TargetUnit.Days, "giorni")]
    [InlineData("dal 3 al 5 giorni", "3", "5", TargetUnit.Days, "giorni")]
    [InlineData("Tra il 10 e il 20%", "10", "20", TargetUnit.Percent, "%")]
    [InlineData("fra 1.000 e 2.000 euro", "1000", "2000", TargetUnit.Euro, "euro")]
    [InlineData("compreso tra 1,5 e 2,5", "1.5", "2.5", TargetUnit.None, null)]
    [InlineData("tra 3 e 3", "3", "3", TargetUnit.None, null)]
    public void Parses_ranges(string text, string lower, string upper, TargetUnit unit, string? label)
    {
        // Polarity is irrelevant for a range; pass none to prove it is not needed.
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Range, t.Kind);
        Assert.Equal(TargetOperator.Between, t.Operator);
        Assert.Null(t.Value);
        Assert.Equal(D(lower), t.Lower);
        Assert.Equal(D(upper), t.Upper);
        Assert.Equal(unit, t.Unit);
        Assert.Equal(label, t.UnitLabel);
    }

    [Theory]
    [InlineData("tra 90 e 80", 9, "upper bound")]
    [InlineData("tra 80% e 5 giorni", 12, "same unit")]
    [InlineData("tra 80 e", 8, "a number")]
    [InlineData("tra 80 o 90", 7, "\"e\"")]
    [InlineData("compreso tra abc", 13, "a number")]
    public void Rejects_bad_ranges(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(expected, ex.Expected);
    }

    // ---- Deadlines ----

    [Theory]
    [InlineData("entro il 30/06/2024", null, "2024-06-30")]
    [InlineData("entro 30 giugno", 2023, "2023-06-30")]
    [InlineData("Entro il 30 giugno 2025", 2023, "2025-06-30")]
    [InlineData("ENTRO IL 31.12.2024", null, "2024-12-31")]
    [InlineData("entro il 15-03-2024", null, "2024-03-15")]
    [InlineData("entro 30/06/24", null, "2024-06-30")]
    [InlineData("entro il 30/06", 2022, "2022-06-30")]
    [InlineData("entro il 30.06", 2022, "2022-06-30")]
    [InlineData("entro il 31-12", 2022, "2022-12-31")]
    [InlineData("entro il 1° luglio 2025", null, "2025-07-01")]
    [InlineData("entro il 15 mar. 2024", null, "2024-03-15")]
    [InlineData("entro giugno 2024", null, "2024-06-30")]
    [InlineData("entro fine febbraio", 2024, "2024-02-29")]
    [InlineData("entro la fine di settembre", 2024, "2024-09-30")]
    [InlineData("entro fine anno", 2022, "2022-12-31")]
    [InlineData("entro il 2024", null, "2024-12-31")]
    [InlineData("entro il mese di giugno", 2024, "2024-06-30")]
    [InlineData("entro dicembre", 2024, "2024-12-31")]
    [InlineData("entro e non oltre il 15/03/2024", null, "2024-03-15")]
    [InlineData("entro\u00A0il\u00A030/06/2024.", null, "2024-06-30")]
    [InlineData("entro il 30 giugno di ogni anno", 2021, "2021-06-30")]
    [InlineData("30/06/2024", null, "2024-06-30")]
    [InlineData("31 dicembre 2023", null, "2023-12-31")]
    public void Parses_deadlines(string text, int? year, string due)
    {
        var t = TargetParser.Parse(text, null, year);

        Assert.Equal(TargetKind.Deadline, t.Kind);
        Assert.Equal(TargetOperator.Done, t.Operator);
        Assert.Equal(DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture), t.DueDate);
        Assert.Null(t.Value);
        Assert.Equal(TargetUnit.None, t.Unit);
    }

    [Theory]
    [InlineData("entro 30 giugno", 15, "year")]
    [InlineData("entro fine anno", 15, "year")]
    [InlineData("entro il 30/06", 14, "year")]
    [InlineData("entro il 31/02/2024", 9, "a valid date")]
    [InlineData("entro il 30/13/2024", 9, "a valid date")]
    [InlineData("entro il 30/06/202", 15, "a year of 2 or 4 digits")]
    [InlineData("entro", 5, "a date or a number")]
    [InlineData("entro >= 5", 6, "a date or a number")]
    public void Rejects_bad_deadlines(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(expected, ex.Expected);
    }

    [Fact]
    public void Deadline_without_year_uses_plan_year_only_when_given()
    {
        Assert.Equal(new DateOnly(2021, 6, 30), TargetParser.Parse("entro 30 giugno", year: 2021).DueDate);
        Assert.Throws<TargetParseException>(() => TargetParser.Parse("entro 30 giugno", year: 0));
        Assert.Throws<TargetParseException>(() => TargetParser.Parse("entro 30 giugno", year: 10000));
    }

    // ---- Milestones ----

    [Theory]
    [InlineData("SI")]
    [InlineData("Sì")]
    [InlineData("On")]
    [InlineData("NO")]
    [InlineData("Realizzazione del progetto")]
    [InlineData("Attuazione e rendicontazione")]
    [InlineData("Referti OIV")]
    [InlineData("Implementazione delle fasi della riforma")]
    [InlineData("Tempestività qualità procedure attività")]
    [InlineData("Rispetto tempi di legge o contratto")]
    [InlineData("Attuazione nel triennio 2020-2022")]
    [InlineData("Maggiore trasparenza")]
    [InlineData("Da definire")]
    [InlineData("Tra le prime camere")]
    [InlineData("Compresi i costi del personale")]
    [InlineData("Entro i termini di legge")]
    [InlineData("Adempimenti D.Lgs 219/2016")]
    [InlineData("Approvazione del Piano 2024 entro i termini")]
    [InlineData("Implementazione fase 2")]
    [InlineData("\"Valutazione OIV\"")]
    [InlineData("  Referti OIV.  ")]
    public void Parses_milestones(string text)
    {
        var t = TargetParser.Parse(text, Polarity.Milestone);

        Assert.Equal(TargetKind.Milestone, t.Kind);
        Assert.Equal(TargetOperator.Done, t.Operator);
        Assert.Equal(TargetUnit.None, t.Unit);
        Assert.Null(t.UnitLabel);
        Assert.Null(t.Value);
        Assert.Equal(text.Trim(), t.Text);
    }

    // ---- Bare numbers need a polarity ----

    [Theory]
    [InlineData("10,00", Polarity.LowerIsBetter, TargetOperator.AtMost, "10", TargetUnit.None, null)]
    [InlineData("10,00", Polarity.HigherIsBetter, TargetOperator.AtLeast, "10", TargetUnit.None, null)]
    [InlineData("8", Polarity.HigherIsBetter, TargetOperator.AtLeast, "8", TargetUnit.None, null)]
    [InlineData("3", Polarity.HigherIsBetter, TargetOperator.AtLeast, "3", TargetUnit.None, null)]
    [InlineData("80%", Polarity.HigherIsBetter, TargetOperator.AtLeast, "80", TargetUnit.Percent, "%")]
    [InlineData("5 gg", Polarity.LowerIsBetter, TargetOperator.AtMost, "5", TargetUnit.Days, "gg")]
    [InlineData("3 incontri", Polarity.HigherIsBetter, TargetOperator.AtLeast, "3", TargetUnit.Count, "incontri")]
    [InlineData("n. 3", Polarity.HigherIsBetter, TargetOperator.AtLeast, "3", TargetUnit.Count, "n.")]
    [InlineData("€ 1.000", Polarity.LowerIsBetter, TargetOperator.AtMost, "1000", TargetUnit.Euro, "€")]
    public void Bare_numbers_take_the_operator_from_polarity(
        string text, Polarity polarity, TargetOperator op, string value, TargetUnit unit, string? label)
    {
        var t = TargetParser.Parse(text, polarity);

        Assert.Equal(TargetKind.Numeric, t.Kind);
        Assert.Equal(op, t.Operator);
        Assert.Equal(D(value), t.Value);
        Assert.Equal(unit, t.Unit);
        Assert.Equal(label, t.UnitLabel);
        Assert.True(t.OperatorInferred);
    }

    [Fact]
    public void Bare_number_without_polarity_asks_for_it()
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse("10,00"));

        Assert.Equal("\"10,00\": expected an operator (>=, <=) or the indicator's polarity at position 1", ex.Message);
        Assert.Equal(0, ex.Position);
    }

    [Fact]
    public void Bare_number_with_milestone_polarity_is_an_error()
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse("8", Polarity.Milestone));
        Assert.Contains("polarity", ex.Expected);
    }

    // ---- Baseline-relative targets ----

    [Fact]
    public void Baseline_relative_target_keeps_formula_and_year()
    {
        const string text = "(costi anno corrente/costi anno 2011)*100 <= 100%";
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Numeric, t.Kind);
        Assert.Equal(TargetOperator.AtMost, t.Operator);
        Assert.Equal(100m, t.Value);
        Assert.Equal(TargetUnit.Percent, t.Unit);
        Assert.Equal(2011, t.BaselineYear);
        Assert.Equal("(costi anno corrente/costi anno 2011)*100", t.Formula);
        Assert.Equal(text, t.Text);
    }

    [Fact]
    public void Baseline_year_is_taken_from_the_denominator()
    {
        var t = TargetParser.Parse(
            "(numero di pratiche evase entro 5 giorni nell'anno corrente/numero pratiche evase entro 5 giorni 2013)*100 >= 100%");

        Assert.Equal(TargetOperator.AtLeast, t.Operator);
        Assert.Equal(100m, t.Value);
        Assert.Equal(2013, t.BaselineYear);
    }

    [Fact]
    public void Label_before_a_comparison_is_not_a_baseline()
    {
        var t = TargetParser.Parse("Target: >= 80% nel triennio");

        Assert.Equal(TargetOperator.AtLeast, t.Operator);
        Assert.Equal(80m, t.Value);
        Assert.Null(t.BaselineYear);
        Assert.Null(t.Formula);
    }

    // ---- Errors ----

    [Fact]
    public void Operator_without_number_names_the_position()
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(">= abc"));

        Assert.Equal("\">= abc\": expected a number at position 4", ex.Message);
        Assert.Equal(3, ex.Position);
        Assert.Equal("a number", ex.Expected);
        Assert.Equal(">= abc", ex.Text);
    }

    [Theory]
    [InlineData(">", 1, "a number")]
    [InlineData(">=", 2, "a number")]
    [InlineData("<=   ", 2, "a number")]
    [InlineData("almeno", 6, "a number")]
    [InlineData("almeno abc", 7, "a number")]
    [InlineData("Maggiore di abc", 12, "a number")]
    [InlineData("non oltre i limiti", 12, "a number")]
    [InlineData(">= %", 3, "a number")]
    [InlineData("<> 5", 0, "a supported comparison")]
    [InlineData("≠ 5", 0, "a supported comparison")]
    [InlineData(">= 80% e <= 90%", 9, "one comparison")]
    [InlineData(">= 80 90", 6, "the end of the target")]
    [InlineData(">= 1e5", 4, "the end of the target")]
    [InlineData(">= 80%%", 6, "the end of the target")]
    [InlineData("80 abc >= 5", 7, "one comparison")]
    [InlineData("!!!", 0, "a target")]
    [InlineData("#5", 0, "a number, an operator or a description")]
    [InlineData("€ 5%", 3, "the same unit")]
    // Prose around a measured quantity would lose the number as a milestone.
    [InlineData("Riduzione del 10%", 14, "an operator before the quantity")]
    [InlineData("SAL 50%", 4, "an operator before the quantity")]
    [InlineData("Entro i termini, max 5 giorni", 21, "an operator before the quantity")]
    public void Rejects_bad_input(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter, 2024));
        Assert.Equal(position, ex.Position);
        Assert.Contains(expected, ex.Expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\t\n")]
    [InlineData("\u200B")]
    [InlineData("...")]
    public void Empty_input_is_a_parse_error(string? text)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text!));
        Assert.Contains("a target", ex.Expected);
    }

    [Fact]
    public void TryParse_reports_success_and_failure()
    {
        Assert.True(TargetParser.TryParse(">= 80%", null, null, out var ok, out var noError));
        Assert.Equal(80m, ok.Value);
        Assert.Null(noError);

        Assert.False(TargetParser.TryParse(">= abc", null, null, out var none, out var error));
        Assert.Null(none);
        Assert.Equal(3, error.Position);
    }

    // ---- The Cremona plan (seed 004): all 34 indicators, target as written in the catalogue ----

    public static TheoryData<string, string, Polarity, TargetKind, TargetOperator, string?, TargetUnit, string?> Cremona => new()
    {
        // code, Valore Atteso as written, polarity (inferred by the catalogue), kind, operator, value, unit, label
        { "I1", ">=80%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "80", TargetUnit.Percent, "%" },
        { "I2", ">=60%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "60", TargetUnit.Percent, "%" },
        { "I3", "Attuazione e rendicontazione", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I4", "Realizzazione del progetto", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I5", "almeno 2 bandi", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "2", TargetUnit.Count, "bandi" },
        { "I6", "Almeno 1 progetto", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "1", TargetUnit.Count, "progetto" },
        { "I7", "Almeno 1 iniziativa", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "1", TargetUnit.Count, "iniziativa" },
        { "I8", "Attuazione e rendicontazione", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I9", "Almeno 2 iniziative", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "2", TargetUnit.Count, "iniziative" },
        { "I10", "10,00", Polarity.LowerIsBetter, TargetKind.Numeric, TargetOperator.AtMost, "10", TargetUnit.None, null },
        { "I11", "8,00", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "8", TargetUnit.None, null },
        { "I12", "3", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "3", TargetUnit.None, null },
        { "I13", "Attuazione e rendicontazione", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I14", ">=80%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "80", TargetUnit.Percent, "%" },
        { "I15", "Almeno 1 iniziativa", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "1", TargetUnit.Count, "iniziativa" },
        { "I16", "<= 5gg", Polarity.LowerIsBetter, TargetKind.Numeric, TargetOperator.AtMost, "5", TargetUnit.Days, "gg" },
        { "I17", ">=100%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "100", TargetUnit.Percent, "%" },
        { "I18", ">=80%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "80", TargetUnit.Percent, "%" },
        { "I19", "<=20 giorni", Polarity.LowerIsBetter, TargetKind.Numeric, TargetOperator.AtMost, "20", TargetUnit.Days, "giorni" },
        { "I20", "> =50", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "50", TargetUnit.None, null },
        { "I21", ">= 80%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "80", TargetUnit.Percent, "%" },
        { "I22", "Almeno il 30% delle imprese richiedenti i certificati di origine", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "30", TargetUnit.Percent, "%" },
        { "I23", "Implementazione delle fasi della riforma", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I24", "Tempestività qualità procedure attività", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I25", "Referti OIV", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I26", ">=8", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "8", TargetUnit.None, null },
        { "I27", "Rispetto tempi di legge o contratto", Polarity.Milestone, TargetKind.Milestone, TargetOperator.Done, null, TargetUnit.None, null },
        { "I28", "<= 45%", Polarity.LowerIsBetter, TargetKind.Numeric, TargetOperator.AtMost, "45", TargetUnit.Percent, "%" },
        { "I29", "> 38", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.MoreThan, "38", TargetUnit.None, null },
        { "I30", "Almeno 3 incontri con i soggetti interessati", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "3", TargetUnit.Count, "incontri" },
        { "I31", "<=100%", Polarity.LowerIsBetter, TargetKind.Numeric, TargetOperator.AtMost, "100", TargetUnit.Percent, "%" },
        { "I32", "<=100%", Polarity.LowerIsBetter, TargetKind.Numeric, TargetOperator.AtMost, "100", TargetUnit.Percent, "%" },
        { "I33", ">= 30%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "30", TargetUnit.Percent, "%" },
        { "I34", ">= 10%", Polarity.HigherIsBetter, TargetKind.Numeric, TargetOperator.AtLeast, "10", TargetUnit.Percent, "%" },
    };

    [Theory]
    [MemberData(nameof(Cremona))]
    public void Parses_every_Cremona_target(
        string code, string text, Polarity polarity, TargetKind kind, TargetOperator op, string? value, TargetUnit unit, string? label)
    {
        var t = TargetParser.Parse(text, polarity, 2021);

        Assert.True(kind == t.Kind, code);
        Assert.Equal(op, t.Operator);
        Assert.Equal(value is null ? null : D(value), t.Value);
        Assert.Equal(unit, t.Unit);
        Assert.Equal(label, t.UnitLabel);
        Assert.Equal(text, t.Text);
    }

    [Fact]
    public void Cremona_table_has_all_34_indicators()
    {
        var codes = Cremona.Select(row => (string)row[0]).ToList();
        Assert.Equal(34, codes.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 34).Select(i => $"I{i}"), codes);
    }

    [Theory]
    // The other presentation of the same indicators (SG sheet vs detailed sheet of the Cremona plan).
    [InlineData("Almeno 2 bandi", TargetOperator.AtLeast, "2", TargetUnit.Count)]
    [InlineData(">= 50", TargetOperator.AtLeast, "50", TargetUnit.None)]
    [InlineData(">=8%", TargetOperator.AtLeast, "8", TargetUnit.Percent)]
    public void Parses_Cremona_alternate_presentations(string text, TargetOperator op, string value, TargetUnit unit)
    {
        var t = TargetParser.Parse(text, Polarity.HigherIsBetter);
        Assert.Equal((op, D(value), unit), (t.Operator, t.Value!.Value, t.Unit));
    }

    [Theory]
    // I29 is truncated to ">" in the detailed sheet; I33/I34 are blank there. Both must fail loudly.
    [InlineData(">")]
    [InlineData("")]
    public void Cremona_truncated_or_blank_targets_fail_loudly(string text)
    {
        Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter, 2021));
    }

    [Theory]
    [InlineData("I17", "(numero di pratiche evase entro 5 giorni nell'anno corrente/numero pratiche evase entro 5 giorni 2013)*100 >= 100%", TargetOperator.AtLeast, 2013)]
    [InlineData("I31", "(costi anno corrente/costi anno 2011)*100 <=100%", TargetOperator.AtMost, 2011)]
    [InlineData("I32", "(costi anno corrente/costi anno 2011)*100 <= 100%", TargetOperator.AtMost, 2011)]
    public void Parses_Cremona_baseline_targets_with_their_formula(string code, string text, TargetOperator op, int baseline)
    {
        var t = TargetParser.Parse(text);
        Assert.True(t.BaselineYear == baseline, code);
        Assert.Equal(op, t.Operator);
        Assert.Equal(100m, t.Value);
        Assert.Equal(TargetUnit.Percent, t.Unit);
    }
}
