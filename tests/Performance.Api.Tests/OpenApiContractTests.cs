using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests;

/// <summary>
/// What a client generator and Swagger UI need from the served document, checked on every operation (new ones too):
/// the two security schemes, the errors the pipeline can give, descriptions, closed value sets and binary bodies.
/// </summary>
public sealed class OpenApiContractTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonNode> Document() => JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        where path.Key.StartsWith("/api/", StringComparison.Ordinal)
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!.AsObject());

    [Fact]
    public async Task Declares_the_api_key_and_bearer_schemes_and_applies_them_with_their_errors_to_every_api_operation()
    {
        var document = await Document();
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 40, $"only {operations.Count} operations");
        foreach (var (path, method, op) in operations)
        {
            var names = op["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).ToHashSet();
            Assert.True(names.SetEquals(["ApiKey", "Bearer"]), $"{method} {path}: security {string.Join(",", names)}");
            foreach (var status in new[] { "401", "403", "429" })
                Assert.True(op["responses"]![status]?["content"]?["application/problem+json"] is not null, $"{method} {path}: no {status} ProblemDetails");
            Assert.False(string.IsNullOrWhiteSpace((string?)op["description"]), $"{method} {path}: no description");
            foreach (var parameter in op["parameters"]?.AsArray() ?? [])
                Assert.False(string.IsNullOrWhiteSpace((string?)parameter!["description"]), $"{method} {path}: parameter {parameter["name"]} undescribed");
            if (method != "get" && path != "/api/targets/parse") Assert.NotNull(op["responses"]!["409"]);
            if (op["requestBody"] is { } body)
            {
                Assert.True((bool?)body["required"], $"{method} {path}: body not required");
                Assert.NotNull(op["responses"]!["413"]);
            }
        }
        Assert.Equal("/", (string?)document["servers"]![0]!["url"]);
        Assert.NotNull(document["info"]!["contact"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]!["description"]));
    }

    [Fact]
    public async Task Periods_formats_headers_and_files_are_declared_as_the_service_takes_them()
    {
        var document = await Document();
        var entry = document["components"]!["schemas"]!["ActualEntry"]!;
        var periods = entry["properties"]!["period"]!["enum"]!.AsArray().Select(v => (string?)v).ToList();
        Assert.Contains("M01", periods);
        Assert.Contains("F4", periods);
        Assert.DoesNotContain("Q9", periods);
        Assert.Equal(26, periods.Count);
        Assert.Contains("year", entry["required"]!.AsArray().Select(v => (string?)v));

        var export = document["paths"]!["/api/plans/{plan}/scorecard.{format}"]!["get"]!;
        var format = export["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "format")!;
        Assert.Equal(["csv", "xlsx"], format["schema"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.True((bool?)export["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "year")!["required"]);
        foreach (var media in export["responses"]!["200"]!["content"]!.AsObject())
            Assert.Equal("binary", (string?)media.Value!["schema"]!["format"]);

        var upload = document["paths"]!["/api/plans/{plan}/actuals/upload"]!["post"]!["requestBody"]!["content"]!;
        Assert.Equal("binary", (string?)upload["multipart/form-data"]!["schema"]!["properties"]!["file"]!["format"]);
        Assert.Equal("binary", (string?)upload["text/csv"]!["schema"]!["format"]);
        Assert.Null(document["components"]!["schemas"]!["IFormFile"]);

        var patch = document["paths"]!["/api/indicators/{indicator}"]!["patch"]!;
        var ifMatch = patch["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "If-Match")!;
        Assert.Equal("header", (string?)ifMatch["in"]);
        Assert.True((bool?)ifMatch["required"]);
        Assert.NotNull(patch["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.NotNull(document["paths"]!["/api/indicators/{indicator}"]!["get"]!["responses"]!["200"]!["headers"]!["ETag"]);
    }

    [Fact]
    public async Task The_examples_are_what_the_service_accepts_and_answers()
    {
        var document = await Document();
        var client = factory.CreateClient();
        var import = document["paths"]!["/api/plans/import"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!.DeepClone();
        import["code"] = "PP-EXAMPLE";
        var imported = await client.PostAsync("/api/plans/import", new StringContent(import.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, imported.StatusCode);

        var actual = document["paths"]!["/api/indicators/{indicator}/actuals"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        var posted = await client.PostAsync("/api/indicators/PP-EXAMPLE:2021_02_01.I1/actuals",
            new StringContent(actual.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        var answer = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
        var documented = document["paths"]!["/api/indicators/{indicator}/actuals"]!["post"]!["responses"]!["201"]!["content"]!["application/json"]!["example"]!;
        Assert.Equal(documented.AsObject().Select(p => p.Key), answer.AsObject().Select(p => p.Key));
        Assert.Equal((decimal?)documented["value"], (decimal?)answer["value"]);
        Assert.Equal((string?)documented["period"], (string?)answer["period"]);
    }
}
