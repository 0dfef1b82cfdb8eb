using Microsoft.AspNetCore.Http;

namespace Performance.Api.Infrastructure.Security;

/// <summary>
/// Who is calling and what they may see: one organization (or every organization for platform administrators),
/// and for referenti the structures they report for. Without an HTTP caller (start-up seeding) it is the system.
/// </summary>
public sealed class AccessScope(IHttpContextAccessor http)
{
    private readonly System.Security.Claims.ClaimsPrincipal? _user = http.HttpContext?.User is { Identity.IsAuthenticated: true } u ? u : null;

    public bool IsSystem => _user is null;
    /// <summary>The caller's name, else its subject; "system" only without an HTTP caller (a nameless token never gets this far: <see cref="OneIdentity"/>).</summary>
    public string Actor => ActorOf(_user);

    /// <summary>Who acts, as recorded: the name, else the subject, else "system".</summary>
    public static string ActorOf(System.Security.Claims.ClaimsPrincipal? user) =>
        new[] { user?.FindFirst(Claims.Name)?.Value, user?.FindFirst(Claims.Subject)?.Value }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "system";
    public string Role => _user?.FindFirst(Claims.Role)?.Value ?? Roles.Admin;

    /// <summary>Null when every organization is visible.</summary>
    public string? Organization =>
        _user?.FindFirst(Claims.Organization)?.Value is { } org && org != Claims.AllOrganizations ? org : null;

    public IReadOnlyList<string> Structures => _user?.FindAll(Claims.Structures).Select(c => c.Value).ToList() ?? [];

    public bool IsReferente => Role == Roles.Referente;

    /// <summary>Loading history: who may record a consuntivo as reported on an earlier day (start-up seeding is the system).</summary>
    public bool MayBackdate => Role is Roles.Admin or Roles.ControlloGestione;

    public bool CanSee(string organizationCode) => Organization is null || Organization == organizationCode;
}
