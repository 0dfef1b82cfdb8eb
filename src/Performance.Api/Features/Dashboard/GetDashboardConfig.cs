using Performance.Api.Infrastructure;

namespace Performance.Api.Features.Dashboard;

/// <summary>
/// What the dashboard page needs to start: the demo Viewer key when <c>Dashboard:DemoApiKey</c> is configured (the
/// shipped appsettings.json sets it so the demo works out of the box), otherwise null and the page asks for a key.
/// Production must remove the setting (or point it at a deliberately public read-only key).
/// </summary>
public sealed record DashboardConfig(string? ApiKey);

public sealed class GetDashboardConfigEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/dashboard/config.json", (IConfiguration configuration) =>
                new DashboardConfig(configuration["Dashboard:DemoApiKey"] is { Length: > 0 } key ? key : null))
            .AllowAnonymous().ExcludeFromDescription();
}
