using Performance.Domain.Targets;
using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>The reading order of <c>TargetParser</c> (docs/targets.md, "Reading order"): article before a number, ranges, entro, formulas.</summary>
public sealed class TargetParserMutationTests
{
    [Theory]
    // An article before a signed number does not make it a change.
    [InlineData("Il +5% rispetto al 2023", "refused@3: an operator before the quantity")]
    // After an article a percentage in words is read like its figure; another number word ("Il due luglio", a date in
    // words) leaves the text to the description, which refuses the number.
    [InlineData("Il 30% delle imprese", "Numeric AtLeast 30 Percent \"%\" !OperatorInferred")]
    [InlineData("Il tre per cento", "Numeric AtLeast 3 Percent \"per cento\" !OperatorInferred")]
    [InlineData("Il tre per mille", "Numeric AtLeast 3 PerMille \"per mille\" !OperatorInferred")]
    [InlineData("L'otto per cento delle pratiche", "Numeric AtLeast 8 Percent \"per cento\" !OperatorInferred")]
    [InlineData("Il due luglio", "refused@3: an operator before the quantity")]
    // A dash between the bounds of "tra".
    [InlineData("tra 80% - 90%", "Range 80..90 Percent \"%\"")]
    [InlineData("tra 80%-90%", "Range 80..90 Percent \"%\"")]
    // "Entro i termini …" is a milestone whose words are checked like any prose.
    [InlineData("Entro i termini di legge escluse le proroghe", "refused@25: a target without \"escluse\"")]
    [InlineData("Entro i termini previsti ogni mese", "Milestone")]
    // After a comparison a date in figures needs its year (docs/targets.md, "Deadlines"); a month alone is read after "entro" only.
    [InlineData("<= 30/06", "refused@5: the end of the target")]
    [InlineData("non oltre giugno 2025", "refused@10: a number")]
    public void Reading_order_edges(string text, string expected) => Reading.Check(text, expected);

    // "non superiore al 2023" is refused (the number 2023 or the figure of 2023?), but a year-like number with its unit
    // is a plain value (docs/targets.md, "Comparisons").
    [Theory]
    [InlineData("Spesa non superiore al 2000 euro", "Numeric AtMost 2000 Euro \"euro\"")]
    [InlineData("Spesa non superiore al 2000", "refused@23: a unit after the number, or \"valore 2000\" for the figure of that year")]
    public void A_year_like_number_after_a_phrase_needs_its_unit(string text, string expected) => Reading.Check(text, expected);

    // "(costi anno corrente/costi anno 2011)*100 <= 100%": the last year 1900-2100 after the last '/' is the baseline year.
    [Theory]
    [InlineData("(costi anno corrente/costi anno 2011)*100 <= 100%", 2011)]
    [InlineData("(costi anno corrente/costi anno 1900)*100 <= 100%", 1900)]
    [InlineData("(costi anno corrente/costi anno 2100)*100 <= 100%", 2100)]
    [InlineData("(costi anno corrente/costi anno 1899)*100 <= 100%", null)]
    [InlineData("(costi anno corrente/costi anno 2101)*100 <= 100%", null)]
    [InlineData("(costi correnti/costi 12011)*100 <= 100%", null)]
    [InlineData("(spese/entrate)*100 <= 80%", null)]
    public void A_formula_gives_the_year_of_its_denominator(string text, int? baselineYear)
    {
        var target = TargetParser.Parse(text, Polarity.LowerIsBetter, 2025);
        Assert.Equal(TargetKind.Numeric, target.Kind);
        Assert.Equal(TargetOperator.AtMost, target.Operator);
        Assert.Equal(baselineYear, target.BaselineYear);
        Assert.NotNull(target.Formula);
    }

    // A ratio with '/' alone is a formula too; a label with neither '/' nor '*' is a description.
    [Theory]
    [InlineData("Tasso di copertura (a/b) >= 80%", "Tasso di copertura (a/b)")]
    [InlineData("Tasso di copertura >= 80%", null)]
    public void Only_a_ratio_before_the_comparison_is_a_formula(string text, string? formula)
    {
        var target = TargetParser.Parse(text, Polarity.HigherIsBetter, 2025);
        Assert.Equal(80m, target.Value);
        Assert.Equal(formula, target.Formula?.Trim());
    }
}
