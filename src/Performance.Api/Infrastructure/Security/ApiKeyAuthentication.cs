using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Performance.Api.Infrastructure.Security;

/// <summary>One configured key: only its SHA-256 is stored, never the key itself.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string Role { get; set; } = "";
    public string Organization { get; set; } = "";
    public List<string> Structures { get; set; } = [];
}

public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <summary>
/// X-Api-Key authentication for dashboards and data feeds: the presented key is hashed and compared in constant time
/// with every configured hash, so neither the keys nor timing reveal anything.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return Task.FromResult(AuthenticateResult.NoResult());
        var presented = values.ToString();
        if (presented.Length is 0 or > 512) return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyEntry? match = null;
        foreach (var key in Options.Keys)
        {
            var expected = TryHex(key.Sha256);
            if (expected is not null && CryptographicOperations.FixedTimeEquals(hash, expected)) match = key;
        }
        if (match is null || !Roles.All.Contains(match.Role) || string.IsNullOrWhiteSpace(match.Organization))
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));

        var claims = new List<Claim>
        {
            new(Claims.Name, match.Name), new(Claims.Role, match.Role), new(Claims.Organization, match.Organization),
        };
        claims.AddRange(match.Structures.Select(s => new Claim(Claims.Structures, s)));
        var identity = new ClaimsIdentity(claims, SchemeName, Claims.Name, Claims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static byte[]? TryHex(string hex)
    {
        try { return hex.Length == 64 ? Convert.FromHexString(hex) : null; }
        catch (FormatException) { return null; }
    }
}
