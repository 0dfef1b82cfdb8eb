using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;

namespace Performance.Api.Features.Dashboard;

/// <summary>
/// What the dashboard page needs to start: the demo Viewer key when <c>Dashboard:DemoApiKey</c> is configured (the
/// shipped appsettings.json sets it so the demo works out of the box), otherwise null and the page asks for a key.
/// Production must remove the setting (or point it at a deliberately public read-only key).
/// </summary>
public sealed record DashboardConfig(string? ApiKey);

/// <summary>The <c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>A key handed to the page; only ever a Viewer key meant to be public.</summary>
    public string? DemoApiKey { get; set; }
}

public sealed class GetDashboardConfigEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/dashboard/config.json", (IOptions<DashboardOptions> options) =>
                new DashboardConfig(options.Value.DemoApiKey is { Length: > 0 } key ? key : null))
            .AllowAnonymous().ExcludeFromDescription();
}
