using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Performance.Domain.Audit;

/// <summary>
/// One change, append-only: who, when, what (before/after as JSON) and why. Entries form a hash chain
/// (each hash covers the entry and the previous hash), so altering or deleting a stored row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public long Sequence { get; set; }
    /// <summary>UTC, truncated to microseconds so it reads back identically from every engine.</summary>
    public required DateTime At { get; set; }
    public required string Actor { get; init; }
    public required string Role { get; init; }
    public string? Organization { get; init; }
    public Guid? PlanId { get; init; }
    public Guid? IndicatorId { get; init; }
    public required string EntityType { get; init; }
    public Guid? EntityId { get; init; }
    public string? EntityCode { get; init; }
    public required string Action { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Reason { get; init; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public static class AuditChain
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public static string ComputeHash(AuditEntry e)
    {
        // Length-prefixed fields: no two different entries share a canonical form.
        var canonical = new StringBuilder();
        foreach (var field in new[]
                 {
                     e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                     e.Actor, e.Role, e.Organization, e.PlanId?.ToString("N"), e.IndicatorId?.ToString("N"), e.EntityType,
                     e.EntityId?.ToString("N"), e.EntityCode, e.Action, e.Before, e.After, e.Reason, e.PreviousHash,
                 })
            canonical.Append(field?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(field).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Checks a chain in sequence order; returns the first broken entry and why, or null when intact.</summary>
    public static (AuditEntry Entry, string Problem)? FindBreak(IEnumerable<AuditEntry> ordered, ref string previousHash, ref long previousSequence)
    {
        foreach (var entry in ordered)
        {
            if (entry.Sequence != previousSequence + 1)
                return (entry, $"sequence jumps from {previousSequence} to {entry.Sequence}: entries are missing");
            if (entry.PreviousHash != previousHash)
                return (entry, "its previous hash does not match the hash of the entry before it");
            if (ComputeHash(entry) != entry.Hash)
                return (entry, "its content does not match its hash: the row was altered");
            previousHash = entry.Hash;
            previousSequence = entry.Sequence;
        }
        return null;
    }
}
