using Performance.Domain.Periods;
using Performance.Domain.Scoring;

namespace Performance.Domain.Tests.Scoring;

public sealed class RevisionsTests
{
    private static PeriodActual Q(int quarter, decimal value, int revision = 1, DateTime? recordedAt = null) =>
        new(Period.Quarter(quarter), value, Revision: revision, RecordedAt: recordedAt);

    private static PeriodActual[] Latest(params PeriodActual[] entries)
    {
        var buffer = new PeriodActual[entries.Length];
        return buffer[..Revisions.LatestPerPeriod(entries, buffer)];
    }

    [Fact]
    public void The_highest_revision_of_each_period_in_order_of_first_appearance()
    {
        var latest = Latest(Q(2, 20), Q(1, 10), Q(2, 22, revision: 3), Q(2, 21, revision: 2), Q(1, 9, revision: 0));
        Assert.Equal([22m, 10m], latest.Select(a => a.Value!.Value));
    }

    [Fact]
    public void At_the_same_revision_the_later_recorded_wins_and_unknown_time_counts_as_earliest()
    {
        var (early, late) = (new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 9, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(11m, Latest(Q(1, 10, recordedAt: early), Q(1, 11, recordedAt: late)).Single().Value);
        Assert.Equal(10m, Latest(Q(1, 10, recordedAt: late), Q(1, 11, recordedAt: early)).Single().Value);
        Assert.Equal(11m, Latest(Q(1, 10), Q(1, 11, recordedAt: early)).Single().Value);
        Assert.Equal(10m, Latest(Q(1, 10, recordedAt: early), Q(1, 11)).Single().Value);
        Assert.Equal(10m, Latest(Q(1, 10), Q(1, 11)).Single().Value); // a full tie keeps the first entered
    }

    [Fact]
    public void Any_entry_type_with_its_own_key_rule_and_filter()
    {
        (string Period, int Revision, string Scope)[] stored = [("Q1", 1, "A"), ("Q1", 2, "B"), ("Q2", 1, "A"), ("Q1", 3, "A"), ("Q2", 1, "A")];
        var buffer = new (string Period, int Revision, string Scope)[stored.Length];
        var n = Revisions.LatestPerPeriod(stored, buffer, s => s.Period, (a, b) => a.Revision > b.Revision, s => s.Scope == "A");
        Assert.Equal([("Q1", 3, "A"), ("Q2", 1, "A")], buffer[..n]);
        Assert.Equal(2, Revisions.LatestPerPeriod(stored, buffer, s => s.Period, (a, b) => a.Revision > b.Revision));
        Assert.Equal(("Q1", 3, "A"), buffer[0]);
    }

    [Fact]
    public void An_entry_left_out_by_the_filter_never_competes()
    {
        // Q1 revision 4 of scope B would win: the filter keeps it out, so revision 1 of scope A stays.
        (string Period, int Revision, string Scope)[] stored = [("Q1", 1, "A"), ("Q1", 4, "B"), ("Q2", 2, "B")];
        var buffer = new (string Period, int Revision, string Scope)[stored.Length];
        var n = Revisions.LatestPerPeriod(stored, buffer, s => s.Period, (a, b) => a.Revision > b.Revision, s => s.Scope == "A");
        Assert.Equal([("Q1", 1, "A")], buffer[..n]);
    }

    [Fact]
    public void Missing_arguments_are_named()
    {
        string[] entries = ["Q1", "Q1"]; // two of one period, so that supersedes is called
        var buffer = new string[2];
        Assert.Equal("entries", Assert.Throws<ArgumentNullException>(() => Revisions.LatestPerPeriod<string, string>(null!, buffer, s => s, (a, b) => false)).ParamName);
        Assert.Equal("periodOf", Assert.Throws<ArgumentNullException>(() => Revisions.LatestPerPeriod<string, string>(entries, buffer, null!, (a, b) => false)).ParamName);
        Assert.Equal("supersedes", Assert.Throws<ArgumentNullException>(() => Revisions.LatestPerPeriod<string, string>(entries, buffer, s => s, null!)).ParamName);
    }
}
