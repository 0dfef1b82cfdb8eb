namespace Performance.Domain.Projects;

/// <summary>Project counts by type, as the INPS tables show them next to each realization (Relazione INPS 2024, «Stato di avanzamento dei progetti valutati ai fini della performance»).</summary>
/// <param name="PesStrategico">PES strategici: the projects implementing the Linee Guida Gestionali.</param>
/// <param name="PesIstituzionale">PES istituzionali: ordinary service evolution.</param>
/// <param name="NoPes">The other performance projects (No PES).</param>
public sealed record ProjectTypeCounts(int PesStrategico, int PesIstituzionale, int NoPes)
{
    /// <summary>All the projects counted: the sum of the three.</summary>
    public int Total => PesStrategico + PesIstituzionale + NoPes;

    internal static ProjectTypeCounts Of(IEnumerable<ProjectInput> projects)
    {
        int s = 0, i = 0, n = 0;
        foreach (var p in projects)
        {
            switch (p.Type)
            {
                case ProjectType.PesStrategico: s++; break;
                case ProjectType.PesIstituzionale: i++; break;
                default: n++; break;
            }
        }
        return new ProjectTypeCounts(s, i, n);
    }
}
