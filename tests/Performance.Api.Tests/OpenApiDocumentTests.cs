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

    [Fact]
    public async Task Health_and_swagger_answer()
    {
        var client = factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var swagger = await client.GetAsync("/swagger/index.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, swagger.StatusCode);
    }
}
