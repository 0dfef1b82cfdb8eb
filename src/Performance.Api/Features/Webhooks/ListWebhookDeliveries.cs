using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;

namespace Performance.Api.Features.Webhooks;

/// <summary>
/// The delivery log of one endpoint, newest events first: each event's delivery state, every attempt with the status
/// code or the error, and when the next attempt is due.
/// </summary>
public sealed record ListWebhookDeliveries(string Organization, Guid Webhook, WebhookDeliveryState? State, int? Take) : IRequest<WebhookDeliveriesResponse>;

public sealed record WebhookAttemptResponse(int Number, DateTime At, int? StatusCode, string? Error, long DurationMs);

/// <param name="NextAttemptAt">When a pending delivery is tried next.</param>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string Type, DateTime OccurredAt, WebhookDeliveryState State, int Attempts, DateTime? NextAttemptAt, DateTime? DeliveredAt,
    int? LastStatusCode, string? LastError, IReadOnlyList<WebhookAttemptResponse> AttemptLog);

public sealed record WebhookDeliveriesResponse(Guid Webhook, string Url, int Total, IReadOnlyList<WebhookDeliveryResponse> Deliveries);

public sealed class ListWebhookDeliveriesHandler(PerformanceDbContext db, AccessScope scope) : IRequestHandler<ListWebhookDeliveries, WebhookDeliveriesResponse>
{
    public const int MaxTake = 500;

    public async Task<WebhookDeliveriesResponse> Handle(ListWebhookDeliveries request, CancellationToken ct)
    {
        var organization = await db.FindOrganizationAsync(scope, request.Organization, ct);
        var webhook = await db.FindWebhookAsync(organization, request.Webhook, ct);
        if (request.Take is { } t && t is < 1 or > MaxTake) throw RequestValidationException.For("take", $"take must be between 1 and {MaxTake}.");

        var deliveries = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == webhook.Id);
        if (request.State is { } state) deliveries = deliveries.Where(d => d.State == state);
        var total = await deliveries.CountAsync(ct);
        var rows = await deliveries.Join(db.Set<WebhookEvent>(), d => d.EventId, e => e.Id, (d, e) => new { Delivery = d, e.Type, e.OccurredAt })
            .OrderByDescending(x => x.OccurredAt).ThenBy(x => x.Delivery.Id).Take(request.Take ?? 100).ToListAsync(ct);
        var ids = rows.Select(r => r.Delivery.Id).ToList();
        var attempts = (await db.Set<WebhookAttempt>().AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct)).ToLookup(a => a.DeliveryId);

        return new WebhookDeliveriesResponse(webhook.Id, webhook.Url, total, rows.Select(r => new WebhookDeliveryResponse(
            r.Delivery.Id, r.Delivery.EventId, r.Type, r.OccurredAt, r.Delivery.State, r.Delivery.Attempts,
            r.Delivery.State == WebhookDeliveryState.Pending ? r.Delivery.NextAttemptAt : null, r.Delivery.DeliveredAt, r.Delivery.LastStatusCode,
            r.Delivery.LastError,
            attempts[r.Delivery.Id].OrderBy(a => a.Number).Select(a => new WebhookAttemptResponse(a.Number, a.At, a.StatusCode, a.Error, a.DurationMs)).ToList()))
            .ToList());
    }
}

public sealed class ListWebhookDeliveriesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/organizations/{organization}/webhooks/{webhook:guid}/deliveries",
                (string organization, Guid webhook, WebhookDeliveryState? state, int? take, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ListWebhookDeliveries(organization, webhook, state, take), ct))
            .WithName(nameof(ListWebhookDeliveries)).WithTags("Webhooks").RequireAuthorization(Policies.ManageWebhooks)
            .WithSummary("The endpoint's delivery log: state, attempts with status code or error, next attempt (Admin)")
            .Produces<WebhookDeliveriesResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
