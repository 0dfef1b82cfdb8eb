using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Scores;

/// <summary>
/// After a start, loads the trees the dashboards will ask for first, before they ask: for each plan, the year of its most
/// recently recorded consuntivo (the year its offices are working on), most recently active plans first, while they fit the
/// trees' memory budget without dropping one already loaded. On an INPS-scale plan the first score read after a restart
/// otherwise loads the tree and compiles the engine's code while the caller waits (about 7 s on the 2-core bench machine).
/// Reads that come meanwhile wait for the same build (<see cref="PlanTreeCache"/>) instead of starting their own. Plans
/// without consuntivi are left to their first read: nobody reads their scores yet.
/// </summary>
public sealed class PlanTreeWarmUp(IServiceScopeFactory scopes, PlanTreeCache trees, IOptions<PlanCacheOptions> options,
    IHostApplicationLifetime lifetime, ILogger<PlanTreeWarmUp> logger)
    : BackgroundService
{
    /// <summary>Loads the plan-years it chose; answers how many it kept.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var kept = 0;
        foreach (var (planId, year) in await MostRecentlyActiveAsync(db, ct))
        {
            // Deleted since it was listed, or a consuntivo of a year the plan no longer covers: nothing to load.
            if (await db.Plans.Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == planId, ct) is not { } plan || !plan.CoversYear(year)) continue;
            var tree = await trees.PreloadAsync(db, plan, year, ct);
            if (tree is null) break; // the budget is full: the rest wait for their first read
            // Once: the engine's, the scorecard's and its serializer's code is compiled by a whole read, not by a load.
            if (kept++ == 0) await ReadScorecardAsync(scope.ServiceProvider, plan.Id, year, ct);
        }
        return kept;
    }

    private static async Task ReadScorecardAsync(IServiceProvider services, Guid plan, int year, CancellationToken ct)
    {
        var scorecard = await services.GetRequiredService<IMediator>().Send(new GetScorecard(plan.ToString(), new ScoreQuery(year)), ct);
        // Serialized as a score read's answer is (ScoreETags), then dropped: only its code is wanted.
        AnswerBody.Serialize(scorecard, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
    }

    /// <summary>Each plan with consuntivi and the year of its latest one, the plan whose latest consuntivo is newest first.</summary>
    private static async Task<List<(Guid Plan, int Year)>> MostRecentlyActiveAsync(PerformanceDbContext db, CancellationToken ct)
    {
        var latest = new List<(Guid Plan, int Year, DateTime At)>();
        foreach (var planId in await db.Plans.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            var last = await db.Actuals.AsNoTracking()
                .Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == planId))
                .OrderByDescending(a => a.RecordedAt).Select(a => new { a.Year, a.RecordedAt }).FirstOrDefaultAsync(ct);
            if (last is not null) latest.Add((planId, last.Year, last.RecordedAt));
        }
        return latest.OrderByDescending(l => l.At).Select(l => (l.Plan, l.Year)).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the server listens: a start is not held up, and a read that comes first simply shares the load.
        if (!options.Value.WarmUpOnStart || !await Started(stoppingToken)) return;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var kept = await RunAsync(stoppingToken);
            logger.LogInformation("Plan trees loaded ahead of their first read: {Count} in {Ms:F0} ms", kept,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            // Only a head start is lost: every read loads what it needs.
            logger.LogWarning(e, "Loading plan trees ahead of their first read failed; they load on first read");
        }
    }

    private async Task<bool> Started(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}

public static class PlanTreeWarmUpRegistration
{
    /// <param name="warmUp">Whether this process serves reads (not when it only writes the OpenAPI document at build time); the
    /// setting <see cref="PlanCacheOptions.WarmUpOnStart"/> decides then.</param>
    public static IServiceCollection AddPlanTreeWarmUp(this IServiceCollection services, bool warmUp)
    {
        services.AddSingleton<PlanTreeWarmUp>();
        return warmUp ? services.AddHostedService(s => s.GetRequiredService<PlanTreeWarmUp>()) : services;
    }
}
