namespace Performance.Domain.Projects;

/// <summary>
/// INPS project kinds (002:L1284-1288): PES strategici implement the LGG; PES istituzionali are ordinary service
/// evolution; No PES are the other performance projects.
/// </summary>
public enum ProjectType { PesStrategico, PesIstituzionale, NoPes }
