using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using Xunit.Abstractions;

namespace Performance.Api.Tests.Persistence;

/// <summary>
/// Racing requests, fired together over several clients many times, on the engine under test (SQLite, or PostgreSQL in
/// CI's second lane): the rules hold where the database decides (a closure, a review and an entry never interleave), and
/// writers that have nothing to do with each other never fail on the audit chain.
/// </summary>
public sealed class ConcurrencyTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const string Org = "TEST";
    private readonly HttpClient[] _office = Enumerable.Range(0, 6).Select(_ => factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org))).ToArray();
    private readonly HttpClient _admin = factory.CreateClientAs(TrustKit.Key("Admin", Org));
    private readonly HttpClient _oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));

    private async Task<string> NewPlanAsync(string prefix, int nodes = 1, int startYear = 2021, int endYear = 2023)
    {
        var code = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var document = SmallPlan.Plan(code, startYear: startYear, endYear: endYear, nodes: new JsonArray(Enumerable.Range(1, nodes)
            .Select(n => (JsonNode)SmallPlan.Node($"N{n:00}", indicators: [SmallPlan.Indicator($"I{n}", year: startYear)])).ToArray()));
        document["organization"]!["code"] = Org;
        var import = await _admin.ImportAsync(document);
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        return code;
    }

    private static string Entry(int year, string period, decimal value, string? reason = null) =>
        new JsonObject { ["year"] = year, ["period"] = period, ["value"] = value, ["reason"] = reason }.ToJsonString();

    private static (int Year, string Period) Month(int trial) => (2021 + trial / 12, $"M{trial % 12 + 1:00}");

    private async Task<List<(long Sequence, string Action, string? Code, string? After)>> AuditOfAsync(string plan)
    {
        var planId = (string)(await _admin.GetJsonAsync($"/api/plans/{plan}"))["id"]!;
        await using var connection = TrustKit.Open(factory);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "Sequence", "Action", "EntityCode", "After", "PlanId" FROM "AuditEntries" ORDER BY "Sequence" """;
        var entries = new List<(long, string, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (!reader.IsDBNull(4) && Guid.Parse(reader.GetValue(4).ToString()!) == Guid.Parse(planId))
                entries.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return entries;
    }

    private async Task AssertAuditValidAsync()
    {
        var verification = await _admin.GetJsonAsync("/api/audit/verify");
        Assert.True((bool)verification["valid"]!, verification.ToJsonString());
    }

    [Fact]
    public async Task No_consuntivo_of_a_period_commits_after_the_closure_of_that_period()
    {
        var plan = await NewPlanAsync("RACE-CLOSE");
        const int trials = 36;
        var (accepted, refused) = (0, 0);
        var answers = new List<(int Trial, HttpStatusCode Status, bool Bulk)>();
        var unexpected = new List<string>();
        for (var trial = 0; trial < trials; trial++)
        {
            var (year, period) = Month(trial);
            var calls = new List<Func<Task<HttpResponseMessage>>>();
            for (var k = 0; k < 6; k++)
            {
                var client = _office[k];
                var value = k + 1;
                calls.Add(() => client.PostActualAsync(plan, "I1", Entry(year, period, value)));
            }
            calls.Add(() => _office[0].PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk",
                $$"""{"actuals":[{"indicator":"I1","year":{{year}},"period":"{{period}}","value":99}]}"""));
            calls.Add(() => _admin.PostJsonTextAsync($"/api/plans/{plan}/closures", $$"""{"year":{{year}},"period":"{{period}}","reason":"chiusura mensile"}"""));
            var responses = await Racing.TogetherAsync(calls);

            Assert.Equal(HttpStatusCode.Created, responses[^1].StatusCode);
            for (var i = 0; i < responses.Length - 1; i++)
            {
                var (status, body) = (responses[i].StatusCode, await responses[i].Content.ReadAsStringAsync());
                // Admitted, or refused because the period is closed: nothing else (a clash between writers would be a 409 too).
                if (status is HttpStatusCode.Created or HttpStatusCode.OK) accepted++;
                else if (status == HttpStatusCode.Conflict && body.Contains("is closed")) refused++;
                else unexpected.Add($"trial {trial}, call {i}: {(int)status} {body}");
                answers.Add((trial, status, i == responses.Length - 2));
            }
        }

        // The audit sequence is the commit order (entries are appended under the chain's lock, held to the commit): every
        // figure of a period was committed before that period's closure.
        var audit = await AuditOfAsync(plan);
        var violations = new List<string>();
        for (var trial = 0; trial < trials; trial++)
        {
            var (year, period) = Month(trial);
            var closure = Assert.Single(audit, e => e.Action == "PeriodClosed" && e.Code == $"{plan} {year} {period}");
            var figures = audit.Where(e => e.Action is "ActualRecorded" or "ActualRevised" && e.Code == $"I1 {year} {period}"
                || e.Action == "ActualsBulkRecorded" && JsonNode.Parse(e.After!)!.AsArray().Any(r => (int)r!["year"]! == year && (string?)r["period"] == period)).ToList();
            violations.AddRange(figures.Where(f => f.Sequence > closure.Sequence).Select(f => $"{period} {year}: {f.Action} #{f.Sequence} after closure #{closure.Sequence}"));
            Assert.Equal(answers.Count(a => a.Trial == trial && a.Status is HttpStatusCode.Created or HttpStatusCode.OK), figures.Count);
        }
        output.WriteLine(string.Join("\n", violations.Take(5)));
        output.WriteLine($"{factory.Provider}: {trials} trials, {trials * 8} overlapping requests: {accepted} figures admitted before the closure, {refused} refused by it");
        Assert.Empty(violations);
        Assert.Empty(unexpected);
        Assert.True(refused > 0 && accepted > 0, $"the race never overlapped: {accepted} admitted, {refused} refused");
        await AssertAuditValidAsync();
    }

    [Fact]
    public async Task A_validated_or_submitted_revision_is_never_superseded_without_a_reason()
    {
        var plan = await NewPlanAsync("RACE-REVIEW");
        const int trials = 36;
        var outcomes = new Dictionary<string, int>();
        for (var trial = 0; trial < trials; trial++)
        {
            var (year, period) = Month(trial);
            // Even trials race the draft's submission and validation against new entries; odd ones race the validation of a
            // figure already submitted. Entries start a little apart, so every order happens.
            var first = await _office[0].PostActualOkAsync(plan, "I1", Entry(year, period, 10));
            var submittedFirst = trial % 2 == 1;
            if (submittedFirst) Assert.Equal(HttpStatusCode.OK, (await _office[5].PostAsync($"/api/actuals/{first["id"]}/submit", null)).StatusCode);
            var jitter = new Random(trial);
            var calls = new List<Func<Task<HttpResponseMessage>>>
            {
                async () =>
                {
                    if (submittedFirst) return await _oiv.PostAsync($"/api/actuals/{first["id"]}/validate", null);
                    var submitted = await _office[5].PostAsync($"/api/actuals/{first["id"]}/submit", null);
                    return submitted.IsSuccessStatusCode ? await _oiv.PostAsync($"/api/actuals/{first["id"]}/validate", null) : submitted;
                },
            };
            for (var k = 0; k < 5; k++)
            {
                var (client, value, delay) = (_office[k], 20 + k, jitter.Next(0, 60));
                calls.Add(async () => { await Task.Delay(delay); return await client.PostActualAsync(plan, "I1", Entry(year, period, value)); });
            }
            var late = jitter.Next(0, 60);
            calls.Add(async () => { await Task.Delay(late); return await _office[1].PostActualAsync(plan, "I1", Entry(year, period, 30, reason: "Rettifica del dato")); });
            foreach (var response in await Racing.TogetherAsync(calls))
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict,
                    $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var key = ((int)response.StatusCode).ToString();
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            }
        }

        // Every period's revisions, in order: none follows a submitted one (it waits for the OIV), and one that follows a
        // validated revision carries the reason for correcting it.
        var violations = new List<string>();
        var validated = 0;
        foreach (var year in new[] { 2021, 2022, 2023 })
        {
            var periods = (await _admin.GetJsonAsync($"/api/indicators/{plan}:I1/actuals?year={year}")).AsArray();
            foreach (var p in periods)
            {
                var revisions = p!["revisions"]!.AsArray().Select(r => r!).OrderBy(r => (int)r["revision"]!).ToList();
                Assert.Equal(Enumerable.Range(1, revisions.Count), revisions.Select(r => (int)r["revision"]!));
                validated += revisions.Count(r => (string?)r["status"] == "Validated");
                for (var i = 0; i + 1 < revisions.Count; i++)
                {
                    var (before, after) = (revisions[i], revisions[i + 1]);
                    if ((string?)before["status"] == "Submitted")
                        violations.Add($"{year} {p["period"]}: revision {before["revision"]} is submitted but revision {after["revision"]} followed it");
                    if ((string?)before["status"] == "Validated" && string.IsNullOrWhiteSpace((string?)after["correctionReason"]))
                        violations.Add($"{year} {p["period"]}: validated revision {before["revision"]} superseded by {after["revision"]} without a reason");
                }
            }
        }
        output.WriteLine($"{factory.Provider}: {trials} trials, {trials * 7} overlapping requests, answers {string.Join(", ", outcomes.Select(o => $"{o.Key}×{o.Value}"))}; {validated} validations");
        Assert.Empty(violations);
        Assert.True(validated > 0, "no validation ever won the race: the test did not exercise the rule");
        await AssertAuditValidAsync();
    }

    [Fact]
    public async Task No_target_weight_or_draft_commits_after_the_validation_of_its_year_that_would_have_refused_it()
    {
        const int trials = 12;
        var outcomes = new Dictionary<string, int>();
        var (validations, refusedByIt, violations) = (0, 0, new List<string>());
        for (var trial = 0; trial < trials; trial++)
        {
            // A one-year plan whose only figure (I1) is validated: the OIV may validate the year, while the office edits
            // I2's target, I3's weight and N01's weight, and another office posts a new draft of I2 (which, if first, blocks the validation).
            var plan = await NewPlanAsync("RACE-FREEZE", nodes: 3, startYear: 2021, endYear: 2021);
            var first = await _office[0].PostActualOkAsync(plan, "I1", Entry(2021, "Y", 10));
            Assert.Equal(HttpStatusCode.OK, (await _office[5].PostAsync($"/api/actuals/{first["id"]}/submit", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _oiv.PostAsync($"/api/actuals/{first["id"]}/validate", null)).StatusCode);
            var i2 = (await _office[1].GetAsync($"/api/indicators/{plan}:I2")).ETag();
            var i3 = (await _office[2].GetAsync($"/api/indicators/{plan}:I3")).ETag();
            var n1 = (await _office[3].GetAsync($"/api/plans/{plan}/nodes/N01")).ETag();
            var jitter = new Random(trial);
            var delays = Enumerable.Range(0, 5).Select(_ => jitter.Next(0, 40)).ToArray();
            var calls = new List<Func<Task<HttpResponseMessage>>>
            {
                async () => { await Task.Delay(delays[0]); return await _oiv.PostJsonTextAsync($"/api/plans/{plan}/years/2021/validate", "{}"); },
                async () => { await Task.Delay(delays[1]); return await _office[1].PatchJsonAsync($"/api/indicators/{plan}:I2", new JsonObject { ["targets"] = new JsonObject { ["2021"] = ">= 5" } }, i2); },
                async () => { await Task.Delay(delays[2]); return await _office[2].PatchJsonAsync($"/api/indicators/{plan}:I3", new JsonObject { ["weight"] = 7 }, i3); },
                async () => { await Task.Delay(delays[3]); return await _office[3].PatchJsonAsync($"/api/plans/{plan}/nodes/N01", new JsonObject { ["weight"] = 9 }, n1); },
                async () => { await Task.Delay(delays[4]); return await _office[4].PostActualAsync(plan, "I2", Entry(2021, "Y", 3)); },
            };
            var responses = await Racing.TogetherAsync(calls);
            for (var i = 0; i < responses.Length; i++)
            {
                var (status, body) = (responses[i].StatusCode, await responses[i].Content.ReadAsStringAsync());
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict, $"trial {trial}, call {i}: {(int)status} {body}");
                if (i > 0 && status == HttpStatusCode.Conflict)
                {
                    Assert.Contains("Year 2021 was validated by the OIV", body);
                    refusedByIt++;
                }
                var key = $"{(i == 0 ? "validate" : "write")} {(int)status}";
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            }

            // The audit sequence is the commit order: a write refused once the year is validated never commits after it.
            var audit = await AuditOfAsync(plan);
            var validated = audit.Where(e => e.Action == "YearValidated").ToList();
            if (validated.Count == 0) continue;
            validations++;
            violations.AddRange(audit.Where(e => e.Action is "IndicatorUpdated" or "NodeUpdated" or "ActualRecorded" or "ActualRevised" && e.Sequence > validated[0].Sequence)
                .Select(e => $"trial {trial}: {e.Action} {e.Code} #{e.Sequence} after the validation #{validated[0].Sequence}"));
            // A draft committed before it would have blocked the validation.
            Assert.DoesNotContain(audit, e => e.Action == "ActualRecorded" && e.Code == "I2 2021 Y");
        }
        output.WriteLine($"{factory.Provider}: {trials} trials, {trials * 5} overlapping requests: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}×{o.Value}"))}; " +
            $"{validations} years validated, {refusedByIt} writes refused by the validation");
        Assert.Empty(violations);
        Assert.True(validations > 0 && refusedByIt > 0 && outcomes.GetValueOrDefault("write 200") > 0,
            "the race never overlapped: " + string.Join(", ", outcomes.Select(o => $"{o.Key}×{o.Value}")));
        await AssertAuditValidAsync();
    }

    [Fact]
    public async Task Thirty_writers_on_different_nodes_at_once_all_succeed()
    {
        const int nodes = 30, rounds = 5;
        var plan = await NewPlanAsync("RACE-NODES", nodes);
        var clients = Enumerable.Range(0, nodes).Select(_ => factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org))).ToArray();
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        for (var round = 1; round <= rounds; round++)
        {
            var etags = new string[nodes];
            for (var n = 0; n < nodes; n++) etags[n] = (await clients[n].GetAsync($"/api/plans/{plan}/nodes/N{n + 1:00}")).ETag();
            var weight = round + 1;
            var responses = await Racing.TogetherAsync(Enumerable.Range(0, nodes).Select(n => (Func<Task<HttpResponseMessage>>)(async () =>
            {
                var clock = Stopwatch.StartNew();
                var response = await clients[n].PatchJsonAsync($"/api/plans/{plan}/nodes/N{n + 1:00}", new JsonObject { ["weight"] = weight, ["reason"] = "Revisione dei pesi" }, etags[n]);
                lock (failures) slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                return response;
            })));
            for (var n = 0; n < nodes; n++)
                if (responses[n].StatusCode != HttpStatusCode.OK)
                    failures.Add($"round {round}, N{n + 1:00}: {(int)responses[n].StatusCode} {await responses[n].Content.ReadAsStringAsync()}");
        }
        output.WriteLine($"{factory.Provider}: {rounds} rounds of {nodes} simultaneous PATCHes of different nodes, {failures.Count} failed; slowest answer {slowest.TotalMilliseconds:0} ms");
        Assert.Empty(failures);
        var audit = await AuditOfAsync(plan);
        Assert.Equal(nodes * rounds, audit.Count(e => e.Action == "NodeUpdated"));
        var weights = (await _admin.GetJsonAsync($"/api/plans/{plan}/nodes")).AsArray();
        Assert.All(weights, n => Assert.Equal(rounds + 1, (decimal)n!["weight"]!));
        await AssertAuditValidAsync();
    }

    [Fact]
    public async Task Two_hundred_entries_of_one_period_at_once_are_two_hundred_revisions()
    {
        const int posts = 200, baseline = 20;
        var plan = await NewPlanAsync("RACE-REV");
        var clients = Enumerable.Range(0, 20).Select(_ => factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org))).ToArray();

        // The same work one request at a time, on this machine now: what the simultaneous batch is compared with.
        var sequential = Stopwatch.StartNew();
        for (var k = 0; k < baseline; k++) await clients[0].PostActualOkAsync(plan, "I1", Entry(2022, "Q1", k));
        var perPost = sequential.Elapsed / baseline;

        var latencies = new TimeSpan[posts];
        var total = Stopwatch.StartNew();
        var responses = await Racing.TogetherAsync(Enumerable.Range(0, posts).Select(k => (Func<Task<HttpResponseMessage>>)(async () =>
        {
            var clock = Stopwatch.StartNew();
            var response = await clients[k % clients.Length].PostActualAsync(plan, "I1", Entry(2022, "Q2", k));
            latencies[k] = clock.Elapsed;
            return response;
        })));
        total.Stop();

        var failed = new List<string>();
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            failed.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var sorted = latencies.Order().ToList();
        output.WriteLine($"{factory.Provider}: one post at a time {perPost.TotalMilliseconds:0} ms; {posts} simultaneous posts of one period in " +
                         $"{total.Elapsed.TotalSeconds:0.0} s ({total.Elapsed.TotalMilliseconds / posts:0} ms each), answer median " +
                         $"{sorted[posts / 2].TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms; {failed.Count} failed; load {LoadAverage()}");
        Assert.Empty(failed);
        var revisions = new List<int>();
        foreach (var response in responses) revisions.Add((int)(await response.ReadJsonAsync())["revision"]!);
        Assert.Equal(Enumerable.Range(1, posts), revisions.Order());
        var period = Assert.Single((await _admin.GetJsonAsync($"/api/indicators/{plan}:I1/actuals?year=2022")).AsArray(), p => (string?)p!["period"] == "Q2")!;
        Assert.Equal(posts, period["revisions"]!.AsArray().Count);
        // The batch's time against the same posts one by one is printed above, not asserted: a wall-clock bound failed CI
        // under load (13.1 s against 11 s at load 5.7), and speed is measured in the bench and the load test.
        await AssertAuditValidAsync();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
