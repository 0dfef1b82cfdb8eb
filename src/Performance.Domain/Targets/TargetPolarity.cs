namespace Performance.Domain.Targets;

/// <summary>When an indicator's polarity is absent it is taken from its target's operator (docs/model.md).</summary>
public static class TargetPolarity
{
    public static Polarity? From(ParsedTarget target) => target.Operator switch
    {
        TargetOperator.AtLeast or TargetOperator.MoreThan => Polarity.HigherIsBetter,
        TargetOperator.AtMost or TargetOperator.LessThan => Polarity.LowerIsBetter,
        TargetOperator.Done => Polarity.Milestone,
        _ => null,
    };
}
