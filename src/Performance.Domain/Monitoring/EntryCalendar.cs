using Performance.Domain.Periods;

namespace Performance.Domain.Monitoring;

/// <summary>When consuntivi are due: the end of each period of the indicator's frequency plus the plan's entry days.</summary>
public static class EntryCalendar
{
    public static DateOnly DueDate(Period period, int year, int entryDays) => period.End(year).AddDays(entryDays);

    /// <summary>The periods of a year at the declared frequency whose consuntivo is due on or before <paramref name="asOf"/>.</summary>
    public static IEnumerable<(Period Period, DateOnly Due)> DueBy(PeriodKind frequency, int year, int entryDays, DateOnly asOf)
    {
        for (var i = 1; i <= Period.CountPerYear(frequency); i++)
        {
            var period = new Period(frequency, i);
            var due = DueDate(period, year, entryDays);
            if (due <= asOf) yield return (period, due);
        }
    }
}
