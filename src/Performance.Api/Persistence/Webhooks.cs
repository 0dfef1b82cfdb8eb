using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

// Webhooks (README, "Webhooks"): an organization's endpoints, the outbox of events and one delivery per event and endpoint,
// with every attempt kept as the delivery log. Events keep the plan's id and code as values, not as a reference: a plan
// replaced by a new import must not take undelivered events with it.

/// <summary>An endpoint an Admin registered for an organization. The secret signs each body; it is never answered back.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required Guid OrganizationId { get; init; }
    public required string Url { get; init; }
    /// <summary>The event types, space-separated (a short fixed vocabulary: <see cref="WebhookEventTypes"/>).</summary>
    public required string Events { get; init; }
    /// <summary>Encrypted (<c>Features/Webhooks/WebhookSecrets</c>): never the secret itself.</summary>
    public required string Secret { get; init; }
    public const int SecretLength = 1500;
    public string? Description { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool Wants(string type) => EventList.Contains(type, StringComparer.Ordinal);
}

/// <summary>An event in the outbox: written in the transaction of the change it reports, with its body as it will be sent.</summary>
public sealed class WebhookEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Type { get; init; }
    public required string Organization { get; init; }
    public Guid? PlanId { get; init; }
    public required DateTime OccurredAt { get; init; }
    /// <summary>Makes an event that a scheduled pass may find again (an overdue consuntivo) unique: the second insert fails.</summary>
    public string? Key { get; init; }
    /// <summary>The exact JSON sent (and signed) at every attempt.</summary>
    public required string Body { get; init; }
}

public enum WebhookDeliveryState { Pending, Delivered, Failed, Cancelled }

/// <summary>One event for one endpoint: claimed by one worker at a time (the lease), marked delivered only after a 2xx.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required Guid EventId { get; init; }
    public required Guid SubscriptionId { get; init; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public required DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One try of a delivery: what the endpoint answered, or why nothing came back.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required Guid DeliveryId { get; init; }
    public required int Number { get; init; }
    public required DateTime At { get; init; }
    public int? StatusCode { get; init; }
    public string? Error { get; init; }
    public required long DurationMs { get; init; }
}

/// <summary>The events an endpoint may subscribe to.</summary>
public static class WebhookEventTypes
{
    public const string Submitted = "consuntivo.submitted";
    public const string Returned = "consuntivo.returned";
    public const string Validated = "consuntivo.validated";
    public const string Overdue = "consuntivo.overdue";
    public const string PeriodClosed = "period.closed";
    public const string YearValidated = "year.validated";

    public static readonly string[] All = [Submitted, Returned, Validated, Overdue, PeriodClosed, YearValidated];
}

sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("WebhookSubscriptions");
        b.Property(x => x.Url).HasMaxLength(2000);
        b.Property(x => x.Events).HasMaxLength(400);
        // Room for a 256-character secret encrypted: up to 768 UTF-8 bytes, with nonce and tag, in base64 (1,080 characters).
        b.Property(x => x.Secret).HasMaxLength(WebhookSubscription.SecretLength);
        b.Property(x => x.Description).HasMaxLength(400);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.DeletedBy).HasMaxLength(200);
        b.Ignore(x => x.EventList);
        b.HasIndex(x => x.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> b)
    {
        b.ToTable("WebhookEvents");
        b.Property(x => x.Type).HasMaxLength(64);
        b.Property(x => x.Organization).HasMaxLength(64);
        b.Property(x => x.Key).HasMaxLength(400);
        // Bounded by the texts it carries, JSON-escaped (up to six characters each): no fixed length fits them.
        b.Property(x => x.Body).Metadata.SetMaxLength(null);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.PlanId, x.Type });
    }
}

sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.Property(x => x.LeaseOwner).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.HasIndex(x => new { x.SubscriptionId, x.EventId }).IsUnique();
        b.HasIndex(x => x.EventId);
        b.HasOne<WebhookEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("WebhookAttempts");
        b.Property(x => x.Error).HasMaxLength(1000);
        b.HasIndex(x => new { x.DeliveryId, x.Number });
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
