namespace Performance.Domain.Tests.Targets.WordTables;

/// <summary>
/// Edges of the reader outside the word tables (issue 20; docs/mutation.md, "Targets"): signs in ranges, the number
/// format check, one comparison per target, a unit on one bound, what may follow a quantity, number words where only
/// figures are read, and the words after each kind of reading.
/// </summary>
public sealed class ParserEdgeTests
{
    [Theory]
    [InlineData("tra -10 e 10", "Range -10..10 None")]
    [InlineData("tra −10 e -5 giorni", "Range -10..-5 Days \"giorni\"")]
    [InlineData("da -3 a 5%", "Range -3..5 Percent \"%\"")]
    [InlineData("<= -5%", "Numeric AtMost -5 Percent \"%\"")]
    public void A_negative_bound_keeps_its_sign(string text, string expected) => Reading.Check(text, expected);

    // Thousands groups must use the other separator than the decimal one, with three digits each.
    [Theory]
    [InlineData(">= 1,234.567,89", "refused@3: a number in Italian (1.234,56) or plain (1234.56) format")]
    [InlineData(">= 1.234,567.89", "refused@3: a number in Italian (1.234,56) or plain (1234.56) format")]
    [InlineData(">= 1.23.4", "refused@3: a number in Italian (1.234,56) or plain (1234.56) format")]
    [InlineData(">= 1234.567,8", "refused@3: a number in Italian (1.234,56) or plain (1234.56) format")]
    [InlineData(">= 1.234.567,89", "Numeric AtLeast 1234567.89 None")]
    [InlineData(">= 1,234,567.8", "Numeric AtLeast 1234567.8 None")]
    [InlineData(">= 1.039", "Numeric AtLeast 1039 None")]
    [InlineData(">= 0.125", "Numeric AtLeast 0.125 None")]
    [InlineData(">= 1234.567", "Numeric AtLeast 1234.567 None")]
    [InlineData(">= 1,500", "Numeric AtLeast 1.5 None")]
    public void A_number_is_read_in_one_format_or_refused(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData("tra 5 e 10 >= 3", "refused@11: the end of the target (one comparison per target)")]
    [InlineData(">= 80% e <= 90%", "refused@9: the end of the target (one comparison per target)")]
    [InlineData("tra 10 e 5", "refused@9: an upper bound not below the lower bound")]
    [InlineData("tra 5 e 5", "Range 5..5 None")]
    public void A_target_holds_one_comparison(string text, string expected) => Reading.Check(text, expected);

    // A unit on one bound is the range's unit; two different units are refused.
    [Theory]
    [InlineData("tra 5 e 10%", "Range 5..10 Percent \"%\"")]
    [InlineData("tra 5% e 10", "Range 5..10 Percent \"%\"")]
    [InlineData("tra 5% e 10 giorni", "refused@12: the same unit as the lower bound (%)")]
    [InlineData("80-90 giorni", "Range 80..90 Days \"giorni\"")]
    [InlineData("80% - 90%", "Range 80..90 Percent \"%\"")]
    public void A_unit_on_one_bound_is_the_unit_of_the_range(string text, string expected) => Reading.Check(text, expected);

    // After a quantity: a separated word or punctuation opens plain words; a digit, a sign or a glued letter does not.
    [Theory]
    [InlineData(">= 80% (come nel 2023)", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80%, come nel 2023", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80%; come nel 2023", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80%: come nel 2023", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% \"come nel 2023\"", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% “come nel 2023”", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% «come nel 2023»", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% [come nel 2023]", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80%. Come nel 2023", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% - come nel 2023", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% 'come nel 2023'", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80%)", "Numeric AtLeast 80 Percent \"%\"")]
    [InlineData(">= 80% -5", "refused@7: the end of the target")]
    [InlineData(">= 80 90", "refused@6: the end of the target")]
    [InlineData(">= 1e5", "refused@4: the end of the target")]
    [InlineData(">= 80%+", "refused@6: the end of the target")]
    public void What_may_follow_a_quantity(string text, string expected) => Reading.Check(text, expected);

    // "non inferiore al 2023": the figure of 2023 or the number? Refused after "al", "del" and "il".
    [Theory]
    [InlineData("almeno il 2023", "refused@10: a unit after the number, or \"valore 2023\"")]
    [InlineData("almeno al 2023", "refused@10: a unit after the number, or \"valore 2023\"")]
    [InlineData("non inferiore del 2023", "refused@18: a unit after the number, or \"valore 2023\"")]
    [InlineData("almeno lo 2023", "Numeric AtLeast 2023 None")]
    [InlineData("almeno 2023 pratiche", "Numeric AtLeast 2023 Count \"pratiche\"")]
    public void A_year_after_an_article_is_refused(string text, string expected) => Reading.Check(text, expected);

    // Number words only after an operator phrase or at the start ("Tre incontri"); a symbol, a range bound and a
    // formula take figures, and "un"/"una" at the start are articles.
    [Theory]
    [InlineData(">= due incontri", "refused@3: a number")]
    [InlineData("tra 2 e tre giorni", "refused@8: a number")]
    [InlineData("tra due e tre giorni", "refused@10: an operator before the quantity")]
    [InlineData("Un evento formativo", "Milestone !MilestoneWithoutCue")]
    [InlineData("(costi anno corrente/costi anno 2011)*100 <= cento", "refused@45: a number")]
    [InlineData("(costi anno corrente/costi anno 2011)*100 <= 100%", "Numeric AtMost 100 Percent \"%\"")]
    public void A_number_word_is_read_only_where_words_are_allowed(string text, string expected) => Reading.Check(text, expected);

    // The words after each kind of reading are checked.
    [Theory]
    [InlineData("entro il 30/06/2025 5%", "refused@20: the end of the target")]
    [InlineData(">= valore 2023 5%", "refused@15: the end of the target")]
    [InlineData("Realizzazione entro il 30/06/2025 5%", "refused@34: the end of the target")]
    [InlineData("non oltre il 30/06/2025 5%", "refused@24: the end of the target")]
    [InlineData("30/06/2025 5%", "refused@11: the end of the target")]
    [InlineData(">= 80% entro il 30/06 5%", "refused@22: the end of the target")]
    [InlineData("entro 5 giorni 5%", "refused@15: the end of the target")]
    [InlineData("tra 3 e 5 giorni 5%", "refused@17: the end of the target")]
    [InlineData("Non previsto 5%", "refused@13: the end of the target")]
    public void The_words_after_a_reading_are_checked(string text, string expected) => Reading.Check(text, expected);
}
