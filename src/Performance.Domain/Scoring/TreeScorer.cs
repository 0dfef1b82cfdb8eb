namespace Performance.Domain.Scoring;

/// <summary>An indicator to score inside a tree, with its weight in the parent's roll-up. Input null = no target that year.</summary>
public sealed record ScoringIndicator(string Code, decimal Weight, IndicatorInput? Input, string? MissingReason = null)
{
    /// <summary>An approved forzatura: scored by <see cref="Judgements"/> instead of from the consuntivi alone.</summary>
    public ScoreJudgement? Judgement { get; init; }
}

/// <summary>A node of the tree to score: its weight in the parent, its own indicators and its child nodes.</summary>
public sealed record ScoringNode(string Code, decimal Weight, IReadOnlyList<ScoringIndicator> Indicators, IReadOnlyList<ScoringNode> Children);

public sealed record IndicatorScore(string Code, decimal Weight, IndicatorEvaluation? Evaluation, string? MissingReason)
{
    public decimal? Score => Evaluation?.Score;

    /// <summary>The approved forzatura applied, and the score the consuntivi alone gave (<see cref="Judgements"/>).</summary>
    public ScoreJudgement? Judgement { get; init; }
    public decimal? ComputedScore { get; init; }
}

/// <summary>
/// A scored node: the roll-up (each child's weight, score and contribution) plus the scored children.
/// Scorable is false when nothing below it (with weight) has a target: its parent then leaves it out even under
/// <see cref="MissingRule.Zero"/>.
/// </summary>
public sealed record NodeScore(
    string Code, decimal Weight, decimal? Score, ScoreStatus Status, RollUpResult RollUp,
    IReadOnlyList<IndicatorScore> Indicators, IReadOnlyList<NodeScore> Children)
{
    public bool Scorable { get; init; } = true;
}

/// <summary>
/// Scores a whole tree bottom-up: every indicator through <see cref="IndicatorScorer"/>, every node as the weighted mean
/// of its indicators' and child nodes' scores (<see cref="RollUp"/>), with the plan's missing-data rule. An indicator
/// without a target (Input null, or a target with nothing to compare) is reported with its reason and left out of the
/// roll-up under both missing-data rules: MissingRule.Zero counts as 0 only indicators that have a target and no figure.
/// </summary>
public static class TreeScorer
{
    public static NodeScore Score(ScoringNode root, ScoringPolicy policy, ScoringView view)
    {
        var indicators = new List<IndicatorScore>(root.Indicators.Count);
        var children = new List<NodeScore>(root.Children.Count);
        var weighted = new List<WeightedScore>(root.Indicators.Count + root.Children.Count);
        foreach (var i in root.Indicators)
        {
            var score = i.Judgement is not null ? Judgements.Score(i, policy, view)
                : new IndicatorScore(i.Code, i.Weight, i.Input is null ? null : IndicatorScorer.Evaluate(i.Input, policy, view), i.MissingReason);
            indicators.Add(score);
            weighted.Add(new WeightedScore(score.Code, score.Weight, score.Score, i.Input is not null && IndicatorScorer.HasTarget(i.Input.Target)));
        }
        foreach (var c in root.Children) children.Add(Score(c, policy, view));
        foreach (var c in children) weighted.Add(new WeightedScore(c.Code, c.Weight, c.Score, c.Scorable));
        var rollUp = RollUp.Compute(weighted, policy.Missing);
        var node = new NodeScore(root.Code, root.Weight, rollUp.Score, ScoreStatus.Grey, rollUp, indicators, children)
        {
            Scorable = weighted.Exists(w => w.Weight > 0 && w.Scorable),
        };
        var settled = ExactRollUp.Settle(node, rollUp.Score);
        return node with { Score = settled, Status = StatusOf(settled, policy) };
    }

    /// <summary>A node has no "met": green at full score, yellow within the policy's band below it, red under, grey when missing.</summary>
    public static ScoreStatus StatusOf(decimal? score, ScoringPolicy policy) => score switch
    {
        null => ScoreStatus.Grey,
        >= 100m => ScoreStatus.Green,
        { } s when s >= policy.YellowFrom => ScoreStatus.Yellow,
        _ => ScoreStatus.Red,
    };
}
