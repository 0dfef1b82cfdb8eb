using Performance.Domain.Scoring;

namespace Performance.Domain.Tests.Scoring;

/// <summary>What is rounded at presentation: scores and percentages to 2 decimals; a consuntivo as entered.</summary>
public sealed class PresentationTests
{
    [Theory]
    [InlineData("1.048", "1.048")]
    [InlineData("25428553", "25428553")]
    [InlineData("65730354.69", "65730354.69")]
    [InlineData("0.0000005", "0.000001")] // half away from zero at the sixth decimal
    [InlineData("-0.0000005", "-0.000001")]
    [InlineData("33.3333333333333333333333333", "33.333333")]
    public void A_figure_keeps_what_was_entered_and_only_a_non_terminating_aggregate_is_cut_at_six_decimals(string value, string shown) =>
        Assert.Equal(decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture),
            Rounding.PresentFigure(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(Aggregation.RatioOfSums, "84.1463414634", "84.15")]
    [InlineData(Aggregation.Last, "1.048", "1.048")]
    [InlineData(Aggregation.Sum, "12.125", "12.125")]
    [InlineData(Aggregation.Average, "49.398", "49.398")]
    public void A_rate_is_a_percentage_and_every_other_figure_is_shown_as_entered(Aggregation aggregation, string value, string shown) =>
        Assert.Equal(decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture),
            Rounding.PresentActual(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), aggregation));

    [Fact]
    public void Nothing_stays_nothing()
    {
        Assert.Null(Rounding.PresentFigure(null));
        Assert.Null(Rounding.PresentActual(null, Aggregation.Last));
    }
}
