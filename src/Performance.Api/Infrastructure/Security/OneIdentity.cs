using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Security;

/// <summary>
/// Every caller acts as one named identity of one organization in one role, which is what the audit trail records: a
/// token with several roles (it would write as one and be recorded as another), no organization, or nobody's name
/// (neither <c>name</c> nor <c>sub</c>), or a name longer than the audit trail keeps, is refused with a 403 saying why.
/// </summary>
public sealed class OneIdentity : AuthorizationHandler<OneIdentity>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OneIdentity requirement)
    {
        if (Problem(context.User) is { } problem) context.Fail(new AuthorizationFailureReason(this, problem));
        else context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>The longest name of an author (the columns of <c>AuditEntry.Actor</c>, <c>Actual.RecordedBy</c>...).</summary>
    public const int MaxActorLength = 200;

    public static string? Problem(ClaimsPrincipal user)
    {
        var organizations = user.FindAll(Claims.Organization).ToList();
        if (organizations.Count != 1 || string.IsNullOrWhiteSpace(organizations[0].Value))
            return Say.It("Le credenziali devono indicare una sola organizzazione (un solo claim 'org': il codice di un'organizzazione, oppure '*').", "The credentials must name exactly one organization (one 'org' claim: an organization code, or '*').");
        var roles = user.FindAll(Claims.Role).Select(c => c.Value).ToList();
        if (roles.Count != 1)
            return Say.It($"Le credenziali riportano {roles.Count} ruoli{(roles.Count > 0 ? $" ({string.Join(", ", roles)})" : "")}: un'identità agisce in un solo ruolo, che il registro di audit annota. Usare un'identità per ciascun ruolo.", $"The credentials carry {roles.Count} roles{(roles.Count > 0 ? $" ({string.Join(", ", roles)})" : "")}: an identity acts in exactly one role, which the audit trail records. Use one identity per role.");
        if (string.IsNullOrWhiteSpace(user.FindFirst(Claims.Name)?.Value) && string.IsNullOrWhiteSpace(user.FindFirst(Claims.Subject)?.Value))
            return Say.It("Le credenziali non indicano alcuna persona (né un claim 'name' né un claim 'sub'): ogni modifica è registrata con il suo autore.", "The credentials name nobody (neither a 'name' nor a 'sub' claim): every change is recorded with who made it.");
        // The author is kept in columns of 200 characters (RecordedBy, Actor...): a longer name could write nothing.
        if (AccessScope.ActorOf(user).Length > MaxActorLength)
            return Say.It($"Il nome delle credenziali (claim 'name', altrimenti 'sub') supera i {MaxActorLength} caratteri con cui il registro di audit annota l'autore di ogni modifica.",
                $"The credentials' name (the 'name' claim, else 'sub') is longer than the {MaxActorLength} characters the audit trail keeps as the author of each change.");
        return null;
    }
}

/// <summary>
/// A 403 says why: the reason a requirement gave, or — refused by role — the caller's role and the roles the operation is
/// for. Everything else is answered as ASP.NET Core does.
/// </summary>
public sealed class ExplainedAuthorizationResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && Why(context.User, authorizeResult.AuthorizationFailure) is { } detail)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Detail = detail },
            });
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string? Why(ClaimsPrincipal user, AuthorizationFailure? failure)
    {
        if (failure?.FailureReasons.FirstOrDefault() is { } reason) return reason.Message;
        if (failure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault() is not { } roles) return null;
        var role = user.FindFirst(Claims.Role)?.Value ?? "—";
        var allowed = string.Join(", ", roles.AllowedRoles);
        return Say.It($"Il ruolo {role} non consente questa operazione: è riservata ai ruoli {allowed}.",
            $"The role {role} does not allow this operation: it is for the roles {allowed}.");
    }
}
