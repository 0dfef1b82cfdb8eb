using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// Score reads answer with a weak ETag of the plan's state and the request; sending it back in If-None-Match gives 304
/// without a body until a consuntivo (or anything else) is written, the request or the language differs.
/// </summary>
public sealed class ScoreETagTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private const string Plan = "ETAG";

    private async Task EnsurePlanAsync()
    {
        if ((await _client.GetAsync($"/api/plans/{Plan}")).StatusCode == HttpStatusCode.OK) return;
        var indicator = Indicator("N.A", ">= 10", polarity: "HigherIsBetter");
        indicator["targets"]!["2022"] = ">= 10";
        await _client.ImportOkAsync(Document(Plan, null, Node("N", indicators: [indicator])));
        await _client.PostActualOkAsync(Plan, "N.A", """{ "year": 2021, "period": "Y", "value": 5 }""");
    }

    private async Task<HttpResponseMessage> GetAsync(string url, EntityTagHeaderValue? tag = null, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (tag is not null) request.Headers.IfNoneMatch.Add(tag);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/api/plans/ETAG/scorecard?year=2021")]
    [InlineData("/api/plans/ETAG/nodes/N/score?year=2021")]
    [InlineData("/api/indicators/ETAG:N.A/score?year=2021")]
    [InlineData("/api/plans/ETAG/structures/ranking?year=2021")]
    [InlineData("/api/plans/ETAG/public-value?year=2021")]
    [InlineData("/api/plans/ETAG/guidelines?year=2021")]
    public async Task A_repeated_score_read_with_its_etag_is_304_without_a_body(string url)
    {
        await EnsurePlanAsync();
        var first = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.True(tag.IsWeak);

        var again = await GetAsync(url, tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, again.Headers.ETag);

        // Another tag, or the same request in another language, is answered in full.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url, new EntityTagHeaderValue("\"0123\"", isWeak: true))).StatusCode);
        var italian = await GetAsync(url, tag, "it");
        Assert.Equal(HttpStatusCode.OK, italian.StatusCode);
        Assert.NotEqual(tag, italian.Headers.ETag);
    }

    [Fact]
    public async Task A_new_consuntivo_changes_the_etag_and_the_answer()
    {
        await EnsurePlanAsync();
        const string url = $"/api/plans/{Plan}/scorecard?year=2022";
        var first = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(Dec(IndicatorIn(await first.ReadJsonAsync(), "N.A")["actual"]));
        Assert.NotEqual(first.Headers.ETag, (await GetAsync($"/api/plans/{Plan}/scorecard?year=2021")).Headers.ETag);

        await _client.PostActualOkAsync(Plan, "N.A", """{ "year": 2022, "period": "Y", "value": 12 }""");
        var after = await GetAsync(url, first.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(first.Headers.ETag, after.Headers.ETag);
        Assert.Equal(12m, Dec(IndicatorIn(await after.ReadJsonAsync(), "N.A")["actual"]));
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, after.Headers.ETag)).StatusCode);
    }

    [Fact]
    public async Task With_compare_a_consuntivo_written_to_the_plan_rolled_forward_from_changes_the_etag()
    {
        var source = Indicator("N.A", ">= 10", polarity: "HigherIsBetter");
        source["targets"]!["2022"] = ">= 10";
        await _client.ImportOkAsync(Document("ETAG-SRC", null, Node("N", indicators: [source])));
        await _client.PostActualOkAsync("ETAG-SRC", "N.A", """{ "year": 2021, "period": "Y", "value": 5 }""");
        var rolled = await _client.PostJsonTextAsync("/api/plans/ETAG-SRC/rollover", """{"code":"ETAG-NEXT","startYear":2022}""");
        Assert.Equal(HttpStatusCode.Created, rolled.StatusCode);

        // 2021 is scored by the source plan: a revision there must not be answered 304 on the new plan.
        const string url = "/api/plans/ETAG-NEXT/scorecard?year=2022&compare=previousYear";
        var first = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, first.Headers.ETag)).StatusCode);
        await _client.PostActualOkAsync("ETAG-SRC", "N.A", """{ "year": 2021, "period": "Y", "value": 8, "reason": "Dato rettificato" }""");
        var after = await GetAsync(url, first.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_request_gets_no_etag()
    {
        await EnsurePlanAsync();
        var response = await GetAsync($"/api/plans/{Plan}/scorecard?year=1999");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/api/plans/ETAG/scorecard.csv?year=2021", "text/csv", "br")]
    [InlineData("/api/plans/ETAG/scorecard.csv?year=2021", "text/csv", "gzip")]
    [InlineData("/api/plans/ETAG/relazione?year=2021", "text/html", "br")]
    [InlineData("/api/plans/ETAG/relazione?year=2021", "text/html", "gzip")]
    public async Task CSV_and_HTML_answers_are_compressed_when_the_client_accepts_it(string url, string mediaType, string encoding)
    {
        await EnsurePlanAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br" ? new BrotliStream(raw, CompressionMode.Decompress) : new GZipStream(raw, CompressionMode.Decompress);
        Assert.Contains("N.A", await new StreamReader(decoded).ReadToEndAsync());
    }
}
