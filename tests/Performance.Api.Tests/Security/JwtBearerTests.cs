using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>A service that trusts locally signed HS256 tokens (issuer and audience configured).</summary>
public sealed class JwtApiFactory : ApiFactory, IAsyncLifetime
{
    public const string SigningKey = "performance-tests-signing-key-0123456789-abcdef";
    public const string Issuer = "https://login.test.local/";
    public const string Audience = "performance-api";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Auth:Jwt:SigningKey", SigningKey), new("Auth:Jwt:Issuer", Issuer), new("Auth:Jwt:Audience", Audience),
    ];

    public async Task InitializeAsync() => await CreateClient().EnsureCremonaAsync();
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <param name="name">The name and subject; null for a token that names nobody.</param>
    public static string Token(string role, string org, string[]? structures = null, string? name = "mario.rossi",
        string key = SigningKey, string issuer = Issuer, string audience = Audience, DateTime? expires = null, Claim[]? extra = null)
    {
        var claims = new List<Claim> { new("role", role) };
        if (name is not null) claims.AddRange([new Claim("name", name), new Claim("sub", name)]);
        if (org is not null) claims.Add(new Claim("org", org));
        claims.AddRange(extra ?? []);
        claims.AddRange((structures ?? []).Select(s => new Claim("structures", s)));
        var end = expires ?? DateTime.UtcNow.AddMinutes(30);
        var token = new JwtSecurityToken(issuer, audience, claims, notBefore: end.AddHours(-1), expires: end,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class JwtBearerTests(JwtApiFactory factory) : IClassFixture<JwtApiFactory>
{
    private const string Plan = Documents.CremonaCode;

    [Fact]
    public async Task Roles_and_organization_come_from_the_token_like_from_keys()
    {
        var viewer = factory.CreateClientWithToken(JwtApiFactory.Token("Viewer", TrustKit.Org));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/plans/{Plan}/scorecard?year=2021")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/plans/{Plan}/nodes")).StatusCode);

        var cg = factory.CreateClientWithToken(JwtApiFactory.Token("ControlloGestione", TrustKit.Org, name: "cg.cremona"));
        var recorded = await cg.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M03","value":50}""");
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("cg.cremona", (string?)(await recorded.ReadJsonAsync())["recordedBy"]);

        var oiv = factory.CreateClientWithToken(JwtApiFactory.Token("Oiv", TrustKit.Org));
        Assert.Equal(HttpStatusCode.Forbidden, (await oiv.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M04","value":50}""")).StatusCode);

        var otherOrg = factory.CreateClientWithToken(JwtApiFactory.Token("Admin", TrustKit.OtherOrg));
        Assert.Equal(HttpStatusCode.NotFound, (await otherOrg.GetAsync($"/api/plans/{Plan}")).StatusCode);
    }

    [Fact]
    public async Task A_referentes_structures_come_from_the_token()
    {
        var mine = factory.CreateClientWithToken(JwtApiFactory.Token("Referente", TrustKit.Org, ["CR-SG"]));
        Assert.Equal(HttpStatusCode.Created, (await mine.PostActualAsync(Plan, TrustContext.ReferenteIndicator, """{"year":2021,"period":"M05","value":1}""")).StatusCode);
        var notMine = factory.CreateClientWithToken(JwtApiFactory.Token("Referente", TrustKit.Org, ["CR-A1"]));
        await (await notMine.PostActualAsync(Plan, TrustContext.ReferenteIndicator, """{"year":2021,"period":"M06","value":1}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", JwtApiFactory.Token("Admin", TrustKit.Org, expires: DateTime.UtcNow.AddMinutes(-10)) },
        { "wrong signature", JwtApiFactory.Token("Admin", TrustKit.Org, key: "another-key-that-is-long-enough-for-hs256-000000") },
        { "wrong audience", JwtApiFactory.Token("Admin", TrustKit.Org, audience: "someone-else") },
        { "wrong issuer", JwtApiFactory.Token("Admin", TrustKit.Org, issuer: "https://evil.example/") },
        { "unsigned", Unsigned() },
        { "garbage", "not.a.token" },
    };

    private static string Unsigned()
    {
        var valid = JwtApiFactory.Token("Admin", TrustKit.Org);
        var parts = valid.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{parts[1]}.";
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_validate_is_401(string why, string token)
    {
        var client = factory.CreateClientWithToken(token);
        var response = await client.GetAsync($"/api/plans/{Plan}");
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M07","value":1}""")).StatusCode);
    }

    [Fact]
    public async Task A_token_with_several_roles_or_naming_nobody_is_refused_and_nothing_is_recorded()
    {
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var twoRoles = factory.CreateClientWithToken(JwtApiFactory.Token("Viewer", TrustKit.Org, extra: [new Claim("role", "ControlloGestione")]));
        var refused = await (await twoRoles.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M08","value":50}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("2 roles (Viewer, ControlloGestione)", (string?)refused["detail"]);
        await (await twoRoles.GetAsync($"/api/plans/{Plan}/scorecard?year=2021")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var nobody = factory.CreateClientWithToken(JwtApiFactory.Token("ControlloGestione", TrustKit.Org, name: null));
        var anonymous = await (await nobody.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M08","value":50}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("name nobody", (string?)anonymous["detail"]);
        var blankName = factory.CreateClientWithToken(JwtApiFactory.Token("ControlloGestione", TrustKit.Org, name: " "));
        await (await blankName.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M08","value":50}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));

        // A subject alone is a name: the entry is recorded as that subject, never as "system".
        var subjectOnly = factory.CreateClientWithToken(JwtApiFactory.Token("ControlloGestione", TrustKit.Org, name: null, extra: [new Claim("sub", "0f3c-utente")]));
        var recorded = await subjectOnly.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M08","value":50}""");
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("0f3c-utente", (string?)(await recorded.ReadJsonAsync())["recordedBy"]);
    }

    [Fact]
    public async Task A_name_longer_than_the_audit_trail_keeps_is_refused_and_the_longest_is_recorded()
    {
        // Every change records its author in 200 characters: a longer name failed each write on PostgreSQL (500).
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var longName = factory.CreateClientWithToken(JwtApiFactory.Token("ControlloGestione", TrustKit.Org, name: new string('n', 201)));
        var refused = await (await longName.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M09","value":50}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("200", (string?)refused["detail"]);
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));

        var longest = factory.CreateClientWithToken(JwtApiFactory.Token("ControlloGestione", TrustKit.Org, name: new string('n', 200)));
        var recorded = await longest.PostActualAsync(Plan, "2021_01.I2", """{"year":2021,"period":"M09","value":50}""");
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        Assert.Equal(new string('n', 200), (string?)(await recorded.ReadJsonAsync())["recordedBy"]);
    }

    [Fact]
    public async Task A_token_without_an_organization_or_with_an_unknown_role_is_not_let_in()
    {
        var blankOrg = factory.CreateClientWithToken(JwtApiFactory.Token("Admin", " "));
        Assert.Equal(HttpStatusCode.Forbidden, (await blankOrg.GetAsync($"/api/plans/{Plan}")).StatusCode);
        var emptyOrg = factory.CreateClientWithToken(JwtApiFactory.Token("Admin", ""));
        Assert.Equal(HttpStatusCode.Forbidden, (await emptyOrg.GetAsync($"/api/plans")).StatusCode);
        var noOrg = factory.CreateClientWithToken(JwtApiFactory.Token("Admin", null!));
        Assert.Equal(HttpStatusCode.Forbidden, (await noOrg.GetAsync($"/api/plans")).StatusCode);
        var twoOrgs = factory.CreateClientWithToken(JwtApiFactory.Token("Admin", TrustKit.Org, extra: [new Claim("org", TrustKit.OtherOrg)]));
        Assert.Equal(HttpStatusCode.Forbidden, (await twoOrgs.GetAsync($"/api/plans")).StatusCode);
        var unknownRole = factory.CreateClientWithToken(JwtApiFactory.Token("SuperUser", TrustKit.Org));
        Assert.Equal(HttpStatusCode.Forbidden, (await unknownRole.GetAsync($"/api/plans/{Plan}")).StatusCode);
    }
}
