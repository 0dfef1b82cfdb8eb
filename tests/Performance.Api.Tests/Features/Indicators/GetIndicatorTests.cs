using System.Net;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Indicators;

/// <summary>GET /api/indicators/{indicator}: by id or planCode:indicatorCode, every target with its parsed form.</summary>
public sealed class GetIndicatorTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();

    public Task InitializeAsync() => _client.ImportOrReplaceAsync(Documents.Cremona());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_indicator_by_plan_and_code_and_by_id_is_the_same_with_its_ETag()
    {
        var byCode = await _client.GetAsync($"/api/indicators/{Documents.CremonaCode}:2021_01.I1");
        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        var indicator = await byCode.ReadJsonAsync();

        var byId = await _client.GetAsync($"/api/indicators/{indicator["id"]}");

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(indicator.ToJsonString(), (await byId.ReadJsonAsync()).ToJsonString());
        Assert.Equal("2021_01.I1", indicator["code"]!.GetValue<string>());
        Assert.Equal("2021_01", indicator["node"]!.GetValue<string>());
        Assert.Equal("HigherIsBetter", indicator["polarity"]!.GetValue<string>());
        Assert.Equal("Percent", indicator["unit"]!.GetValue<string>());
        Assert.Matches("^\"[0-9a-f]{32}\"$", byCode.ETag());
        Assert.Equal(byCode.ETag(), indicator["eTag"]!.GetValue<string>());
        Assert.Equal(byCode.ETag(), byId.ETag());

        var targets = indicator["targets"]!.AsArray();
        Assert.Equal([2021, 2022, 2023], targets.Select(t => t!["year"]!.GetValue<int>()));
        Assert.All(targets, t =>
        {
            Assert.Equal(">=80%", t!["text"]!.GetValue<string>());
            Assert.Null(t["error"]);
            Assert.Equal("AtLeast", t["parsed"]!["operator"]!.GetValue<string>());
            Assert.Equal(80m, t["parsed"]!["value"]!.GetValue<decimal>());
            Assert.Equal("Percent", t["parsed"]!["unit"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("2021_01_02_04.I1", "AtMost", 10)]   // "10,00" with the indicator's LowerIsBetter polarity
    [InlineData("2021_01_02_04.I2", "AtLeast", 8)]   // "8,00", HigherIsBetter
    [InlineData("2021_02_01_03.I1", "AtLeast", 50)]  // "> =50"
    [InlineData("2021_04_02_01.I2", "MoreThan", 38)] // "> 38": strict
    public async Task Targets_are_parsed_with_the_indicator_polarity(string code, string op, decimal value)
    {
        var indicator = await _client.GetJsonAsync($"/api/indicators/{Documents.CremonaCode}:{code}");

        var target = Assert.Single(indicator["targets"]!.AsArray())!;
        Assert.Equal(2021, target["year"]!.GetValue<int>());
        Assert.Equal(op, target["parsed"]!["operator"]!.GetValue<string>());
        Assert.Equal(value, target["parsed"]!["value"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("PP-2021-2023:NOPE")]
    [InlineData("NOPE:2021_01.I1")]
    [InlineData("2021_01.I1")]
    [InlineData("PP-2021-2023:")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task An_unknown_indicator_is_a_404_problem(string key)
    {
        await (await _client.GetAsync($"/api/indicators/{key}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
