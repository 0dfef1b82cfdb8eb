using Performance.Domain.Scoring;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>Approved forzature in the engine: non valutabile leaves the roll-up, a forced score replaces the computed one.</summary>
public sealed class JudgementsTests
{
    // I1: >= 100 with 50 → 50; I2: >= 100 with 100 → 100. Unjudged the node is 75.
    private static ScoringNode Tree(ScoreJudgement? onI1) => new("N", 1,
    [
        new ScoringIndicator("I1", 1, Input(AtLeast(100), 50m) with { Code = "I1" }) { Judgement = onI1 },
        new ScoringIndicator("I2", 1, Input(AtLeast(100), 100m) with { Code = "I2" }),
    ], []);

    [Fact]
    public void Without_a_judgement_the_node_is_the_mean()
    {
        var node = TreeScorer.Score(Tree(null), ScoringPolicy.Default, ScoringView.Actuals);
        Assert.Equal(75m, node.Score);
        Assert.Null(node.Indicators[0].Judgement);
    }

    [Theory]
    [InlineData(MissingRule.Exclude)]
    [InlineData(MissingRule.Zero)]
    public void Not_assessable_is_excluded_and_the_rest_reweighted_under_any_missing_rule(MissingRule missing)
    {
        var judgement = new ScoreJudgement(JudgementKind.NotAssessable, null, "sistema informativo non disponibile");
        var node = TreeScorer.Score(Tree(judgement), ScoringPolicy.Default with { Missing = missing }, ScoringView.Actuals);
        Assert.Equal(100m, node.Score);
        var i1 = node.Indicators[0];
        Assert.Null(i1.Score);
        Assert.Equal(50m, i1.ComputedScore);
        Assert.Same(judgement, i1.Judgement);
        Assert.Contains("sistema informativo non disponibile", i1.MissingReason);
        Assert.True(node.RollUp.Contributions.Single(c => c.Code == "I1").Excluded);
    }

    [Fact]
    public void A_forced_score_replaces_the_computed_one_and_keeps_the_figures()
    {
        var judgement = new ScoreJudgement(JudgementKind.ForcedScore, 80m, "dato certificato dall'ente terzo");
        var node = TreeScorer.Score(Tree(judgement), ScoringPolicy.Default, ScoringView.Actuals with { Explain = false });
        Assert.Equal(90m, node.Score);
        var i1 = node.Indicators[0];
        Assert.Equal(80m, i1.Score);
        Assert.Equal(50m, i1.ComputedScore);
        Assert.Equal(50m, i1.Evaluation!.Actual);
        Assert.Equal(50m, i1.Evaluation.Achievement);
        Assert.Equal(ScoreStatus.Red, i1.Evaluation.Status);
        Assert.Empty(i1.Evaluation.Explanation.Steps); // not asked for: not built
    }

    [Fact]
    public void The_explanation_ends_with_the_forzatura_step_from_the_computed_to_the_forced_score()
    {
        var indicator = new ScoringIndicator("I1", 1, Input(AtLeast(100), 50m) with { Code = "I1" })
        {
            Judgement = new ScoreJudgement(JudgementKind.ForcedScore, 95m, "motivo"),
        };
        var scored = Judgements.Score(indicator, ScoringPolicy.Default, ScoringView.Actuals);
        var step = scored.Evaluation!.Explanation.Steps[^1];
        Assert.Equal(Judgements.Step, step.Step);
        Assert.Equal(95m, step.Value);
        Assert.Equal(50m, step.Before);
        Assert.Contains("motivo", step.Description);
        Assert.Equal(ExplanationSteps.Target, scored.Evaluation.Explanation.Steps[0].Step);
        Assert.Equal(ScoreStatus.Yellow, scored.Evaluation.Status);
    }

    [Fact]
    public void A_forced_score_needs_no_consuntivo()
    {
        var indicator = new ScoringIndicator("I1", 2, null, "No target for 2024.") { Judgement = new ScoreJudgement(JudgementKind.ForcedScore, 100m, "m") };
        var scored = Judgements.Score(indicator, ScoringPolicy.Default, ScoringView.Actuals);
        Assert.Equal(100m, scored.Score);
        Assert.Null(scored.ComputedScore);
        Assert.Equal(ScoreStatus.Green, scored.Evaluation!.Status);
        Assert.Equal(Judgements.Step, Assert.Single(scored.Evaluation.Explanation.Steps).Step);
    }

    [Fact]
    public void The_texts_of_a_forzatura_name_the_OIV_the_reason_and_the_indicator()
    {
        var notAssessable = new ScoringIndicator("I1", 1, Input(AtLeast(100), 50m)) { Judgement = new(JudgementKind.NotAssessable, null, "dati assenti") };
        Assert.Equal("Not assessable (forzatura approved by the OIV): dati assenti",
            Judgements.Score(notAssessable, ScoringPolicy.Default, ScoringView.Actuals).MissingReason);

        var forced = new ScoringIndicator("I9", 1, null) { Judgement = new(JudgementKind.ForcedScore, 80m, "caso eccezionale") };
        var explanation = Judgements.Score(forced, ScoringPolicy.Default, ScoringView.Actuals).Evaluation!.Explanation;
        Assert.Equal("I9", explanation.IndicatorCode);
        Assert.Equal("Score forced by a forzatura approved by the OIV (caso eccezionale); the score computed from the consuntivi is none.",
            Assert.Single(explanation.Steps).Description);
    }

    [Fact]
    public void Missing_arguments_are_named()
    {
        var input = Input(AtLeast(100), 50m);
        Assert.Equal("indicator", Assert.Throws<ArgumentNullException>(() => Judgements.Score(null!, ScoringPolicy.Default, ScoringView.Actuals)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => IndicatorScorer.Evaluate(null!, ScoringPolicy.Default, ScoringView.Actuals)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => IndicatorScorer.Evaluate(input, null!, ScoringView.Actuals)).ParamName);
        Assert.Equal("view", Assert.Throws<ArgumentNullException>(() => IndicatorScorer.Evaluate(input, ScoringPolicy.Default, (ScoringView)null!)).ParamName);
    }

    [Fact]
    public void A_judgement_that_cannot_apply_is_refused_with_its_reason()
    {
        var plain = new ScoringIndicator("I1", 1, Input(AtLeast(100), 50m));
        var none = Assert.Throws<ArgumentException>(() => Judgements.Score(plain, ScoringPolicy.Default, ScoringView.Actuals));
        Assert.Equal(("indicator", true), (none.ParamName, none.Message.StartsWith("The indicator has no judgement.", StringComparison.Ordinal)));
        var forcedWithout = plain with { Judgement = new ScoreJudgement(JudgementKind.ForcedScore, null, "motivo") };
        var noScore = Assert.Throws<ArgumentException>(() => Judgements.Score(forcedWithout, ScoringPolicy.Default, ScoringView.Actuals));
        Assert.Equal(("indicator", true), (noScore.ParamName, noScore.Message.StartsWith("A forced score needs its score.", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_milestone_has_no_numeric_met()
    {
        // Met of a milestone comes from its Done flag, never from a number: asking for one is a caller's error.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorScorer.IsMet(Milestone(), 1m));
        Assert.StartsWith("not a numeric operator", e.Message);
    }
}
