using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Performance.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Performance.Api.Tests.Security;

/// <summary>Cremona as the authorization matrix sets it up (an actual, a closure, evidence, a sample, a webhook) and a value area.</summary>
public sealed class ContractSweepFactory : ApiFactory, IAsyncLifetime
{
    public const string ValueArea = "SW-VA";
    public TrustContext Context { get; private set; } = null!;
    /// <summary>The value area's current ETag: there is no read of one value area, so the sweep keeps the last one answered.</summary>
    public string? ValueAreaETag { get; set; }

    public async Task InitializeAsync()
    {
        Context = await TrustKit.SetUpCremonaAsync(this);
        var area = await CreateClient().PostJsonTextAsync($"/api/plans/{Context.Plan}/value-areas", $$"""{"code":"{{ValueArea}}","name":"Area della sweep"}""");
        Assert.True(area.StatusCode == HttpStatusCode.Created, await area.Content.ReadAsStringAsync());
        ValueAreaETag = area.ETag();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// "Never a 500", proved on every operation of the served OpenAPI document: each path parameter real, unknown and
/// garbage; each declared query parameter and header of the wrong type, out of range, huge or empty; each JSON body
/// empty, of the wrong root, deeply nested, and each of its properties (to depth 3) missing, null, of the wrong type,
/// huge or at the edge of the numbers; multipart bodies without a file, with an empty one, of the wrong type.
/// Every answer is below 500, every 4xx a ProblemDetails that says what is wrong, and no answer names an internal.
/// All failures are collected and reported together.
/// </summary>
public sealed class ContractSweepTests(ContractSweepFactory factory, ITestOutputHelper output) : IClassFixture<ContractSweepFactory>
{
    private sealed record Operation(string Method, string Template, JsonObject Definition, EndpointCase Catalog)
    {
        public string Name => $"{Method} {Template}";
    }

    private sealed record Mutation(string What, string Url, HttpContent? Content, string? IfMatch, (string Name, string Value)? Header = null);

    /// <summary>Valid bodies where the document has no example and the matrix sends one made to fail: so a mutated property reaches the handler and the database.</summary>
    private static readonly Dictionary<string, Func<TrustContext, string>> ValidBodies = new()
    {
        ["POST /api/plans"] = _ => """{"organization":{"code":"CCIAA-CR","name":"Camera di Commercio di Cremona"},"code":"SW-NEW-@@","title":"Piano della sweep","startYear":2024,"endYear":2026}""",
        ["POST /api/plans/{plan}/adopt"] = _ => """{"act":"Delibera 1/2021","date":"2021-01-31","reason":"adozione"}""",
        ["POST /api/plans/{plan}/years/{year}/reopen"] = _ => """{"act":"Delibera 2/2023","reason":"riapertura"}""",
        ["POST /api/plans/{plan}/closures"] = _ => """{"year":2023,"period":"M11","reason":"sweep"}""",
        ["POST /api/plans/{plan}/closures/{closure}/reopen"] = _ => """{"reason":"sweep"}""",
        ["POST /api/actuals/{actual}/comments"] = _ => """{"text":"commento"}""",
        ["POST /api/indicators/{indicator}/comments"] = _ => """{"text":"commento"}""",
        ["POST /api/forzature/{id}/approve"] = _ => """{"note":"ok"}""",
        ["PATCH /api/indicators/{indicator}"] = _ => """{"weight":2,"name":"Nuovo nome","reason":"prova"}""",
        ["PATCH /api/plans/{plan}/nodes/{node}"] = _ => """{"weight":2,"title":"Nuovo titolo","reason":"prova"}""",
        ["POST /api/plans/{plan}/reprogramming"] = _ => """{"kind":"ReassignStructure","node":"2021_01_01_02","toStructure":"CR-A1","act":"Delibera 1/2021","date":"2021-07-01","reason":"Riorganizzazione"}""",
        ["POST /api/actuals/{actual}/submit"] = _ => """{"reason":"pronto"}""",
        ["POST /api/actuals/{actual}/validate"] = _ => """{"reason":"ok"}""",
        ["POST /api/plans/{plan}/years/{year}/validate"] = _ => """{"note":"Relazione"}""",
        ["POST /api/plans/{plan}/years/{year}/samples"] = _ => """{"seed":1,"size":1,"reason":"campione"}""",
        ["POST /api/plans/{plan}/structures"] = _ => """{"code":"SW-ST-@@","name":"Struttura della sweep","kind":"Territorial","type":"Ufficio","region":"Lombardia"}""",
        ["PATCH /api/plans/{plan}/structures/{structure}"] = _ => """{"name":"Segreteria","type":"Ufficio","region":"Lombardia"}""",
        ["POST /api/plans/{plan}/value-areas"] = _ => """{"code":"SW-VB-@@","name":"Altra area","weight":1,"subAreas":[{"code":"SW-VB-@@-1","name":"Sotto-area"}]}""",
        ["PATCH /api/plans/{plan}/value-areas/{area}"] = _ => """{"name":"Area rinominata","weight":2}""",
        ["POST /api/organizations/{organization}/webhooks"] = _ => """{"url":"http://127.0.0.1:9/sweep","events":["consuntivo.overdue"],"secret":"sweep-secret-0123456789","description":"sweep"}""",
        ["POST /api/plans/{plan}/nodes/{node}/indicators"] = _ => """{"code":"2021_01_01_02.SW@@","name":"Indicatore della sweep","type":"Efficacia","polarity":"HigherIsBetter","targets":{"2021":">= 80%"}}""",
    };

    private static readonly string HugeString = new('x', 100_000);
    private static readonly string LongSegment = new('a', 5_000);
    private static readonly string EchoProbe = HugeString[..1_000];

    /// <summary>
    /// Path garbage, already escaped as it goes in the address. (Not %00: a NUL in the path never reaches the service —
    /// Kestrel answers 400 itself, the in-memory test server throws; NUL in a query string is here.)
    /// </summary>
    private static readonly (string What, string Value)[] PathGarbage =
    [
        ("5,000 chars", LongSegment), ("..%2F..", "..%2F.."), ("unicode", Uri.EscapeDataString("📈الهدف\u202E")), ("-1", "-1"),
        ("1e309", "1e309"), ("' OR 1=1 --", Uri.EscapeDataString("' OR 1=1 --")),
    ];

    private static readonly string[] Leaks = ["Exception", "   at ", "Microsoft.", "System.", "Npgsql", "SQLite Error"];

    private readonly List<string> _failures = [];
    private readonly HashSet<string> _covered = [];
    private int _requests;
    private readonly SortedDictionary<string, int> _statuses = new(StringComparer.Ordinal);

    [Fact]
    public async Task Every_operation_of_the_contract_answers_hostile_input_with_a_4xx_problem_and_never_a_500()
    {
        var clock = Stopwatch.StartNew();
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 100, $"only {operations.Count} operations in the document");

        foreach (var operation in operations.OrderBy(Stage))
            await SweepAsync(document, operation);

        // Every operation, every declared parameter and every top-level property of every body was exercised.
        var expected = operations.SelectMany(o => Declared(document, o).Select(d => $"{o.Name} {d}").Prepend(o.Name)).ToList();
        var uncovered = expected.Where(e => !_covered.Contains(e)).ToList();
        output.WriteLine($"{operations.Count} operations, {_requests} requests, {clock.Elapsed.TotalSeconds:F1} s on {factory.Provider}");
        foreach (var (key, count) in _statuses) output.WriteLine($"{key}: {count}");
        Assert.True(uncovered.Count == 0, "not swept: " + string.Join(", ", uncovered));
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures in {_requests} requests:\n" + string.Join("\n", _failures.Take(300)));
    }

    /// <summary>
    /// Reads first. Then reopening the year the set-up validated (2022), so the edits after it are not refused as frozen;
    /// the edits; the removals; last the acts that freeze the plan (adoption, the year's validation, a forzatura approved),
    /// so that the edits before them reach their handlers and the database.
    /// </summary>
    private static int Stage(Operation operation) => operation.Name switch
    {
        _ when operation.Method == "GET" => 0,
        "POST /api/plans/{plan}/years/{year}/reopen" => 1,
        "POST /api/plans/{plan}/adopt" or "POST /api/plans/{plan}/years/{year}/validate" or "POST /api/forzature/{id}/approve" => 4,
        _ when operation.Method == "DELETE" => 3,
        _ => 2,
    };

    private static IEnumerable<Operation> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, definition) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "patch" or "delete")) continue;
                var name = $"{method.ToUpperInvariant()} {path}";
                var catalog = EndpointCatalog.All.SingleOrDefault(e => e.Name == name)
                    ?? throw new InvalidOperationException($"{name} is not in EndpointCatalog: add it there (the authorization matrix needs it too)");
                yield return new Operation(method.ToUpperInvariant(), path, definition!.AsObject(), catalog);
            }
    }

    /// <summary>What the sweep must reach of an operation: its parameters and its JSON body's top-level properties.</summary>
    private static IEnumerable<string> Declared(JsonObject document, Operation operation)
    {
        foreach (var parameter in Parameters(operation)) yield return $"{parameter["in"]}:{parameter["name"]}";
        if (JsonBodySchema(document, operation) is { } schema)
            foreach (var (name, _) in Properties(document, schema)) yield return $"body:{name}";
    }

    private static IEnumerable<JsonObject> Parameters(Operation operation) =>
        (operation.Definition["parameters"] as JsonArray ?? []).Select(p => p!.AsObject());

    private static JsonObject? JsonBodySchema(JsonObject document, Operation operation) =>
        operation.Definition["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema ? Resolve(document, schema) : null;

    // ---- the requests of one operation ----

    private async Task SweepAsync(JsonObject document, Operation operation)
    {
        var context = factory.Context;
        var client = factory.ClientFor(operation.Catalog);
        var catalogUrl = operation.Catalog.Url(context);
        var (realPath, realQuery) = Split(catalogUrl);
        var real = RealValues(operation, realPath);
        var ifMatch = operation.Catalog.IfMatch || Parameters(operation).Any(p => (string?)p["name"] == "If-Match");
        var baseBody = BaseBody(operation, context);
        var contentType = operation.Catalog.ContentType;

        HttpContent? BaseContent() => baseBody is null || contentType == EndpointCase.NoBody ? null : new StringContent(Unique(baseBody), Encoding.UTF8, contentType);
        string Url(IReadOnlyDictionary<string, string> values, IEnumerable<(string, string)> query) => Build(operation.Template, values, query);

        _covered.Add(operation.Name);
        var etag = ifMatch ? await ETagAsync(operation, real) : null;

        // The real request itself.
        await CheckAsync(client, operation, new Mutation("real values", Url(real, realQuery), BaseContent(), etag));

        // Path parameters: unknown and garbage, one at a time, the others real.
        foreach (var parameter in Parameters(operation).Where(p => (string?)p["in"] == "path"))
        {
            var name = (string)parameter["name"]!;
            _covered.Add($"{operation.Name} path:{name}");
            foreach (var (what, value) in PathGarbage.Prepend(("unknown", Unknown(parameter))))
            {
                var values = new Dictionary<string, string>(real) { [name] = value };
                await CheckAsync(client, operation, new Mutation($"path {name} = {what}", Url(values, realQuery), BaseContent(), etag));
            }
        }

        // Query parameters: wrong type, out of range, huge, empty, one at a time.
        foreach (var parameter in Parameters(operation).Where(p => (string?)p["in"] == "query"))
        {
            var name = (string)parameter["name"]!;
            _covered.Add($"{operation.Name} query:{name}");
            foreach (var (what, value) in QueryValues(parameter))
            {
                var query = realQuery.Where(q => q.Name != name).Append((name, value));
                var (target, targetETag) = await FreshAsync(operation, real, etag);
                await CheckAsync(client, operation, new Mutation($"query {name} = {what}", Url(target, query), BaseContent(), targetETag));
            }
        }

        // Headers: a garbage entity tag.
        foreach (var parameter in Parameters(operation).Where(p => (string?)p["in"] == "header"))
        {
            var name = (string)parameter["name"]!;
            _covered.Add($"{operation.Name} header:{name}");
            foreach (var value in new[] { "x", "W/\"", "\"" + LongSegment + "\"", "*, \"a\"" })
            {
                var mutation = name == "If-Match"
                    ? new Mutation($"header {name} = {Describe(value)}", Url(real, realQuery), BaseContent(), value)
                    : new Mutation($"header {name} = {Describe(value)}", Url(real, realQuery), BaseContent(), etag, (name, value));
                await CheckAsync(client, operation, mutation);
            }
        }

        var url = Url(real, realQuery);
        var content = operation.Definition["requestBody"]?["content"] as JsonObject;
        if (content is null) return;

        if (content.ContainsKey("multipart/form-data"))
        {
            foreach (var (what, body) in MultipartAttacks())
                await CheckAsync(client, operation, new Mutation(what, url, body, etag));
            return;
        }
        if (JsonBodySchema(document, operation) is not { } schema || baseBody is null) return;

        async Task<string?> FreshETag() => ifMatch ? await ETagAsync(operation, real) : null;

        foreach (var (what, raw) in RootAttacks())
            await CheckAsync(client, operation, new Mutation($"body {what}", url, Json(raw), await FreshETag()));

        foreach (var (path, property) in Walk(document, schema, "", depth: 1))
        {
            if (!path.Contains('.') && !path.Contains('[')) _covered.Add($"{operation.Name} body:{path}");
            foreach (var (what, raw) in PropertyAttacks(baseBody, path, property))
                await CheckAsync(client, operation, new Mutation($"body {path} {what}", url, Json(raw), await FreshETag()));
        }
        foreach (var objectPath in ObjectPaths(document, schema, "", depth: 1))
        {
            var raw = Set(baseBody, objectPath.Length == 0 ? "sweepUnknown" : objectPath + ".sweepUnknown", "1");
            await CheckAsync(client, operation, new Mutation($"body {objectPath} + unknown property", url, Json(raw), await FreshETag()));
        }
    }

    /// <summary>
    /// A removal that succeeds takes its target away from the mutations after it: a node or an indicator of its own for
    /// each one, so that every act, date and reason in the query reaches the handler and the database.
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, string> Values, string? ETag)> FreshAsync(Operation operation, IReadOnlyDictionary<string, string> real, string? etag)
    {
        var code = "SW-DEL-" + (++_unique).ToString(CultureInfo.InvariantCulture);
        var admin = factory.CreateClient();
        var values = new Dictionary<string, string>(real);
        HttpResponseMessage created;
        switch (operation.Name)
        {
            case "DELETE /api/plans/{plan}/nodes/{node}":
                created = await admin.PostJsonTextAsync($"/api/plans/{real["plan"]}/nodes", $$"""{"code":"{{code}}","kind":"OperationalObjective","title":"Da togliere","parent":"2021_01_01"}""");
                values["node"] = code;
                break;
            case "DELETE /api/indicators/{indicator}":
                created = await admin.PostJsonTextAsync($"/api/plans/{factory.Context.Plan}/nodes/{factory.Context.Node}/indicators", $$"""{"code":"{{code}}","name":"Da togliere","type":"Efficacia"}""");
                values["indicator"] = $"{factory.Context.Plan}:{code}";
                break;
            default:
                return (real, etag);
        }
        if (!created.IsSuccessStatusCode)
        {
            _failures.Add($"{operation.Name}: no fresh target ({(int)created.StatusCode}): {TrustKit.Truncate(await created.Content.ReadAsStringAsync(), 300)}");
            return (real, etag);
        }
        return (values, await ETagAsync(operation, values));
    }

    private StringContent Json(string raw) => new(Unique(raw), Encoding.UTF8, "application/json");

    /// <summary>Codes of new things made unique per request ("SW-ST-@@" → "SW-ST-17"): a valid mutation creates, it is not a 409 for the code.</summary>
    private string Unique(string raw) => raw.Replace("@@", (++_unique).ToString(CultureInfo.InvariantCulture));
    private int _unique;

    private async Task CheckAsync(HttpClient client, Operation operation, Mutation mutation)
    {
        var what = mutation.What;
        _requests++;
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), mutation.Url) { Content = mutation.Content };
        if (mutation.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", mutation.IfMatch);
        if (mutation.Header is { } header) request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        HttpResponseMessage response;
        try { response = await client.SendAsync(request); }
        catch (Exception e) { _failures.Add($"{operation.Name} [{what}]: the request threw {e.GetType().Name}: {e.Message}"); return; }

        var status = (int)response.StatusCode;
        _statuses[$"{operation.Name} {status}"] = _statuses.GetValueOrDefault($"{operation.Name} {status}") + 1;
        var body = await response.Content.ReadAsStringAsync();
        if (operation.Template.EndsWith("/value-areas/{area}") && response.Headers.ETag is { } areaTag) factory.ValueAreaETag = areaTag.ToString();
        var where = $"{operation.Name} [{what}] → {status}";
        if (status >= 500) { _failures.Add($"{where}: {TrustKit.Truncate(body, 300)}"); return; }
        // A write answering with a NUL it was sent has stored a text no text may hold (ValidationRules.ForbiddenCharacter);
        // one that made it a safe label (an attachment's name) has not.
        if (status < 300 && operation.Method != "GET" && body.Contains("\\u0000", StringComparison.Ordinal))
            _failures.Add($"{where}: a NUL was stored: {TrustKit.Truncate(body, 300)}");
        if (status >= 400)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                _failures.Add($"{where}: not a ProblemDetails ({response.Content.Headers.ContentType}): {TrustKit.Truncate(body, 200)}");
            else
            {
                var problem = JsonNode.Parse(body) as JsonObject;
                var says = !string.IsNullOrWhiteSpace((string?)problem?["detail"]) || problem?["errors"] is JsonObject { Count: > 0 };
                if (!says) _failures.Add($"{where}: the problem says neither detail nor errors: {TrustKit.Truncate(body, 200)}");
                // A problem quotes what it refuses in an excerpt: a 5,000-character path or a 100,000-character text sent back
                // whole makes every refusal as large as the attack.
                if (body.Contains(EchoProbe, StringComparison.Ordinal) || body.Contains(LongSegment[..1_000], StringComparison.Ordinal))
                    _failures.Add($"{where}: the problem echoes a long input whole ({body.Length} characters): {TrustKit.Truncate(body, 200)}");
                // The errors are keyed by where the problem is: a request without a body has no "body" to blame.
                if (mutation.Content is null && problem?["errors"] is JsonObject errors && errors.ContainsKey("body"))
                    _failures.Add($"{where}: the error is put on a body the request does not have: {TrustKit.Truncate(body, 300)}");
            }
        }
        var leak = Leaks.FirstOrDefault(l => body.Contains(l, StringComparison.Ordinal));
        if (leak is not null && IsText(response)) _failures.Add($"{where}: the answer leaks '{leak}': {TrustKit.Truncate(body, 300)}");
    }

    private static bool IsText(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is null or "application/json" or "application/problem+json" or "text/plain" or "text/csv" or "text/html";

    // ---- values ----

    private static (string Path, List<(string Name, string Value)> Query) Split(string url)
    {
        var question = url.IndexOf('?');
        if (question < 0) return (url, []);
        var query = url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).Select(kv => (kv[0], kv.Length > 1 ? kv[1] : "")).ToList();
        return (url[..question], query);
    }

    /// <summary>The catalog's real address read back through the template: {plan} → the Cremona code, and so on.</summary>
    private IReadOnlyDictionary<string, string> RealValues(Operation operation, string path)
    {
        var pattern = "^" + Regex.Replace(Regex.Escape(operation.Template).Replace(@"\{", "{"), "{([A-Za-z]+)}", "(?<$1>[^/]+?)") + "$";
        var match = Regex.Match(path, pattern);
        Assert.True(match.Success, $"{operation.Name}: the catalog address {path} does not fit the template");
        var values = Parameters(operation).Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!)
            .ToDictionary(n => n, n => match.Groups[n].Value);
        if (values.ContainsKey("area")) values["area"] = ContractSweepFactory.ValueArea; // the catalog's NONE is not a real area
        return values;
    }

    private static string Build(string template, IReadOnlyDictionary<string, string> values, IEnumerable<(string Name, string Value)> query)
    {
        var path = Regex.Replace(template, "{([A-Za-z]+)}", m => values[m.Groups[1].Value]);
        var pairs = query.Select(q => $"{q.Name}={q.Value}").ToList();
        return pairs.Count == 0 ? path : path + "?" + string.Join("&", pairs);
    }

    private static string Unknown(JsonObject parameter) => (string?)parameter["schema"]?["format"] switch
    {
        "uuid" => Guid.NewGuid().ToString(),
        "int32" => "1999",
        _ => (string)parameter["name"]! == "format" ? "pdf" : "SCONOSCIUTO",
    };

    /// <summary>Escaped query values for a parameter: empty, huge and hostile for all; wrong type and out of range by type.</summary>
    private static IEnumerable<(string What, string Value)> QueryValues(JsonObject parameter)
    {
        yield return ("empty", "");
        yield return ("5,000 chars", LongSegment);
        yield return ("%00", "%00");
        yield return ("' OR 1=1 --", Uri.EscapeDataString("' OR 1=1 --"));
        var schema = parameter["schema"];
        var type = TypeOf(schema);
        var format = (string?)schema?["format"];
        if (type is "integer" or "number")
            foreach (var v in new[] { "abc", "-1", "2147483648", "1e309", "2021.5" }) yield return (v, v);
        else if (type == "boolean")
            yield return ("maybe", "maybe");
        else if (format is "date" or "date-time")
            foreach (var v in new[] { "31/12/2024", "0001-01-01", "9999-12-31", "2024-13-45" }) yield return (v, v);
    }

    private static IEnumerable<(string What, HttpContent Body)> MultipartAttacks()
    {
        var noFile = new MultipartFormDataContent { { new StringContent("valore"), "altro" } };
        yield return ("multipart without a file", noFile);
        var empty = new MultipartFormDataContent();
        var file = new ByteArrayContent([]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        empty.Add(file, "file", "vuoto.csv");
        yield return ("multipart with an empty file", empty);
        yield return ("empty multipart", new MultipartFormDataContent());
        yield return ("wrong content type (form)", new StringContent("a=1&b=2", Encoding.UTF8, "application/x-www-form-urlencoded"));
        yield return ("wrong content type (json)", new StringContent("{}", Encoding.UTF8, "application/json"));
        var binary = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        binary.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        yield return ("wrong content type (png)", binary);
    }

    private static IEnumerable<(string What, string Raw)> RootAttacks()
    {
        yield return ("empty", "");
        yield return ("null", "null");
        yield return ("[]", "[]");
        yield return ("{}", "{}");
        yield return ("a string", "\"testo\"");
        yield return ("5,000 nested arrays", new string('[', 5_000) + new string(']', 5_000));
        yield return ("5,000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
    }

    private static readonly string[] NumberEdges = ["1e308", "-1e308", "79228162514264337593543950336", "-0", "0.0000000000000000000000001"];

    private static IEnumerable<(string What, string Raw)> PropertyAttacks(string baseBody, string path, JsonObject schema)
    {
        if (Has(baseBody, path)) yield return ("missing", Remove(baseBody, path));
        yield return ("null", Set(baseBody, path, "null"));
        var type = TypeOf(schema);
        yield return ("of the wrong type", Set(baseBody, path, type switch
        {
            "string" => "123",
            "array" => "{}",
            "object" => "[]",
            _ => "\"x\"",
        }));
        if (type is "string" or null)
        {
            yield return ("100,000 chars", Set(baseBody, path, "\"" + HugeString + "\""));
            // PostgreSQL cannot store NUL: a text that reached the database with one was a 500 there.
            yield return ("with NUL", Set(baseBody, path, "\"a\\u0000b\""));
        }
        if (type is "number" or "integer")
            foreach (var edge in NumberEdges) yield return ($"= {edge}", Set(baseBody, path, edge));
    }

    private static string Describe(string s) => s.Length > 40 ? $"<{s.Length} chars>" : s;

    private static string? BaseBody(Operation operation, TrustContext context)
    {
        if (operation.Catalog.ContentType != "application/json") return operation.Catalog.Body?.Invoke(context);
        if (ValidBodies.TryGetValue(operation.Name, out var valid)) return valid(context);
        if (operation.Definition["requestBody"]?["content"]?["application/json"]?["example"] is JsonObject example)
        {
            // A plan or node of the example gets a code of its own each time (the example's code is Cremona's, already there).
            if (operation.Name is "POST /api/plans/import" or "POST /api/plans/{plan}/nodes" or "POST /api/plans/{plan}/rollover") example["code"] = "SW-@@";
            if (example["indicators"] is JsonArray { Count: > 0 } indicators) indicators[0]!["code"] = "SW-@@.I1";
            return example.ToJsonString();
        }
        return operation.Catalog.Body?.Invoke(context) ?? (operation.Definition["requestBody"] is null ? null : "{}");
    }

    private async Task<string?> ETagAsync(Operation operation, IReadOnlyDictionary<string, string> real)
    {
        var admin = factory.CreateClient();
        if (operation.Template.Contains("/targets/{year}/structures"))
            return (await admin.GetAsync($"/api/indicators/{real["plan"]}:{real["indicator"]}")).Headers.ETag?.ToString();
        if (operation.Template.EndsWith("/structures/{structure}"))
        {
            var list = JsonNode.Parse(await admin.GetStringAsync($"/api/plans/{real["plan"]}/structures?limit=500"))!;
            var items = list as JsonArray ?? list["items"] as JsonArray ?? [];
            return (string?)items.FirstOrDefault(s => (string?)s!["code"] == real["structure"])?["eTag"] ?? EndpointCatalog.StaleETag;
        }
        if (operation.Template.EndsWith("/value-areas/{area}")) return factory.ValueAreaETag;
        var response = await admin.GetAsync(Build(operation.Template, real, []));
        return response.Headers.ETag?.ToString() ?? EndpointCatalog.StaleETag;
    }

    // ---- the schema ----

    /// <summary>A schema with its $ref followed and a nullable oneOf reduced to its non-null alternative.</summary>
    private static JsonObject Resolve(JsonObject document, JsonObject schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema["$ref"] is JsonValue reference)
                schema = document["components"]!["schemas"]![((string)reference!).Split('/').Last()]!.AsObject();
            else if (schema["oneOf"] is JsonArray alternatives && alternatives.OfType<JsonObject>().FirstOrDefault(a => (string?)a["type"] != "null") is { } other)
                schema = other;
            else break;
        }
        return schema;
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => (string?)v,
        JsonArray a => a.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        _ => schema?["properties"] is not null ? "object" : schema?["enum"] is not null ? "string" : null,
    };

    private static IEnumerable<(string Name, JsonObject Schema)> Properties(JsonObject document, JsonObject schema) =>
        (schema["properties"] as JsonObject ?? []).Select(p => (p.Key, Resolve(document, p.Value!.AsObject())));

    /// <summary>Every property to depth 3, an array's items seen through its first element: <c>nodes[0].indicators[0].code</c>.</summary>
    private static IEnumerable<(string Path, JsonObject Schema)> Walk(JsonObject document, JsonObject schema, string prefix, int depth)
    {
        foreach (var (name, property) in Properties(document, schema))
        {
            var path = prefix + name;
            yield return (path, property);
            if (depth >= 3) continue;
            var nested = TypeOf(property) == "array" && property["items"] is JsonObject items ? (Resolve(document, items), path + "[0].") : (property, path + ".");
            if (nested.Item1["properties"] is JsonObject)
                foreach (var inner in Walk(document, nested.Item1, nested.Item2, depth + 1)) yield return inner;
        }
    }

    private static IEnumerable<string> ObjectPaths(JsonObject document, JsonObject schema, string path, int depth)
    {
        yield return path;
        if (depth >= 3) yield break;
        foreach (var (name, property) in Properties(document, schema))
        {
            var (inner, innerPath) = TypeOf(property) == "array" && property["items"] is JsonObject items
                ? (Resolve(document, items), $"{path}{(path.Length == 0 ? "" : ".")}{name}[0]")
                : (property, $"{path}{(path.Length == 0 ? "" : ".")}{name}");
            if (inner["properties"] is JsonObject)
                foreach (var p in ObjectPaths(document, inner, innerPath, depth + 1)) yield return p;
        }
    }

    // ---- editing a JSON body at a path like nodes[0].indicators[0].code ----

    private static IEnumerable<(string Name, int? Index)> Segments(string path) =>
        path.Split('.').Select(s => s.IndexOf('[') is var b and >= 0 ? (s[..b], (int?)int.Parse(s[(b + 1)..^1], CultureInfo.InvariantCulture)) : (s, null));

    private static bool Has(string body, string path)
    {
        JsonNode? node = JsonNode.Parse(body);
        foreach (var (name, index) in Segments(path))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(name, out node)) return false;
            if (index is { } i) node = node is JsonArray a && a.Count > i ? a[i] : null;
        }
        return true;
    }

    private static string Remove(string body, string path)
    {
        var root = JsonNode.Parse(body)!;
        var segments = Segments(path).ToList();
        JsonNode? node = root;
        foreach (var (name, index) in segments.SkipLast(1))
        {
            node = node?[name];
            if (index is { } i) node = node?[i];
        }
        (node as JsonObject)?.Remove(segments[^1].Name);
        return root.ToJsonString();
    }

    /// <summary>The body with the raw JSON text at the path (objects and arrays made on the way).</summary>
    private static string Set(string body, string path, string raw)
    {
        const string marker = "__SWEEP_MARKER__";
        var root = JsonNode.Parse(body) as JsonObject ?? [];
        var segments = Segments(path).ToList();
        JsonNode node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var (name, index) = segments[i];
            var last = i == segments.Count - 1;
            var obj = node.AsObject();
            if (index is null)
            {
                if (last) { obj[name] = marker; break; }
                node = obj[name] as JsonObject ?? (JsonNode)(obj[name] = new JsonObject());
            }
            else
            {
                var array = obj[name] as JsonArray ?? (JsonArray)(obj[name] = new JsonArray());
                while (array.Count <= index) array.Add(new JsonObject());
                if (last) { array[index.Value] = marker; break; }
                node = array[index.Value] as JsonObject ?? (JsonNode)(array[index.Value] = new JsonObject());
            }
        }
        return root.ToJsonString().Replace($"\"{marker}\"", raw);
    }
}
