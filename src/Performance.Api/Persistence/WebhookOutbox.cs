using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

/// <summary>
/// Writes webhook events into the outbox of the unit of work that makes the change: the event and its deliveries are
/// saved with the change or not at all (a rolled-back change announces nothing). The body is fixed here, once, so every
/// retry sends (and signs) the same bytes with the same event id.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON every endpoint receives (README, "Webhooks").</summary>
    public sealed record Envelope(Guid Id, string Type, DateTimeOffset OccurredAt, string Organization, EnvelopePlan? Plan, object Payload);

    public sealed record EnvelopePlan(Guid Id, string Code);

    /// <summary>Adds the event to <paramref name="db"/>; <see cref="FanOutAsync"/> gives it a delivery per endpoint when the context saves.</summary>
    public static WebhookEvent Record(PerformanceDbContext db, DateTime now, string type, Plan plan, object payload, string? key = null)
    {
        var id = Guid.NewGuid();
        var envelope = new Envelope(id, type, new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)), plan.Organization.Code,
            new EnvelopePlan(plan.Id, plan.Code), payload);
        var record = new WebhookEvent
        {
            Id = id, Type = type, Organization = plan.Organization.Code, PlanId = plan.Id, OccurredAt = now, Key = key,
            Body = JsonSerializer.Serialize(envelope, Json),
        };
        db.Set<WebhookEvent>().Add(record);
        db.OutboxEvents.Add(record);
        return record;
    }

    /// <summary>
    /// Called by the context before it saves: each new event gets one pending delivery per live endpoint of its organization
    /// that subscribed to its type; an event no endpoint wants is not stored at all.
    /// </summary>
    public static async Task FanOutAsync(PerformanceDbContext db, CancellationToken ct)
    {
        // A list kept by Record, not a scan of the change tracker: a save without events (a bulk import) pays nothing.
        if (db.OutboxEvents.Count == 0) return;
        var added = db.OutboxEvents.Where(e => db.Entry(e).State == EntityState.Added).ToList();
        db.OutboxEvents.Clear();
        if (added.Count == 0) return;
        var organizations = added.Select(e => e.Organization).Distinct().ToList();
        var subscriptions = (await db.Set<WebhookSubscription>().AsNoTracking()
                .Where(s => s.DeletedAt == null)
                .Join(db.Organizations.Where(o => organizations.Contains(o.Code)), s => s.OrganizationId, o => o.Id, (s, o) => new { o.Code, Subscription = s })
                .ToListAsync(ct))
            .ToLookup(x => x.Code, x => x.Subscription);
        foreach (var e in added)
        {
            var wanting = subscriptions[e.Organization].Where(s => s.Wants(e.Type)).ToList();
            if (wanting.Count == 0)
            {
                db.Entry(e).State = EntityState.Detached;
                continue;
            }
            db.Set<WebhookDelivery>().AddRange(wanting.Select(s => new WebhookDelivery
            {
                EventId = e.Id, SubscriptionId = s.Id, State = WebhookDeliveryState.Pending, NextAttemptAt = e.OccurredAt,
            }));
        }
    }
}
