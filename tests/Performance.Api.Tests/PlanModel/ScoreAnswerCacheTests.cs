using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Performance.Api.PlanModel;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.PlanModel;

/// <summary>
/// A score read whose ETag matches the last answer computed for it is sent those bytes again (<see cref="ScoreAnswerCache"/>);
/// a write moves the plan's position and the next read is computed afresh; answers are never shared across languages or
/// callers; the cache keeps within its budget.
/// </summary>
public sealed class ScoreAnswerCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private ScoreAnswerCache Answers => factory.Services.GetRequiredService<ScoreAnswerCache>();

    private async Task ImportAsync(string plan)
    {
        // N.B has no consuntivo: the scorecard says so in the caller's language.
        var document = Document(plan, null, Node("N", indicators:
            [Indicator("N.A", ">= 10", polarity: "HigherIsBetter"), Indicator("N.B", ">= 10", polarity: "HigherIsBetter")]));
        document["organization"]!["code"] = "TEST"; // an organization the test identities have keys for
        await _client.ImportOkAsync(document);
        await _client.PostActualOkAsync(plan, "N.A", """{ "year": 2021, "period": "Y", "value": 5 }""");
    }

    private async Task<(byte[] Body, EntityTagHeaderValue Tag)> ReadAsync(string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag!);
    }

    private static decimal? Score(byte[] body) => JsonNode.Parse(body)!["score"]?.GetValue<decimal?>();

    [Fact]
    public async Task A_repeated_read_is_sent_the_answer_computed_for_it_until_a_write_moves_the_plan()
    {
        await ImportAsync("ANSWERS");
        const string url = "/api/indicators/ANSWERS:N.A/score?year=2021";
        var first = await ReadAsync(url);
        Assert.Equal(50m, Score(first.Body));
        var reused = Answers.Reused;

        var again = await ReadAsync(url);
        Assert.Equal(reused + 1, Answers.Reused);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Tag, again.Tag);

        // A correction moves the plan: the next read is computed again, with the new figure, under a new tag.
        await _client.PostActualOkAsync("ANSWERS", "N.A", """{ "year": 2021, "period": "Y", "value": 8 }""");
        var after = await ReadAsync(url);
        Assert.Equal(reused + 1, Answers.Reused);
        Assert.Equal(80m, Score(after.Body));
        Assert.NotEqual(first.Tag, after.Tag);
        // And that answer is the one kept now.
        Assert.Equal(after.Body, (await ReadAsync(url)).Body);
        Assert.Equal(reused + 2, Answers.Reused);
    }

    [Fact]
    public async Task An_answer_is_kept_for_its_language_and_its_caller_only()
    {
        await ImportAsync("ANSWERS-LANG");
        const string url = "/api/plans/ANSWERS-LANG/scorecard?year=2021";
        var italian = await ReadAsync(url, "it");
        var english = await ReadAsync(url, "en");
        Assert.Contains("Nessun consuntivo per l'anno.", System.Text.Encoding.UTF8.GetString(italian.Body));
        Assert.Contains("No consuntivo for the year.", System.Text.Encoding.UTF8.GetString(english.Body));
        Assert.Equal(italian.Body, (await ReadAsync(url, "it")).Body);
        Assert.Equal(english.Body, (await ReadAsync(url, "en")).Body);

        // Another caller (the organization's Viewer instead of the platform Admin) has a tag, and an answer, of its own.
        using var viewer = factory.CreateClientAs(TestIdentities.Key("Viewer", "TEST"));
        using var response = await viewer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(italian.Tag, response.Headers.ETag);
    }

    [Fact]
    public void An_answer_in_chunks_holds_exactly_the_bytes_the_serializer_writes_in_one_array()
    {
        // Several chunks, accented Italian text, escapes, a value longer than a chunk, and the service's own options.
        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var answer = new
        {
            Title = "Attività di verifica \"OIV\" – è già validata <script>",
            Long = new string('à', AnswerBody.ChunkSize),
            Rows = Enumerable.Range(0, 20_000).Select(i => new { Code = $"I.{i}", Score = i / 7m, Status = i % 3 == 0 ? "Green" : null }).ToList(),
        };
        var body = AnswerBody.Serialize(answer, options);
        var whole = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer, answer.GetType(), options);
        Assert.True(body.Length > 10L * AnswerBody.ChunkSize);
        Assert.Equal(whole.Length, body.Length);
        Assert.Equal(whole, body.ToArray());
    }

    [Fact]
    public void Beyond_its_budget_the_least_recently_sent_answers_are_dropped_and_a_larger_one_is_not_kept()
    {
        var cache = new ScoreAnswerCache(Options.Create(new PlanCacheOptions { AnswerBudgetMiB = 3.0 / 1024 })); // 3 KiB
        AnswerBody Body(byte fill) => AnswerBody.Of(Enumerable.Repeat(fill, 1024).ToArray());
        cache.Keep("a", "1", Body(1));
        cache.Keep("b", "1", Body(2));
        cache.Keep("c", "1", Body(3));
        Assert.NotNull(cache.Find("a", "1")); // a is now more recent than b
        cache.Keep("d", "1", Body(4));
        Assert.Null(cache.Find("b", "1"));
        Assert.Equal(Body(1).ToArray(), cache.Find("a", "1")!.ToArray());
        Assert.Equal(3 * 1024, cache.HeldBytes);

        // A new position of the same read replaces its answer; the old tag no longer finds anything.
        cache.Keep("a", "2", Body(5));
        Assert.Null(cache.Find("a", "1"));
        Assert.Equal(Body(5).ToArray(), cache.Find("a", "2")!.ToArray());
        Assert.Equal(3 * 1024, cache.HeldBytes);

        cache.Keep("e", "1", AnswerBody.Of(new byte[4 * 1024]));
        Assert.Null(cache.Find("e", "1"));
        Assert.Equal(3 * 1024, cache.HeldBytes);
    }

    [Fact]
    public async Task Reads_that_come_together_after_a_write_are_sent_one_computation()
    {
        await ImportAsync("ANSWERS-BURST");
        const string url = "/api/plans/ANSWERS-BURST/scorecard?year=2021";
        await ReadAsync(url);
        // The write moves the plan: every read below is at a position nothing was computed for yet.
        await _client.PostActualOkAsync("ANSWERS-BURST", "N.A", """{ "year": 2021, "period": "Y", "value": 8 }""");
        var (computed, reused, shared) = (Answers.Computed, Answers.Reused, Answers.Shared);

        const int reads = 8;
        var responses = await Racing.TogetherAsync(Enumerable.Range(0, reads).Select(_ => (Func<Task<HttpResponseMessage>>)(() => _client.GetAsync(url))));
        var bodies = new List<byte[]>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(responses[0].Headers.ETag, response.Headers.ETag);
            bodies.Add(await response.Content.ReadAsByteArrayAsync());
        }
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        Assert.Contains("80", System.Text.Encoding.UTF8.GetString(bodies[0]));
        // One read computed; each other one waited for it or found its kept answer.
        Assert.Equal(computed + 1, Answers.Computed);
        Assert.Equal(reads - 1, (Answers.Reused - reused) + (Answers.Shared - shared));
    }

    [Fact]
    public async Task A_read_waiting_for_a_computation_that_fails_computes_its_own()
    {
        var cache = new ScoreAnswerCache(Options.Create(new PlanCacheOptions()));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        async Task<AnswerBody?> Failing()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            throw new InvalidOperationException("scoring failed");
        }
        var first = cache.ComputeOnceAsync("slot", "1", Failing, CancellationToken.None);
        var waitingComputed = false;
        var waiting = cache.ComputeOnceAsync("slot", "1", () =>
        {
            waitingComputed = true;
            return Task.FromResult<AnswerBody?>(AnswerBody.Of([9]));
        }, CancellationToken.None);
        // Another tag of the same slot is another computation.
        var other = await cache.ComputeOnceAsync("slot", "2", () => Task.FromResult<AnswerBody?>(AnswerBody.Of([1, 2])), CancellationToken.None);
        Assert.Equal(new byte[] { 1, 2 }, other!.ToArray());
        // The waiting read has not computed while the first one runs.
        Assert.False(waitingComputed);
        release.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        // Then it computes its own answer, and is sent it.
        Assert.Equal(new byte[] { 9 }, (await waiting)!.ToArray());
        Assert.True(waitingComputed);
        Assert.Equal(1, computations);
        Assert.Equal(3, cache.Computed);
        Assert.Equal(0, cache.Shared);

        // Once the failed one has ended, the next read of that tag computes again.
        var body = await cache.ComputeOnceAsync("slot", "1", () => Task.FromResult<AnswerBody?>(AnswerBody.Of([3])), CancellationToken.None);
        Assert.Equal(new byte[] { 3 }, body!.ToArray());
    }

    [Fact]
    public async Task A_read_waiting_for_an_answer_is_sent_it_and_may_stop_waiting()
    {
        var cache = new ScoreAnswerCache(Options.Create(new PlanCacheOptions()));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<AnswerBody?> Slow()
        {
            await release.Task;
            return AnswerBody.Of([7]);
        }
        var first = cache.ComputeOnceAsync("slot", "1", Slow, CancellationToken.None);
        var waiting = cache.ComputeOnceAsync("slot", "1", () => throw new InvalidOperationException("not computed twice"), CancellationToken.None);
        using var gone = new CancellationTokenSource();
        var leaving = cache.ComputeOnceAsync("slot", "1", () => throw new InvalidOperationException("not computed twice"), gone.Token);
        gone.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        release.SetResult();
        Assert.Same(await first, await waiting);
        Assert.Equal(new byte[] { 7 }, (await waiting)!.ToArray());
        Assert.Equal(1, cache.Computed);
        Assert.Equal(1, cache.Shared);
    }
}
