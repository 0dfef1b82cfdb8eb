using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;

using Performance.Domain.Language;

namespace Performance.Api.Features.Webhooks;

/// <summary>
/// An Admin registers, lists and removes the organization's webhook endpoints. The URL is the Admin's to choose (an
/// optional allow-list of hosts in configuration narrows it); the secret is written once and never answered back.
/// </summary>
public sealed record RegisterWebhook(string Organization, WebhookBody? Body) : IRequest<WebhookResponse>;

public sealed record ListWebhooks(string Organization) : IRequest<IReadOnlyList<WebhookResponse>>;

public sealed record DeleteWebhook(string Organization, Guid Webhook) : IRequest<Unit>;

/// <summary>A webhook endpoint to register for the organization (<c>POST /api/organizations/{organization}/webhooks</c>, Admin).</summary>
/// <param name="Url">Where events are POSTed: an absolute http or https URL.</param>
/// <param name="Events">The event types to receive, at least one, each once: consuntivo.submitted, consuntivo.validated, consuntivo.returned, consuntivo.overdue, period.closed, year.validated.</param>
/// <param name="Secret">16 to 256 characters; signs every body (X-Performance-Signature). Write-only.</param>
/// <param name="Description">What the endpoint is for (optional, at most 400 characters).</param>
public sealed record WebhookBody(string? Url, List<string>? Events, string? Secret, string? Description);

/// <summary>An endpoint as the API shows it: never its secret.</summary>
/// <param name="Id">The endpoint's id (for its delivery log and to remove it).</param>
/// <param name="Organization">The code of the organization it belongs to.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="Description">What the endpoint is for, as registered.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="CreatedBy">Who registered it.</param>
/// <param name="Active">False once it was removed: it receives nothing more, its log stays readable.</param>
/// <param name="DeletedAt">When it was removed (UTC); null while active.</param>
/// <param name="DeletedBy">Who removed it; null while active.</param>
public sealed record WebhookResponse(Guid Id, string Organization, string Url, IReadOnlyList<string> Events, string? Description, DateTime CreatedAt,
    string CreatedBy, bool Active, DateTime? DeletedAt, string? DeletedBy)
{
    public static WebhookResponse From(WebhookSubscription s, string organization) =>
        new(s.Id, organization, s.Url, s.EventList, s.Description, s.CreatedAt, s.CreatedBy, s.DeletedAt is null, s.DeletedAt, s.DeletedBy);
}

public static class WebhookLookups
{
    /// <summary>The organization, when the caller may see it: another organization is a 404, as if it did not exist.</summary>
    public static async Task<Organization> FindOrganizationAsync(this PerformanceDbContext db, AccessScope scope, string code, CancellationToken ct) =>
        (scope.CanSee(code) ? await db.Organizations.SingleOrDefaultAsync(o => o.Code == code, ct) : null)
        ?? throw new NotFoundException("Organization", ValidationRules.Excerpt(code));

    public static async Task<WebhookSubscription> FindWebhookAsync(this PerformanceDbContext db, Organization organization, Guid id, CancellationToken ct) =>
        await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id && s.OrganizationId == organization.Id, ct)
        ?? throw new NotFoundException("Webhook", id.ToString());
}

public sealed class ManageWebhooksHandler(PerformanceDbContext db, AccessScope scope, AuditTrail audit, TimeProvider time, IOptions<WebhookOptions> options,
    WebhookSecrets secrets) :
    IRequestHandler<RegisterWebhook, WebhookResponse>, IRequestHandler<ListWebhooks, IReadOnlyList<WebhookResponse>>, IRequestHandler<DeleteWebhook, Unit>
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public async Task<WebhookResponse> Handle(RegisterWebhook request, CancellationToken ct)
    {
        // Found first: another organization's Admin gets the 404 whatever the body says.
        var organization = await db.FindOrganizationAsync(scope, request.Organization, ct);
        var body = request.Body ?? throw RequestValidationException.For("body", Say.It("Serve un corpo con url, events e secret.", "A body with url, events and secret is required."));
        var errors = Problems(body, options.Value);
        errors.ThrowIfAny();

        var id = Guid.NewGuid();
        var subscription = new WebhookSubscription
        {
            Id = id, OrganizationId = organization.Id, Url = body.Url!, Events = string.Join(' ', body.Events!.Distinct()), Secret = secrets.Encrypt(id, body.Secret!),
            Description = body.Description, CreatedAt = time.UtcNow(), CreatedBy = scope.Actor,
        };
        db.Set<WebhookSubscription>().Add(subscription);
        var response = WebhookResponse.From(subscription, organization.Code);
        audit.Record("WebhookRegistered", "Webhook", subscription.Id, subscription.Url, null, organization.Code, after: response);
        await db.SaveChangesAsync(ct);
        return response;
    }

    public async Task<IReadOnlyList<WebhookResponse>> Handle(ListWebhooks request, CancellationToken ct)
    {
        var organization = await db.FindOrganizationAsync(scope, request.Organization, ct);
        var all = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.OrganizationId == organization.Id).ToListAsync(ct);
        return all.OrderBy(s => s.DeletedAt is not null).ThenBy(s => s.CreatedAt).Select(s => WebhookResponse.From(s, organization.Code)).ToList();
    }

    /// <summary>The endpoint stops receiving at once: its pending deliveries are cancelled; its log stays readable.</summary>
    public async Task<Unit> Handle(DeleteWebhook request, CancellationToken ct)
    {
        var organization = await db.FindOrganizationAsync(scope, request.Organization, ct);
        var subscription = await db.FindWebhookAsync(organization, request.Webhook, ct);
        if (subscription.DeletedAt is not null) throw new NotFoundException("Webhook", request.Webhook.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        (subscription.DeletedAt, subscription.DeletedBy) = (time.UtcNow(), scope.Actor);
        await db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == subscription.Id && d.State == WebhookDeliveryState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.Cancelled), ct);
        audit.Record("WebhookDeleted", "Webhook", subscription.Id, subscription.Url, null, organization.Code);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Unit.Value;
    }

    private const int MaxHostLength = 253;

    /// <summary>Every problem of the body at once, by JSON path.</summary>
    public static ValidationErrors Problems(WebhookBody body, WebhookOptions options)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body.Url)) errors.Add("url", Say.It("L'url è obbligatorio: un URL assoluto http o https.", "The url is required: an absolute http or https URL."));
        else if (body.Url.Length > 2000) errors.Add("url", Say.It("L'url può contenere al massimo 2000 caratteri.", "The url must be at most 2000 characters."));
        else if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            errors.Add("url", Say.It($"'{ValidationRules.Excerpt(body.Url)}' non è un URL assoluto http o https.", $"'{ValidationRules.Excerpt(body.Url)}' is not an absolute http or https URL."));
        // No DNS name is longer: a longer host can only fail, and would not fit the delivery log's error text.
        else if (uri.Host.Length > MaxHostLength)
            errors.Add("url", Say.It($"L'host supera i {MaxHostLength} caratteri di un nome DNS.", $"The host is longer than the {MaxHostLength} characters of a DNS name."));
        else if (uri.UserInfo.Length > 0) errors.Add("url", Say.It("L'url non deve contenere nome utente o password: il servizio si autentica con il secret.", "The url must not carry a user name or password: the secret authenticates the service."));
        else if (!options.AllowsHost(uri.Host))
            errors.Add("url", Say.It($"L'host '{ValidationRules.Excerpt(uri.Host)}' non è tra gli host ammessi (Webhooks:AllowedHosts).", $"The host '{ValidationRules.Excerpt(uri.Host)}' is not among the allowed hosts (Webhooks:AllowedHosts)."));

        if (body.Events is not { Count: > 0 } events)
            errors.Add("events", Say.It($"Indicare almeno un evento: {string.Join(", ", WebhookEventTypes.All)}.", $"List at least one event: {string.Join(", ", WebhookEventTypes.All)}."));
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < events.Count; i++)
                if (!WebhookEventTypes.All.Contains(events[i], StringComparer.Ordinal))
                    errors.Add($"events[{i}]", Say.It($"'{ValidationRules.Excerpt(events[i] ?? "")}' non è un evento: usare {string.Join(", ", WebhookEventTypes.All)}.",
                        $"'{ValidationRules.Excerpt(events[i] ?? "")}' is not an event: use {string.Join(", ", WebhookEventTypes.All)}."));
                else if (!seen.Add(events[i])) errors.Add($"events[{i}]", Say.It("Questo evento compare più di una volta.", "This event is listed more than once."));
        }

        if (body.Secret is not { Length: >= MinSecretLength and <= MaxSecretLength } || string.IsNullOrWhiteSpace(body.Secret))
            errors.Add("secret", Say.It($"Il secret è obbligatorio: da {MinSecretLength} a {MaxSecretLength} caratteri (per esempio openssl rand -hex 32).", $"The secret is required: {MinSecretLength} to {MaxSecretLength} characters (e.g. openssl rand -hex 32)."));
        if (body.Description is { Length: > 400 }) errors.Add("description", Say.It("La descrizione può contenere al massimo 400 caratteri.", "The description must be at most 400 characters."));
        return errors;
    }
}

public sealed class ManageWebhooksEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/organizations/{organization}/webhooks", async (string organization, WebhookBody? body, IMediator mediator, CancellationToken ct) =>
            {
                var webhook = await mediator.Send(new RegisterWebhook(organization, body), ct);
                return Results.Created($"/api/organizations/{organization}/webhooks/{webhook.Id}", webhook);
            })
            .WithName(nameof(RegisterWebhook)).WithTags("Webhooks").RequireAuthorization(Policies.ManageWebhooks)
            .WithSummary("Register a webhook endpoint of the organization (Admin)")
            .Produces<WebhookResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/organizations/{organization}/webhooks", (string organization, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListWebhooks(organization), ct))
            .WithName(nameof(ListWebhooks)).WithTags("Webhooks").RequireAuthorization(Policies.ManageWebhooks)
            .WithSummary("The organization's webhook endpoints, removed ones included (never their secrets)")
            .Produces<IReadOnlyList<WebhookResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<WebhookResponse>(w => w.Id.ToString());
        app.MapDelete("/api/organizations/{organization}/webhooks/{webhook:guid}", async (string organization, Guid webhook, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhook(organization, webhook), ct);
                return Results.NoContent();
            })
            .WithName(nameof(DeleteWebhook)).WithTags("Webhooks").RequireAuthorization(Policies.ManageWebhooks)
            .WithSummary("Remove a webhook endpoint: its pending deliveries are cancelled, its log is kept (Admin)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
