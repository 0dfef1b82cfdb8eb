using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Monitoring;

/// <summary>
/// The scheduled pass that announces late consuntivi: for each plan of an organization with an endpoint subscribed to
/// consuntivo.overdue, what <see cref="ListDue"/> lists as overdue today becomes one event per indicator × structure ×
/// period × due date. The event's key is unique in the outbox and the pass runs under the plan's lock, so repeated passes,
/// restarts and several instances never announce the same one twice.
/// </summary>
public sealed class OverduePass(PerformanceDbContext db, IMediator mediator, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>Runs once; answers how many events were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var organizations = await db.Set<WebhookSubscription>().AsNoTracking()
            .Where(s => s.DeletedAt == null && s.Events.Contains(WebhookEventTypes.Overdue)).Select(s => s.OrganizationId).Distinct().ToListAsync(ct);
        if (organizations.Count == 0) return 0;
        var plans = await db.Plans.AsNoTracking().Where(p => organizations.Contains(p.OrganizationId)).Select(p => p.Id).ToListAsync(ct);
        var today = time.TodayInItaly();
        var oldest = today.AddDays(-options.Value.OverdueLookbackDays);
        var written = 0;
        foreach (var planId in plans)
        {
            var due = await mediator.Send(new ListDue(planId.ToString(), today), ct);
            var overdue = due.Structures.SelectMany(g => g.Items).Where(i => i.State == DueState.Overdue && i.DueDate >= oldest)
                .Select(i => (Item: i, Key: Key(planId, i))).ToList();
            if (overdue.Count == 0) continue;
            var plan = await db.FindPlanAsync(planId.ToString(), ct);

            await using var transaction = await db.BeginPlanWriteAsync(planId, ct, PlanWrite.NewConsuntivi);
            var known = (await db.Set<WebhookEvent>().Where(e => e.PlanId == planId && e.Type == WebhookEventTypes.Overdue && e.Key != null)
                .Select(e => e.Key!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var now = time.UtcNow();
            var events = overdue.Where(x => !known.Contains(x.Key)).Select(x => WebhookOutbox.Record(db, now, WebhookEventTypes.Overdue, plan, new
            {
                indicator = x.Item.Indicator, indicatorName = x.Item.Name, x.Item.Node, x.Item.Structure, x.Item.Responsible, x.Item.Frequency, x.Item.Year,
                period = x.Item.Period.Code, x.Item.PeriodEnd, x.Item.DueDate, x.Item.DaysLate,
            }, x.Key)).ToList();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            written += events.Count(e => db.Entry(e).State != EntityState.Detached);
            db.ChangeTracker.Clear();
        }
        return written;
    }

    public static string Key(Guid plan, DueItem item) =>
        $"overdue:{plan:N}:{item.Indicator}:{item.Structure}:{item.Year}:{item.Period.Code}:{item.DueDate:yyyy-MM-dd}";
}

/// <summary>Runs <see cref="OverduePass"/> at start and then every Webhooks:OverdueIntervalMinutes (0: never).</summary>
public sealed class OverdueScheduler(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider time, ILogger<OverdueScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = options.Value.OverdueIntervalMinutes;
        if (interval == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var written = await scope.ServiceProvider.GetRequiredService<OverduePass>().RunAsync(stoppingToken);
                if (written > 0) logger.LogInformation("Overdue pass: {Count} consuntivo.overdue event(s) written", written);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Overdue pass failed; the next one runs in {Minutes} min", interval);
            }
            try { await Task.Delay(TimeSpan.FromMinutes(interval), time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class OverdueRegistration
{
    public static IServiceCollection AddOverdueEvents(this IServiceCollection services, bool schedule)
    {
        services.AddScoped<OverduePass>();
        if (schedule) services.AddHostedService<OverdueScheduler>();
        return services;
    }
}
