using Performance.Domain.Projects;
using Performance.Domain.Tests.Data;

namespace Performance.Domain.Tests.Projects;

/// <summary>
/// The 181 INPS 2024 performance projects, rebuilt from the reference JSON (Relazione INPS 2024, «Stato di avanzamento dei progetti…»).
/// The report gives, per sub-area, the project count by type and the mean realization, and overall 159 projects at
/// 100% of their year KPIs and 22 delayed. It does not list the projects. So the KPI figures of the 22 delayed
/// projects below are ours: small fractions chosen so that every sub-area mean rounds (half away from zero) to the
/// printed value; all other projects are 4 of 4 KPIs. Which type the delayed projects have is not reported either:
/// they are put on the sub-area's last projects (No PES first), so only the counts by type are the report's.
/// </summary>
internal static class InpsProjects2024
{
    // Sub-area code → (KPIs achieved, KPIs due) of its delayed projects.
    private static readonly Dictionary<string, (int Achieved, int Due)[]> Delayed = new()
    {
        ["VS.1"] = [(2, 7), (4, 9), (1, 2), (3, 5), (3, 4)],  // 81,3919 → 81,39
        ["VS.2"] = [(5, 7)],                                  // 96,8254 → 96,83
        ["VI.1"] = [(3, 5), (3, 4)],                          // 95,00
        ["VI.2"] = [(1, 2), (2, 3), (3, 4), (4, 5), (4, 5)],  // 94,2949 → 94,29
        ["VI.3"] = [(5, 6), (6, 7)],                          // 98,6542 → 98,65
        ["VE.3"] = [(1, 2), (4, 5), (4, 5)],                  // 95,00
        ["VEC.3"] = [(3, 5)],                                 // 90,00
        ["VO.2"] = [(2, 3), (2, 3), (2, 3)],                  // 92,3077 → 92,31
    };

    public static IReadOnlyList<ProjectInput> Build()
    {
        var projects = new List<ProjectInput>();
        foreach (var area in InpsReference.Areas)
        {
            var areaCode = area.Str("code");
            foreach (var sub in area.GetProperty("subAreas").EnumerateArray())
            {
                var subCode = sub.Str("code");
                var p = sub.GetProperty("projects");
                var types = Enumerable.Repeat(ProjectType.PesStrategico, p.Int("pesStrategico"))
                    .Concat(Enumerable.Repeat(ProjectType.PesIstituzionale, p.Int("pesIstituzionale")))
                    .Concat(Enumerable.Repeat(ProjectType.NoPes, p.Int("noPes")))
                    .ToList();
                var delayed = Delayed.GetValueOrDefault(subCode, []);
                var firstDelayed = types.Count - delayed.Length;
                for (var i = 0; i < types.Count; i++)
                {
                    var (achieved, due) = i >= firstDelayed ? delayed[i - firstDelayed] : (4, 4);
                    projects.Add(new ProjectInput($"{subCode}-{i + 1:D2}", areaCode, subCode, types[i], due, achieved));
                }
            }
        }
        return projects;
    }
}
