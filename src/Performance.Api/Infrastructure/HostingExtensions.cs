using Microsoft.Extensions.Configuration.Json;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.OpenApi;

namespace Performance.Api.Infrastructure;

public static class HostingExtensions
{
    /// <summary>
    /// The one configuration file lives at the repository root and is copied next to the binaries; load it from there
    /// (ahead of environment variables and the command line, which still override it) whatever the content root is.
    /// </summary>
    public static void UseRepositoryRootSettings(this ConfigurationManager configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(path)) return;
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource);
        var source = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(index < 0 ? 0 : index, source);
    }

    /// <summary>Nested Request/Response records share simple names: give the schemas their full, distinct ids.</summary>
    public static OpenApiOptions AddPerformanceSchemaNames(this OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = type =>
        {
            var t = type.Type;
            if (t.IsGenericType || t.IsArray || t.IsPrimitive || t == typeof(string) || t == typeof(decimal)) return OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            return t.DeclaringType is { } outer ? outer.Name + t.Name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        };
        options.AddSchemaTransformer(TargetReferenceJsonConverter.Describe);
        // The served document must equal the committed one, whatever host serves it: no absolute server URLs.
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers?.Clear();
            return Task.CompletedTask;
        });
        return options;
    }
}
