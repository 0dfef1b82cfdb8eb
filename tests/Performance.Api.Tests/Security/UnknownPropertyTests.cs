using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>
/// Nothing sent is silently lost: every JSON write body of the catalog, with one property the request does not know,
/// is refused with a 400 naming that property (and nothing is stored).
/// </summary>
public sealed class UnknownPropertyTests(CremonaTrustFactory factory) : IClassFixture<CremonaTrustFactory>
{
    public static TheoryData<string> JsonWrites()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in EndpointCatalog.All.Where(e => !e.IsRead && e.ContentType == "application/json"))
            data.Add(endpoint.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonWrites))]
    public async Task An_unknown_property_is_refused_by_name(string endpointName)
    {
        var endpoint = EndpointCatalog.Get(endpointName);
        var c = factory.Context;
        var body = JsonNode.Parse(endpoint.Body?.Invoke(c) ?? "{}")!.AsObject();
        body["valoreInatteso"] = 1;
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var response = await factory.ClientFor(endpoint).SendAsync(endpoint.Method, endpoint.Url(c), body.ToJsonString(),
            endpoint.IfMatch ? c.ETag : null, endpoint.ContentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{endpoint.Name}: {(int)response.StatusCode} {text}");
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("valoreInatteso"), $"{endpoint.Name}: {text}");
        Assert.Contains("Unknown property", (string)errors["valoreInatteso"]![0]!);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task An_unknown_property_inside_a_bulk_row_is_refused_at_its_path()
    {
        var response = await factory.CreateClient().PostJsonTextAsync($"/api/plans/{factory.Context.Plan}/actuals/bulk",
            $$"""{"actuals":[{"indicator":"{{TrustContext.ReferenteIndicator}}","year":2021,"period":"M03","value":1,"valore":2}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("actuals[0].valore"), errors.ToJsonString());
    }
}
