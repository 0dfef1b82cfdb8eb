namespace Performance.Domain.Targets;

/// <summary>Whether a change is a share of the reference ("+8%") or an amount in the indicator's unit ("ulteriori 300", "+5 punti percentuali").</summary>
public enum ChangeUnit { Percent, Absolute }

/// <summary>Which way a relative target moves the figure.</summary>
public enum ChangeDirection { Increase, Decrease, Maintain }

/// <summary>
/// The change a relative target asks for. Amount is null when the text names a direction but no size
/// ("incremento rispetto al 2023": any increase, so strictly more than the reference) and for Maintain.
/// </summary>
/// <param name="Amount">The size of the change: a % of the reference when Unit is Percent, else an amount in the indicator's unit; null when only a direction is given, and for Maintain.</param>
/// <param name="Unit">Percent (a share of the reference: "+8%") or Absolute (an amount in the indicator's unit: "ulteriori 300", "+5 punti percentuali").</param>
/// <param name="Direction">Increase, Decrease or Maintain.</param>
public sealed record TargetChange(decimal? Amount, ChangeUnit Unit, ChangeDirection Direction);

/// <summary>
/// What a relative target is measured against: the figure of <see cref="Year"/>, or the indicator's declared
/// baseline when <see cref="Baseline"/> (with Year when the text names the baseline's year: "baseline 2021").
/// </summary>
public sealed record TargetReference(int? Year, bool Baseline);
