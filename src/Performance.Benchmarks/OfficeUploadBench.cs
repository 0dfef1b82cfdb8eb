using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Performance.Api.Features.Actuals;

namespace Performance.Benchmarks;

/// <summary>
/// <c>office</c>: the streaming figure of the spreadsheet upload. Starts the built service (Release) on a fresh SQLite file
/// with the demo data (the Cremona plan), builds a CSV of <c>--rows</c> consuntivi (100,000 by default; ';', BOM, Italian
/// decimals), uploads it as a dry run and then for real, and prints wall times and the service's peak resident set.
/// </summary>
public static class OfficeUploadBench
{
    private const string Plan = "PP-2021-2023";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = 100_000;
        string? apiDll = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rows" && i + 1 < args.Length) rows = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--api" && i + 1 < args.Length) apiDll = args[++i];
            else throw new ArgumentException($"Unknown option '{args[i]}'");
        }
        apiDll ??= Path.Combine(Path.GetDirectoryName(typeof(Performance.Api.Features.Actuals.UploadActuals).Assembly.Location)!, "Performance.Api.dll");

        var csv = Csv(rows);
        Console.WriteLine($"CSV: {rows:N0} rows, {csv.Length / 1048576.0:F1} MiB");
        var database = Path.Combine(Path.GetTempPath(), $"performance-office-bench-{Guid.NewGuid():N}.db");
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var port = FreePort();
        using var service = Start(apiDll, port, database, key);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            await WaitHealthyAsync(http, service);
            Console.WriteLine($"Service peak RSS after start-up and demo data: {Mb(EndToEndBench.PeakWorkingSet(service.Id))}");

            foreach (var dryRun in new[] { true, false })
            {
                var content = new ByteArrayContent(csv);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                var clock = Stopwatch.StartNew();
                using var response = await http.PostAsync($"/api/plans/{Plan}/actuals/upload?dryRun={(dryRun ? "true" : "false")}", content);
                var body = await response.Content.ReadAsStringAsync();
                var seconds = clock.Elapsed.TotalSeconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"upload: HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
                Console.WriteLine($"{(dryRun ? "Dry run    " : "Stored load")}: {seconds:F2} s = {rows / seconds:N0} rows/s; " +
                                  $"service peak RSS so far {Mb(EndToEndBench.PeakWorkingSet(service.Id))}; {body[..Math.Min(body.Length, 110)]}");
            }
            return 0;
        }
        finally
        {
            if (!service.HasExited) service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            foreach (var f in new[] { database, database + "-wal", database + "-shm" }) File.Delete(f);
        }
    }

    /// <summary>One rate indicator of the demo plan (target >=60%) corrected row after row: every row valid, every row a new revision.</summary>
    private static byte[] Csv(int rows)
    {
        var text = new StringBuilder(rows * 36).Append("\uFEFFCodice;Anno;Periodo;Valore;Nota\r\n");
        for (var i = 0; i < rows; i++)
            text.Append("2021_01.I2;2021;Y;").Append(60 + i % 40).Append(',').Append((i % 100).ToString("00", CultureInfo.InvariantCulture))
                .Append(";riga ").Append(i + 1).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static Process Start(string apiDll, int port, string database, string key)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(apiDll)!, UseShellExecute = false, RedirectStandardOutput = true };
        var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        foreach (var arg in new[]
                 {
                     apiDll, "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Performance", $"Data Source={database}",
                     "--Database:Provider", "Sqlite", "--Database:SeedDemoData", "true", "--Database:MigrateOnStartup", "true",
                     "--Logging:LogLevel:Default", "Warning", "--RateLimiting:PermitsPerMinute", "1000000",
                     "--Auth:ApiKeys:0:Name", "office-bench", "--Auth:ApiKeys:0:Sha256", sha, "--Auth:ApiKeys:0:Role", "Admin",
                     "--Auth:ApiKeys:0:Organization", "*",
                 })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the service");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process service)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200))
        {
            if (service.HasExited) throw new InvalidOperationException($"The service exited with code {service.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
        }
        throw new TimeoutException("The service did not answer /health within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MiB";
}
