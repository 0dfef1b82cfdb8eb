namespace Performance.Domain.PublicValue;

/// <summary>Central structures are averaged simply; territorial ones by production volume (SMVP 2024 §4.4.4).</summary>
public enum StructureKind { Central, Territorial }
