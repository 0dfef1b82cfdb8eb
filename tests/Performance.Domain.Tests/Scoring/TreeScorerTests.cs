using Performance.Domain.Scoring;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

public sealed class TreeScorerTests
{
    private static ScoringIndicator Scored(string code, decimal actual, decimal weight = 1) =>
        new(code, weight, Input(AtLeast(100), actual) with { Code = code });

    private static ScoringNode Node(string code, decimal weight, ScoringIndicator[] indicators, params ScoringNode[] children) =>
        new(code, weight, indicators, children);

    [Fact]
    public void A_node_is_the_weighted_mean_of_its_own_indicators_and_its_children()
    {
        // Own indicators 80 (w 1) and 50 (w 3); child node at 100 (w 2): (80 + 150 + 200) / 6.
        var tree = Node("P", 1, [Scored("I1", 80), Scored("I2", 50, weight: 3)], Node("C", 2, [Scored("C.I", 100)]));
        var score = TreeScorer.Score(tree, ScoringPolicy.Default, ScoringView.Actuals);
        Assert.Equal(430m / 6m, score.Score);
        Assert.Equal(["I1", "I2", "C"], score.RollUp.Contributions.Select(c => c.Code));
        Assert.Equal([1m, 3m, 2m], score.RollUp.Contributions.Select(c => c.Weight));
        Assert.Equal(["I1", "I2"], score.Indicators.Select(i => i.Code));
        Assert.Equal([80m, 50m], score.Indicators.Select(i => i.Score!.Value));
        var child = Assert.Single(score.Children);
        Assert.Equal(("C", 2m, 100m), (child.Code, child.Weight, child.Score!.Value));
        Assert.Equal(ScoreStatus.Green, child.Status);
        Assert.Equal("P", score.Code);
        Assert.Equal(1m, score.Weight);
    }

    [Fact]
    public void Indicators_carry_their_weight_evaluation_and_missing_reason()
    {
        var tree = Node("P", 1, [Scored("I1", 90, weight: 2.5m), new ScoringIndicator("I2", 1, null, "No target for 2024.")]);
        var score = TreeScorer.Score(tree, ScoringPolicy.Default, ScoringView.Actuals);
        var (scored, none) = (score.Indicators[0], score.Indicators[1]);
        Assert.Equal(2.5m, scored.Weight);
        Assert.Equal(90m, scored.Evaluation!.Achievement);
        Assert.Null(scored.MissingReason);
        Assert.Null(none.Evaluation);
        Assert.Null(none.Score);
        Assert.Equal("No target for 2024.", none.MissingReason);
        Assert.Equal(90m, score.Score);
    }

    [Fact]
    public void The_explanation_follows_the_view_and_the_policy_reaches_every_indicator()
    {
        var tree = Node("P", 1, [Scored("I1", 130)], Node("C", 1, [Scored("C.I", 130)]));
        var uncapped = TreeScorer.Score(tree, ScoringPolicy.Default with { Cap = null }, ScoringView.Actuals);
        Assert.Equal(130m, uncapped.Score);
        Assert.Equal(130m, uncapped.Children[0].Score);
        Assert.NotEmpty(uncapped.Indicators[0].Evaluation!.Explanation.Steps);
        var fast = TreeScorer.Score(tree, ScoringPolicy.Default, ScoringView.Actuals with { Explain = false });
        Assert.Equal(100m, fast.Score);
        Assert.Same(Explanation.NotRequested, fast.Children[0].Indicators[0].Evaluation!.Explanation);
        var asOf = TreeScorer.Score(tree, ScoringPolicy.Default, new ScoringView(new DateOnly(2024, 6, 30)));
        Assert.Null(asOf.Score); // the Y entries end after 30 June
    }

    [Fact]
    public void A_node_whose_exact_mean_is_a_half_cent_presents_it_up()
    {
        // C = (88,125 + 3,5 × 0) / 4,5 = 19,58333…; N = (3 × C + 7 × 0) / 10 = 5,875 exactly. From C cut at 28 digits
        // the decimal mean is 5,87499…9 and would present 5,87.
        var c = Node("C", 3, [Scored("C.I1", 88.125m), Scored("C.I2", 0, weight: 3.5m)]);
        var n = Node("N", 1, [Scored("N.I", 0, weight: 7)], c);
        Assert.Equal(5.8749999999999999999999999999m, (3m * (88.125m / 4.5m)) / 10m);
        foreach (var explain in new[] { true, false })
        {
            var score = TreeScorer.Score(n, ScoringPolicy.Default, ScoringView.Actuals with { Explain = explain });
            Assert.Equal(5.875m, score.Score);
            Assert.Equal(5.88m, Rounding.Present(score.Score));
            Assert.Equal(88.125m / 4.5m, score.Children[0].Score); // not near a half cent: left as computed
        }
    }

    [Theory]
    [InlineData(null, ScoreStatus.Grey)]
    [InlineData("100", ScoreStatus.Green)]
    [InlineData("130", ScoreStatus.Green)]
    [InlineData("99.999", ScoreStatus.Yellow)]
    [InlineData("90", ScoreStatus.Yellow)]
    [InlineData("89.99", ScoreStatus.Red)]
    [InlineData("0", ScoreStatus.Red)]
    public void Node_status_green_at_100_yellow_from_the_policy_band(string? score, ScoreStatus status) =>
        Assert.Equal(status, TreeScorer.StatusOf(score is null ? null : decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), ScoringPolicy.Default));

    [Fact]
    public void Node_status_uses_the_policy_yellow_band() =>
        Assert.Equal(ScoreStatus.Red, TreeScorer.StatusOf(89m, ScoringPolicy.Default with { YellowFrom = 95 }));

    [Fact]
    public void A_child_node_with_nothing_to_score_is_left_out_even_under_zero()
    {
        // C has only an indicator without target: not scorable, so P = I1 alone under both rules.
        var tree = Node("P", 1, [Scored("I1", 60)], Node("C", 1, [new ScoringIndicator("C.N", 1, null, "No target.")]));
        foreach (var rule in new[] { MissingRule.Exclude, MissingRule.Zero })
        {
            var score = TreeScorer.Score(tree, ScoringPolicy.Default with { Missing = rule }, ScoringView.Actuals);
            Assert.Equal(60m, score.Score);
            Assert.False(score.Children[0].Scorable);
            Assert.Null(score.Children[0].Score);
            Assert.Equal(ScoreStatus.Grey, score.Children[0].Status);
            Assert.True(score.Scorable);
        }

        // A child with a target but no consuntivo yet is scorable: under Zero it counts as 0.
        var pending = Node("P", 1, [Scored("I1", 60)], Node("C", 1, [new ScoringIndicator("C.I", 1, Input(AtLeast(100), (decimal?)null))]));
        Assert.Equal(30m, TreeScorer.Score(pending, ScoringPolicy.Default with { Missing = MissingRule.Zero }, ScoringView.Actuals).Score);
        Assert.Equal(60m, TreeScorer.Score(pending, ScoringPolicy.Default, ScoringView.Actuals).Score);
    }

    [Fact]
    public void Weight_zero_items_do_not_make_a_node_scorable()
    {
        var placeholder = Node("C", 1, [Scored("C.I", 60, weight: 0)]);
        var tree = Node("P", 1, [Scored("I1", 80)], placeholder);
        var score = TreeScorer.Score(tree, ScoringPolicy.Default with { Missing = MissingRule.Zero }, ScoringView.Actuals);
        Assert.False(score.Children[0].Scorable);
        Assert.Equal(80m, score.Score);
        // A weight-0 child node is reported, never counted, even when it has a score.
        var zeroWeight = Node("P", 1, [Scored("I1", 80)], Node("C", 0, [Scored("C.I", 10)]));
        Assert.Equal(80m, TreeScorer.Score(zeroWeight, ScoringPolicy.Default, ScoringView.Actuals).Score);
    }

    [Fact]
    public void A_node_score_built_by_a_caller_is_scorable_unless_said_otherwise()
    {
        // Only TreeScorer knows when nothing below a node has a target; a node score built elsewhere counts by default.
        var node = new NodeScore("N", 1, 50m, ScoreStatus.Red, new RollUpResult(50m, []), [], []);
        Assert.True(node.Scorable);
    }

    [Fact]
    public void The_exact_mean_counts_every_scored_child_with_its_weight_and_leaves_the_excluded_out()
    {
        // N = (1,5 × 0,25 + 5,5 × 0 + 3 × C) / (1,5 + 5,5 + 3) with C = 88,125 / 4,5 as above and N.I3 missing
        // (excluded): (0,375 + 58,75) / 10 = 5,9125 exactly; the decimal mean from C cut at 29 digits is 5,91249…
        // N.I1 scores 0,25 as (0,002 × 100) / 0,8: a quotient whose parts carry decimals.
        // C's weight 3 is written with 20 decimals: a mantissa beyond 64 bits, which the exact mean must read whole.
        var c = Node("C", 3.00000000000000000000m, [Scored("C.I1", 88.125m), Scored("C.I2", 0, weight: 3.5m)]);
        var n = Node("N", 1,
        [
            new ScoringIndicator("N.I1", 1.5m, Input(AtLeast(0.8m), 0.002m) with { Code = "N.I1" }),
            Scored("N.I2", 0, weight: 5.5m),
            new ScoringIndicator("N.I3", 4, Input(AtLeast(100), (decimal?)null) with { Code = "N.I3" }),
        ], c);
        Assert.NotEqual(5.9125m, (1.5m * 0.25m + 3m * (88.125m / 4.5m)) / 10m);
        foreach (var explain in new[] { true, false })
        {
            var score = TreeScorer.Score(n, ScoringPolicy.Default, ScoringView.Actuals with { Explain = explain });
            Assert.Equal(0.25m, score.Indicators[0].Score);
            Assert.True(score.RollUp.Contributions[2].Excluded);
            Assert.Equal(5.9125m, score.Score);
        }
    }

    [Fact]
    public void A_mean_near_a_half_cent_but_not_on_it_is_left_as_computed()
    {
        // 50 + 10⁻²² lies within 10⁻¹⁸ of 50: recomputed exactly it is still not 50, so it stays.
        var n = Node("N", 1, [Scored("N.I", 50.0000000000000000000001m)]);
        Assert.Equal(50.0000000000000000000001m, TreeScorer.Score(n, ScoringPolicy.Default, ScoringView.Actuals).Score);
    }
}
