using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>Builders for parsed targets and inputs: the parser is not needed to test the engine.</summary>
internal static class Targets
{
    public static ParsedTarget AtLeast(decimal v, TargetUnit unit = TargetUnit.Percent, string? text = null) =>
        Numeric(TargetOperator.AtLeast, v, unit, text ?? $">= {v}");

    public static ParsedTarget MoreThan(decimal v, TargetUnit unit = TargetUnit.Count) =>
        Numeric(TargetOperator.MoreThan, v, unit, $"> {v}");

    public static ParsedTarget AtMost(decimal v, TargetUnit unit = TargetUnit.Days) =>
        Numeric(TargetOperator.AtMost, v, unit, $"<= {v}");

    public static ParsedTarget LessThan(decimal v, TargetUnit unit = TargetUnit.Percent) =>
        Numeric(TargetOperator.LessThan, v, unit, $"< {v}");

    public static ParsedTarget Exactly(decimal v, TargetUnit unit = TargetUnit.Percent) =>
        Numeric(TargetOperator.Equal, v, unit, $"= {v}");

    public static ParsedTarget Between(decimal? l, decimal? u, TargetUnit unit = TargetUnit.Percent) =>
        new(TargetKind.Range, TargetOperator.Between, null, l, u, unit, "%", null, $"tra {l} e {u}");

    public static ParsedTarget Milestone() =>
        new(TargetKind.Milestone, TargetOperator.Done, null, null, null, TargetUnit.None, null, null, "SI");

    public static ParsedTarget Deadline(DateOnly due) =>
        new(TargetKind.Deadline, TargetOperator.Done, null, null, null, TargetUnit.None, null, due, $"entro il {due:dd/MM/yyyy}");

    private static ParsedTarget Numeric(TargetOperator op, decimal v, TargetUnit unit, string text) =>
        new(TargetKind.Numeric, op, v, null, null, unit, null, null, text);

    public static PeriodActual Y(decimal? value) => new(Period.Annual, value);

    public static PeriodActual At(string period, decimal? value, int revision = 1) =>
        new(Period.Parse(period), value, Revision: revision);

    public static PeriodActual Rate(string period, decimal num, decimal den) =>
        new(Period.Parse(period), num / den * 100m, Numerator: num, Denominator: den);

    public static IndicatorInput Input(
        ParsedTarget target, decimal? actual, Polarity? polarity = null, decimal? cap = null,
        LowerIsBetterFormula? formula = null) =>
        new("I1", target, polarity ?? PolarityOf(target), Aggregation.Last,
            actual is null ? [] : [Y(actual)], cap, formula, 2024);

    public static IndicatorInput Input(ParsedTarget target, Aggregation rule, params PeriodActual[] actuals) =>
        new("I1", target, PolarityOf(target), rule, actuals, Year: 2024);

    public static IndicatorEvaluation Score(ParsedTarget target, decimal actual, ScoringPolicy? policy = null) =>
        IndicatorScorer.Evaluate(Input(target, actual), policy ?? ScoringPolicy.Default);

    private static Polarity PolarityOf(ParsedTarget t) => t.Operator switch
    {
        TargetOperator.AtMost or TargetOperator.LessThan => Polarity.LowerIsBetter,
        TargetOperator.Done => Polarity.Milestone,
        _ => Polarity.HigherIsBetter,
    };

    public static readonly ScoringPolicy Uncapped = new() { Cap = null };
}
