using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Performance.Api.Persistence;

/// <summary>/health is 200 only when the database answers (the EF health-check package is not served here).</summary>
public sealed class DatabaseHealthCheck(PerformanceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database does not answer.");
}
