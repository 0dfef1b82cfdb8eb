namespace Performance.Domain.Plans;

public enum PlanStatus { Draft, Adopted, Closed }

/// <summary>Levels of the albero della performance; a default, not a cage (any node may carry indicators).</summary>
public enum NodeKind { Mission, StrategicArea, StrategicObjective, OperationalObjective, Action, Project }

public enum StructureKind { Central, Territorial }

public enum IndicatorType { Outcome, Impatto, Strategico, Operativo, Efficacia, Efficienza, Qualita, Output }

public enum Frequency { Monthly, Quarterly, FourMonthly, Semiannual, Annual }

public enum GuidelineKind { OGE, OSP }

public enum ProjectType { PesStrategico, PesIstituzionale, NoPes }

/// <summary>Consuntivo lifecycle (DOMAIN.md §7): draft → submitted → validated, or returned with a reason.</summary>
public enum ActualStatus { Draft, Submitted, Validated, Returned }
