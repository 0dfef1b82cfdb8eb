using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// What shape of target a plan states. Numeric: a comparison with a number ("almeno 2 bandi"); Range: between two
/// numbers; Milestone: something to be done ("Realizzazione del progetto"); Deadline: done by a date; NoTarget: no
/// target this year (monitored, never scored); Relative: a change against a reference year or the baseline, resolved
/// to a number only when the reference value is known; Schedule: one target per year in one cell.
/// </summary>
public enum TargetKind { Numeric, Range, Milestone, Deadline, NoTarget, Relative, Schedule }

/// <summary>
/// The comparison a target asks for: AtLeast, MoreThan, AtMost, LessThan, Equal, Between (inclusive bounds); Done is a
/// qualitative milestone; None is for targets that compare with nothing by themselves (no target, a schedule).
/// </summary>
public enum TargetOperator { AtLeast, MoreThan, AtMost, LessThan, Equal, Between, Done, None }

/// <summary>Units a target can be written in. New members go at the end: stored values keep their numbers.</summary>
public enum TargetUnit { Percent, Days, Euro, Hours, Count, None, PerMille, Minutes, Weeks, Months }

/// <summary>Which direction is good for an indicator; needed to read a bare number like "10,00".</summary>
public enum Polarity { HigherIsBetter, LowerIsBetter, Milestone }

/// <summary>
/// A target as written in a plan, parsed into a typed form (docs/targets.md). Text keeps the original words.
/// Value is set for Numeric (with DueDate too when the value must be reached by a date: "100% entro il 30/06");
/// Lower/Upper for Range; DueDate for Deadline; Change and Reference for Relative; ByYear for Schedule.
/// UnitLabel keeps the unit as written ("%", "gg", "bandi", "giorni lavorativi").
/// BaselineYear is set for targets relative to a baseline year ("(costi anno corrente/costi anno 2011)*100 ≤ 100%").
/// </summary>
/// <param name="Kind">The shape of the target: Numeric, Range, Milestone, Deadline, NoTarget (none this year: monitored, never scored), Relative or Schedule.</param>
/// <param name="Operator">The comparison asked: AtLeast, MoreThan, AtMost, LessThan, Equal, Between (a range), Done (a milestone or deadline) or None (no target, a schedule).</param>
/// <param name="Value">The number of a Numeric target, in its unit (a percentage as 0–100: 80 for 80%); null for the other kinds.</param>
/// <param name="Lower">The lower bound of a Range (included); else null.</param>
/// <param name="Upper">The upper bound of a Range (included); else null.</param>
/// <param name="Unit">The unit the number is written in (Percent, PerMille, Days, Hours, Minutes, Weeks, Months, Euro, Count, None); for a Relative target, the unit of an absolute change.</param>
/// <param name="UnitLabel">The unit as written (<c>%</c>, <c>gg lavorativi</c>, <c>bandi</c>, <c>incontri al mese</c>); null when none.</param>
/// <param name="DueDate">A Deadline's date (yyyy-MM-dd); on a Numeric or Range target, the date by which the value must be reached; else null.</param>
/// <param name="Text">The text as written, trimmed (for a schedule's entry, that year's words).</param>
/// <param name="BaselineYear">For a ratio formula written before the comparison (<c>(costi anno corrente/costi anno 2011)*100 ≤ 100%</c>): the year in its denominator, 2011; else null.</param>
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

    /// <summary>For a Relative target: how much, in which unit and which way the figure must move; else null.</summary>
    public TargetChange? Change { get; init; }

    /// <summary>For a Relative target: what the change is measured against (a year, or the baseline); else null.</summary>
    public TargetReference? Reference { get; init; }

    /// <summary>For a Schedule: the target of each year (keyed by year), parsed with that year; else null.</summary>
    public IReadOnlyDictionary<int, ParsedTarget>? ByYear { get; init; }

    /// <summary>What the reader assumed on the way (operator from polarity, unit guessed, …); empty when nothing.</summary>
    public IReadOnlyList<TargetWarning> Warnings { get; init; } = ValueList<TargetWarning>.Empty;

    /// <summary>The target that applies in a year: a schedule's entry for it (null when the schedule has none), else this target.</summary>
    public ParsedTarget? ForYear(int year) =>
        Kind != TargetKind.Schedule ? this : ByYear is { } years && years.TryGetValue(year, out var t) ? t : null;
}

/// <summary>
/// A target text that cannot be read. <see cref="Position"/> is 0-based into the original text; the message counts
/// from 1, like an editor's column, as people read it (docs/targets.md: "&gt;= abc": expected a number at position 4).
/// </summary>
public sealed class TargetParseException(string text, int position, string expected)
    : Exception(Say.It($"\"{text}\": alla posizione {position + 1} serve {expected}", $"\"{text}\": expected {expected} at position {position + 1}"))
{
    public string Text { get; } = text;
    public int Position { get; } = position;
    public string Expected { get; } = expected;
}
