namespace Performance.Domain.Scoring;

/// <summary>
/// How an indicator's period actuals make up the year: flows are summed, stocks and cumulative values take the last
/// period, rates entered as numerator/denominator are recomputed from the sums (percentages are never averaged).
/// </summary>
public enum Aggregation { Sum, Average, Last, RatioOfSums }
