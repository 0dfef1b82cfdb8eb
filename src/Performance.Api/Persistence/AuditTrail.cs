using System.Text.Json;
using System.Text.Json.Serialization;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Domain.Audit;

namespace Performance.Api.Persistence;

/// <summary>
/// Records who changed what, when, before/after and why. The entry is added to the same unit of work as the change,
/// so both are saved together or not at all; the context chains the hashes when it saves.
/// </summary>
public sealed class AuditTrail(PerformanceDbContext db, AccessScope scope, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Record(string action, string entityType, Guid? entityId, string? entityCode, Guid? planId, string? organization,
        object? before = null, object? after = null, string? reason = null, Guid? indicatorId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.UtcNow(), Actor = scope.Actor, Role = scope.Role, Organization = organization, PlanId = planId, IndicatorId = indicatorId,
            EntityType = entityType, EntityId = entityId, EntityCode = Fitted(entityCode), Action = action,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = reason,
        });

    /// <summary>The longest entity code the trail keeps (the column of <c>AuditEntry.EntityCode</c>).</summary>
    public const int MaxEntityCodeLength = 200;

    /// <summary>
    /// The code names the entity for people; its id identifies it. A code built from a longer input (a webhook's url, up
    /// to 2000 characters) is shortened to fit, ending in "…", rather than failing the change it records.
    /// </summary>
    private static string? Fitted(string? code)
    {
        if (code is not { Length: > MaxEntityCodeLength }) return code;
        var keep = MaxEntityCodeLength - 1;
        // Never half of a surrogate pair: it could not be stored.
        if (char.IsHighSurrogate(code[keep - 1])) keep--;
        return code[..keep] + "…";
    }

    /// <summary>
    /// Rows the change wrote without the change tracker (a bulk insert): the entry records them like tracked ones, under
    /// <paramref name="planId"/> (by default the entry's plan).
    /// </summary>
    public void Written(IEnumerable<object> rows, Guid? planId = null) => db.UntrackedRows.Written.AddRange(rows.Select(r => (planId, r)));

    /// <summary>A plan deleted with every row of it (a replaced import): the trail stops expecting its rows.</summary>
    public void PlanRemoved(Guid planId) => db.UntrackedRows.RemovedPlans.Add(planId);
}
