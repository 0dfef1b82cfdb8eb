namespace Performance.Domain.Scoring;

/// <summary>
/// Which revision of a period counts: the one rule, used by both scoring paths and by whoever turns stored
/// consuntivi into <see cref="PeriodActual"/>s. Allocation-free: the caller provides the buffer.
/// </summary>
public static class Revisions
{
    /// <summary>
    /// Writes the winner of each period into <paramref name="latest"/> (capacity ≥ entries.Count), periods in order
    /// of first appearance, and returns how many it wrote. An entry wins over the current winner of its period when
    /// <paramref name="supersedes"/>(entry, winner) is true; on a tie the entry seen first stays.
    /// <paramref name="include"/> (optional) skips entries before they compete (another scope, not yet known…).
    /// </summary>
    public static int LatestPerPeriod<T, TPeriod>(
        IReadOnlyList<T> entries, Span<T> latest, Func<T, TPeriod> periodOf, Func<T, T, bool> supersedes,
        Func<T, bool>? include = null)
        where TPeriod : IEquatable<TPeriod>
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(periodOf);
        ArgumentNullException.ThrowIfNull(supersedes);
        var count = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (include is not null && !include(entry)) continue;
            var period = periodOf(entry);
            var j = 0;
            while (j < count && !period.Equals(periodOf(latest[j]))) j++;
            if (j == count) latest[count++] = entry;
            else if (supersedes(entry, latest[j])) latest[j] = entry;
        }
        return count;
    }

    /// <summary>The latest revision of each period of an indicator's consuntivi (see <see cref="Supersedes"/>).</summary>
    public static int LatestPerPeriod(IReadOnlyList<PeriodActual> actuals, Span<PeriodActual> latest) =>
        LatestPerPeriod(actuals, latest, static a => a.Period, Supersedes);

    /// <summary>A higher revision wins; at the same revision, the later recorded (an unknown time counts as earliest).</summary>
    public static bool Supersedes(PeriodActual candidate, PeriodActual current) =>
        candidate.Revision > current.Revision ||
        (candidate.Revision == current.Revision && (candidate.RecordedAt ?? DateTime.MinValue) > (current.RecordedAt ?? DateTime.MinValue));
}
