using System.Collections.Concurrent;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>
/// Loaded plan trees (the costly part of every score read), kept per plan and year at a position of the plan's change
/// sequence (<see cref="PlanPosition"/>, read from the database on every request, so every instance sees every other's
/// writes). At the same position the tree is reused; when the writes since only added consuntivi, it is brought forward
/// with just the rows they added (<see cref="PlanTree.AdvanceAsync"/>); after any other change it is loaded again. A new
/// consuntivo thus shows in the very next read. Visibility is still checked on every request (the plan is looked up for
/// the caller first); trees are read-only once built, a brought-forward tree is a new one.
/// </summary>
public sealed class PlanTreeCache
{
    private const int MaxTrees = 16;
    private readonly ConcurrentDictionary<(Guid Plan, int? Year), Entry> _trees = new();
    private long _clock;

    private sealed record Entry(PlanPosition Position, PlanTree Tree, long LastUse);

    /// <param name="plan">The plan the caller found (and may see).</param>
    public async Task<PlanTree> GetAsync(PerformanceDbContext db, Plan plan, int? actualsYear, CancellationToken ct)
    {
        var now = await PlanPosition.ReadAsync(db, plan.Id, ct);
        var key = (plan.Id, actualsYear);
        _trees.TryGetValue(key, out var cached);
        PlanTree tree;
        if (cached is not null && cached.Position.Version == now.Version)
        {
            Telemetry.PlanTreeHits.Add(1);
            tree = cached.Tree;
        }
        else if (cached is not null && now.Version > cached.Position.Version && now.TreeVersion <= cached.Position.Version)
        {
            tree = await cached.Tree.AdvanceAsync(db, cached.Position.Version, now.Version, ct);
            Telemetry.PlanTreeAdvances.Add(1);
        }
        else
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Exactly the state at this position: rows a write commits meanwhile are read by the next advance.
            tree = await PlanTree.LoadAsync(db, plan, ct, actualsYear, upTo: now.Version);
            Telemetry.PlanTreeLoad.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        var entry = new Entry(now, tree, Interlocked.Increment(ref _clock));
        // Concurrent readers may store in any order: the further position wins.
        _trees.AddOrUpdate(key, entry, (_, stored) => stored.Position.Version > now.Version ? stored with { LastUse = entry.LastUse } : entry);
        while (_trees.Count > MaxTrees && _trees.MinBy(t => t.Value.LastUse) is var oldest) _trees.TryRemove(oldest.Key, out _);
        return tree;
    }
}
