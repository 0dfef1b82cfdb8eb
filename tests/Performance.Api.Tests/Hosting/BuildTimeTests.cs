using System.Diagnostics;
using System.Reflection;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Hosting;

/// <summary>
/// The build writes the OpenAPI document by running Program inside the GetDocument tool. That run must describe the
/// service without starting it: no database is created, migrated or seeded, whatever the connection string says.
/// </summary>
public sealed class BuildTimeTests
{
    [Fact]
    public async Task Generating_the_document_as_the_build_does_opens_no_database_and_gives_the_committed_document()
    {
        var work = Directory.CreateTempSubdirectory("performance-getdocument-");
        try
        {
            var database = Path.Combine(work.FullName, "must-not-exist.db");
            var output = Directory.CreateDirectory(Path.Combine(work.FullName, "openapi"));
            var api = Path.Combine(Repository.Root, "src", "Performance.Api");
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            var assembly = Path.Combine(api, "bin", configuration, "net10.0", "Performance.Api.dll");
            Assert.True(File.Exists(assembly), assembly);

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = work.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
                ArgumentList =
                {
                    GetDocumentTool(), "--assembly", assembly, "--file-list", Path.Combine(work.FullName, "files.txt"),
                    "--framework", ".NETCoreApp,Version=v10.0", "--output", output.FullName, "--project", "Performance.Api",
                    "--assets-file", Path.Combine(api, "obj", "project.assets.json"), "--platform", "AnyCPU",
                },
            };
            // What a production machine's environment would hold: the build must not touch that database.
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__Performance"] = $"Data Source={database}";
            start.Environment["Database__MigrateOnStartup"] = "true";
            start.Environment["Database__SeedDemoData"] = "true";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var log = await stdout + await stderr;

            Assert.True(process.ExitCode == 0, log);
            Assert.False(File.Exists(database), "the document generator created the database:\n" + log);
            Assert.Empty(work.GetFiles("*.db*", SearchOption.AllDirectories));
            Assert.DoesNotContain("Demo data", log);
            var generated = await File.ReadAllTextAsync(Path.Combine(output.FullName, "Performance.Api.json"));
            var committed = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "Performance.Api.json"));
            Assert.Equal(committed.ReplaceLineEndings(), generated.ReplaceLineEndings());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string GetDocumentTool()
    {
        var root = typeof(BuildTimeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var package = Path.Combine(root, "microsoft.extensions.apidescription.server");
        var tool = Directory.GetFiles(package, "dotnet-getdocument.dll", SearchOption.AllDirectories).OrderByDescending(f => f, StringComparer.Ordinal).First();
        return tool;
    }
}
