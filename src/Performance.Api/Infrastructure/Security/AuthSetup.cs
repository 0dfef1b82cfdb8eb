using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Performance.Api.Infrastructure.Security;

public static class AuthSetup
{
    private const string Smart = "ApiKeyOrBearer";

    /// <summary>
    /// X-Api-Key or Authorization: Bearer (OIDC: Auth:Jwt:Authority and Audience; a symmetric Auth:Jwt:SigningKey
    /// for development and tests). Every endpoint requires a policy; no credentials → 401, wrong role → 403.
    /// </summary>
    public static IServiceCollection AddPerformanceAuth(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section, AuthOptions.Problems);
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "API key or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer();
        services.AddOptions<ApiKeyOptions>(ApiKeyAuthenticationHandler.SchemeName)
            .Configure<IOptions<AuthOptions>>((o, auth) => o.Keys = auth.Value.ApiKeys);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            var jwt = auth.Value.Jwt;
            o.MapInboundClaims = false;
            o.Authority = jwt.Authority is { Length: > 0 } authority ? authority : null;
            o.Audience = jwt.Audience;
            o.RequireHttpsMetadata = o.Authority?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = Claims.Name,
                RoleClaimType = Claims.Role,
                ValidateAudience = jwt.Audience is { Length: > 0 },
                ValidAudience = jwt.Audience,
                ValidateIssuer = jwt.Issuer is { Length: > 0 } || o.Authority is not null,
                ValidIssuer = jwt.Issuer,
            };
            if (jwt.SigningKey is { Length: > 0 } key)
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
        });

        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in Policies.RolesOf)
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles).AddRequirements(new OneIdentity()));
            // Anything mapped without an explicit policy still needs an authenticated caller.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationHandler, OneIdentity>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ExplainedAuthorizationResults>();
        services.AddHttpContextAccessor();
        services.AddScoped<AccessScope>();
        return services;
    }
}
