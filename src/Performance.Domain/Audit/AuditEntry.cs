using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Performance.Domain.Language;

namespace Performance.Domain.Audit;

/// <summary>
/// One change, append-only: who, when, what (before/after as JSON) and why. Entries form a hash chain
/// (each hash covers the entry and the previous hash), so altering or deleting a stored row breaks the chain; each hash
/// is signed with a key the database never holds, so the chain cannot be recomputed by whoever can write the database.
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
    /// <summary>The audited rows the change created, changed or removed, each with a digest of its content (<see cref="AuditedRows"/>).</summary>
    public string? Rows { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>HMAC-SHA256 of <see cref="Hash"/> under the audit key; empty on entries written before the service had one.</summary>
    public string Signature { get; set; } = "";
}

public static class AuditChain
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The first signed entry after entries written without a key: it vouches for them (and records the rows they made).</summary>
    public const string SealAction = "AuditSealed";

    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public static string ComputeHash(AuditEntry e)
    {
        // Length-prefixed fields: no two different entries share a canonical form. Rows joined the entry later: entries
        // without rows keep the canonical form they were hashed with. The canonical text (len:field|…) is hashed as it is
        // encoded, never built whole: an imported plan's entry holds the document and ~125,000 row lines (~17 M chars).
        using var canonical = new CanonicalText();
        foreach (var field in new[]
                 {
                     e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                     e.Actor, e.Role, e.Organization, e.PlanId?.ToString("N"), e.IndicatorId?.ToString("N"), e.EntityType,
                     e.EntityId?.ToString("N"), e.EntityCode, e.Action, e.Before, e.After, e.Reason, e.PreviousHash,
                 })
            canonical.Field(field);
        if (e.Rows is not null)
        {
            canonical.Field("rows");
            canonical.Field(e.Rows);
        }
        return Convert.ToHexStringLower(canonical.Hash());
    }

    /// <summary>SHA-256 of UTF-8 text appended piece by piece: the same bytes as encoding the whole text at once.</summary>
    private sealed class CanonicalText : IDisposable
    {
        private const int Chunk = 16 * 1024;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // One encoder for the whole text: a surrogate pair split between two pieces is still encoded as one character.
        private readonly Encoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(Chunk)];

        public void Field(string? field)
        {
            Write(field?.Length.ToString(CultureInfo.InvariantCulture) ?? "-");
            Write(":");
            Write(field);
            Write("|");
        }

        private void Write(ReadOnlySpan<char> text)
        {
            for (var start = 0; start < text.Length; start += Chunk)
            {
                var piece = text[start..Math.Min(text.Length, start + Chunk)];
                var count = _utf8.GetBytes(piece, _bytes, flush: false);
                _hash.AppendData(_bytes, 0, count);
            }
        }

        public byte[] Hash()
        {
            var count = _utf8.GetBytes(ReadOnlySpan<char>.Empty, _bytes, flush: true);
            _hash.AppendData(_bytes, 0, count);
            return _hash.GetHashAndReset();
        }

        public void Dispose() => _hash.Dispose();
    }

    /// <summary>The signature of an entry's hash: only the holder of the key can make it.</summary>
    public static string Sign(byte[] key, string hash) => Mac(key, "performance-audit-entry/1|" + hash);

    /// <summary>
    /// The signature of a checkpoint: "the chain (or an organization's part of it, when <paramref name="organization"/> is
    /// set) had entry <paramref name="sequence"/> with hash <paramref name="hash"/> at <paramref name="at"/>".
    /// </summary>
    public static string SignCheckpoint(byte[] key, string? organization, long sequence, string hash, DateTime at) =>
        Mac(key, string.Create(CultureInfo.InvariantCulture,
            $"performance-audit-checkpoint/1|{organization?.Length ?? -1}:{organization}|{sequence}|{hash}|{Truncate(at):yyyy-MM-ddTHH:mm:ss.ffffff}"));

    /// <summary>Names the key without revealing it, so an operator can tell "another key" from "tampered".</summary>
    public static string KeyId(byte[] key) => Mac(key, "performance-audit-key-id")[..16];

    /// <summary>Compares signatures in constant time (a caller must not learn a valid signature byte by byte).</summary>
    public static bool SameSignature(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    private static string Mac(byte[] key, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// Walks the chain in sequence order: contiguous sequence numbers, each entry linked to the one before, its content matching
/// its hash and its hash signed with a key of the ring. Entries written before the service had a key (no signature) are
/// accepted only ahead of every signed entry, and only when the first signed entry is the seal that vouches for them.
/// </summary>
/// <remarks>
/// The ring is the keys the trail was signed with, oldest first, the one in use last (docs/workflow.md, "Rotating the
/// key"). The keys take over from one another in that order and never go back: once an entry is signed with a key, a later
/// entry signed with an earlier one is refused — a key retired because it leaked cannot add entries after the rotation.
/// </remarks>
public sealed class AuditChainCheck
{
    private readonly IReadOnlyList<byte[]> _keys;
    private readonly List<KeyUse> _uses = [];
    private long _firstUnsigned;

    public AuditChainCheck(IReadOnlyList<byte[]> keys)
    {
        if (keys.Count == 0) throw new ArgumentException("At least one key.", nameof(keys));
        _keys = keys;
    }

    /// <summary>A key of the ring and the entries it signed, first to last, among those accepted.</summary>
    public sealed record KeyUse(int Key, long First, long Last, long Entries);

    /// <summary>Which key signed which accepted entries, in chain order (one run per key: keys never go back).</summary>
    public IReadOnlyList<KeyUse> KeyUses => _uses;

    private bool Signed => _uses.Count > 0;  // an entry with a signature was accepted

    /// <summary>The ring's index of the key in use at this point of the chain (the last one that signed).</summary>
    private int Epoch => Signed ? _uses[^1].Key : 0;

    /// <summary>The last entry accepted (0 and the genesis hash before the first).</summary>
    public long Sequence { get; private set; }
    public string Hash { get; private set; } = AuditChain.Genesis;

    /// <summary>Null when the entry extends the chain; else why it does not.</summary>
    public string? Add(AuditEntry entry)
    {
        if (entry.Sequence != Sequence + 1) return Say.It($"la numerazione salta da {Sequence} a {entry.Sequence}: mancano delle voci", $"sequence jumps from {Sequence} to {entry.Sequence}: entries are missing");
        if (entry.PreviousHash != Hash) return Say.It("il suo hash precedente non corrisponde all'hash della voce che la precede", "its previous hash does not match the hash of the entry before it");
        if (AuditChain.ComputeHash(entry) != entry.Hash) return Say.It("il suo contenuto non corrisponde al suo hash: la riga è stata alterata", "its content does not match its hash: the row was altered");
        if (entry.Signature.Length == 0)
        {
            if (Signed) return Say.It("non ha firma benché le voci precedenti siano firmate: è stata scritta o riscritta senza la chiave di audit", "it has no signature although earlier entries are signed: it was written or rewritten without the audit key");
            if (_firstUnsigned == 0) _firstUnsigned = entry.Sequence;
        }
        else
        {
            var key = SigningKey(entry);
            if (key < 0)
                return Say.It("la sua firma non corrisponde al suo hash: è stata riscritta senza la chiave di audit (o il servizio usa un'altra chiave)", "its signature does not match its hash: it was rewritten without the audit key (or the service runs with another key)");
            if (key < Epoch)
                return Say.It($"è firmata con una chiave di audit ritirata (chiave {AuditChain.KeyId(_keys[key])}) dopo voci firmate con una più recente: è stata scritta con la chiave ritirata dopo la rotazione",
                    $"it is signed with a retired audit key (key {AuditChain.KeyId(_keys[key])}) after entries signed with a newer one: it was written with the retired key after the rotation");
            if (!Signed && _firstUnsigned > 0 && entry.Action != AuditChain.SealAction)
                return Say.It("le voci scritte prima dell'esistenza della chiave di audit non sono sigillate: la prima voce firmata deve essere il sigillo", "entries written before the audit key existed are not sealed: the first signed entry must be the seal");
            if (Signed && Epoch == key) _uses[^1] = _uses[^1] with { Last = entry.Sequence, Entries = _uses[^1].Entries + 1 };
            else _uses.Add(new KeyUse(key, entry.Sequence, entry.Sequence, 1));
        }
        (Sequence, Hash) = (entry.Sequence, entry.Hash);
        return null;
    }

    /// <summary>The index of the key that signed the entry: the key in use first (the usual case), then the later ones, then the earlier ones; -1 for none.</summary>
    private int SigningKey(AuditEntry entry)
    {
        for (var k = Epoch; k < _keys.Count; k++)
            if (AuditChain.SameSignature(AuditChain.Sign(_keys[k], entry.Hash), entry.Signature)) return k;
        for (var k = Epoch - 1; k >= 0; k--)
            if (AuditChain.SameSignature(AuditChain.Sign(_keys[k], entry.Hash), entry.Signature)) return k;
        return -1;
    }

    /// <summary>After the last entry: the unsigned entries no seal vouches for, if any (their first sequence number and why).</summary>
    public (long Sequence, string Problem)? Finish() =>
        !Signed && _firstUnsigned > 0
            ? (_firstUnsigned, Say.It("da qui in poi le voci non hanno firma e nessun sigillo ne garantisce l'integrità: possono essere state riscritte da chiunque", "the entries from here on carry no signature and no seal vouches for them: they can have been rewritten by anyone"))
            : null;
}
