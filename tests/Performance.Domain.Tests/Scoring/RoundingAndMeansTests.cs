using Performance.Domain.Scoring;

namespace Performance.Domain.Tests.Scoring;

public sealed class RoundingAndMeansTests
{
    [Theory]
    [InlineData(96.605, 96.61)]
    [InlineData(101.535, 101.54)]
    [InlineData(-158.49031, -158.49)]
    [InlineData(-26.665, -26.67)]
    [InlineData(87.706, 87.71)]
    [InlineData(0.005, 0.01)]
    public void Present_rounds_half_away_from_zero(decimal v, decimal expected) =>
        Assert.Equal(expected, Rounding.Present(v));

    [Fact]
    public void Present_nullable()
    {
        Assert.Null(Rounding.Present((decimal?)null));
        Assert.Equal(1.23m, Rounding.Present((decimal?)1.234m));
    }

    [Fact]
    public void Simple_and_weighted_means()
    {
        Assert.Equal(2m, Means.Simple(1, 2, 3));
        Assert.Null(Means.Simple());
        Assert.Equal(2m, Means.OfPresent([1, null, 3]));
        Assert.Null(Means.OfPresent([null]));
        Assert.Equal(7.5m, Means.Weighted([(5m, 1m), (10m, 1m)]));
        Assert.Equal(9m, Means.Weighted([(5m, 1m), (10m, 4m)]));
        Assert.Null(Means.Weighted([(5m, 0m)]));
    }

    [Fact]
    public void Percentages_of_nothing_is_null()
    {
        Assert.Null(Percentages.Of(1, 0));
        Assert.Equal(50m, Percentages.Of(1, 2));
    }

    [Fact]
    public void A_negative_weight_is_refused_and_missing_values_are_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Means.Weighted([(5m, 1m), (10m, -1m)]));
        Assert.Equal("items", e.ParamName);
        Assert.StartsWith("Weights cannot be negative.", e.Message);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Means.Simple((IEnumerable<decimal>)null!)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => Means.Weighted(null!)).ParamName);
    }
}
