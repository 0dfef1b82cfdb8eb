using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>Every instant the service records comes from its TimeProvider: consuntivi, reviews, closures and the audit trail.</summary>
public sealed class TimeProviderTests(ClockedApiFactory factory) : IClassFixture<ClockedApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Recorded_reviewed_closed_and_audited_at_the_service_clock()
    {
        await _client.EnsureCremonaAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(2021, 7, 15, 10, 0, 0, TimeSpan.Zero));
        var actual = await _client.PostActualOkAsync(Cremona, "2021_01.I1", """{"year":2021,"period":"Q2","numerator":170,"denominator":200}""");
        Assert.StartsWith("2021-07-15T10:00:00", (string)actual["recordedAt"]!);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var id = (string)actual["id"]!;
        Assert.True((await _client.PostAsync($"/api/actuals/{id}/submit", null)).IsSuccessStatusCode);
        // Validation is the OIV's act (four eyes: not the Admin who entered and submitted it).
        var oiv = factory.CreateClientAs(TestIdentities.Key("Oiv", "CCIAA-CR"));
        var validated = await (await oiv.PostAsync($"/api/actuals/{id}/validate", null)).ReadJsonAsync();
        Assert.StartsWith("2021-07-15T12:00:00", (string)validated["reviewedAt"]!);

        factory.Clock.SetUtcNow(new DateTimeOffset(2021, 10, 5, 8, 0, 0, TimeSpan.Zero));
        var closure = await (await _client.PostAsJsonAsync($"/api/plans/{Cremona}/closures", new { year = 2021, period = "Q3", reason = "chiusura" })).ReadJsonAsync();
        Assert.StartsWith("2021-10-05T08:00:00", (string)closure["closedAt"]!);

        var audit = await (await _client.GetAsync($"/api/audit?plan={Cremona}&from=2021-07-01")).ReadJsonAsync();
        var times = audit["entries"]!.AsArray().Select(e => (string)e!["at"]!).ToList();
        Assert.Contains(times, t => t.StartsWith("2021-07-15T10:00:00", StringComparison.Ordinal));
        Assert.Contains(times, t => t.StartsWith("2021-07-15T12:00:00", StringComparison.Ordinal));
        Assert.Contains(times, t => t.StartsWith("2021-10-05T08:00:00", StringComparison.Ordinal));
    }
}
