using Performance.Api.Infrastructure;

namespace Performance.Api.PlanModel;

/// <summary>The <c>PlanCache</c> section: how much memory the loaded plan trees (<see cref="PlanTreeCache"/>) and the kept score
/// answers (<see cref="ScoreAnswerCache"/>) may hold.</summary>
public sealed class PlanCacheOptions
{
    public const string Section = "PlanCache";

    /// <summary>
    /// Budget of the kept trees, in MiB, by their estimated size (<see cref="PlanTreeCache.EstimatedBytes"/>): the least
    /// recently read plan-years are dropped whole beyond it (the one just read is always kept). An INPS-scale plan-year
    /// (30,000 indicators, 360,000 consuntivi) is estimated at about 110 MiB.
    /// </summary>
    public double MemoryBudgetMiB { get; set; } = 256;

    /// <summary>
    /// Budget of the kept score answers (<see cref="ScoreAnswerCache"/>), in MiB of serialized JSON: the last answer of each
    /// score read, sent again while the plan has not changed. An INPS-scale scorecard is about 15 MiB.
    /// </summary>
    public double AnswerBudgetMiB { get; set; } = 64;

    /// <summary>
    /// Load, after a start, the trees the first reads will need (Features/Scores/PlanTreeWarmUp): each plan's year of its latest
    /// consuntivo, while they fit <see cref="MemoryBudgetMiB"/>. Off: every tree loads on its first read.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;

    public static IEnumerable<string> Problems(PlanCacheOptions o)
    {
        if (!(o.MemoryBudgetMiB > 0 && o.MemoryBudgetMiB <= 65_536))
            yield return $"{Section}:MemoryBudgetMiB must be more than 0 and at most 65536 (MiB).";
        if (!(o.AnswerBudgetMiB >= 0 && o.AnswerBudgetMiB <= 65_536))
            yield return $"{Section}:AnswerBudgetMiB must be between 0 (keep no answers) and 65536 (MiB).";
    }
}

public static class PlanCacheSetup
{
    public static IServiceCollection AddPlanTreeCache(this IServiceCollection services)
    {
        services.AddValidatedOptions<PlanCacheOptions>(PlanCacheOptions.Section, PlanCacheOptions.Problems);
        services.AddSingleton<ScoreAnswerCache>();
        return services.AddSingleton<PlanTreeCache>();
    }
}
