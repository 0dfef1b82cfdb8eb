namespace Performance.Domain.Guidelines;

/// <summary>
/// OGE: obiettivo generale di ente (art. 5 D.Lgs. 150/2009), scored on projects and indicators.
/// OSP: obiettivo specifico ("SP" in the INPS Allegato 1), reported by attuazione only.
/// </summary>
public enum GuidelineKind { OGE, OSP }
