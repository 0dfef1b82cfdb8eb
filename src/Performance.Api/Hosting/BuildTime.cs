using System.Reflection;

namespace Performance.Api.Hosting;

/// <summary>
/// The build generates the OpenAPI document by running Program inside the GetDocument tool. The service is then only
/// described, never started: no migrations, no demo data, no database health check — a build opens no database.
/// </summary>
public static class BuildTime
{
    public static bool IsGeneratingDocument { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
