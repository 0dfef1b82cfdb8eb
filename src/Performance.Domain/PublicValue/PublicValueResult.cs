namespace Performance.Domain.PublicValue;

/// <summary>
/// Valore Pubblico at every level. None of the values is capped at 100 (INPS 2024: 115,90 / 132,18 / 124,04).
/// A level is null when no structure of it could be included.
/// </summary>
public sealed record PublicValueResult(
    decimal? Institute,
    decimal? Central,
    decimal? Territorial,
    IReadOnlyList<StructureValue> Structures,
    IReadOnlyList<AreaValue> Areas,
    PublicValueExplanation Explanation);
