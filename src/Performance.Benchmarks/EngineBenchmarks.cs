using BenchmarkDotNet.Attributes;
using Performance.Domain.Scoring;

namespace Performance.Benchmarks;

/// <summary>
/// The pure engine on the whole INPS-scale plan: <see cref="TreeScorer"/> over 30,000 indicators × 12 monthly actuals
/// (input built once in <see cref="Setup"/>, exactly as the service builds it). No I/O, no database, no JSON.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EngineBenchmarks
{
    private ScoringNode _root = null!;
    private ScoringPolicy _policy = null!;
    private readonly ScoringView _view = new();

    [GlobalSetup]
    public void Setup()
    {
        var plan = SyntheticPlan.Generate();
        _root = plan.ToScoringTree();
        _policy = plan.Policy;
    }

    [Benchmark(Description = "TreeScorer.Score, whole plan (30,000 indicators x 12 actuals)")]
    public NodeScore ScoreWholePlan() => TreeScorer.Score(_root, _policy, _view);
}
