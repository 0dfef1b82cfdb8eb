using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Performance.Api.Features.Webhooks;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Webhooks;

/// <summary>
/// Webhook secrets are stored encrypted under a key derived from Audit:Key: the database never holds the secret, deliveries
/// are still signed with it, a service with another Audit:Key sends nothing it cannot sign, and secrets stored in clear
/// by earlier versions are encrypted when the upgraded service starts.
/// </summary>
public sealed class WebhookSecretsTests
{
    private const string Org = Documents.CremonaOrganization;
    private const string Plan = Documents.CremonaCode;
    private const string Secret = "secret-at-rest-0123456789-àèìòù-€";
    private const string AnotherAuditKey = "another-audit-key-of-at-least-thirty-two-characters";
    private static readonly DateTimeOffset Start = new(2023, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task The_database_holds_no_secret_yet_deliveries_are_signed_with_it_and_another_key_sends_nothing() =>
        WithReceiverAsync(async (database, clock, receiver) =>
        {
            Guid webhook;
            await using (var host = new WebhookHost(database, clock))
            {
                var admin = host.CreateClient();
                await admin.ImportSampleAsync();
                webhook = await RegisterAsync(admin, receiver.Url);
                var stored = await StoredSecretAsync(host, webhook);
                Assert.StartsWith("v1:", stored);
                Assert.DoesNotContain(Secret, stored);
                Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret)), stored);

                await SubmitAsync(admin, "2021_01_01_02.I1");
                await Pump.UntilAsync(clock, () => Task.FromResult(receiver.Requests.Any(r => r.Answered == 200)), "the event is delivered");
                var delivered = Assert.Single(receiver.Requests);
                Assert.Equal(Receiver.Sign(Secret, delivered.Body), delivered.Signature);
            }

            // The same database under another Audit:Key: the secret does not open, so nothing is sent and the log says why.
            await using var rekeyed = new WebhookHost(database, clock, new Dictionary<string, string?> { ["Audit:Key"] = AnotherAuditKey })
            {
                TestServices = services => services.AddFakeLogging(),
            };
            var client = rekeyed.CreateClient();
            // Said at start, before any delivery is due.
            Assert.Contains(rekeyed.Services.GetFakeLogCollector().GetSnapshot(),
                r => r.Level == LogLevel.Warning && r.Message.StartsWith("1 active webhook endpoint(s) have a secret encrypted under another Audit:Key", StringComparison.Ordinal));
            await SubmitAsync(client, "2021_01_01_01.I1");
            await Pump.UntilAsync(clock, async () => (await AttemptErrorsAsync(client, webhook)).Count > 0, "an attempt is logged");
            // Written by the worker, outside any request: in the service's default language.
            Assert.Contains("registrare di nuovo l'endpoint", (await AttemptErrorsAsync(client, webhook))[0]);
            Assert.Single(receiver.Requests);
        });

    [Fact]
    public Task A_secret_stored_in_clear_before_the_upgrade_is_encrypted_at_start_and_still_signs() =>
        WithReceiverAsync(async (database, clock, receiver) =>
        {
            Guid webhook;
            await using (var host = new WebhookHost(database, clock, new Dictionary<string, string?> { ["Webhooks:DeliveryEnabled"] = "false" }))
            {
                var admin = host.CreateClient();
                await admin.ImportSampleAsync();
                webhook = await RegisterAsync(admin, receiver.Url);
            }

            // The database as the version before stored it: the schema without this migration, the secret in clear.
            await using (var db = database.NewContext())
            {
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync("20261208130000_PlanChangeSequence");
                await db.Set<WebhookSubscription>().Where(s => s.Id == webhook).ExecuteUpdateAsync(u => u.SetProperty(s => s.Secret, Secret));
                await migrator.MigrateAsync();
                Assert.Equal(WebhookSecrets.ClearPrefix + Secret, await db.Set<WebhookSubscription>().Where(s => s.Id == webhook).Select(s => s.Secret).SingleAsync());
            }

            await using var upgraded = new WebhookHost(database, clock);
            var stored = await StoredSecretAsync(upgraded, webhook);
            Assert.StartsWith("v1:", stored);
            Assert.Equal(Secret, upgraded.Services.GetRequiredService<WebhookSecrets>().Decrypt(webhook, stored));
            await SubmitAsync(upgraded.CreateClient(), "2021_01_01_02.I1");
            await Pump.UntilAsync(clock, () => Task.FromResult(receiver.Requests.Any(r => r.Answered == 200)), "the event is delivered");
            Assert.Equal(Receiver.Sign(Secret, receiver.Requests.Single().Body), receiver.Requests.Single().Signature);
        });

    /// <summary>A database, a fake clock and a receiver that answers 200, for a test that starts services on them; the database is dropped after.</summary>
    private static async Task WithReceiverAsync(Func<TestDatabase, FakeTimeProvider, Receiver, Task> test)
    {
        var database = TestDatabase.Create();
        try
        {
            await using var receiver = new Receiver(failFirst: 0);
            await receiver.StartAsync();
            await test(database, new FakeTimeProvider(Start), receiver);
        }
        finally
        {
            database.Drop();
        }
    }

    [Fact]
    public void A_stored_secret_opens_only_for_its_endpoint_unaltered_and_under_the_same_key()
    {
        var secrets = Secrets("the-audit-key-of-this-test-0123456789abcdef");
        var endpoint = Guid.NewGuid();
        var longest = string.Concat(Enumerable.Repeat("€", ManageWebhooksHandler.MaxSecretLength));
        foreach (var secret in new[] { Secret, longest })
        {
            var stored = secrets.Encrypt(endpoint, secret);
            Assert.True(stored.Length <= WebhookSubscription.SecretLength, $"{stored.Length} characters");
            Assert.Equal(secret, secrets.Decrypt(endpoint, stored));
            // Encrypted afresh each time (a random nonce): equal secrets do not show as equal rows.
            Assert.NotEqual(stored, secrets.Encrypt(endpoint, secret));
        }

        var sealedSecret = secrets.Encrypt(endpoint, Secret);
        Assert.Null(secrets.Decrypt(Guid.NewGuid(), sealedSecret));
        Assert.Null(Secrets(AnotherAuditKey).Decrypt(endpoint, sealedSecret));
        var bytes = Convert.FromBase64String(sealedSecret.Split(':')[2]);
        bytes[^1] ^= 1;
        Assert.Null(secrets.Decrypt(endpoint, $"v1:{secrets.KeyId}:{Convert.ToBase64String(bytes)}"));
        Assert.Null(secrets.Decrypt(endpoint, $"v1:{secrets.KeyId}:not base64"));
        Assert.Null(secrets.Decrypt(endpoint, Secret));
    }

    private static WebhookSecrets Secrets(string auditKey) => new(Options.Create(new AuditOptions { Key = auditKey }));

    private static async Task<Guid> RegisterAsync(HttpClient admin, string url)
    {
        var body = new JsonObject { ["url"] = url, ["events"] = new JsonArray("consuntivo.submitted"), ["secret"] = Secret };
        var response = await admin.PostJsonTextAsync($"/api/organizations/{Org}/webhooks", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((string)(await response.ReadJsonAsync())["id"]!);
    }

    private static async Task SubmitAsync(HttpClient admin, string indicator)
    {
        var id = (string)(await admin.PostActualOkAsync(Plan, indicator, """{"year":2021,"period":"Y","value":1}"""))["id"]!;
        var response = await admin.PostJsonTextAsync($"/api/actuals/{id}/submit", "{}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> StoredSecretAsync(ApiFactory host, Guid webhook)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PerformanceDbContext>().Set<WebhookSubscription>()
            .Where(s => s.Id == webhook).Select(s => s.Secret).SingleAsync();
    }

    private static async Task<List<string>> AttemptErrorsAsync(HttpClient admin, Guid webhook)
    {
        var log = await admin.GetJsonOkAsync($"/api/organizations/{Org}/webhooks/{webhook}/deliveries");
        return log["deliveries"]!.AsArray().SelectMany(d => d!["attemptLog"]!.AsArray().Select(a => (string?)a!["error"])).OfType<string>().ToList();
    }
}
