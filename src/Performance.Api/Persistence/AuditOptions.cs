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

    /// <summary>
    /// A long random secret (e.g. <c>openssl rand -hex 32</c>). Replacing it is a rotation: the key it replaces goes to the end
    /// of <see cref="RetiredKeys"/>, else earlier entries fail verification.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// The keys used before <see cref="Key"/>, oldest first: they verify what they signed (entries, checkpoints) and open the
    /// webhook secrets encrypted under them; they never sign. An entry signed with one of them after an entry signed with a
    /// later key is refused (docs/workflow.md, "Rotating the key").
    /// </summary>
    public List<string> RetiredKeys { get; set; } = [];

    /// <summary>A checkpoint of the chain's head is stored after at most this many entries...</summary>
    public int CheckpointEveryEntries { get; set; } = 100;

    /// <summary>...and at the first write after this many minutes since the last one.</summary>
    public int CheckpointEveryMinutes { get; set; } = 60;

    public static IEnumerable<string> Problems(AuditOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Key))
            yield return $"{Section}:Key is required: a secret of at least {MinKeyLength} characters that signs the audit trail (kept out of the database).";
        else if (o.Key.Length < MinKeyLength) yield return $"{Section}:Key must be at least {MinKeyLength} characters long.";
        for (var i = 0; i < o.RetiredKeys.Count; i++)
        {
            var retired = o.RetiredKeys[i];
            if (string.IsNullOrWhiteSpace(retired) || retired.Length < MinKeyLength) yield return $"{Section}:RetiredKeys:{i} must be at least {MinKeyLength} characters long.";
            else if (retired == o.Key) yield return $"{Section}:RetiredKeys:{i} is the key in use ({Section}:Key): a retired key is one used before it.";
            else if (o.RetiredKeys.IndexOf(retired) < i) yield return $"{Section}:RetiredKeys:{i} repeats {Section}:RetiredKeys:{o.RetiredKeys.IndexOf(retired)}.";
        }
        if (o.CheckpointEveryEntries < 1) yield return $"{Section}:CheckpointEveryEntries must be at least 1.";
        if (o.CheckpointEveryMinutes < 1) yield return $"{Section}:CheckpointEveryMinutes must be at least 1.";
    }
}

/// <summary>The audit key in use: signs entries and checkpoints; with the retired keys before it, checks them.</summary>
public sealed class AuditKey
{
    private readonly byte[] _key;

    /// <summary>Every key the trail may have been signed with, oldest first, the one in use last.</summary>
    private readonly byte[][] _ring;

    public AuditKey(IOptions<AuditOptions> options)
    {
        Options = options.Value;
        _ring = [.. Options.RetiredKeys.Append(Options.Key).Select(k => Encoding.UTF8.GetBytes(k))];
        _key = _ring[^1];
        RingIds = [.. _ring.Select(AuditChain.KeyId)];
    }

    public AuditOptions Options { get; }

    /// <summary>Names the key without revealing it.</summary>
    public string Id => RingIds[^1];

    /// <summary>The ids of the ring's keys, oldest first, the one in use last (indexes of <see cref="AuditChainCheck.KeyUses"/>).</summary>
    public IReadOnlyList<string> RingIds { get; }

    /// <summary>The ring's index of the key that signed this entry hash (the one in use is <c>RingIds.Count - 1</c>); -1 for none.</summary>
    public int SignerOf(string hash, string signature) =>
        Array.FindLastIndex(_ring, k => AuditChain.SameSignature(AuditChain.Sign(k, hash), signature));

    /// <summary>True when a key of the ring signed this checkpoint: one exported or stored before a rotation still checks.</summary>
    public bool SignedCheckpoint(string? organization, long sequence, string hash, DateTime at, string? signature) =>
        Array.Exists(_ring, k => AuditChain.SameSignature(AuditChain.SignCheckpoint(k, organization, sequence, hash, at), signature));

    public string Sign(string hash) => AuditChain.Sign(_key, hash);

    public string SignCheckpoint(string? organization, long sequence, string hash, DateTime at) =>
        AuditChain.SignCheckpoint(_key, organization, sequence, hash, at);

    public AuditChainCheck NewCheck() => new(_ring);
}
