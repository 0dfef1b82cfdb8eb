using Performance.Api.PlanModel;

namespace Performance.Api.Tests.PlanModel;

/// <summary>
/// Trees brought forward append the rows of each write (<see cref="StoredActuals{TKey}.With"/>): whatever the number of writes,
/// before and after the changed groups are merged into a new shared map, the groups are exactly those of the same rows
/// loaded at once, and the earlier tree is left as it was.
/// </summary>
public sealed class StoredActualsTests
{
    private static readonly Guid[] Indicators = Enumerable.Range(0, 3_000).Select(_ => Guid.NewGuid()).ToArray();

    private static StoredActual Row(Guid indicator, int n) =>
        new(indicator, null, $"M{n % 12 + 1}", n, n, null, null, null, null, null, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(n), new DateOnly(2024, 1, 1));

    [Theory]
    [InlineData(1)]     // one row a write: the changed groups stay apart until MergeFrom, then merge
    [InlineData(37)]    // a few rows a write
    [InlineData(2_500)] // a bulk load's worth: merged at once
    public void Rows_appended_write_by_write_are_grouped_as_the_same_rows_loaded_at_once(int rowsPerWrite)
    {
        var random = new Random(rowsPerWrite);
        var loaded = Enumerable.Range(0, 9_000).Select(n => Row(Indicators[random.Next(2_000)], n)).Select(r => (r.IndicatorId, r)).ToList();
        var written = Enumerable.Range(9_000, 6_000).Select(n => Row(Indicators[random.Next(Indicators.Length)], n)).Select(r => (r.IndicatorId, r)).ToList();

        var tree = StoredActuals<Guid>.Of(loaded);
        var first = tree;
        var firstGroups = Snapshot(first);
        foreach (var write in written.Chunk(rowsPerWrite)) tree = tree.With(write);

        var atOnce = StoredActuals<Guid>.Of(loaded.Concat(written));
        Assert.Equal(Snapshot(atOnce), Snapshot(tree));
        Assert.Equal(atOnce.Count, tree.Count);
        Assert.Equal(15_000, tree.RowCount);
        foreach (var indicator in Indicators)
        {
            Assert.Equal(atOnce.Contains(indicator), tree.Contains(indicator));
            Assert.Equal(atOnce[indicator], tree[indicator]);
        }
        Assert.Equal(firstGroups, Snapshot(first));
        Assert.Equal(9_000, first.RowCount);
    }

    [Fact]
    public void A_group_no_write_touched_is_the_same_array_in_the_tree_brought_forward()
    {
        var (a, b) = (Indicators[0], Indicators[1]);
        var tree = StoredActuals<Guid>.Of([(a, Row(a, 1)), (b, Row(b, 2))]);

        var forward = tree.With([(b, Row(b, 3))]);

        Assert.Same(tree[a], forward[a]);
        Assert.Equal([2, 3], forward[b].Select(r => r.Revision));
        Assert.Equal([2], tree[b].Select(r => r.Revision));
    }

    private static Dictionary<Guid, string> Snapshot(StoredActuals<Guid> actuals) =>
        actuals.ToDictionary(g => g.Key, g => string.Join(",", g.Select(r => r.Revision)));
}
