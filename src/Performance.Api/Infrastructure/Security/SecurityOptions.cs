namespace Performance.Api.Infrastructure.Security;

/// <summary>The <c>Auth</c> section: API keys (only their SHA-256) and the OIDC provider for bearer tokens.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
    public JwtOptions Jwt { get; set; } = new();

    public static IEnumerable<string> Problems(AuthOptions o)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < o.ApiKeys.Count; i++)
        {
            var (key, at) = (o.ApiKeys[i], $"{Section}:ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(key.Name)) yield return $"{at}:Name is required (it is the actor recorded in the audit trail).";
            else if (key.Name.Length > OneIdentity.MaxActorLength) yield return $"{at}:Name is longer than {OneIdentity.MaxActorLength} characters (the audit trail keeps the actor in {OneIdentity.MaxActorLength}).";
            else if (!names.Add(key.Name)) yield return $"{at}:Name '{key.Name}' is used by another key: the audit trail could not tell them apart.";
            if (key.Sha256.Length != 64 || !key.Sha256.All(Uri.IsHexDigit))
                yield return $"{at}:Sha256 must be the 64-character hex SHA-256 of the key (printf '%s' key | sha256sum).";
            if (!Roles.All.Contains(key.Role)) yield return $"{at}:Role '{key.Role}' is not one of {string.Join(", ", Roles.All)}.";
            if (string.IsNullOrWhiteSpace(key.Organization)) yield return $"{at}:Organization is required (an organization code, or * for every organization).";
            if (key.Role == Roles.Referente && key.Structures.Count == 0) yield return $"{at}:Structures lists the structures a Referente reports for; it is empty.";
        }
        if (o.Jwt.Authority is { Length: > 0 } authority && !Uri.TryCreate(authority, UriKind.Absolute, out _))
            yield return $"{Section}:Jwt:Authority '{authority}' is not an absolute URL.";
        if (o.Jwt.SigningKey is { Length: > 0 } signing && System.Text.Encoding.UTF8.GetByteCount(signing) < 32)
            yield return $"{Section}:Jwt:SigningKey must be at least 32 bytes (HMAC-SHA256); it is for development and tests only.";
    }
}

public sealed class JwtOptions
{
    public string Authority { get; set; } = "";
    public string Audience { get; set; } = "";
    public string Issuer { get; set; } = "";
    /// <summary>A symmetric key for development and tests; production uses the Authority's signing keys.</summary>
    public string SigningKey { get; set; } = "";
}

/// <summary>The <c>Limits</c> section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Bulk loads of 200,000 rows fit; anything larger is refused before it is read (413).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    public static IEnumerable<string> Problems(LimitsOptions o)
    {
        if (o.MaxRequestBodyBytes <= 0) yield return $"{Section}:MaxRequestBodyBytes must be a positive number of bytes.";
    }
}

/// <summary>The <c>RateLimiting</c> section.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests per minute per key (per address when anonymous).</summary>
    public int PermitsPerMinute { get; set; } = 1200;

    public static IEnumerable<string> Problems(RateLimitingOptions o)
    {
        if (o.PermitsPerMinute <= 0) yield return $"{Section}:PermitsPerMinute must be a positive number.";
    }
}
