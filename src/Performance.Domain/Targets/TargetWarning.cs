namespace Performance.Domain.Targets;

/// <summary>
/// Something the reader assumed while reading a target that it did not refuse. Code is stable (programs
/// branch on it); Message says it for people.
/// </summary>
/// <param name="Code">The stable code: OperatorInferred, UnitGuessed, MilestoneWithoutCue, Placeholder, MaintainAssumedHigherIsBetter or ChangeAgainstPolarity (docs/targets.md, Warnings).</param>
/// <param name="Message">What was assumed, in words (in the request's language).</param>
public sealed record TargetWarning(string Code, string Message);

/// <summary>The warning codes (docs/targets.md lists when each is given).</summary>
public static class TargetWarnings
{
    /// <summary>A bare number took its operator from the indicator's polarity.</summary>
    public const string OperatorInferred = nameof(OperatorInferred);

    /// <summary>The unit came from a label before the value ("Numero di giorni: 20-30"), not from the value itself.</summary>
    public const string UnitGuessed = nameof(UnitGuessed);

    /// <summary>A description with no milestone word (realizzazione, adozione, SI, …) was read as a milestone.</summary>
    public const string MilestoneWithoutCue = nameof(MilestoneWithoutCue);

    /// <summary>An unfilled template placeholder ("gg. …", "xx%") was read as no target.</summary>
    public const string Placeholder = nameof(Placeholder);

    /// <summary>"Mantenimento" without a polarity: kept at least the reference (higher is better assumed).</summary>
    public const string MaintainAssumedHigherIsBetter = nameof(MaintainAssumedHigherIsBetter);

    /// <summary>The change goes the way the indicator's polarity calls worse (an increase on a lower-is-better indicator).</summary>
    public const string ChangeAgainstPolarity = nameof(ChangeAgainstPolarity);
}
