using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Performance.Api.Features.Monitoring;
using Performance.Api.Features.Webhooks;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Webhooks;

/// <summary>
/// The Cremona plan with an endpoint subscribed to every event, on a fake clock, with the delivery worker off: the tests
/// look at the outbox itself and drive the claim and the overdue pass by hand.
/// </summary>
public sealed class OutboxFactory() : ApiFactory(TestDatabase.Create(), ownsDatabase: true), IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2023, 3, 1, 9, 0, 0, TimeSpan.Zero));
    public FailingCommit Failing { get; } = new();
    public Guid Webhook { get; private set; }
    public const string Secret = "outbox-secret-0123456789abcdef";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:DeliveryEnabled"] = "false",
        ["Webhooks:OverdueIntervalMinutes"] = "0",
        ["Webhooks:OverdueLookbackDays"] = "3650",
        ["Webhooks:BatchSize"] = "1000",
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<PerformanceDbContext>(o => o.AddInterceptors(Failing));
        });
    }

    public async Task InitializeAsync()
    {
        var admin = CreateClient();
        await admin.ImportSampleAsync();
        var response = await admin.PostJsonTextAsync($"/api/organizations/{Documents.CremonaOrganization}/webhooks",
            $$"""{"url":"http://127.0.0.1:9/hook","events":["consuntivo.submitted","consuntivo.validated","consuntivo.returned","period.closed","year.validated","consuntivo.overdue"],"secret":"{{Secret}}","description":"Protocollo"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Webhook = Guid.Parse((string)(await response.ReadJsonAsync())["id"]!);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async Task<T> WithDbAsync<T>(Func<PerformanceDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PerformanceDbContext>(), scope.ServiceProvider);
    }

    /// <summary>Makes the next commit of a change to Actuals fail, as a database that goes away at the last moment would.</summary>
    public sealed class FailingCommit : DbTransactionInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context?.ChangeTracker.Entries<Performance.Domain.Plans.Actual>().Any(e => e.State == EntityState.Unchanged) == true)
            {
                Armed = false;
                throw new InvalidOperationException("commit refused by the test");
            }
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class WebhookOutboxTests(OutboxFactory factory) : IClassFixture<OutboxFactory>
{
    private const string Org = Documents.CremonaOrganization;
    private const string Plan = Documents.CremonaCode;
    private readonly HttpClient _admin = factory.CreateClient();

    private Task<int> CountAsync<T>() where T : class => factory.WithDbAsync((db, _) => db.Set<T>().CountAsync());

    [Fact]
    public async Task A_change_that_rolls_back_announces_nothing_and_the_same_change_committed_does()
    {
        var actual = (string)(await _admin.PostActualOkAsync(Plan, "2021_01_01_04.I1", """{"year":2021,"period":"Y","value":3}"""))["id"]!;
        var events = await CountAsync<WebhookEvent>();
        var deliveries = await CountAsync<WebhookDelivery>();

        factory.Failing.Armed = true;
        var failed = await _admin.PostJsonTextAsync($"/api/actuals/{actual}/submit", "{}");
        Assert.False(failed.IsSuccessStatusCode);
        Assert.False(factory.Failing.Armed);
        Assert.Equal(events, await CountAsync<WebhookEvent>());
        Assert.Equal(deliveries, await CountAsync<WebhookDelivery>());
        var id = Guid.Parse(actual);
        Assert.Equal(Performance.Domain.Plans.ActualStatus.Draft, await factory.WithDbAsync((db, _) => db.Actuals.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        var submitted = await _admin.PostJsonTextAsync($"/api/actuals/{actual}/submit", "{}");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(events + 1, await CountAsync<WebhookEvent>());
        Assert.Equal(deliveries + 1, await CountAsync<WebhookDelivery>());
        var written = await factory.WithDbAsync((db, _) => db.Set<WebhookEvent>().OrderByDescending(e => e.OccurredAt).FirstAsync());
        Assert.Equal("consuntivo.submitted", written.Type);
        Assert.Contains(actual, written.Body);
    }

    [Fact]
    public async Task The_secret_is_never_answered_and_a_bad_registration_names_every_field()
    {
        var list = await _admin.GetAsync($"/api/organizations/{Org}/webhooks");
        var text = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(factory.Webhook.ToString(), text);
        Assert.Contains("Protocollo", text);
        Assert.DoesNotContain(OutboxFactory.Secret, text);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(OutboxFactory.Secret, await _admin.GetStringAsync($"/api/organizations/{Org}/webhooks/{factory.Webhook}/deliveries"));
        Assert.DoesNotContain(OutboxFactory.Secret, await _admin.GetStringAsync("/api/audit?take=1000"));

        var bad = await _admin.PostJsonTextAsync($"/api/organizations/{Org}/webhooks",
            """{"url":"ftp://example.org/x","events":["consuntivo.submitted","consuntivo.lost","consuntivo.submitted"],"secret":"short"}""");
        var problem = await bad.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["events[1]", "events[2]", "secret", "url"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList());
        var relative = await _admin.PostJsonTextAsync($"/api/organizations/{Org}/webhooks", """{"url":"/hook","events":["period.closed"],"secret":"0123456789abcdef"}""");
        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        Assert.Contains("absolute", (string)(await relative.ReadJsonAsync())["errors"]!["url"]![0]!);

        // Another organization's Admin: the organization does not exist for it, whatever the body.
        var other = factory.CreateClientAs(TestIdentities.Key("Admin", "INPS"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/organizations/{Org}/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonTextAsync($"/api/organizations/{Org}/webhooks", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/organizations/{Org}/webhooks/{factory.Webhook}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task A_bad_registration_and_a_bad_take_are_explained_in_Italian_by_default()
    {
        var italian = factory.CreateClient();
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var bad = await (await italian.PostJsonTextAsync($"/api/organizations/{Org}/webhooks",
            """{"url":"ftp://example.org/x","events":["consuntivo.lost"],"secret":"0123456789abcdef"}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("'ftp://example.org/x' non è un URL assoluto http o https.", (string?)bad["errors"]!["url"]![0]);
        Assert.StartsWith("'consuntivo.lost' non è un evento: usare consuntivo.submitted, ", (string?)bad["errors"]!["events[0]"]![0]);
        var none = await (await italian.PostJsonTextAsync($"/api/organizations/{Org}/webhooks",
            """{"url":"https://example.org/x","events":[],"secret":"0123456789abcdef"}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("Indicare almeno un evento: consuntivo.submitted, ", (string?)none["errors"]!["events"]![0]);

        var take = await (await italian.GetAsync($"/api/organizations/{Org}/webhooks/{factory.Webhook}/deliveries?take=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"take deve essere compreso tra 1 e {ListWebhookDeliveriesHandler.MaxTake}.", (string?)take["errors"]!["take"]![0]);
    }

    [Fact]
    public async Task A_host_longer_than_any_DNS_name_is_refused_at_registration_and_the_longest_is_kept()
    {
        string Url(int labels) => "https://" + string.Join('.', Enumerable.Repeat(new string('a', 50), labels)) + ".example.org/hook";
        var tooLong = await (await factory.CreateClient().PostJsonTextAsync($"/api/organizations/{Org}/webhooks",
            $$"""{"url":"{{Url(30)}}","events":["consuntivo.submitted"],"secret":"0123456789abcdef"}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The host is longer than the 253 characters of a DNS name.", (string?)tooLong["errors"]!["url"]![0]);
        // 4 labels of 50 and example.org: 215 characters, a possible name.
        var fits = await factory.CreateClient().PostJsonTextAsync($"/api/organizations/{Org}/webhooks",
            $$"""{"url":"{{Url(4)}}","events":["consuntivo.submitted"],"secret":"0123456789abcdef"}""");
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        // Gone again, so the class's other tests count only the deliveries of their own webhook.
        var id = (string?)System.Text.Json.Nodes.JsonNode.Parse(await fits.Content.ReadAsStringAsync())!["id"];
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateClient().DeleteAsync($"/api/organizations/{Org}/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_claims_take_each_delivery_exactly_once_and_an_expired_lease_frees_it()
    {
        // Forty pending deliveries, claimed by four workers at once (each with its own connection).
        var ids = await factory.WithDbAsync(async (db, _) =>
        {
            var plan = await db.Plans.Include(p => p.Organization).SingleAsync(p => p.Code == Plan);
            var recorded = Enumerable.Range(0, 40).Select(i => WebhookOutbox.Record(db, factory.Clock.GetUtcNow().UtcDateTime, WebhookEventTypes.PeriodClosed,
                plan, new { claim = i })).ToList();
            await db.SaveChangesAsync();
            return recorded.Select(e => e.Id).ToHashSet();
        });
        var pending = await factory.WithDbAsync((db, _) => db.Set<WebhookDelivery>()
            .Where(d => ids.Contains(d.EventId) && d.State == WebhookDeliveryState.Pending).Select(d => d.Id).ToListAsync());
        Assert.Equal(40, pending.Count);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
            factory.WithDbAsync((_, services) => services.GetRequiredService<WebhookSender>().ClaimAsync($"worker-{w}", CancellationToken.None)))));
        var mine = claims.SelectMany(c => c).Where(pending.Contains).ToList();
        Assert.Equal(40, mine.Count);
        Assert.Equal(40, mine.Distinct().Count());
        // The database agrees with what each worker believes it holds.
        var owners = await factory.WithDbAsync((db, _) => db.Set<WebhookDelivery>().Where(d => pending.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.LeaseOwner));
        for (var w = 0; w < 4; w++)
            foreach (var id in claims[w].Where(pending.Contains)) Assert.Equal($"worker-{w}", owners[id]);

        // Held: nobody else gets them; once the lease (60 s by default) has passed, the next claim does.
        Assert.DoesNotContain(await factory.WithDbAsync((_, s) => s.GetRequiredService<WebhookSender>().ClaimAsync("late", CancellationToken.None)), pending.Contains);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var reclaimed = await factory.WithDbAsync((_, s) => s.GetRequiredService<WebhookSender>().ClaimAsync("after-expiry", CancellationToken.None));
        Assert.Equal(pending.Order(), reclaimed.Where(pending.Contains).Order());

        // Leave nothing pending for the other tests of this class.
        await factory.WithDbAsync((db, _) => db.Set<WebhookDelivery>().Where(d => pending.Contains(d.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.Cancelled)));
    }

    [Fact]
    public async Task The_overdue_pass_announces_each_late_consuntivo_once_whatever_how_often_it_runs()
    {
        var due = await _admin.GetJsonOkAsync($"/api/plans/{Plan}/due?asOf={factory.Clock.GetUtcNow():yyyy-MM-dd}");
        var overdue = (int)due["overdue"]!;
        Assert.True(overdue > 0);

        // Two passes at once (two instances), then another later: the unique key and the plan's lock keep one event each.
        var first = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            factory.WithDbAsync((_, s) => s.GetRequiredService<OverduePass>().RunAsync(CancellationToken.None)))));
        Assert.Equal(overdue, first.Sum());
        Assert.Equal(0, await factory.WithDbAsync((_, s) => s.GetRequiredService<OverduePass>().RunAsync(CancellationToken.None)));
        var stored = await factory.WithDbAsync((db, _) => db.Set<WebhookEvent>().Where(e => e.Type == WebhookEventTypes.Overdue).ToListAsync());
        Assert.Equal(overdue, stored.Count);
        Assert.Equal(overdue, stored.Select(e => e.Key).Distinct().Count());
        var body = JsonNode.Parse(stored[0].Body)!;
        Assert.Equal("consuntivo.overdue", (string)body["type"]!);
        Assert.NotNull(body["payload"]!["dueDate"]);
        Assert.NotNull(body["payload"]!["indicator"]);

        // A day later, only what has become overdue since is new.
        factory.Clock.Advance(TimeSpan.FromDays(40));
        var later = await _admin.GetJsonOkAsync($"/api/plans/{Plan}/due?asOf={factory.Clock.GetUtcNow():yyyy-MM-dd}");
        var added = await factory.WithDbAsync((_, s) => s.GetRequiredService<OverduePass>().RunAsync(CancellationToken.None));
        Assert.Equal((int)later["overdue"]! - overdue, added);
    }
}
