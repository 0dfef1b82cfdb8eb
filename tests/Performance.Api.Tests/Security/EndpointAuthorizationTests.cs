using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>The Cremona plan, an actual and a closure, set up once for the whole matrix.</summary>
public sealed class CremonaTrustFactory : ApiFactory, IAsyncLifetime
{
    private TrustContext? _context;
    public TrustContext Context => _context ?? throw new InvalidOperationException("not set up");
    public async Task InitializeAsync() => _context = await TrustKit.SetUpCremonaAsync(this);
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Every endpoint × {anonymous, the five roles of the plan's organization}, another organization, and the catalog's completeness.</summary>
public sealed class EndpointAuthorizationTests(CremonaTrustFactory factory) : IClassFixture<CremonaTrustFactory>
{
    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in EndpointCatalog.All)
            foreach (var who in TrustKit.Roles.Prepend("anonymous"))
                data.Add(endpoint.Name, who);
        return data;
    }

    private async Task<(HttpResponseMessage Response, string Body)> CallAsync(EndpointCase endpoint, string? key)
    {
        var client = factory.CreateClientAs(key);
        var c = factory.Context;
        var response = await client.SendAsync(endpoint.Method, endpoint.Url(c), endpoint.Body?.Invoke(c), endpoint.IfMatch ? EndpointCatalog.StaleETag : null, endpoint.ContentType);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_each_role_as_the_issue_says(string endpointName, string who)
    {
        var endpoint = EndpointCatalog.Get(endpointName);
        var (response, body) = await CallAsync(endpoint, who == "anonymous" ? null : TrustKit.Key(who));
        var status = (int)response.StatusCode;
        var what = $"{who} → {endpoint.Name}: {status} {TrustKit.Truncate(body)}";

        if (who == "anonymous")
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, what);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        else if (!endpoint.Allowed.Contains(who))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            // Every refusal says why (docs/errors.md): the rule, or the caller's role against the roles allowed.
            Assert.False(string.IsNullOrWhiteSpace((string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["detail"]), what);
        }
        else if (endpoint.IsRead)
            Assert.True(response.StatusCode == HttpStatusCode.OK, what);
        else
            Assert.True(status is >= 200 and < 300 || (status is >= 400 and < 500 && status is not (401 or 403)), what);
        Assert.True(status < 500, what);
        TrustKit.AssertNothingInternal(body);
    }

    public static TheoryData<string, string> CrossOrganization()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in EndpointCatalog.All.Where(e => e.PlanScoped))
        {
            // The Admin of the other organization where the role check lets an Admin through (not the OIV's acts)...
            if (endpoint.Allowed.Contains("Admin")) data.Add(endpoint.Name, "Admin");
            // and the least privileged role of the other organization that passes the role check
            var least = endpoint.Allowed.Where(r => r != "Admin").DefaultIfEmpty("Admin").Last();
            if (least != "Admin") data.Add(endpoint.Name, least);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CrossOrganization))]
    public async Task Another_organizations_identity_gets_404_and_none_of_the_data(string endpointName, string role)
    {
        var endpoint = EndpointCatalog.Get(endpointName);
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var (response, body) = await CallAsync(endpoint, TrustKit.Key(role, TrustKit.OtherOrg));
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role}@{TrustKit.OtherOrg} → {endpoint.Name}: {(int)response.StatusCode} {TrustKit.Truncate(body)}");
        Assert.DoesNotContain(factory.Context.Title, body);
        Assert.DoesNotContain(factory.Context.IndicatorName, body);
        Assert.DoesNotContain(factory.Context.Actual.ToString(), body.Replace($"/api/actuals/{factory.Context.Actual}", ""));
        TrustKit.AssertNothingInternal(body);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task Organization_wide_endpoints_show_another_organization_nothing_of_this_one()
    {
        var other = factory.CreateClientAs(TrustKit.Key("Admin", TrustKit.OtherOrg));
        var plans = (await other.GetJsonAsync("/api/plans")).ToJsonString();
        Assert.DoesNotContain(factory.Context.Plan, plans);
        Assert.DoesNotContain(TrustKit.Org, plans);

        var audit = await other.GetJsonAsync("/api/audit?take=1000");
        Assert.DoesNotContain(audit["entries"]!.AsArray(), e => (string?)e!["organization"] == TrustKit.Org);
        Assert.DoesNotContain(factory.Context.Title, audit.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/audit?indicator={factory.Context.Indicator}")).StatusCode);

        // Importing (or replacing) a document of this organization with the other organization's credentials is refused.
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var import = await other.ImportAsync(Documents.Cremona(), replace: true);
        await import.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));

        // The plan's own Admin sees it (the negative above is not vacuous).
        var own = factory.CreateClientAs(TrustKit.Key("Admin"));
        Assert.Contains(factory.Context.Plan, (await own.GetJsonAsync("/api/plans")).ToJsonString());
        Assert.Contains((await own.GetJsonAsync("/api/audit"))["entries"]!.AsArray(), e => (string?)e!["organization"] == TrustKit.Org);
    }

    [Fact]
    public async Task Every_endpoint_of_the_openapi_document_is_in_the_matrix()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var served = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();
        var catalog = EndpointCatalog.All.Select(e => e.Name).ToHashSet();
        Assert.True(catalog.Count == EndpointCatalog.All.Length, "the catalog lists an endpoint twice");
        var missing = served.Except(catalog).Order().ToList();
        var stale = catalog.Except(served).Order().ToList();
        Assert.True(missing.Count == 0, "endpoints without authorization tests: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "catalog endpoints the service does not serve: " + string.Join(", ", stale));
    }
}
