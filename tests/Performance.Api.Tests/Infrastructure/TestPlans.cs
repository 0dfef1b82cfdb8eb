using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>Small hand-written plan documents (docs/model.md format) for focused scenarios, and helpers to read scores.</summary>
public static class TestPlans
{
    public const string Cremona = "PP-2021-2023";

    /// <summary>A plan 2021-2023 with the given policy and top-level nodes; each call gets its own organization.</summary>
    public static JsonObject Document(string code, JsonObject? policy, params JsonObject[] nodes) => new()
    {
        ["organization"] = new JsonObject { ["code"] = "ORG-" + code, ["name"] = "Ente di prova " + code },
        ["code"] = code,
        ["title"] = "Piano di prova " + code,
        ["startYear"] = 2021,
        ["endYear"] = 2023,
        ["scoringPolicy"] = policy ?? Policy(),
        ["valueAreas"] = new JsonArray(),
        ["structures"] = new JsonArray(),
        ["nodes"] = new JsonArray(nodes.Select(n => (JsonNode)n).ToArray()),
        ["guidelines"] = new JsonArray(),
    };

    public static JsonObject Policy(
        decimal? cap = 100, string lowerIsBetter = "InverseRatio", string missing = "Exclude", decimal? threshold = null,
        bool justificationRequiredWhenMissed = false, JsonArray? bands = null) => new()
    {
        ["cap"] = cap,
        ["lowerIsBetter"] = lowerIsBetter,
        ["missing"] = missing,
        ["threshold"] = threshold,
        ["bands"] = bands ?? new JsonArray(),
        ["justificationRequiredWhenMissed"] = justificationRequiredWhenMissed,
    };

    public static JsonObject Node(string code, decimal weight = 1, JsonObject[]? indicators = null, JsonObject[]? children = null,
        string kind = "StrategicObjective", string? structure = null) => new()
    {
        ["code"] = code,
        ["kind"] = kind,
        ["title"] = "Nodo " + code,
        ["weight"] = weight,
        ["structure"] = structure,
        ["indicators"] = new JsonArray((indicators ?? []).Select(i => (JsonNode)i).ToArray()),
        ["children"] = new JsonArray((children ?? []).Select(c => (JsonNode)c).ToArray()),
    };

    public static JsonObject Indicator(string code, string target2021, string aggregation = "Last", decimal weight = 1,
        string? polarity = null, string unit = "None", string frequency = "Annual", decimal? cap = null) => new()
    {
        ["code"] = code,
        ["name"] = "Indicatore " + code,
        ["type"] = "Output",
        ["unit"] = unit,
        ["polarity"] = polarity,
        ["weight"] = weight,
        ["targets"] = new JsonObject { ["2021"] = target2021 },
        ["baseline"] = null,
        ["formula"] = null,
        ["source"] = "interna",
        ["frequency"] = frequency,
        ["aggregation"] = aggregation,
        ["cap"] = cap,
    };

    public static async Task ImportOkAsync(this HttpClient client, JsonObject document)
    {
        var response = await client.PostJsonTextAsync("/api/plans/import", document.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Imports the Cremona sample unless this class's database already has it.</summary>
    public static async Task EnsureCremonaAsync(this HttpClient client)
    {
        var existing = await client.GetAsync($"/api/plans/{Cremona}");
        if (existing.StatusCode == HttpStatusCode.NotFound) await client.ImportSampleAsync();
        else Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
    }

    public static Task<HttpResponseMessage> PostActualAsync(this HttpClient client, string plan, string indicator, string json) =>
        client.PostJsonTextAsync($"/api/indicators/{plan}:{indicator}/actuals", json);

    public static async Task<JsonNode> PostActualOkAsync(this HttpClient client, string plan, string indicator, string json)
    {
        var response = await client.PostActualAsync(plan, indicator, json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> GetJsonOkAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static Task<JsonNode> ScorecardAsync(this HttpClient client, string plan, int year = 2021, string query = "") =>
        client.GetJsonOkAsync($"/api/plans/{plan}/scorecard?year={year}{query}");

    /// <summary>Every node of a scorecard, depth first.</summary>
    public static IEnumerable<JsonNode> AllNodes(JsonNode scorecard) => scorecard["nodes"]!.AsArray().SelectMany(n => Descend(n!));

    private static IEnumerable<JsonNode> Descend(JsonNode node) => new[] { node }.Concat(node["children"]!.AsArray().SelectMany(c => Descend(c!)));

    public static JsonNode NodeIn(JsonNode scorecard, string code) =>
        AllNodes(scorecard).SingleOrDefault(n => (string?)n["code"] == code) ?? throw new Xunit.Sdk.XunitException($"node {code} not in the scorecard");

    /// <summary>Every indicator of a scorecard, node by node depth first.</summary>
    public static IEnumerable<JsonNode> AllIndicators(JsonNode scorecard) => AllNodes(scorecard).SelectMany(n => n["indicators"]!.AsArray().Select(i => i!));

    public static JsonNode IndicatorIn(JsonNode scorecard, string code) =>
        AllIndicators(scorecard).SingleOrDefault(i => (string?)i["code"] == code)
        ?? throw new Xunit.Sdk.XunitException($"indicator {code} not in the scorecard");

    public static decimal? Dec(JsonNode? node) => node?.GetValue<decimal>();

    /// <summary>The step of that name in a score's explanation (<c>explanation.steps</c>).</summary>
    public static JsonNode ExplanationStep(JsonNode explanation, string name) =>
        explanation["steps"]!.AsArray().SingleOrDefault(s => (string?)s!["step"] == name)
        ?? throw new Xunit.Sdk.XunitException($"no '{name}' step in {explanation.ToJsonString()}");

    /// <summary>Sets when revisions were recorded and reported, as if they had been entered on that date.</summary>
    public static async Task BackdateAsync(this ApiFactory factory, string plan, string indicator, string period, int revision, DateTime recordedAtUtc)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var id = await db.Indicators.Where(i => i.Code == indicator && db.Plans.Any(p => p.Id == i.PlanId && p.Code == plan)).Select(i => i.Id).SingleAsync();
        var updated = await db.Actuals.Where(a => a.IndicatorId == id && a.Period == period && a.Revision == revision)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RecordedAt, recordedAtUtc).SetProperty(a => a.ReportedOn, DateOnly.FromDateTime(recordedAtUtc)));
        Assert.Equal(1, updated);
    }

    /// <summary>Asserts a 400 ProblemDetails naming the given field paths.</summary>
    public static async Task<JsonObject> AssertValidationProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(400, (int)problem["status"]!);
        var errors = problem["errors"]?.AsObject() ?? throw new Xunit.Sdk.XunitException("no errors in " + body);
        foreach (var field in fields)
            Assert.True(errors.ContainsKey(field), $"expected an error under '{field}' in {body}");
        return errors;
    }
}
