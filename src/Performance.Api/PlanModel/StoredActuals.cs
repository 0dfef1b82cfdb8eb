using System.Collections;

namespace Performance.Api.PlanModel;

/// <summary>
/// Stored consuntivi grouped by key (an indicator, or an indicator and a year), in the order they were read. Read-only once
/// built, so readers share it; <see cref="With"/> gives a new one with rows appended, sharing every untouched group.
/// </summary>
public sealed class StoredActuals<TKey> : ILookup<TKey, StoredActual> where TKey : notnull
{
    private readonly Dictionary<TKey, StoredActual[]> _groups;

    private StoredActuals(Dictionary<TKey, StoredActual[]> groups)
    {
        _groups = groups;
        foreach (var rows in groups.Values) RowCount += rows.Length;
    }

    /// <summary>The rows of every group.</summary>
    public long RowCount { get; }

    public static readonly StoredActuals<TKey> Empty = new([]);

    public static StoredActuals<TKey> Of(IEnumerable<(TKey Key, StoredActual Row)> rows) =>
        new(rows.GroupBy(r => r.Key, r => r.Row).ToDictionary(g => g.Key, g => g.ToArray()));

    /// <summary>A copy with <paramref name="added"/> appended to their groups, after the rows already there.</summary>
    public StoredActuals<TKey> With(IReadOnlyCollection<(TKey Key, StoredActual Row)> added)
    {
        if (added.Count == 0) return this;
        if (_groups.Count == 0) return Of(added);
        var groups = new Dictionary<TKey, StoredActual[]>(_groups);
        foreach (var rows in added.GroupBy(a => a.Key, a => a.Row))
            groups[rows.Key] = groups.TryGetValue(rows.Key, out var before) ? [.. before, .. rows] : rows.ToArray();
        return new StoredActuals<TKey>(groups);
    }

    /// <summary>The group's rows (an array: scoring reads it as a list), empty when the key has none.</summary>
    public IEnumerable<StoredActual> this[TKey key] => _groups.TryGetValue(key, out var rows) ? rows : [];

    public int Count => _groups.Count;

    public bool Contains(TKey key) => _groups.ContainsKey(key);

    public IEnumerator<IGrouping<TKey, StoredActual>> GetEnumerator() =>
        _groups.Select(g => (IGrouping<TKey, StoredActual>)new Group(g.Key, g.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Group(TKey key, StoredActual[] rows) : IGrouping<TKey, StoredActual>
    {
        public TKey Key => key;
        public IEnumerator<StoredActual> GetEnumerator() => ((IEnumerable<StoredActual>)rows).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
