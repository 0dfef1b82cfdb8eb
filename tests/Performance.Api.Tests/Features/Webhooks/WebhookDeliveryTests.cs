using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Webhooks;

/// <summary>
/// Webhooks end to end: events written with their change, signed, retried with backoff, logged, and delivered to a receiver
/// that fails and is down across a restart of the service — every event arrives, exactly once after de-duplication.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string Org = Documents.CremonaOrganization;
    private const string Plan = Documents.CremonaCode;
    private const string Secret = "s3cret-for-the-receiver-0123456789";
    private static readonly DateTimeOffset Start = new(2023, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static async Task<Guid> RegisterAsync(HttpClient admin, string url, params string[] events)
    {
        var body = new JsonObject { ["url"] = url, ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()), ["secret"] = Secret };
        var response = await admin.PostJsonTextAsync($"/api/organizations/{Org}/webhooks", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.ReadJsonAsync();
        Assert.Null(json["secret"]);
        return Guid.Parse((string)json["id"]!);
    }

    private static async Task<string> ActOkAsync(HttpClient client, string url, string body = "{}")
    {
        var response = await client.PostJsonTextAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> RecordAsync(HttpClient admin, string indicator, int year) =>
        (string)(await admin.PostActualOkAsync(Plan, indicator, $$"""{"year":{{year}},"period":"Y","value":1}"""))["id"]!;

    [Fact]
    public async Task A_receiver_that_fails_twice_and_is_down_across_a_restart_gets_every_event_once_signed()
    {
        var database = TestDatabase.Create();
        var clock = new FakeTimeProvider(Start);
        await using var receiver = new Receiver(failFirst: 2);
        await receiver.StartAsync();
        try
        {
            Guid webhook;
            var host = new WebhookHost(database, clock);
            try
            {
                var admin = host.CreateClient();
                var oiv = host.CreateClientAs(TestIdentities.Key("Oiv", Org));
                await admin.ImportSampleAsync();
                webhook = await RegisterAsync(admin, receiver.Url, "consuntivo.submitted", "consuntivo.validated", "consuntivo.returned",
                    "period.closed", "year.validated");

                // Four events while the receiver is up: its first two answers are 500s.
                var a = await RecordAsync(admin, "2021_01_01_02.I1", 2021);
                var b = await RecordAsync(admin, "2021_01_01_01.I1", 2021);
                await ActOkAsync(admin, $"/api/actuals/{a}/submit");
                await ActOkAsync(oiv, $"/api/actuals/{a}/validate");
                await ActOkAsync(admin, $"/api/actuals/{b}/submit");
                await ActOkAsync(oiv, $"/api/actuals/{b}/return", """{"reason":"Manca la fonte del dato"}""");
                await Pump.UntilAsync(clock, () => Task.FromResult(receiver.Requests.Count(r => r.Answered == 200) >= 1), "a first delivery succeeds");

                // Down: the next events fail with no answer at all, in this process and in the next one.
                await receiver.StopAsync();
                await ActOkAsync(admin, $"/api/plans/{Plan}/closures", """{"year":2021,"period":"Q1","reason":"chiusura trimestre"}""");
                var c = await RecordAsync(admin, "2021_01_01_02.I1", 2022);
                await ActOkAsync(admin, $"/api/actuals/{c}/submit");
                await ActOkAsync(oiv, $"/api/actuals/{c}/validate");
                await ActOkAsync(oiv, $"/api/plans/{Plan}/years/2022/validate");
                await Pump.UntilAsync(clock, async () => (await LogAsync(admin, webhook)).Any(d => d.Attempts.Any(t => t.Status is null)),
                    "an attempt fails with the receiver down");
            }
            finally
            {
                await host.DisposeAsync();
            }

            // The service restarts on the same database while the receiver is still down, then the receiver comes back.
            await using var restarted = new WebhookHost(database, clock);
            var client = restarted.CreateClient();
            var before = (await LogAsync(client, webhook)).Sum(d => d.Attempts.Count);
            await Pump.UntilAsync(clock, async () => (await LogAsync(client, webhook)).Sum(d => d.Attempts.Count) > before,
                "the restarted service retries while the receiver is down");
            await receiver.StartAsync();
            await Pump.UntilAsync(clock, async () => (await LogAsync(client, webhook)).All(d => d.State == "Delivered"), "every delivery is delivered");

            var log = await LogAsync(client, webhook);
            Assert.Equal(["consuntivo.returned", "consuntivo.submitted", "consuntivo.submitted", "consuntivo.submitted", "consuntivo.validated",
                "consuntivo.validated", "period.closed", "year.validated"], log.Select(d => d.Type).Order(StringComparer.Ordinal).ToList());
            // Every event reached the receiver with a 200, exactly once after de-duplication by event id.
            var accepted = receiver.Requests.Where(r => r.Answered == 200).ToList();
            var ids = accepted.Select(r => r.EventId!).Distinct().Order().ToList();
            Assert.Equal(log.Select(d => d.EventId.ToString()).Order().ToList(), ids);
            foreach (var request in receiver.Requests)
            {
                // The signature is the HMAC-SHA256 of the exact bytes received; the body names the same event as the header.
                Assert.Equal(Receiver.Sign(Secret, request.Body), request.Signature);
                var body = JsonNode.Parse(Encoding.UTF8.GetString(request.Body))!;
                Assert.Equal(request.EventId, (string)body["id"]!);
                Assert.EndsWith("+00:00", (string)body["occurredAt"]!);
                Assert.Equal(Org, (string)body["organization"]!);
                Assert.Equal(Plan, (string)body["plan"]!["code"]!);
                Assert.True(long.TryParse(request.Timestamp, out _));
            }
            // The same event always travels as the same bytes, so retries carry the same signature.
            foreach (var same in receiver.Requests.GroupBy(r => r.EventId))
                Assert.Single(same.Select(r => r.Signature).Distinct());

            // The log shows the receiver's two 500s, the attempts that got no answer, and the backoff between attempts.
            var attempts = log.SelectMany(d => d.Attempts).ToList();
            Assert.Equal(2, attempts.Count(t => t.Status == 500));
            Assert.Contains(attempts, t => t.Status is null && t.Error is not null);
            // Outside a request the sender speaks the service's default language, in its own words (not .NET's message).
            Assert.All(attempts.Where(t => t.Status is null), t => Assert.Matches("^(Connessione a 127\\.0\\.0\\.1:\\d+ non riuscita: rifiutata o irraggiungibile|Nessuna risposta entro)", t.Error));
            Assert.All(log, d => Assert.Equal(200, d.Attempts.Last().Status));
            // Never retried before its backoff: 10 s after the first failure, doubling, at most 60 s (the host's settings).
            Assert.Contains(log, d => d.Attempts.Count >= 3);
            foreach (var d in log)
                for (var k = 0; k + 1 < d.Attempts.Count; k++)
                    Assert.True(d.Attempts[k + 1].At - d.Attempts[k].At >= TimeSpan.FromSeconds(Math.Min(60, 10 * Math.Pow(2, k))),
                        $"attempt {k + 2} of {d.Type} came {d.Attempts[k + 1].At - d.Attempts[k].At} after attempt {k + 1}");
        }
        finally
        {
            database.Drop();
        }
    }

    private sealed record Attempt(int Number, DateTimeOffset At, int? Status, string? Error);

    private sealed record Delivery(Guid EventId, string Type, string State, List<Attempt> Attempts);

    private static async Task<List<Delivery>> LogAsync(HttpClient admin, Guid webhook)
    {
        var json = await admin.GetJsonOkAsync($"/api/organizations/{Org}/webhooks/{webhook}/deliveries?take=500");
        return json["deliveries"]!.AsArray().Select(d => new Delivery(Guid.Parse((string)d!["eventId"]!), (string)d["type"]!, (string)d["state"]!,
            d["attemptLog"]!.AsArray().Select(t => new Attempt((int)t!["number"]!, DateTimeOffset.Parse((string)t["at"]!), (int?)t["statusCode"], (string?)t["error"]))
                .ToList())).ToList();
    }
}
