using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
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
/// the caller first); trees are read-only once built, a brought-forward tree is a new one. Memory is bounded by
/// <see cref="PlanCacheOptions.MemoryBudgetMiB"/>: the least recently read plan-years are dropped whole beyond it.
/// Reads that need the same plan-year at the same position while it is being loaded or brought forward wait for that one
/// build: after a write that changes the tree, every dashboard's next read (a scorecard, Valore Pubblico, a structure's
/// view — different answers, one tree) would otherwise load an INPS-scale tree of its own, at once, on the same cores.
/// </summary>
public sealed class PlanTreeCache(IOptions<PlanCacheOptions> options)
{
    private readonly long _budget = (long)(options.Value.MemoryBudgetMiB * 1024 * 1024);
    private readonly ConcurrentDictionary<(Guid Plan, int? Year), Entry> _trees = new();
    private readonly Lock _evicting = new();
    // By plan, year and position: a tree depends on nothing else, whichever way it was built.
    private readonly SingleFlight<(Guid Plan, int? Year, long Version), PlanTree> _building = new();
    private long _clock, _built;

    /// <summary>Loads and advances this cache started since it was created (a read served by another read's build starts none).</summary>
    public long Built => Interlocked.Read(ref _built);

    private sealed record Entry(PlanPosition Position, PlanTree Tree, long LastUse, long Bytes);

    /// <summary>
    /// What a tree holds, estimated from its counts (measured shapes on 64-bit .NET: an untracked indicator with its year's
    /// target and strings ≈ 1.2 KB, a node ≈ 0.6 KB, a consuntivo projected to <see cref="StoredActual"/> with its engine
    /// entry and its group slot ≈ 0.25 KB). An estimate to bound memory, not an accounting.
    /// </summary>
    public static long EstimatedBytes(PlanTree tree) =>
        tree.Indicators.Count * 1_200L + tree.Nodes.Count * 600L
        + (tree.ActualsOf.RowCount + tree.ReferenceActualsOf.RowCount) * 250L;

    /// <param name="plan">The plan the caller found (and may see).</param>
    public async Task<PlanTree> GetAsync(PerformanceDbContext db, Plan plan, int? actualsYear, CancellationToken ct) =>
        (await GetAsync(db, plan, actualsYear, ct, makeRoom: true))!;

    /// <summary>
    /// The tree of a plan-year loaded ahead of its first read (Features/Scores/PlanTreeWarmUp): kept only if it fits the budget
    /// beside the trees already kept, which it never drops; null when it did not fit.
    /// </summary>
    public Task<PlanTree?> PreloadAsync(PerformanceDbContext db, Plan plan, int year, CancellationToken ct) =>
        GetAsync(db, plan, year, ct, makeRoom: false);

    private async Task<PlanTree?> GetAsync(PerformanceDbContext db, Plan plan, int? actualsYear, CancellationToken ct, bool makeRoom)
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
        else
        {
            var (built, shared) = await _building.RunAsync((plan.Id, actualsYear, now.Version), async () => await BuildAsync(db, plan, cached, now, actualsYear, ct), ct);
            tree = built!; // a build gives a tree or throws
            if (shared) Telemetry.PlanTreeShared.Add(1);
        }
        var entry = new Entry(now, tree, Interlocked.Increment(ref _clock), cached?.Tree == tree ? cached.Bytes : EstimatedBytes(tree));
        // Concurrent readers may store in any order: the further position wins.
        _trees.AddOrUpdate(key, entry, (_, stored) => stored.Position.Version > now.Version ? stored with { LastUse = entry.LastUse } : entry);
        if (makeRoom) Evict(key);
        else if (HeldBytes > _budget)
        {
            _trees.TryRemove(new KeyValuePair<(Guid, int?), Entry>(key, entry));
            return null;
        }
        return tree;
    }

    /// <summary>The tree at <paramref name="now"/>: the cached one brought forward when only consuntivi were added since, else loaded.</summary>
    private async Task<PlanTree> BuildAsync(PerformanceDbContext db, Plan plan, Entry? cached, PlanPosition now, int? actualsYear, CancellationToken ct)
    {
        Interlocked.Increment(ref _built);
        if (cached is not null && now.Version > cached.Position.Version && now.TreeVersion <= cached.Position.Version)
        {
            var advanced = await cached.Tree.AdvanceAsync(db, cached.Position.Version, now.Version, ct);
            Telemetry.PlanTreeAdvances.Add(1);
            return advanced;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Exactly the state at this position: rows a write commits meanwhile are read by the next advance.
        var tree = await PlanTree.LoadAsync(db, plan, ct, actualsYear, upTo: now.Version);
        Telemetry.PlanTreeLoad.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return tree;
    }

    /// <summary>The kept trees' estimated size (<see cref="EstimatedBytes"/>).</summary>
    public long HeldBytes => _trees.Values.Sum(e => e.Bytes);

    /// <summary>Drops the least recently read plan-years, whole, until the kept ones fit the budget; never the one just read.</summary>
    private void Evict((Guid, int?) keep)
    {
        lock (_evicting)
        {
            var held = HeldBytes;
            foreach (var (key, entry) in _trees.Where(t => !t.Key.Equals(keep)).OrderBy(t => t.Value.LastUse).ToList())
            {
                if (held <= _budget) break;
                if (_trees.TryRemove(new KeyValuePair<(Guid, int?), Entry>(key, entry))) held -= entry.Bytes;
            }
        }
    }
}
