using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests;

/// <summary>The committed openapi/ document is the contract: it must equal what the service serves.</summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Committed_document_equals_the_served_document()
    {
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "Performance.Api.json")));
        Assert.True(JsonNode.DeepEquals(committed, served),
            "openapi/Performance.Api.json differs from /openapi/v1.json: run 'dotnet build src/Performance.Api' and commit the regenerated file.");
    }

    private static JsonNode Committed() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "openapi", "Performance.Api.json")))!;

    public static TheoryData<string> Schemas() => [.. Committed()["components"]!["schemas"]!.AsObject().Select(s => s.Key)];

    /// <summary>
    /// Every schema of the contract — what a client sends and what comes back — is explained, and so is each of its fields
    /// (from the records' XML comments), so Swagger alone says what to send and what each figure means.
    /// </summary>
    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_schema_says_what_it_is_and_what_its_fields_mean(string schema)
    {
        var schemas = Committed()["components"]!["schemas"]!;
        Assert.True(schemas[schema]!["enum"] is not null || !string.IsNullOrWhiteSpace((string?)schemas[schema]!["description"]),
            $"{schema}: no description (document the record with a summary)");
        var properties = schemas[schema]!["properties"]?.AsObject() ?? [];
        // A property that is another schema (the generator drops a description beside a $ref) is explained by that schema's
        // own description, an enumeration by its values.
        bool Explained(JsonNode property) =>
            !string.IsNullOrWhiteSpace((string?)property["description"])
            || Reference(property) is { } name && (schemas[name]!["enum"] is not null || !string.IsNullOrWhiteSpace((string?)schemas[name]!["description"]));
        var undescribed = properties.Where(p => !Explained(p.Value!)).Select(p => p.Key).Except(SelfExplaining).ToList();
        Assert.True(undescribed.Count == 0, $"{schema}: no description for {string.Join(", ", undescribed)} (document the record's parameter)");
    }

    /// <summary>
    /// Every field says its JSON type (or is another schema), so a generated client does not take an instant or a period
    /// for "anything": the service's own converters hide the type from the generator, the contract says it again.
    /// </summary>
    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_field_says_its_type(string schema)
    {
        var properties = Committed()["components"]!["schemas"]![schema]!["properties"]?.AsObject() ?? [];
        var untyped = properties
            .Where(p => p.Value!["type"] is null && Reference(p.Value!) is null && p.Value!["allOf"] is null && p.Value!["anyOf"] is null)
            .Select(p => p.Key).Except(FreeJson).ToList();
        Assert.True(untyped.Count == 0, $"{schema}: no type for {string.Join(", ", untyped)}");
    }

    // Free JSON the service keeps as sent (a node's resources): any type is the truth.
    private static readonly string[] FreeJson = ["resources"];

    private static string? Reference(JsonNode property) =>
        ((string?)property["$ref"] ?? property["oneOf"]?.AsArray().Select(o => (string?)o!["$ref"]).FirstOrDefault(r => r is not null))
        ?.Split('/')[^1];

    // Names, titles and free texts whose name says it all.
    private static readonly string[] SelfExplaining = ["name", "title", "description", "note", "code"];

    /// <summary>
    /// The comment generator copies XML entities and renders a cref as a .NET signature ("string ParsedTarget.Text"):
    /// neither means anything to a reader of the contract.
    /// </summary>
    [Fact]
    public void No_description_shows_an_xml_entity_or_a_dotnet_member()
    {
        var leaks = Descriptions(Committed(), "#")
            .Select(d => (d.Path, Leak: DotNetLeak.Match(d.Text)))
            .Where(d => d.Leak.Success).Select(d => $"{d.Path}: {d.Leak.Value}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static readonly System.Text.RegularExpressions.Regex DotNetLeak = new(@"&(lt|gt|amp|quot);|\b[A-Z][a-z]\w*\.[A-Z][a-z]\w*\b");

    private static IEnumerable<(string Path, string Text)> Descriptions(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "description" && p.Value is JsonValue v && v.TryGetValue<string>(out var text)
            ? [(path, text)]
            : Descriptions(p.Value, $"{path}/{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Descriptions(item, $"{path}/{i}")),
        _ => [],
    };

    [Fact]
    public async Task Health_and_swagger_answer()
    {
        var client = factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var swagger = await client.GetAsync("/swagger/index.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, swagger.StatusCode);
    }
}
