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

    /// <summary>
    /// What a newcomer writes and reads first — the plan document, a consuntivo, the scorecard — is explained field by field
    /// in the contract itself (from the records' XML comments), so Swagger alone says what to send and what comes back.
    /// </summary>
    [Theory]
    [InlineData("PlanDocument")]
    [InlineData("OrganizationDocument")]
    [InlineData("NodeDocument")]
    [InlineData("IndicatorDocument")]
    [InlineData("BaselineDocument")]
    [InlineData("BandDocument")]
    [InlineData("ActualEntry")]
    [InlineData("ScorecardResponse")]
    [InlineData("DeviationResponse")]
    [InlineData("AuditKeyUse")]
    [InlineData("ActualResponse")]
    [InlineData("PeriodActuals")]
    [InlineData("PlanResponse")]
    [InlineData("ImportPlanResult")]
    [InlineData("NodeResponse")]
    [InlineData("IndicatorResponse")]
    [InlineData("TargetResponse")]
    [InlineData("ScorecardNode")]
    [InlineData("ScorecardIndicator")]
    [InlineData("IndicatorScoreResponse")]
    [InlineData("NodeScoreResponse")]
    [InlineData("NodeScoreExplanation")]
    [InlineData("ContributionResponse")]
    [InlineData("BulkActualsBody")]
    [InlineData("BulkActualsResult")]
    [InlineData("ReviewBody")]
    [InlineData("ReviewSelection")]
    [InlineData("ReviewActualsResult")]
    [InlineData("YearStatusBody")]
    [InlineData("YearStatusResponse")]
    [InlineData("CloseBody")]
    [InlineData("ReopenBody")]
    [InlineData("ClosureResponse")]
    [InlineData("UpdateIndicatorBody")]
    [InlineData("UpdateNodeBody")]
    public async Task The_schemas_a_newcomer_meets_first_say_what_their_fields_mean(string schema)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "Performance.Api.json")))!;
        var schemas = document["components"]!["schemas"]!;
        var properties = schemas[schema]!["properties"]!.AsObject();
        // A property that is another schema (the generator drops a description beside a $ref) is explained by that schema's
        // own description, an enumeration by its values.
        bool Explained(JsonNode property) =>
            !string.IsNullOrWhiteSpace((string?)property["description"])
            || Reference(property) is { } name && (schemas[name]!["enum"] is not null || !string.IsNullOrWhiteSpace((string?)schemas[name]!["description"]));
        var undescribed = properties.Where(p => !Explained(p.Value!)).Select(p => p.Key).Except(SelfExplaining).ToList();
        Assert.True(undescribed.Count == 0, $"{schema}: no description for {string.Join(", ", undescribed)} (document the record's parameter)");
    }

    private static string? Reference(JsonNode property) =>
        ((string?)property["$ref"] ?? property["oneOf"]?.AsArray().Select(o => (string?)o!["$ref"]).FirstOrDefault(r => r is not null))
        ?.Split('/')[^1];

    // Names, titles and free texts whose name says it all.
    private static readonly string[] SelfExplaining = ["name", "title", "description", "note", "code"];

    [Fact]
    public async Task Health_and_swagger_answer()
    {
        var client = factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var swagger = await client.GetAsync("/swagger/index.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, swagger.StatusCode);
    }
}
