namespace Performance.Domain.PublicValue;

/// <summary>A value area across the institute. A level is null when no structure of that level is included.</summary>
public sealed record AreaValue(string Code, decimal Weight, AreaLevelValue? Central, AreaLevelValue? Territorial, AreaLevelValue? Institute);
