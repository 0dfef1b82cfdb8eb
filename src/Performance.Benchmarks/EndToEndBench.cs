using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Performance.Api.Features.Actuals;
using Performance.Domain.Scoring;

namespace Performance.Benchmarks;

/// <summary>
/// <c>bench</c>: generates the INPS-scale plan, starts the real service (its built <c>Performance.Api.dll</c>) as a child
/// process on a loopback port with a fresh SQLite file (or, with <c>--postgres</c>, a fresh database of that server), imports the plan, loads every consuntivo through the bulk endpoint in
/// batches, times <c>GET scorecard</c> end to end, reads peak working sets, and prints the figures against the targets.
/// </summary>
public static class EndToEndBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Options(int BatchRows, int Runs, int Warmups, string? ApiDll, bool ShowServiceLog, int ColdRuns = 5, string? KeepDatabase = null,
        int WriteSeconds = 30, int BulkConcurrency = 1,
        string? Postgres = null, (string Name, string Value)[]? ServiceEnvironment = null)
    {
        public static Options Parse(string[] args)
        {
            var o = new Options(40_000, 10, 2, null, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                o = args[i] switch
                {
                    "--batch" => o with { BatchRows = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--runs" => o with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--warmups" => o with { Warmups = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--cold-runs" => o with { ColdRuns = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--write-seconds" => o with { WriteSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--bulk-concurrency" => o with { BulkConcurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--api" => o with { ApiDll = Next() },
                    "--service-log" => o with { ShowServiceLog = true },
                    "--keep-database" => o with { KeepDatabase = Path.GetFullPath(Next()) },
                    "--postgres" => o with { Postgres = Next() },
                    // NAME=VALUE for the service's process only (e.g. a GC setting), not the bench's own.
                    "--service-env" => o with { ServiceEnvironment = [.. o.ServiceEnvironment ?? [], EnvironmentSetting(Next())] },
                    _ => throw new ArgumentException($"Unknown option '{args[i]}'"),
                };
            }
            if (o.BatchRows is < 1 or > BulkRecordActualsHandler.MaxRows) throw new ArgumentException($"--batch must be 1..{BulkRecordActualsHandler.MaxRows}");
            if (o.Runs < 1) throw new ArgumentException("--runs must be at least 1");
            if (o.ColdRuns < 0) throw new ArgumentException("--cold-runs must be at least 0");
            if (o.WriteSeconds < 0) throw new ArgumentException("--write-seconds must be at least 0");
            if (o.BulkConcurrency is < 1 or > 8) throw new ArgumentException("--bulk-concurrency must be 1..8");
            return o;
        }

        private static (string Name, string Value) EnvironmentSetting(string text) =>
            text.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (text[..equals], text[(equals + 1)..])
                : throw new ArgumentException($"--service-env needs NAME=VALUE, not '{text}'");
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        // Whatever happens, the bench ends: 15 minutes is far above a normal run (about a minute).
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = deadline.Token;
        var apiDll = options.ApiDll ?? LocateApiDll();
        var database = Path.Combine(Path.GetTempPath(), $"performance-bench-{Guid.NewGuid():N}.db");
        // --postgres: the same run on a fresh PostgreSQL database of that server, dropped at the end.
        var postgres = options.Postgres is { } server
            ? new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"performance_bench_{Guid.NewGuid():N}" } : null;
        Process? service = null;
        var serviceLog = new BoundedLog(200);
        try
        {
            var loadBefore = LoadAverage();
            Console.WriteLine($"Service: {apiDll}; load average at start: {loadBefore}");
            if (options.ServiceEnvironment is { Length: > 0 } settings) Console.WriteLine($"Service environment: {string.Join(' ', settings.Select(e => $"{e.Name}={e.Value}"))}");
            var clock = Stopwatch.StartNew();
            var plan = SyntheticPlan.Generate();
            Console.WriteLine($"Generated plan: {plan.Scale.Structures} structures, {plan.NodeCount} nodes, {plan.IndicatorCount} indicators, " +
                              $"{plan.Actuals.Count} actuals ({clock.ElapsedMilliseconds} ms)");

            // Engine alone, in this process, before the service exists (nothing else competes for the 2 cores).
            var engine = MeasureEngine(plan, options);
            Console.WriteLine($"Engine (TreeScorer, whole plan): median {engine.Median:F1} ms over {engine.Count} runs");

            // Request bodies are serialized up front: the load figure is the service's (HTTP + parse + validate + write).
            var document = JsonSerializer.SerializeToUtf8Bytes(plan.Document, Json);
            var batches = plan.Batches(options.BatchRows).Select(b => (Rows: b.Actuals!.Count, Body: JsonSerializer.SerializeToUtf8Bytes(b, Json))).ToList();
            Console.WriteLine($"Plan document {document.Length / 1048576.0:F1} MiB; {batches.Count} bulk batches of <= {options.BatchRows} rows " +
                              $"({batches.Sum(b => (long)b.Body.Length) / 1048576.0:F1} MiB)");

            var port = FreePort();
            // The service requires authentication: a throw-away Admin key for this run, configured by its SHA-256 only.
            var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            service = StartService(apiDll, port, postgres is null ? ("Sqlite", $"Data Source={database}") : ("Postgres", postgres.ConnectionString),
                apiKey, serviceLog, options.ShowServiceLog, options.ServiceEnvironment ?? []);
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5),
            };
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            await WaitHealthyAsync(http, service, serviceLog, ct);
            // The service's peak resident set after each phase (VmHWM only grows): says which phase sets the run's peak.
            var peaks = new List<(string Phase, long Bytes)> { ("start", PeakWorkingSet(service.Id)) };
            void PeakAfter(string phase) => peaks.Add((phase, PeakWorkingSet(service.Id)));

            clock.Restart();
            using (var response = await http.PostAsync("/api/plans/import", Content(document), ct))
                await EnsureAsync(response, HttpStatusCode.Created, "import", ct);
            var importMs = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"Imported plan in {importMs:F0} ms");
            PeakAfter("import");

            var stored = 0;
            clock.Restart();
            // --bulk-concurrency N: a client with N requests in flight; the service still writes one batch at a time (the
            // plan's write lock), while the next batch is parsed and checked.
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.BulkConcurrency, CancellationToken = ct }, async (batch, token) =>
            {
                using var response = await http.PostAsync($"/api/plans/{SyntheticPlan.PlanCode}/actuals/bulk", Content(batch.Body), token);
                await EnsureAsync(response, HttpStatusCode.OK, "bulk", token);
                var result = await response.Content.ReadFromJsonAsync<BulkActualsResult>(Json, token);
                if (result?.Stored != batch.Rows) throw new InvalidOperationException($"Bulk batch stored {result?.Stored} of {batch.Rows} rows.");
                Interlocked.Add(ref stored, result.Stored);
            });
            var bulkSeconds = clock.Elapsed.TotalSeconds;
            var perSecond = stored / bulkSeconds;
            Console.WriteLine($"Bulk loaded {stored} actuals in {bulkSeconds:F2} s = {perSecond:N0} actuals/s");
            PeakAfter("bulk");

            var url = $"/api/plans/{SyntheticPlan.PlanCode}/scorecard?year={SyntheticPlan.ScoredYear}";
            clock.Restart();
            var check = await CheckScorecardAsync(http, url, plan, engine.Result, ct);
            // The first read after the load: the whole plan read from the database (the service has no tree of it yet).
            var firstReadMs = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"First scorecard read (tree loaded from the database, checked): {firstReadMs:F0} ms");
            Console.WriteLine($"Scorecard: {check}");
            PeakAfter("first read");
            for (var i = 0; i < options.Warmups; i++) await GetScorecardAsync(http, url, ct);
            var timings = new List<double>();
            var bytes = 0;
            for (var i = 0; i < options.Runs; i++)
            {
                clock.Restart();
                bytes = await GetScorecardAsync(http, url, ct);
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
            var scorecard = Stats.Of(timings);
            Console.WriteLine($"GET scorecard, warm ({bytes / 1048576.0:F1} MiB): {string.Join(", ", timings.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");

            // The same read scored anew: a query parameter the endpoint ignores gives each read a slot of its own, so the
            // answer kept for the repeated read (ScoreAnswerCache) is not used, while the plan tree is (nothing was written).
            var anewTimings = new List<double>();
            for (var i = 0; i < options.Runs; i++)
            {
                clock.Restart();
                await GetScorecardAsync(http, $"{url}&bench-run={i}", ct);
                anewTimings.Add(clock.Elapsed.TotalMilliseconds);
            }
            var anew = Stats.Of(anewTimings);
            PeakAfter("repeated and anew reads");
            Console.WriteLine($"GET scorecard, scored anew (tree kept, answer not): {string.Join(", ", anewTimings.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");

            // Reads after a write: before each timed read one consuntivo is entered again through the single-entry route (a new
            // revision with the same figures, so the same scores; the bulk route would store nothing for a row equal to the
            // current revision, and the read would not follow a write at all).
            var coldTimings = new List<double>();
            for (var i = 0; i < options.ColdRuns; i++)
            {
                await EnterAgainAsync(http, plan.Actuals[(i * 7919) % plan.Actuals.Count], "consuntivo (read after a write)", ct);
                clock.Restart();
                await GetScorecardAsync(http, url, ct);
                coldTimings.Add(clock.Elapsed.TotalMilliseconds);
            }
            var cold = coldTimings.Count > 0 ? Stats.Of(coldTimings) : null;
            if (cold is not null)
            {
                Console.WriteLine($"GET scorecard, after a write: {string.Join(", ", coldTimings.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");
                Console.WriteLine($"Scorecard after the writes: {await CheckScorecardAsync(http, url, plan, engine.Result, ct)}");
            }

            PeakAfter("reads after writes");

            var underWrites = options.WriteSeconds > 0 ? await ReadsUnderWritesAsync(http, plan, url, TimeSpan.FromSeconds(options.WriteSeconds), ct) : null;
            if (underWrites is { } measured)
            {
                var r = measured.Reads;
                Console.WriteLine($"GET scorecard while consuntivi are written at {WritesPerSecond}/s: {r.Count} reads, median {r.Median:F0} / p90 {r.P90:F0} / " +
                                  $"p99 {r.P99:F0} / max {r.Max:F0} ms; {measured.Writes}");
                Console.WriteLine($"Scorecard after the writes: {await CheckScorecardAsync(http, url, plan, engine.Result, ct)}");
                PeakAfter("reads under writes");
            }
            var residentAtEnd = ResidentParts(service.Id);
            var servicePeak = peaks[^1].Bytes;
            var benchPeak = PeakWorkingSet(Environment.ProcessId);

            // The targets of issue 16 (INPS scale on this 2-core machine).
            const long MemoryTarget = 600L << 20;
            const double WarmMedianTargetMs = 150, ColdP90TargetMs = 500, BulkTargetPerSecond = 50_000, ImportTargetMs = 3_000, UnderWritesP99TargetMs = 500;
            var loadAfter = LoadAverage();
            var table = new StringBuilder()
                .AppendLine()
                .AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformationText()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
                .AppendLine($"Load average (1/5/15 min) at start: {loadBefore}; at end: {loadAfter} (other processes share the cores)")
                .AppendLine($"Database: {(postgres is null ? "SQLite, a fresh file" : $"PostgreSQL, a fresh database on {postgres.Host}:{postgres.Port}")}")
                .AppendLine($"Plan: {plan.Scale.Structures} structures, {plan.NodeCount} nodes, {plan.IndicatorCount:N0} indicators, " +
                            $"{plan.Actuals.Count:N0} actuals; bulk batches of {options.BatchRows:N0} rows; scorecard {options.Warmups} warm-up + {options.Runs} runs")
                .AppendLine()
                .AppendLine("| measure | figure | target | result |")
                .AppendLine("|---|---|---|---|")
                .AppendLine($"| engine, whole plan (TreeScorer, in-process, median of {engine.Count}) | {engine.Median:F1} ms (p90 {engine.P90:F1}, max {engine.Max:F1}) | < 200 ms | {Verdict(engine.Median < 200)} |")
                .AppendLine($"| `GET scorecard` end to end, warm (median / p90 / max of {scorecard.Count}) | {scorecard.Median:F0} / {scorecard.P90:F0} / {scorecard.Max:F0} ms | < 150 ms (median) | {Verdict(scorecard.Median < WarmMedianTargetMs)} |")
                .AppendLine($"| `GET scorecard` end to end, scored anew with the tree kept (median / p90 / max of {anew.Count}) | {anew.Median:F0} / {anew.P90:F0} / {anew.Max:F0} ms | - | - |")
                .AppendLine(cold is null ? "| `GET scorecard` cold: not measured (--cold-runs 0) | - | - | - |"
                    : $"| `GET scorecard` end to end, first read after a consuntivo is written (median / p90 / max of {cold.Count}) | {cold.Median:F0} / {cold.P90:F0} / {cold.Max:F0} ms | < 500 ms (p90) | {Verdict(cold.P90 < ColdP90TargetMs)} |")
                .AppendLine(underWrites is not { } w ? "| `GET scorecard` under writes: not measured (--write-seconds 0) | - | - | - |"
                    : $"| `GET scorecard` end to end while consuntivi are written at {WritesPerSecond}/s for {options.WriteSeconds} s, one reader (median / p90 / p99 / max of {w.Reads.Count}; {w.Writes}) | {w.Reads.Median:F0} / {w.Reads.P90:F0} / {w.Reads.P99:F0} / {w.Reads.Max:F0} ms | < 500 ms (p99) | {Verdict(w.Reads.P99 < UnderWritesP99TargetMs)} |")
                .AppendLine($"| `GET scorecard`, first read after the load (whole tree from the database, checked) | {firstReadMs:F0} ms | - | - |")
                .AppendLine($"| bulk load, {stored:N0} actuals in {batches.Count} requests, {options.BulkConcurrency} in flight | {bulkSeconds:F2} s = {perSecond:N0} actuals/s | >= 50,000/s | {Verdict(perSecond >= BulkTargetPerSecond)} |")
                .AppendLine($"| plan import (`POST /api/plans/import`, {document.Length / 1048576.0:F1} MiB) | {importMs:F0} ms | < 3 s | {Verdict(importMs < ImportTargetMs)} |")
                .AppendLine($"| peak working set, service (VmHWM) | {servicePeak / 1048576.0:F0} MiB | < 600 MiB | {Verdict(servicePeak < MemoryTarget)} |")
                .AppendLine($"| peak working set, service, after each phase | {string.Join(" → ", peaks.Select(p => $"{p.Phase} {p.Bytes / 1048576.0:F0}"))} MiB | - | - |")
                .AppendLine($"| resident set of the service at the end: anonymous / file-backed / shared | {residentAtEnd} | - | - |")
                .AppendLine($"| peak working set, bench process (VmHWM) | {benchPeak / 1048576.0:F0} MiB | - | - |");
            Console.WriteLine(table);

            var pass = engine.Median < 200 && scorecard.Median < WarmMedianTargetMs && (cold is null || cold.P90 < ColdP90TargetMs)
                       && (underWrites is null || underWrites.Value.Reads.P99 < UnderWritesP99TargetMs)
                       && perSecond >= BulkTargetPerSecond && importMs < ImportTargetMs && servicePeak < MemoryTarget;
            return pass ? 0 : 1;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"bench failed: {ex.Message}");
            Console.Error.WriteLine("Last service output:");
            Console.Error.WriteLine(serviceLog);
            return 2;
        }
        finally
        {
            if (service is { HasExited: false })
            {
                service.Kill(entireProcessTree: true);
                await service.WaitForExitAsync(CancellationToken.None);
            }
            service?.Dispose();
            if (postgres is not null) await DropAsync(postgres);
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                if (!File.Exists(database + suffix)) continue;
                // --keep-database: the loaded plan stays for profiling the service's queries in isolation.
                if (options.KeepDatabase is { } keep) File.Move(database + suffix, keep + suffix, overwrite: true);
                else File.Delete(database + suffix);
            }
        }
    }

    private static string Verdict(bool ok) => ok ? "PASS" : "MISS";

    /// <summary>Drops the run's PostgreSQL database (connected to the server's <c>postgres</c> database), if it was created.</summary>
    private static async Task DropAsync(Npgsql.NpgsqlConnectionStringBuilder run)
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(run.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{run.Database}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

    /// <summary>The engine alone on the whole plan: input built once, then TreeScorer timed (3 warm-ups).</summary>
    private static (double Median, double P90, double Max, int Count, NodeScore Result) MeasureEngine(SyntheticPlan plan, Options options)
    {
        var root = plan.ToScoringTree();
        var policy = plan.Policy;
        var view = new ScoringView { Explain = false }; // as PlanScoring scores the scorecard
        NodeScore result = TreeScorer.Score(root, policy, view);
        for (var i = 0; i < 2; i++) result = TreeScorer.Score(root, policy, view);
        var timings = new List<double>();
        for (var i = 0; i < options.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            result = TreeScorer.Score(root, policy, view);
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }
        var s = Stats.Of(timings);
        return (s.Median, s.P90, s.Max, s.Count, result);
    }

    /// <summary>Consuntivi written through the single-entry route at this rate while the scorecard is read (issue 16: 20/s).</summary>
    private const int WritesPerSecond = 20;

    /// <summary>
    /// One reader reads the scorecard back to back while consuntivi are entered again at <see cref="WritesPerSecond"/> (new
    /// revisions with the same figures, so the scores stay checkable), started on a fixed schedule whatever the writes'
    /// own latency: nearly every read comes after a write. Every write must be stored (201); the scorecard is checked after.
    /// </summary>
    private static async Task<(Stats Reads, string Writes)?> ReadsUnderWritesAsync(HttpClient http, SyntheticPlan plan, string url, TimeSpan length, CancellationToken ct)
    {
        var writes = new List<Task<double>>();
        var readTimings = new List<double>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Run(async () =>
        {
            using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / WritesPerSecond));
            var clock = Stopwatch.StartNew();
            for (var i = 0; clock.Elapsed < length && await ticks.WaitForNextTickAsync(ct); i++)
            {
                var row = plan.Actuals[(i * 104_729 + 17) % plan.Actuals.Count];
                writes.Add(Task.Run(async () =>
                {
                    var started = Stopwatch.StartNew();
                    await EnterAgainAsync(http, row, "consuntivo (under writes)", ct);
                    return started.Elapsed.TotalMilliseconds;
                }, ct));
            }
            await stop.CancelAsync();
        }, ct);
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            await GetScorecardAsync(http, url, ct);
            readTimings.Add(clock.Elapsed.TotalMilliseconds);
        }
        await writer;
        var writeTimings = await Task.WhenAll(writes);
        if (readTimings.Count == 0) return null;
        var w = Stats.Of(writeTimings);
        return (Stats.Of(readTimings), $"{writeTimings.Length} writes, each answered in median {w.Median:F0} / p99 {w.P99:F0} ms");
    }

    /// <summary>
    /// Enters a consuntivo of the plan again through the single-entry route: a new revision with the same figures, so the
    /// scores stay the engine's (the bulk route would store nothing for a row equal to the current revision).
    /// </summary>
    private static async Task EnterAgainAsync(HttpClient http, ActualEntry row, string what, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(row with { Indicator = null }, Json);
        using var response = await http.PostAsync($"/api/indicators/{SyntheticPlan.PlanCode}:{row.Indicator}/actuals", Content(body), ct);
        await EnsureAsync(response, HttpStatusCode.Created, what, ct);
    }

    private static async Task<int> GetScorecardAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        await EnsureAsync(response, HttpStatusCode.OK, "scorecard", ct);
        return (await response.Content.ReadAsByteArrayAsync(ct)).Length;
    }

    /// <summary>The service scores what was loaded: every indicator present, and the plan's score equal to the engine's.</summary>
    private static async Task<string> CheckScorecardAsync(HttpClient http, string url, SyntheticPlan plan, NodeScore engine, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        await EnsureAsync(response, HttpStatusCode.OK, "scorecard", ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
        var (indicators, scored) = (0, 0);
        void Walk(JsonElement node)
        {
            foreach (var i in node.GetProperty("indicators").EnumerateArray())
            {
                indicators++;
                if (i.GetProperty("score").ValueKind == JsonValueKind.Number) scored++;
            }
            foreach (var c in node.GetProperty("children").EnumerateArray()) Walk(c);
        }
        foreach (var n in json.RootElement.GetProperty("nodes").EnumerateArray()) Walk(n);
        var score = json.RootElement.GetProperty("score").GetDecimal();
        var expected = Math.Round(engine.Score ?? -1, 2, MidpointRounding.AwayFromZero);
        if (indicators != plan.IndicatorCount || scored != plan.IndicatorCount || score != expected)
            throw new InvalidOperationException(
                $"Scorecard mismatch: {indicators} indicators ({scored} scored), score {score}; expected {plan.IndicatorCount}, engine score {expected}.");
        return $"{indicators} indicators, all scored; plan score {score} = engine's";
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
    }

    private static string LocateApiDll()
    {
        // bin/<Configuration>/net10.0/ of this project → the service's output of the same configuration, built by the project reference.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Performance.sln"))) continue;
            var dll = Path.Combine(dir.FullName, "src", "Performance.Api", "bin", configuration, output.Name, "Performance.Api.dll");
            if (File.Exists(dll)) return dll;
            throw new FileNotFoundException($"Build the service first (dotnet build -c {configuration}); not found: {dll}");
        }
        throw new FileNotFoundException("Repository root (Performance.sln) not found above " + output.FullName + "; pass --api <Performance.Api.dll>.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartService(string apiDll, int port, (string Provider, string ConnectionString) database, string apiKey, BoundedLog log, bool echo,
        IEnumerable<(string Name, string Value)> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     apiDll, "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Performance", database.ConnectionString,
                     "--Database:Provider", database.Provider, "--Database:SeedDemoData", "false", "--Database:MigrateOnStartup", "true",
                     "--Logging:LogLevel:Default", "Warning",
                     "--Auth:ApiKeys:0:Name=bench", $"--Auth:ApiKeys:0:Sha256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))}",
                     "--Auth:ApiKeys:0:Role=Admin", "--Auth:ApiKeys:0:Organization=*",
                     // Far above what the bench sends, should a rate limiter be configured.
                     "--RateLimiting:PermitsPerMinute=100000000",
                 })
            info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the service");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { log.Add(line); if (echo) Console.WriteLine("[service] " + line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { log.Add(line); if (echo) Console.WriteLine("[service] " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process service, BoundedLog log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (service.HasExited) throw new InvalidOperationException($"The service exited with code {service.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.IsSuccessStatusCode) { Console.WriteLine($"Service up on {http.BaseAddress} after {clock.ElapsedMilliseconds} ms"); return; }
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException("The service did not answer /health within 60 s.");
    }

    /// <summary>/proc/loadavg's 1, 5 and 15 minute figures: a loaded machine explains slow figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Peak resident set (VmHWM) of a live process, from /proc; 0 where /proc is absent.</summary>
    public static long PeakWorkingSet(int pid) => StatusKiB(pid, "VmHWM").TryGetValue("VmHWM", out var kib) ? kib * 1024 : 0;

    /// <summary>
    /// The service's resident set now, split as /proc reports it: anonymous memory (managed heap, native allocations)
    /// against file-backed pages (binaries, memory-mapped files) — which of the two holds the peak.
    /// </summary>
    private static string ResidentParts(int pid)
    {
        var kib = StatusKiB(pid, "RssAnon", "RssFile", "RssShmem");
        if (kib.Count == 0) return "n/a";
        string MiB(string key) => kib.TryGetValue(key, out var v) ? (v / 1024.0).ToString("F0", CultureInfo.InvariantCulture) : "?";
        return $"{MiB("RssAnon")} / {MiB("RssFile")} / {MiB("RssShmem")} MiB";
    }

    /// <summary>The named "Field:  123 kB" lines of /proc/&lt;pid&gt;/status, in KiB; empty where /proc is absent.</summary>
    private static Dictionary<string, long> StatusKiB(int pid, params string[] fields)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && fields.Contains(p[0]))
            .ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    private sealed class BoundedLog(int capacity)
    {
        private readonly Queue<string> _lines = new();

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > capacity) _lines.Dequeue();
            }
        }

        public override string ToString()
        {
            lock (_lines) return string.Join(Environment.NewLine, _lines);
        }
    }
}

/// <summary>Median, 90th percentile (nearest rank) and maximum of a few timings.</summary>
/// <summary>Nearest-rank percentiles; with fewer than 100 values the p99 is the maximum.</summary>
public sealed record Stats(double Median, double P90, double P99, double Max, int Count)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * n) - 1, 0, n - 1)];
        return new Stats(median, Rank(0.9), Rank(0.99), sorted[^1], n);
    }
}
