using System.Collections;

namespace Performance.Api.PlanModel;

/// <summary>
/// Stored consuntivi grouped by key (an indicator, or an indicator and a year), in the order they were read. Read-only once
/// built, so readers share it; <see cref="With"/> gives a new one with rows appended, sharing every untouched group.
/// </summary>
/// <remarks>
/// The groups a tree brought forward has changed are kept apart from the groups it shares with the tree it came from, and
/// merged into a new shared map only once they are many: copying the whole map on every write put a new 30,000-entry
/// array (1 MB, on the large object heap, which only a full collection frees) behind every read that followed a write —
/// about 70 MiB more resident memory over the bench's 30 seconds of reads under writes.
/// </remarks>
public sealed class StoredActuals<TKey> : ILookup<TKey, StoredActual> where TKey : notnull
{
    /// <summary>Changed groups kept apart at most: their map stays below the large-object threshold.</summary>
    internal const int MergeFrom = 1_024;

    private readonly Dictionary<TKey, StoredActual[]> _shared;
    private readonly Dictionary<TKey, StoredActual[]> _changed;  // groups added or grown since _shared was built; they win

    private StoredActuals(Dictionary<TKey, StoredActual[]> shared, Dictionary<TKey, StoredActual[]> changed, long rowCount)
    {
        (_shared, _changed, RowCount) = (shared, changed, rowCount);
        Count = shared.Count + changed.Keys.Count(k => !shared.ContainsKey(k));
    }

    /// <summary>The rows of every group.</summary>
    public long RowCount { get; }

    public static readonly StoredActuals<TKey> Empty = new([], [], 0);

    public static StoredActuals<TKey> Of(IEnumerable<(TKey Key, StoredActual Row)> rows)
    {
        var groups = rows.GroupBy(r => r.Key, r => r.Row).ToDictionary(g => g.Key, g => g.ToArray());
        return new(groups, [], groups.Values.Sum(g => (long)g.Length));
    }

    /// <summary>A copy with <paramref name="added"/> appended to their groups, after the rows already there.</summary>
    public StoredActuals<TKey> With(IReadOnlyCollection<(TKey Key, StoredActual Row)> added)
    {
        if (added.Count == 0) return this;
        var changed = new Dictionary<TKey, StoredActual[]>(_changed);
        foreach (var rows in added.GroupBy(a => a.Key, a => a.Row))
            changed[rows.Key] = Rows(rows.Key) is { Length: > 0 } before ? [.. before, .. rows] : rows.ToArray();
        var rowCount = RowCount + added.Count;
        if (changed.Count <= MergeFrom) return new(_shared, changed, rowCount);
        var merged = new Dictionary<TKey, StoredActual[]>(_shared);
        foreach (var (key, rows) in changed) merged[key] = rows;
        return new(merged, [], rowCount);
    }

    /// <summary>The group's rows (an array: scoring reads it as a list), empty when the key has none.</summary>
    public IEnumerable<StoredActual> this[TKey key] => Rows(key);

    private StoredActual[] Rows(TKey key) =>
        _changed.TryGetValue(key, out var rows) || _shared.TryGetValue(key, out rows) ? rows : [];

    public int Count { get; }

    public bool Contains(TKey key) => _changed.ContainsKey(key) || _shared.ContainsKey(key);

    public IEnumerator<IGrouping<TKey, StoredActual>> GetEnumerator() =>
        _shared.Where(g => !_changed.ContainsKey(g.Key)).Concat(_changed)
            .Select(g => (IGrouping<TKey, StoredActual>)new Group(g.Key, g.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Group(TKey key, StoredActual[] rows) : IGrouping<TKey, StoredActual>
    {
        public TKey Key => key;
        public IEnumerator<StoredActual> GetEnumerator() => ((IEnumerable<StoredActual>)rows).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
