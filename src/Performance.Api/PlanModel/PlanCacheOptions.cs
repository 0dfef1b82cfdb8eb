using Performance.Api.Infrastructure;

namespace Performance.Api.PlanModel;

/// <summary>The <c>PlanCache</c> section: how much memory the loaded plan trees (<see cref="PlanTreeCache"/>) may hold.</summary>
public sealed class PlanCacheOptions
{
    public const string Section = "PlanCache";

    /// <summary>
    /// Budget of the kept trees, in MiB, by their estimated size (<see cref="PlanTreeCache.EstimatedBytes"/>): the least
    /// recently read plan-years are dropped whole beyond it (the one just read is always kept). An INPS-scale plan-year
    /// (30,000 indicators, 360,000 consuntivi) is estimated at about 110 MiB.
    /// </summary>
    public double MemoryBudgetMiB { get; set; } = 256;

    public static IEnumerable<string> Problems(PlanCacheOptions o)
    {
        if (!(o.MemoryBudgetMiB > 0 && o.MemoryBudgetMiB <= 65_536))
            yield return $"{Section}:MemoryBudgetMiB must be more than 0 and at most 65536 (MiB).";
    }
}

public static class PlanCacheSetup
{
    public static IServiceCollection AddPlanTreeCache(this IServiceCollection services)
    {
        services.AddValidatedOptions<PlanCacheOptions>(PlanCacheOptions.Section, PlanCacheOptions.Problems);
        return services.AddSingleton<PlanTreeCache>();
    }
}
