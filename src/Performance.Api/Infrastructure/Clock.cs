namespace Performance.Api.Infrastructure;

public static class Clock
{
    /// <summary>
    /// Now, UTC, to the microsecond: what every engine stores (PostgreSQL keeps microseconds), so an instant answered by a
    /// write reads back identically later.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider time) => Domain.Audit.AuditChain.Truncate(time.GetUtcNow().UtcDateTime);
}
