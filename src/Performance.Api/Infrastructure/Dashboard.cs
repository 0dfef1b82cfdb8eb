using Microsoft.Extensions.FileProviders;

namespace Performance.Api.Infrastructure;

/// <summary>
/// The read-only dashboard at <c>/dashboard</c>: static files (HTML, JS, CSS; no CDN) embedded in the assembly, so
/// the service serves them whatever its working directory. Served before authentication: the page itself is public,
/// its data calls carry an API key.
/// </summary>
public static class Dashboard
{
    public const string Path = "/dashboard";

    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(Dashboard).Assembly, "Performance.Api.wwwroot.dashboard");
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
