using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Performance.Api.Features.Webhooks;
using Performance.Api.Persistence;
using Performance.Api.Tests.Features.Webhooks;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using Performance.Domain.Audit;

namespace Performance.Api.Tests.Features.Audit;

/// <summary>
/// <c>Audit:Key</c> replaced, the key before it listed in <c>Audit:RetiredKeys</c>: the trail written before still verifies,
/// the trail says where the key changed, checkpoints exported before are still accepted, webhook secrets move to the new
/// key — and the retired key, which may have leaked, cannot add entries after the rotation.
/// </summary>
public sealed class AuditKeyRotationTests
{
    private const string Org = Documents.CremonaOrganization;
    private const string Plan = Documents.CremonaCode;
    private const string OldKey = "demo-audit-key-REPLACE-IN-PRODUCTION-0123456789abcdef"; // the suite's Audit:Key (appsettings.json)
    private const string NewKey = "the-audit-key-after-the-rotation-0123456789abcdef";
    private const string WebhookSecret = "webhook-secret-before-the-rotation-0123";

    private static Dictionary<string, string?> Rotated => new() { ["Audit:Key"] = NewKey, ["Audit:RetiredKeys:0"] = OldKey, ["Webhooks:DeliveryEnabled"] = "false" };
    private static Dictionary<string, string?> BeforeTheRotation => new() { ["Webhooks:DeliveryEnabled"] = "false" };

    /// <summary>A database and a fake clock for services started one after the other on it; the database is dropped after.</summary>
    private static async Task OnOneDatabaseAsync(Func<TestDatabase, FakeTimeProvider, Task> test)
    {
        var database = TestDatabase.Create();
        try
        {
            await test(database, new FakeTimeProvider(new DateTimeOffset(2023, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        }
        finally
        {
            database.Drop();
        }
    }

    [Fact]
    public Task After_a_rotation_the_whole_trail_verifies_and_says_where_the_key_changed() =>
        OnOneDatabaseAsync(async (database, clock) =>
        {
            JsonNode exported;
            Guid webhook;
            long before;
            await using (var host = new WebhookHost(database, clock, BeforeTheRotation))
            {
                var admin = host.CreateClient();
                await admin.ImportSampleAsync();
                await admin.PostActualOkAsync(Plan, "2021_01_01_01.I1", """{"year":2021,"period":"Y","value":1}""");
                webhook = await RegisterWebhookAsync(admin);
                exported = await admin.GetJsonAsync("/api/audit/checkpoints");
                before = (long)exported["head"]!["sequence"]!;
            }

            await using var rotated = new WebhookHost(database, clock, Rotated) { TestServices = services => services.AddFakeLogging() };
            var client = rotated.CreateClient();
            Assert.Contains(rotated.Services.GetFakeLogCollector().GetSnapshot(),
                r => r.Level == LogLevel.Warning && r.Message.StartsWith($"Audit trail: key rotated — entries up to {before} are signed with the retired key", StringComparison.Ordinal));
            var rotation = (await client.GetJsonAsync("/api/audit?take=1"))["entries"]![0]!;
            Assert.Equal(AuditSeal.KeyRotatedAction, (string?)rotation["action"]);
            Assert.Equal(before + 1, (long)rotation["sequence"]!);
            // Written at start, outside any request: in the service's default language, as the trail's readers read it.
            Assert.StartsWith("La chiave di audit è stata sostituita", (string?)rotation["reason"]);
            await client.PostActualOkAsync(Plan, "2021_01_01_02.I1", """{"year":2021,"period":"Y","value":2}""");

            var verification = await client.GetJsonAsync("/api/audit/verify");
            Assert.True((bool)verification["valid"]!, verification.ToJsonString());
            var keys = verification["keys"]!.AsArray();
            Assert.Equal(2, keys.Count);
            Assert.Equal((AuditChain.KeyId(Bytes(OldKey)), false, 1L, before, before), Use(keys[0]!));
            Assert.Equal((AuditChain.KeyId(Bytes(NewKey)), true, before + 1, before + 2, 2L), Use(keys[1]!));
            Assert.Equal(AuditChain.KeyId(Bytes(OldKey)), (string?)JsonNode.Parse((string)rotation["before"]!)!["keyId"]);
            Assert.Equal(before, (long)JsonNode.Parse((string)rotation["before"]!)!["lastSequence"]!);

            // The checkpoints exported under the old key are still this service's; the new file names the new key.
            var withOld = await (await client.PostJsonTextAsync("/api/audit/verify", exported.ToJsonString())).ReadJsonAsync();
            Assert.True((bool)withOld["valid"]!, withOld.ToJsonString());
            Assert.Equal(AuditChain.KeyId(Bytes(NewKey)), (string?)(await client.GetJsonAsync("/api/audit/checkpoints"))["keyId"]);

            // The webhook's secret, encrypted under the old key, is now under the new one, and still the same secret.
            var secrets = rotated.Services.GetRequiredService<WebhookSecrets>();
            var stored = await StoredSecretAsync(rotated, webhook);
            Assert.StartsWith($"v1:{secrets.KeyId}:", stored);
            Assert.Equal(WebhookSecret, secrets.Decrypt(webhook, stored));
            Assert.NotEqual(secrets.KeyId, new WebhookSecrets(Microsoft.Extensions.Options.Options.Create(new AuditOptions { Key = OldKey })).KeyId);

            // Whoever kept the retired key re-signs the last entry with it: refused there, however valid the signature.
            var head = await HeadAsync(rotated);
            Assert.Equal(1, await TrustKit.ExecuteAsync(rotated, $"""
                UPDATE "AuditEntries" SET "Signature" = '{AuditChain.Sign(Bytes(OldKey), head.Hash)}' WHERE "Sequence" = {head.Sequence}
                """));
            var forged = await client.GetJsonAsync("/api/audit/verify");
            Assert.False((bool)forged["valid"]!);
            Assert.Equal(head.Sequence, (long)forged["brokenAtSequence"]!);
            Assert.Contains("signed with a retired audit key", (string?)forged["problem"]);
        });

    [Fact]
    public Task Instances_starting_together_after_a_rotation_record_it_once() =>
        OnOneDatabaseAsync(async (database, clock) =>
        {
            await using (var host = new WebhookHost(database, clock, BeforeTheRotation))
                await host.CreateClient().ImportSampleAsync();

            // Both start (migrations, seal, rotation) at once; each takes the chain's lock and reads the head under it.
            await using var first = new WebhookHost(database, clock, Rotated);
            await using var second = new WebhookHost(database, clock, Rotated);
            var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));
            await using (var third = new WebhookHost(database, clock, Rotated)) third.CreateClient(); // and a later restart

            var page = await clients[0].GetJsonAsync("/api/audit?take=50");
            Assert.Single(page["entries"]!.AsArray(), e => (string?)e!["action"] == AuditSeal.KeyRotatedAction);
            var verification = await clients[1].GetJsonAsync("/api/audit/verify");
            Assert.True((bool)verification["valid"]!, verification.ToJsonString());
            Assert.Equal(1, (long)verification["keys"]![1]!["entries"]!);
        });

    [Fact]
    public Task A_new_key_without_the_old_one_retired_is_said_at_start_and_the_trail_fails_from_its_first_entry() =>
        OnOneDatabaseAsync(async (database, clock) =>
        {
            await using (var host = new WebhookHost(database, clock, BeforeTheRotation))
                await host.CreateClient().ImportSampleAsync();

            var replaced = new Dictionary<string, string?> { ["Audit:Key"] = NewKey, ["Webhooks:DeliveryEnabled"] = "false" };
            await using var host2 = new WebhookHost(database, clock, replaced) { TestServices = services => services.AddFakeLogging() };
            var client = host2.CreateClient();
            Assert.Contains(host2.Services.GetFakeLogCollector().GetSnapshot(),
                r => r.Level == LogLevel.Error && r.Message.Contains("is signed with a key that is neither Audit:Key", StringComparison.Ordinal));
            var verification = await client.GetJsonAsync("/api/audit/verify");
            Assert.False((bool)verification["valid"]!);
            Assert.Equal(1, (long)verification["brokenAtSequence"]!);
            Assert.Empty(verification["keys"]!.AsArray());
            // Nothing was appended for a rotation the configuration does not declare.
            Assert.NotEqual(AuditSeal.KeyRotatedAction, (string?)(await client.GetJsonAsync("/api/audit?take=1"))["entries"]![0]!["action"]);
        });

    private static byte[] Bytes(string key) => Encoding.UTF8.GetBytes(key);

    private static (string?, bool, long, long, long) Use(JsonNode use) =>
        ((string?)use["keyId"], (bool)use["inUse"]!, (long)use["firstSequence"]!, (long)use["lastSequence"]!, (long)use["entries"]!);

    private static async Task<Guid> RegisterWebhookAsync(HttpClient admin)
    {
        var body = new JsonObject { ["url"] = "https://hooks.example.it/performance", ["events"] = new JsonArray("consuntivo.submitted"), ["secret"] = WebhookSecret };
        var response = await admin.PostJsonTextAsync($"/api/organizations/{Org}/webhooks", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((string)(await response.ReadJsonAsync())["id"]!);
    }

    private static async Task<string> StoredSecretAsync(ApiFactory host, Guid webhook)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PerformanceDbContext>().Set<WebhookSubscription>()
            .Where(s => s.Id == webhook).Select(s => s.Secret).SingleAsync();
    }

    private static async Task<(long Sequence, string Hash)> HeadAsync(ApiFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var head = await scope.ServiceProvider.GetRequiredService<PerformanceDbContext>().AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstAsync();
        return (head.Sequence, head.Hash);
    }
}
