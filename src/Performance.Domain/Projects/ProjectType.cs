namespace Performance.Domain.Projects;

/// <summary>
/// INPS project kinds (Relazione INPS 2024, the PES projects of 2024): PES strategici implement the LGG; PES istituzionali are ordinary service
/// evolution; No PES are the other performance projects.
/// </summary>
public enum ProjectType { PesStrategico, PesIstituzionale, NoPes }
