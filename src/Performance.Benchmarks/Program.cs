using BenchmarkDotNet.Running;
using Performance.Benchmarks;

// bench           the end-to-end benchmark against the real service (see README.md)
// engine          the BenchmarkDotNet benchmark of the pure engine
// office          the spreadsheet upload of 100,000 consuntivi (time and peak memory)
// anything else   handed to BenchmarkDotNet (e.g. --filter *)
switch (args.FirstOrDefault())
{
    case "bench":
        return await EndToEndBench.RunAsync(args[1..]);
    case "office":
        return await OfficeUploadBench.RunAsync(args[1..]);
    case "engine":
        BenchmarkRunner.Run<EngineBenchmarks>(args: args[1..]);
        return 0;
    case null or "-h" or "--help":
        Console.WriteLine("""
            usage: dotnet run -c Release --project src/Performance.Benchmarks -- bench [--batch 40000] [--runs 10] [--warmups 2] [--cold-runs 5] [--write-seconds 30] [--bulk-concurrency 1] [--api <Performance.Api.dll>] [--service-log] [--keep-database <file>]
                   dotnet run -c Release --project src/Performance.Benchmarks -- engine
                   dotnet run -c Release --project src/Performance.Benchmarks -- office [--rows 100000]
                   dotnet run -c Release --project src/Performance.Benchmarks -- --filter '*'
            """);
        return args.Length == 0 ? 1 : 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
        return 0;
}
