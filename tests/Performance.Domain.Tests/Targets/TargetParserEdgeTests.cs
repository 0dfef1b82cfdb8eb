using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>
/// Edges of the parser that only mutation testing showed untested (docs/mutation.md, "Targets"): a spaced sign, a
/// year after an article at the 1900–2100 bounds, a measured quantity after "entro", words after a date.
/// </summary>
public sealed class TargetParserEdgeTests
{
    [Theory]
    [InlineData("+ 8% rispetto al 2023", TargetOperator.AtLeast, ChangeDirection.Increase)]
    [InlineData("- 8% rispetto al 2023", TargetOperator.AtMost, ChangeDirection.Decrease)]
    public void A_sign_standing_apart_from_its_number_still_gives_the_direction(string text, TargetOperator op, ChangeDirection direction)
    {
        var t = TargetParser.Parse(text, Polarity.HigherIsBetter, 2024);
        Assert.Equal(TargetKind.Relative, t.Kind);
        Assert.Equal(op, t.Operator);
        Assert.Equal(new TargetChange(8m, ChangeUnit.Percent, direction), t.Change);
    }

    [Theory]
    [InlineData("+ abc")]
    [InlineData("- abc")]
    public void A_spaced_sign_without_a_number_is_not_a_change(string text)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter, 2024));
        Assert.Equal(0, ex.Position);
        Assert.Equal("a number, an operator or a description", ex.Expected);
    }

    [Theory]
    [InlineData("non inferiore al 1900", 17)]
    [InlineData("non inferiore al 2100", 17)]
    [InlineData("non inferiore al 2023", 17)]
    [InlineData("non inferiore del 2023", 18)]
    public void A_year_after_an_article_is_refused_rather_than_guessed(string text, int position)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter, 2024));
        Assert.Equal(position, ex.Position);
        Assert.StartsWith("a unit after the number", ex.Expected);
    }

    [Theory]
    [InlineData("non inferiore al 1899", 1899)]
    [InlineData("non inferiore al 2101", 2101)]
    [InlineData("almeno 2023", 2023)]
    public void A_number_outside_the_years_or_without_an_article_is_a_number(string text, int value)
    {
        var t = TargetParser.Parse(text, Polarity.HigherIsBetter, 2024);
        Assert.Equal((TargetKind.Numeric, TargetOperator.AtLeast, (decimal?)value), (t.Kind, t.Operator, t.Value));
    }

    [Theory]
    [InlineData("Entro la riduzione del 10%", 23, "an operator before the quantity")]
    [InlineData("non oltre il 30/06/2025 riduzione del 10%", 24, "one target per text")]
    [InlineData("30/06/2025 riduzione del 10%", 11, "one target per text")]
    public void Words_after_a_deadline_are_checked(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter, 2024));
        Assert.Equal(position, ex.Position);
        Assert.StartsWith(expected, ex.Expected);
    }
}
