namespace Performance.Api.Infrastructure;

public static class Clock
{
    /// <summary>
    /// Now, UTC, to the microsecond: what every engine stores (PostgreSQL keeps microseconds), so an instant answered by a
    /// write reads back identically later.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider time) => Domain.Audit.AuditChain.Truncate(time.GetUtcNow().UtcDateTime);

    /// <summary>Italian public offices keep Italian dates: "today" is the date in Rome (UTC where the zone is unknown).</summary>
    public static DateOnly TodayInItaly(this TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Rome).DateTime);

    private static readonly TimeZoneInfo Rome = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Rome", out var zone) ? zone : TimeZoneInfo.Utc;
}
