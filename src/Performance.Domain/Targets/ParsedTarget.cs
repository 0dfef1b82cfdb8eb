namespace Performance.Domain.Targets;

/// <summary>What shape of target a plan states.</summary>
public enum TargetKind { Numeric, Range, Milestone, Deadline }

/// <summary>The comparison a target asks for; <see cref="Done"/> is a qualitative milestone.</summary>
public enum TargetOperator { AtLeast, MoreThan, AtMost, LessThan, Equal, Between, Done }

public enum TargetUnit { Percent, Days, Euro, Hours, Count, None }

/// <summary>Which direction is good for an indicator; needed to read a bare number like "10,00".</summary>
public enum Polarity { HigherIsBetter, LowerIsBetter, Milestone }

/// <summary>
/// A target as written in a plan, parsed into a typed form. <see cref="Text"/> keeps the original words.
/// Value is set for Numeric; Lower/Upper for Range; DueDate for Deadline.
/// UnitLabel keeps the unit as written ("%", "gg", "bandi", "giorni lavorativi").
/// BaselineYear is set for targets relative to a baseline year ("(costi anno corrente/costi anno 2011)*100 &lt;= 100%").
/// </summary>
public sealed record ParsedTarget(
    TargetKind Kind,
    TargetOperator Operator,
    decimal? Value,
    decimal? Lower,
    decimal? Upper,
    TargetUnit Unit,
    string? UnitLabel,
    DateOnly? DueDate,
    string Text,
    int? BaselineYear = null)
{
    /// <summary>The formula written before the comparison in a baseline-relative target, e.g. "(costi anno corrente/costi anno 2011)*100".</summary>
    public string? Formula { get; init; }

    /// <summary>True when the operator came from the indicator's polarity (a bare number like "10,00"), not from the text.</summary>
    public bool OperatorInferred { get; init; }
}

/// <summary>
/// A target text that cannot be read. <see cref="Position"/> is 0-based into the original text; the message counts
/// from 1, like an editor's column, as people read it (docs/targets.md: "&gt;= abc": expected a number at position 4).
/// </summary>
public sealed class TargetParseException(string text, int position, string expected)
    : Exception($"\"{text}\": expected {expected} at position {position + 1}")
{
    public string Text { get; } = text;
    public int Position { get; } = position;
    public string Expected { get; } = expected;
}
