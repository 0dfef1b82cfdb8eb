using System.Text;
using Microsoft.Extensions.Options;
using Performance.Domain.Audit;

namespace Performance.Api.Persistence;

/// <summary>
/// The <c>Audit</c> section. <see cref="Key"/> signs every audit entry and checkpoint; it lives in configuration only,
/// never in the database, so whoever can write the database cannot rewrite the trail unnoticed.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";
    public const int MinKeyLength = 32;

    /// <summary>A long random secret (e.g. <c>openssl rand -hex 32</c>). Changing it makes earlier entries fail verification.</summary>
    public string Key { get; set; } = "";

    /// <summary>A checkpoint of the chain's head is stored after at most this many entries...</summary>
    public int CheckpointEveryEntries { get; set; } = 100;

    /// <summary>...and at the first write after this many minutes since the last one.</summary>
    public int CheckpointEveryMinutes { get; set; } = 60;

    public static IEnumerable<string> Problems(AuditOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Key))
            yield return $"{Section}:Key is required: a secret of at least {MinKeyLength} characters that signs the audit trail (kept out of the database).";
        else if (o.Key.Length < MinKeyLength) yield return $"{Section}:Key must be at least {MinKeyLength} characters long.";
        if (o.CheckpointEveryEntries < 1) yield return $"{Section}:CheckpointEveryEntries must be at least 1.";
        if (o.CheckpointEveryMinutes < 1) yield return $"{Section}:CheckpointEveryMinutes must be at least 1.";
    }
}

/// <summary>The audit key in use: signs entries and checkpoints, and checks them.</summary>
public sealed class AuditKey(IOptions<AuditOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.Key);

    public AuditOptions Options { get; } = options.Value;

    /// <summary>Names the key without revealing it.</summary>
    public string Id => AuditChain.KeyId(_key);

    public string Sign(string hash) => AuditChain.Sign(_key, hash);

    public string SignCheckpoint(string? organization, long sequence, string hash, DateTime at) =>
        AuditChain.SignCheckpoint(_key, organization, sequence, hash, at);

    public AuditChainCheck NewCheck() => new(_key);
}
