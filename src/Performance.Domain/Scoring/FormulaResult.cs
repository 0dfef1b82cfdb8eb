namespace Performance.Domain.Scoring;

/// <summary>An achievement with the formula used, in symbols and with its numbers.</summary>
public sealed record FormulaResult(decimal Value, string Formula, string Calculation);
