using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;

namespace Performance.Api.Features.Webhooks;

/// <summary>
/// The delivery log of one endpoint, newest events first: each event's delivery state, every attempt with the status
/// code or the error, and when the next attempt is due.
/// </summary>
public sealed record ListWebhookDeliveries(string Organization, Guid Webhook, WebhookDeliveryState? State, int? Take) : IRequest<WebhookDeliveriesResponse>;

/// <summary>One try of a delivery: what the endpoint answered, or why nothing came back.</summary>
/// <param name="Number">The attempt's number, from 1 (sent as X-Performance-Attempt).</param>
/// <param name="At">When it was sent (UTC).</param>
/// <param name="StatusCode">The HTTP status the endpoint answered; null when none came back (e.g. a timeout, a refused connection, a host no longer allowed).</param>
/// <param name="Error">Why the attempt failed (the status and reason phrase, or what went wrong); null after a 2xx.</param>
/// <param name="DurationMs">How long the attempt took, in milliseconds.</param>
public sealed record WebhookAttemptResponse(int Number, DateTime At, int? StatusCode, string? Error, long DurationMs);

/// <summary>One event's delivery to the endpoint, with every attempt made.</summary>
/// <param name="Id">The delivery's id (sent as X-Performance-Delivery).</param>
/// <param name="EventId">The event's id, the same at every retry (sent as X-Performance-Event and as the body's id): de-duplicate on it.</param>
/// <param name="Type">The event type, e.g. consuntivo.submitted or period.closed.</param>
/// <param name="OccurredAt">When the change the event reports happened (UTC).</param>
/// <param name="State">Pending (to be tried or retried), Delivered (a 2xx came back), Failed (no 2xx in Webhooks:MaxAttempts attempts) or Cancelled (the endpoint was removed).</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next.</param>
/// <param name="DeliveredAt">When a 2xx came back (UTC); null until then.</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt; null before the first or when the last got no answer.</param>
/// <param name="LastError">Why the last attempt failed; null after a 2xx or before the first attempt.</param>
/// <param name="AttemptLog">Every attempt, first to last.</param>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string Type, DateTime OccurredAt, WebhookDeliveryState State, int Attempts, DateTime? NextAttemptAt, DateTime? DeliveredAt,
    int? LastStatusCode, string? LastError, IReadOnlyList<WebhookAttemptResponse> AttemptLog);

/// <summary>The delivery log of one endpoint (<c>GET /api/organizations/{organization}/webhooks/{id}/deliveries</c>).</summary>
/// <param name="Webhook">The endpoint's id.</param>
/// <param name="Url">The endpoint's URL.</param>
/// <param name="Total">How many deliveries match the state filter, all of them; the list holds at most <c>take</c> (default 100, up to 500).</param>
/// <param name="Deliveries">The deliveries, newest events first.</param>
public sealed record WebhookDeliveriesResponse(Guid Webhook, string Url, int Total, IReadOnlyList<WebhookDeliveryResponse> Deliveries);

public sealed class ListWebhookDeliveriesHandler(PerformanceDbContext db, AccessScope scope) : IRequestHandler<ListWebhookDeliveries, WebhookDeliveriesResponse>
{
    public const int MaxTake = 500;

    public async Task<WebhookDeliveriesResponse> Handle(ListWebhookDeliveries request, CancellationToken ct)
    {
        var organization = await db.FindOrganizationAsync(scope, request.Organization, ct);
        var webhook = await db.FindWebhookAsync(organization, request.Webhook, ct);
        if (request.Take is { } t && t is < 1 or > MaxTake) throw RequestValidationException.For("take", Say.It($"take deve essere compreso tra 1 e {MaxTake}.", $"take must be between 1 and {MaxTake}."));

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
