using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Performance.Domain.Targets;

/// <summary>
/// A read-only list equal to another with the same items in the same order, so a <see cref="ParsedTarget"/> carrying
/// warnings stays a value: two parses of the same text are equal records (the memo relies on it).
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);

    private readonly T[] _items;

    public ValueList(IEnumerable<T> items) => _items = [.. items];

    public int Count => _items.Length;
    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }
}

/// <summary>A schedule's targets by year, equal to another with the same years and equal targets.</summary>
public sealed class YearTargets : IReadOnlyDictionary<int, ParsedTarget>, IEquatable<YearTargets>
{
    private readonly SortedDictionary<int, ParsedTarget> _byYear;

    public YearTargets(IEnumerable<KeyValuePair<int, ParsedTarget>> byYear) => _byYear = new(byYear.ToDictionary());

    public ParsedTarget this[int key] => _byYear[key];
    public IEnumerable<int> Keys => _byYear.Keys;
    public IEnumerable<ParsedTarget> Values => _byYear.Values;
    public int Count => _byYear.Count;

    public bool ContainsKey(int key) => _byYear.ContainsKey(key);
    public bool TryGetValue(int key, [MaybeNullWhen(false)] out ParsedTarget value) => _byYear.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<int, ParsedTarget>> GetEnumerator() => _byYear.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(YearTargets? other) => other is not null && _byYear.SequenceEqual(other._byYear);
    public override bool Equals(object? obj) => Equals(obj as YearTargets);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (year, target) in _byYear) hash.Add((year, target));
        return hash.ToHashCode();
    }
}
