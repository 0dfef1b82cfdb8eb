using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;

using Performance.Domain.Language;

namespace Performance.Api.Features.Webhooks;

/// <summary>The headers each delivery carries; the signature is HMAC-SHA256 of the raw body with the endpoint's secret.</summary>
public static class WebhookHeaders
{
    public const string Signature = "X-Performance-Signature";
    public const string EventId = "X-Performance-Event";
    public const string EventType = "X-Performance-Event-Type";
    public const string Delivery = "X-Performance-Delivery";
    public const string Attempt = "X-Performance-Attempt";
    /// <summary>Unix seconds when the attempt was sent: lets a receiver refuse old replays together with the event id.</summary>
    public const string Timestamp = "X-Performance-Timestamp";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>
/// Sends the outbox: claims due deliveries (one atomic UPDATE of the lease per row, so of several instances exactly one
/// wins each row), POSTs each signed body once, then records the attempt and the outcome under its own lease. A delivery is
/// marked delivered only after a 2xx; otherwise it is retried with exponential backoff until <see cref="WebhookOptions.MaxAttempts"/>.
/// A process that stops mid-attempt leaves its lease to expire; the next claim retries the row (at-least-once).
/// </summary>
public sealed class WebhookSender(PerformanceDbContext db, IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time, WebhookSecrets secrets)
{
    public const string ClientName = "webhooks";

    /// <summary>Claims and sends one batch; answers how many deliveries were tried.</summary>
    public async Task<int> RunOnceAsync(string owner, CancellationToken ct)
    {
        var claimed = await ClaimAsync(owner, ct);
        foreach (var id in claimed) await SendAsync(id, owner, ct);
        return claimed.Count;
    }

    /// <summary>The due, unleased deliveries this owner now holds.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(string owner, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.UtcNow();
        var until = now.AddSeconds(o.LeaseSeconds);
        var candidates = await Claimable(now).OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(o.BatchSize).ToListAsync(ct);
        var claimed = new List<Guid>();
        foreach (var id in candidates)
        {
            // The condition is re-checked by the UPDATE itself: a row another instance claimed meanwhile is not changed again.
            var rows = await Claimable(now).Where(d => d.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeaseOwner, owner).SetProperty(d => d.LeaseUntil, until), ct);
            if (rows == 1) claimed.Add(id);
        }
        return claimed;
    }

    private IQueryable<WebhookDelivery> Claimable(DateTime now) =>
        db.Set<WebhookDelivery>().Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil <= now));

    private async Task SendAsync(Guid id, string owner, CancellationToken ct)
    {
        var o = options.Value;
        var item = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.Id == id)
            .Join(db.Set<WebhookEvent>(), d => d.EventId, e => e.Id, (d, e) => new { Delivery = d, e.Type, e.Body })
            .Join(db.Set<WebhookSubscription>(), x => x.Delivery.SubscriptionId, s => s.Id, (x, s) => new { x.Delivery, x.Type, x.Body, s.Url, s.Secret, s.DeletedAt })
            .SingleAsync(ct);
        if (item.DeletedAt is not null)
        {
            await db.Set<WebhookDelivery>().Where(d => d.Id == id && d.LeaseOwner == owner)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.Cancelled).SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseUntil, (DateTime?)null), ct);
            return;
        }

        var number = item.Delivery.Attempts + 1;
        var at = time.UtcNow();
        var started = time.GetTimestamp();
        // A secret this instance cannot open is a failed attempt, retried as any other: the configuration may be put right.
        var (status, error) = secrets.Decrypt(item.Delivery.SubscriptionId, item.Secret) is { } secret
            ? await PostAsync(item.Url, secret, item.Body, item.Delivery.EventId, item.Type, id, number, ct)
            : (null, Say.It("Il secret dell'endpoint non si decifra con la chiave di questa istanza (Audit:Key diversa da quella con cui è stato registrato?): registrare di nuovo l'endpoint.",
                "The endpoint's secret does not decrypt with this instance's key (an Audit:Key other than the one it was registered under?): register the endpoint again."));
        var duration = (long)time.GetElapsedTime(started).TotalMilliseconds;

        var now = time.UtcNow();
        var delivered = status is >= 200 and < 300;
        var state = delivered ? WebhookDeliveryState.Delivered : number >= o.MaxAttempts ? WebhookDeliveryState.Failed : WebhookDeliveryState.Pending;
        var next = delivered ? now : now + o.Backoff(number);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only under our own lease: a row whose lease expired and was claimed again belongs to that claim now.
        await db.Set<WebhookDelivery>().Where(d => d.Id == id && d.LeaseOwner == owner).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Attempts, number).SetProperty(d => d.State, state).SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.DeliveredAt, delivered ? now : null).SetProperty(d => d.LastStatusCode, status).SetProperty(d => d.LastError, error)
            .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTime?)null), ct);
        db.Set<WebhookAttempt>().Add(new WebhookAttempt { DeliveryId = id, Number = number, At = at, StatusCode = status, Error = error, DurationMs = duration });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>One POST: the status code, and an error when it is not a 2xx or nothing came back in time.</summary>
    private async Task<(int? Status, string? Error)> PostAsync(string url, string secret, string body, Guid eventId, string type, Guid delivery, int number,
        CancellationToken ct)
    {
        var o = options.Value;
        var uri = new Uri(url);
        // Checked again at each attempt: narrowing the allow-list stops deliveries to hosts registered before.
        if (!o.AllowsHost(uri.Host)) return (null, Say.It($"L'host {uri.Host} non è tra Webhooks:AllowedHosts.", $"The host {uri.Host} is not among Webhooks:AllowedHosts."));
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookHeaders.Signature, WebhookHeaders.Sign(secret, bytes));
        request.Headers.Add(WebhookHeaders.EventId, eventId.ToString());
        request.Headers.Add(WebhookHeaders.EventType, type);
        request.Headers.Add(WebhookHeaders.Delivery, delivery.ToString());
        request.Headers.Add(WebhookHeaders.Attempt, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Timestamp, time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The network's own clock bounds an attempt: a receiver that never answers must not hold the worker.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, status is >= 200 and < 300 ? null : Say.It($"L'endpoint ha risposto {status} {Short(response.ReasonPhrase)}.", $"The endpoint answered {status} {Short(response.ReasonPhrase)}.").Replace(" .", "."));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, Say.It($"Nessuna risposta entro {o.TimeoutSeconds} s.", $"No answer within {o.TimeoutSeconds} s."));
        }
        catch (HttpRequestException e)
        {
            return (null, Failure(e, uri));
        }
    }

    // .NET's own message is English and names internals; the log says what happened in the service's words, with only
    // what helps an administrator (host, port, the socket's error name) and nothing of the request (no secret, no body).
    private static string Failure(HttpRequestException e, Uri uri)
    {
        var at = $"{uri.Host}:{uri.Port}";
        var socket = e.InnerException is System.Net.Sockets.SocketException s ? $" ({s.SocketErrorCode})" : "";
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => Say.It($"Il nome {uri.Host} non si risolve (DNS){socket}.", $"The name {uri.Host} does not resolve (DNS){socket}."),
            HttpRequestError.ConnectionError => Say.It($"Connessione a {at} non riuscita: rifiutata o irraggiungibile{socket}.", $"Could not connect to {at}: refused or unreachable{socket}."),
            HttpRequestError.SecureConnectionError => Say.It($"Connessione TLS con {at} non riuscita (certificato non valido o negoziazione fallita).", $"The TLS connection with {at} failed (an invalid certificate or a failed handshake)."),
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => Say.It($"L'endpoint {at} ha chiuso la connessione o ha dato una risposta HTTP non valida.", $"The endpoint {at} closed the connection or gave an invalid HTTP answer."),
            HttpRequestError.ProxyTunnelError => Say.It($"Il proxy non ha aperto la connessione verso {at}.", $"The proxy did not open the connection to {at}."),
            _ => Say.It($"Invio a {at} non riuscito ({e.HttpRequestError}){socket}.", $"Sending to {at} failed ({e.HttpRequestError}){socket}."),
        };
    }

    private static string Short(string? text) => text is null ? "" : text.Length <= 500 ? text : text[..500];
}

/// <summary>Runs <see cref="WebhookSender"/> until the service stops: at once while there is work, otherwise every PollSeconds.</summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    /// <summary>This process's name on the leases it takes.</summary>
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}" is var o && o.Length > 100 ? o[^100..] : o;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var tried = 0;
            try
            {
                if (options.Value.DeliveryEnabled)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    tried = await scope.ServiceProvider.GetRequiredService<WebhookSender>().RunOnceAsync(_owner, stoppingToken);
                }
                if (tried == 0) await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away: the outbox keeps everything, the next round retries.
                logger.LogError(e, "Webhook delivery round failed; retrying in {Seconds} s", options.Value.PollSeconds);
                try { await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}

public static class WebhookRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, bool deliver)
    {
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section, WebhookOptions.Problems);
        // No redirects: the Admin chose the URL, a receiver must not bounce the body (and its signature) elsewhere.
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookSender>();
        if (deliver) services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
