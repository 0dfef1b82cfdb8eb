using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// Small hand-written plan documents (docs/model.md format) for tests of Valore Pubblico, structures, projects, LGG and
/// reprogramming. Every figure a test asserts on can be worked out by hand from the document it builds.
/// </summary>
public static class SmallPlan
{
    public const string Org = "TEST-ORG";

    /// <summary>A plan with no cap (a target <c>&gt;= 100</c> with value 140 scores 140) and no justification rule.</summary>
    public static JsonObject Plan(
        string code, JsonArray? areas = null, JsonArray? structures = null, JsonArray? nodes = null, JsonArray? guidelines = null,
        int startYear = 2024, int endYear = 2024, JsonArray? reprogramming = null)
    {
        var plan = new JsonObject
        {
            ["organization"] = new JsonObject { ["code"] = Org, ["name"] = "Ente di prova" },
            ["code"] = code,
            ["title"] = $"Piano {code}",
            ["startYear"] = startYear,
            ["endYear"] = endYear,
            ["scoringPolicy"] = new JsonObject
            {
                ["cap"] = null, ["lowerIsBetter"] = "InverseRatio", ["missing"] = "Exclude", ["threshold"] = null,
                ["bands"] = new JsonArray(), ["justificationRequiredWhenMissed"] = false,
            },
            ["valueAreas"] = areas ?? [],
            ["structures"] = structures ?? [],
            ["nodes"] = nodes ?? [],
            ["guidelines"] = guidelines ?? [],
        };
        if (reprogramming is not null) plan["reprogramming"] = reprogramming;
        return plan;
    }

    public static JsonObject Area(string code, decimal weight = 1, params string[] subAreas) => new()
    {
        ["code"] = code,
        ["name"] = $"Valore {code}",
        ["weight"] = weight,
        ["subAreas"] = new JsonArray(subAreas.Select(s => (JsonNode)new JsonObject { ["code"] = s, ["name"] = $"Sottoambito {s}" }).ToArray()),
    };

    public static JsonObject Structure(string code, string kind, decimal? volume = null, int year = 2024) => new()
    {
        ["code"] = code,
        ["name"] = $"Struttura {code}",
        ["kind"] = kind,
        ["type"] = kind == "Central" ? "DC" : "DR",
        ["volumes"] = volume is { } v ? new JsonObject { [year.ToString(CultureInfo.InvariantCulture)] = v } : new JsonObject(),
    };

    public static JsonObject Node(
        string code, string kind = "OperationalObjective", string? structure = null, string[]? structures = null, string? area = null,
        string? subArea = null, string? projectType = null, JsonArray? indicators = null, JsonArray? children = null, decimal weight = 1)
    {
        var node = new JsonObject
        {
            ["code"] = code, ["kind"] = kind, ["title"] = $"Obiettivo {code}", ["weight"] = weight,
            ["structure"] = structure, ["valueArea"] = area, ["subArea"] = subArea,
            ["indicators"] = indicators ?? [], ["children"] = children ?? [],
        };
        if (structures is not null) node["structures"] = new JsonArray(structures.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
        if (projectType is not null) node["projectType"] = projectType;
        return node;
    }

    /// <summary>A project (node kind Project) with one KPI per entry of <paramref name="kpis"/>, each <c>&gt;= 100</c>.</summary>
    public static JsonObject Project(string code, string projectType, int kpis, string? area = null, string? subArea = null, int year = 2024) =>
        Node(code, "Project", area: area, subArea: subArea, projectType: projectType,
            indicators: new JsonArray(Enumerable.Range(1, kpis).Select(k => (JsonNode)Indicator($"{code}.K{k}", year: year)).ToArray()));

    public static JsonObject Indicator(string code, string target = ">= 100", int year = 2024, decimal weight = 1, string? area = null)
    {
        var indicator = new JsonObject
        {
            ["code"] = code, ["name"] = $"Indicatore {code}", ["weight"] = weight, ["polarity"] = "HigherIsBetter",
            ["targets"] = new JsonObject { [year.ToString(CultureInfo.InvariantCulture)] = target },
            ["aggregation"] = "Last", ["frequency"] = "Annual",
        };
        if (area is not null) indicator["valueArea"] = area;
        return indicator;
    }

    public static JsonObject Guideline(int number, string kind, string[] projects, string[]? indicators = null, string? justification = null)
    {
        var guideline = new JsonObject
        {
            ["number"] = number, ["title"] = $"Linea guida {number}", ["kind"] = kind,
            ["programmes"] = new JsonArray(JsonValue.Create($"4.{number}.a")),
            ["projects"] = new JsonArray(projects.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
            ["justification"] = justification,
        };
        if (indicators is not null) guideline["indicators"] = new JsonArray(indicators.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        return guideline;
    }

    public static JsonArray Array(params JsonNode[] items) => new(items);


    /// <summary>Bulk-loads yearly consuntivi: (indicator, structure or null for the national value, value).</summary>
    public static async Task ActualsAsync(this HttpClient client, string plan, params (string Indicator, string? Structure, decimal Value)[] rows) =>
        await client.ActualsAsync(plan, 2024, rows);

    public static async Task ActualsAsync(this HttpClient client, string plan, int year, params (string Indicator, string? Structure, decimal Value)[] rows)
    {
        var body = new JsonObject
        {
            ["actuals"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["indicator"] = r.Indicator, ["structure"] = r.Structure, ["year"] = year, ["period"] = "Y", ["value"] = r.Value,
            }).ToArray()),
        };
        var response = await client.PostJsonTextAsync($"/api/plans/{plan}/actuals/bulk", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }



    public static decimal Dec(this JsonNode? node) => node!.GetValue<decimal>();

    public static decimal? DecOrNull(this JsonNode? node) => node is null ? null : node.GetValue<decimal>();

    public static JsonNode Find(this JsonNode? array, string key, string value) =>
        array!.AsArray().Single(n => n![key]!.GetValue<string>() == value)!;

    public static JsonNode? FindOrNull(this JsonNode? array, string key, string value) =>
        array!.AsArray().SingleOrDefault(n => n![key]?.GetValue<string>() == value);

    /// <summary>Every node of a scorecard tree, depth first.</summary>
    public static IEnumerable<JsonNode> AllNodes(this JsonNode scorecard) => Flatten(scorecard["nodes"]!.AsArray());

    private static IEnumerable<JsonNode> Flatten(JsonArray nodes) =>
        nodes.SelectMany(n => Flatten(n!["children"]!.AsArray()).Prepend(n!));
}
