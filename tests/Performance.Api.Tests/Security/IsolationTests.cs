using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>Cremona, and INPS holding a plan under the same code: what each identity can name and what it learns.</summary>
public sealed class SharedCodeFactory : ApiFactory, IAsyncLifetime
{
    public TrustContext Context { get; private set; } = null!;

    /// <summary>A read-only identity of every organization, like the dashboard's demo key.</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Auth:ApiKeys:100:Name", "Viewer:*"),
        new("Auth:ApiKeys:100:Sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Viewer:*"u8))),
        new("Auth:ApiKeys:100:Role", "Viewer"),
        new("Auth:ApiKeys:100:Organization", "*"),
    ];

    public async Task InitializeAsync()
    {
        Context = await TrustKit.SetUpCremonaAsync(this);
        var twin = Documents.Cremona(Documents.CremonaCode, TrustKit.OtherOrg);
        twin["title"] = "Piano gemello di un altro ente";
        Assert.Equal(HttpStatusCode.Created, (await CreateClient().ImportAsync(twin)).StatusCode);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed partial class IsolationTests(SharedCodeFactory factory) : IClassFixture<SharedCodeFactory>
{
    private const string Code = Documents.CremonaCode;
    private static readonly string Cremona = $"{TrustKit.Org}:{Code}", Inps = $"{TrustKit.OtherOrg}:{Code}";

    [Theory]
    [InlineData("submit", "Admin")]
    [InlineData("submit", "ControlloGestione")]
    [InlineData("validate", "Oiv")]
    [InlineData("return", "Oiv")]
    public async Task Reviewing_another_organizations_consuntivo_answers_exactly_like_an_unknown_id(string verb, string role)
    {
        var stranger = factory.CreateClientAs(TrustKit.Key(role, TrustKit.OtherOrg));
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var unknown = Guid.NewGuid();
        const string body = """{"reason":"Manca la fonte del dato"}""";
        var foreign = await stranger.PostJsonTextAsync($"/api/actuals/{factory.Context.Actual}/{verb}", body);
        var missing = await stranger.PostJsonTextAsync($"/api/actuals/{unknown}/{verb}", body);

        var foreignProblem = await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        var missingProblem = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("No consuntivo with this id was found.", (string?)foreignProblem["detail"]);
        Assert.Equal((string?)missingProblem["detail"], (string?)foreignProblem["detail"]);
        Assert.Equal(Shape(missingProblem), Shape(foreignProblem));
        // No id in the answer, not even the one sent (the trace id aside).
        foreignProblem.Remove("traceId");
        Assert.Empty(Guids().Matches(foreignProblem.ToJsonString()));
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    private static string Shape(JsonObject problem) => string.Join(",", problem.Select(p => p.Key).Where(k => k != "traceId").Order());

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    [Theory]
    [InlineData(TestIdentities.PlatformAdmin)]
    [InlineData("Viewer:*")]
    public async Task A_code_two_organizations_share_is_404_guidance_for_platform_identities_and_ORG_CODE_names_each_plan(string key)
    {
        var client = factory.CreateClientAs(key);
        var refused = await (await client.GetAsync($"/api/plans/{Code}/scorecard?year=2021")).AssertProblemAsync(HttpStatusCode.NotFound);
        var detail = (string?)refused["detail"];
        Assert.Contains($"'{Cremona}'", detail);
        Assert.Contains($"'{Inps}'", detail);

        Assert.Equal(TrustKit.Org, (string?)(await client.GetJsonAsync($"/api/plans/{Uri.EscapeDataString(Cremona)}"))["organization"]);
        Assert.Equal(TrustKit.OtherOrg, (string?)(await client.GetJsonAsync($"/api/plans/{Inps}"))["organization"]);
        Assert.Equal(Code, (string?)(await client.GetJsonAsync($"/api/plans/{Inps}/scorecard?year=2021"))["plan"]);
        var plans = (await client.GetJsonAsync("/api/plans")).AsArray();
        Assert.Equal([Cremona, Inps], plans.Where(p => (string?)p!["code"] == Code).Select(p => (string?)p!["key"]).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/indicators/{Cremona}:2021_01.I2/score?year=2021")).StatusCode);
        await (await client.GetAsync($"/api/indicators/{Code}:2021_01.I2/score?year=2021")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_and_the_audit_filter_take_ORG_CODE_and_land_in_that_organizations_plan()
    {
        var admin = factory.CreateClient();
        var plan = await admin.GetJsonAsync($"/api/plans/{Inps}");
        Assert.Equal(TrustKit.OtherOrg, (string?)plan["organization"]);
        Assert.Equal("Piano gemello di un altro ente", (string?)plan["title"]);
        var recorded = await admin.PostActualOkAsync(Inps, "2021_01.I2", """{"year":2021,"period":"M09","value":42}""");
        Assert.Equal(1, (int)recorded["revision"]!);
        var inpsActuals = (await admin.GetJsonAsync($"/api/indicators/{Inps}:2021_01.I2/actuals?year=2021")).ToJsonString();
        Assert.Contains((string)recorded["id"]!, inpsActuals);
        Assert.DoesNotContain((string)recorded["id"]!, (await admin.GetJsonAsync($"/api/indicators/{Cremona}:2021_01.I2/actuals?year=2021")).ToJsonString());
        var audit = await admin.GetJsonAsync($"/api/audit?plan={Inps}&take=5");
        Assert.Contains(audit["entries"]!.AsArray(), e => (string?)e!["entityId"] == (string?)recorded["id"]);
        await (await admin.GetAsync($"/api/audit?plan={Code}")).AssertProblemAsync(HttpStatusCode.NotFound);
        // Codes are unique within an organization: the same code again in the same organization is still a conflict.
        await (await admin.ImportAsync(Documents.Cremona(Code, TrustKit.OtherOrg))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_organizations_identity_names_its_plan_by_the_bare_code_and_never_reaches_the_other_one()
    {
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione"));
        var own = await cg.GetJsonAsync($"/api/plans/{Code}");
        Assert.Equal(TrustKit.Org, (string?)own["organization"]);
        Assert.Equal((string?)own["id"], (string?)(await cg.GetJsonAsync($"/api/plans/{Cremona}"))["id"]);
        var hidden = await (await cg.GetAsync($"/api/plans/{Inps}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal($"Plan '{Inps}' was not found.", (string?)hidden["detail"]);
        await (await cg.GetAsync($"/api/indicators/{Inps}:2021_01.I2")).AssertProblemAsync(HttpStatusCode.NotFound);
        var plans = (await cg.GetJsonAsync("/api/plans")).AsArray();
        Assert.DoesNotContain(plans, p => (string?)p!["organization"] == TrustKit.OtherOrg);
    }
}
