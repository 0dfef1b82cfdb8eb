using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>
/// Loaded plan trees (the costly part of every score read), reused while nothing has changed. Every write records an
/// audit entry in the same transaction, so the head of the audit chain moves with any change: a tree is reused only
/// under the head it was loaded at, and a new consuntivo shows in the very next read. Visibility is still checked on
/// every request (the plan is looked up for the caller first); trees are read-only once built.
/// </summary>
public sealed class PlanTreeCache
{
    private const int MaxTrees = 16;
    private readonly ConcurrentDictionary<(Guid Plan, int? Year), (long Head, PlanTree Tree, long LastUse)> _trees = new();
    private long _clock;

    /// <param name="plan">The plan the caller found (and may see).</param>
    public async Task<PlanTree> GetAsync(PerformanceDbContext db, Plan plan, int? actualsYear, CancellationToken ct)
    {
        // Read the head before loading: a write committing meanwhile moves it, so a tree is never kept under a newer head.
        var head = await db.AuditEntries.MaxAsync(a => (long?)a.Sequence, ct) ?? 0;
        var key = (plan.Id, actualsYear);
        if (_trees.TryGetValue(key, out var cached) && cached.Head == head)
        {
            _trees[key] = cached with { LastUse = Interlocked.Increment(ref _clock) };
            Telemetry.PlanTreeHits.Add(1);
            return cached.Tree;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var tree = await PlanTree.LoadAsync(db, plan, ct, actualsYear);
        Telemetry.PlanTreeLoad.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        _trees[key] = (head, tree, Interlocked.Increment(ref _clock));
        while (_trees.Count > MaxTrees && _trees.MinBy(t => t.Value.LastUse) is var oldest) _trees.TryRemove(oldest.Key, out _);
        return tree;
    }
}
