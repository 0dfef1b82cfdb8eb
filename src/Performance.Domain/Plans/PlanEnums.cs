namespace Performance.Domain.Plans;

public enum PlanStatus { Draft, Adopted, Closed }

/// <summary>Levels of the albero della performance; a default, not a cage (any node may carry indicators).</summary>
public enum NodeKind { Mission, StrategicArea, StrategicObjective, OperationalObjective, Action, Project }

public enum IndicatorType { Outcome, Impatto, Strategico, Operativo, Efficacia, Efficienza, Qualita, Output }

public enum Frequency { Monthly, Quarterly, FourMonthly, Semiannual, Annual }

/// <summary>Consuntivo lifecycle (docs/workflow.md): draft → submitted → validated, or returned with a reason.</summary>
public enum ActualStatus { Draft, Submitted, Validated, Returned }
