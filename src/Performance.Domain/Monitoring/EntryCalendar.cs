using Performance.Domain.Periods;

namespace Performance.Domain.Monitoring;

/// <summary>When consuntivi are due: the end of each period of the indicator's frequency plus the plan's entry days.</summary>
public static class EntryCalendar
{
    public static DateOnly DueDate(Period period, int year, int entryDays) => period.End(year).AddDays(entryDays);

    /// <summary>
    /// The periods of a year at the declared frequency that have ended before <paramref name="asOf"/>, with their due dates:
    /// a consuntivo is owed from the day after its period ends (in scadenza) and late after its due date (in ritardo).
    /// </summary>
    public static IEnumerable<(Period Period, DateOnly Due)> Ended(PeriodKind frequency, int year, int entryDays, DateOnly asOf)
    {
        for (var i = 1; i <= Period.CountPerYear(frequency); i++)
        {
            var period = new Period(frequency, i);
            if (period.End(year) < asOf) yield return (period, DueDate(period, year, entryDays));
        }
    }
}
