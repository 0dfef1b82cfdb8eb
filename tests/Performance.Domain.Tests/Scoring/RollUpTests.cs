using Performance.Domain.Scoring;

namespace Performance.Domain.Tests.Scoring;

public sealed class RollUpTests
{
    private static void AssertSumsToScore(RollUpResult r) =>
        Assert.Equal(r.Score ?? 0m, r.Contributions.Sum(c => c.Value));

    [Fact]
    public void Weighted_mean_with_raw_weights()
    {
        var r = RollUp.Compute([new("A", 30, 80), new("B", 70, 100)], MissingRule.Exclude);
        Assert.Equal(94m, r.Score);
        Assert.Equal([0.3m, 0.7m], r.Contributions.Select(c => c.NormalizedWeight));
        Assert.Equal([24m, 70m], r.Contributions.Select(c => c.Value));
        AssertSumsToScore(r);
    }

    [Fact]
    public void Raw_weights_are_rescaled_whatever_their_sum()
    {
        var small = RollUp.Compute([new("A", 0.3m, 80), new("B", 0.7m, 100)], MissingRule.Exclude);
        var big = RollUp.Compute([new("A", 3, 80), new("B", 7, 100)], MissingRule.Exclude);
        Assert.Equal(small.Score, big.Score);
    }

    [Fact]
    public void Missing_is_excluded_and_the_rest_reweighted()
    {
        var r = RollUp.Compute([new("A", 1, 80), new("B", 1, null), new("C", 2, 100)], MissingRule.Exclude);
        Assert.Equal((80m + 200m) / 3m, r.Score);
        var b = r.Contributions.Single(c => c.Code == "B");
        Assert.True(b.Excluded);
        Assert.Equal(0m, b.NormalizedWeight);
        AssertSumsToScore(r);
    }

    [Fact]
    public void Missing_counted_as_zero_under_the_zero_rule()
    {
        var r = RollUp.Compute([new("A", 1, 80), new("B", 1, null), new("C", 2, 100)], MissingRule.Zero);
        Assert.Equal(70m, r.Score);
        var b = r.Contributions.Single(c => c.Code == "B");
        Assert.False(b.Excluded);
        Assert.Equal(0.25m, b.NormalizedWeight);
        Assert.Equal(0m, b.Value);
        AssertSumsToScore(r);
    }

    [Theory]
    [InlineData(MissingRule.Exclude)]
    [InlineData(MissingRule.Zero)]
    public void Nothing_scored_is_null_never_zero(MissingRule rule)
    {
        var r = RollUp.Compute([new("A", 1, null), new("B", 2, null)], rule);
        Assert.Null(r.Score);
        Assert.All(r.Contributions, c => Assert.True(c.Excluded));
        Assert.Null(RollUp.Compute([], rule).Score);
    }

    [Fact]
    public void Weight_zero_is_reported_not_scored()
    {
        var r = RollUp.Compute([new("KPI", 0, 10), new("A", 1, 90)], MissingRule.Zero);
        Assert.Equal(90m, r.Score);
        var placeholder = r.Contributions[0];
        Assert.True(placeholder.Excluded);
        Assert.Equal(10m, placeholder.Score); // still visible
        Assert.Equal(0m, placeholder.Value);
    }

    [Fact]
    public void Only_weight_zero_children_is_missing() =>
        Assert.Null(RollUp.Compute([new("KPI", 0, 100)], MissingRule.Exclude).Score);

    [Fact]
    public void Thirds_still_sum_exactly()
    {
        var r = RollUp.Compute([new("A", 1, 100), new("B", 1, 100), new("C", 1, 100)], MissingRule.Exclude);
        Assert.Equal(100m, r.Score);
        AssertSumsToScore(r);
    }

    [Fact]
    public void The_last_counted_child_takes_the_remainder_so_shares_add_up()
    {
        // 10/3 three times: each share is 3,333…3, so the last takes 10 − 6,666…6 = 3,333…4.
        var r = RollUp.Compute([new("A", 1, 10), new("B", 1, 10), new("C", 1, 10), new("D", 0, 5)], MissingRule.Exclude);
        var (a, b, c) = (r.Contributions[0], r.Contributions[1], r.Contributions[2]);
        Assert.Equal(10m / 3m, a.Value);
        Assert.Equal(10m / 3m, b.Value);
        Assert.Equal(10m - 2 * (10m / 3m), c.Value);
        Assert.NotEqual(10m / 3m, c.Value);
        Assert.Equal(1m / 3m, c.NormalizedWeight);
        Assert.Equal(0m, r.Contributions[3].Value); // weight 0 after the last counted: excluded
        AssertSumsToScore(r);
    }

    [Fact]
    public void A_child_with_nothing_to_score_is_left_out_under_both_rules()
    {
        foreach (var rule in new[] { MissingRule.Exclude, MissingRule.Zero })
        {
            var r = RollUp.Compute([new("NT", 1, null, Scorable: false), new("A", 1, 60)], rule);
            Assert.Equal(60m, r.Score);
            Assert.True(r.Contributions[0].Excluded);
        }
        Assert.Null(RollUp.Compute([new("NT", 1, null, Scorable: false)], MissingRule.Zero).Score);
    }

    [Fact]
    public void Awkward_weights_sum_exactly()
    {
        var r = RollUp.Compute([new("A", 7, 93.75m), new("B", 3, 99.46m), new("C", 11, 0.01m), new("D", 13, 150.22m)],
            MissingRule.Exclude);
        AssertSumsToScore(r);
        Assert.Equal((7 * 93.75m + 3 * 99.46m + 11 * 0.01m + 13 * 150.22m) / 34m, r.Score);
    }

    [Fact]
    public void Scores_above_100_are_not_capped_by_the_roll_up() =>
        Assert.Equal(121.30m, RollUp.Compute([new("P", 1, 92.38m), new("I", 1, 150.22m)], MissingRule.Exclude).Score);

    [Fact]
    public void Negative_weight_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RollUp.Compute([new("A", -1, 50)], MissingRule.Exclude));

    [Fact]
    public void The_negative_weight_is_named_in_the_refusal()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RollUp.Compute([new("A", 1, 50), new("B", -2, 50)], MissingRule.Exclude));
        Assert.Equal("items", e.ParamName);
        Assert.Equal(-2m, e.ActualValue);
        Assert.StartsWith("B: weights cannot be negative.", e.Message);
    }

    [Fact]
    public void Missing_items_are_named() =>
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => RollUp.Compute(null!, MissingRule.Exclude)).ParamName);
}
