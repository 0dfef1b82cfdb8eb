using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Persistence;

namespace Performance.Api.Features.Webhooks;

/// <summary>
/// Webhook secrets at rest. A secret must be read back to sign each delivery, so it cannot be hashed like an API key: it is
/// stored encrypted (AES-256-GCM) under a key derived (HKDF-SHA256) from <c>Audit:Key</c>, which lives in configuration
/// only. A copy of the database — a backup, a dump, a read-only account — does not give away what signs the deliveries,
/// and a stored secret copied onto another endpoint's row does not open there (the endpoint's id is authenticated with it).
/// Stored form: <c>v1:{key id}:{base64(nonce | tag | ciphertext)}</c>. After a rotation of <c>Audit:Key</c> the retired
/// keys (<c>Audit:RetiredKeys</c>) still open what they encrypted, and the start encrypts it again under the key in use.
/// </summary>
public sealed class WebhookSecrets
{
    /// <summary>
    /// Marks a secret stored in clear before secrets were encrypted: migration <c>WebhookSecretsEncrypted</c> prefixes them, and
    /// the start of the service encrypts them (<see cref="EncryptUnderKeyInUseAsync"/>).
    /// </summary>
    public const string ClearPrefix = "clear:";

    internal const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "Performance webhook secrets v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly Dictionary<string, byte[]> _ring;  // by key id: the key in use and the retired ones

    /// <summary>Names the key without revealing it: a secret encrypted under another <c>Audit:Key</c> is recognised as such.</summary>
    public string KeyId { get; }

    public WebhookSecrets(IOptions<AuditOptions> audit)
    {
        _key = Derive(audit.Value.Key);
        KeyId = IdOf(_key);
        _ring = audit.Value.RetiredKeys.Select(Derive).Append(_key).ToDictionary(IdOf);
    }

    private static byte[] Derive(string auditKey) => HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(auditKey), 32, salt: null, info: Purpose);

    private static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..12];

    public string Encrypt(Guid endpoint, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var stored = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(stored.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(stored.AsSpan(0, NonceSize), plain, stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize), endpoint.ToByteArray());
        return $"{Version}:{KeyId}:{Convert.ToBase64String(stored)}";
    }

    /// <summary>
    /// The endpoint's secret, or null when no key of the ring opens what is stored: encrypted under a key neither in use nor
    /// retired, altered, or belonging to another endpoint.
    /// </summary>
    public string? Decrypt(Guid endpoint, string stored)
    {
        if (stored.StartsWith(ClearPrefix, StringComparison.Ordinal)) return stored[ClearPrefix.Length..];
        if (stored.Split(':') is not [Version, var keyId, var data] || !_ring.TryGetValue(keyId, out var key)) return null;
        var bytes = new byte[data.Length];
        if (!Convert.TryFromBase64String(data, bytes, out var length) || length < NonceSize + TagSize) return null;
        var plain = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize, plain.Length), bytes.AsSpan(NonceSize, TagSize), plain,
                endpoint.ToByteArray());
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// Encrypts under the key in use the secrets still stored in clear or under a retired key. Each row is rewritten only if
    /// it still holds what was read, so instances starting together do not encrypt a row twice over each other's result.
    /// </summary>
    public async Task<int> EncryptUnderKeyInUseAsync(PerformanceDbContext db, CancellationToken ct)
    {
        var ours = $"{Version}:{KeyId}:";
        var others = await db.Set<WebhookSubscription>().AsNoTracking().Where(s => !s.Secret.StartsWith(ours))
            .Select(s => new { s.Id, s.Secret }).ToListAsync(ct);
        var encrypted = 0;
        foreach (var row in others)
        {
            if (Decrypt(row.Id, row.Secret) is not { } secret) continue;  // under a key outside the ring: the start warns
            var value = Encrypt(row.Id, secret);
            encrypted += await db.Set<WebhookSubscription>().Where(s => s.Id == row.Id && s.Secret == row.Secret)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Secret, value), ct);
        }
        return encrypted;
    }
}

public static class WebhookSecretsStartup
{
    /// <summary>
    /// At start, after the migrations: no secret stays in clear (rows written before secrets were encrypted) or under a
    /// retired key (rows written before a rotation of <c>Audit:Key</c>).
    /// </summary>
    public static async Task EncryptWebhookSecretsUnderKeyInUseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var secrets = app.Services.GetRequiredService<WebhookSecrets>();
        var encrypted = await secrets.EncryptUnderKeyInUseAsync(db, CancellationToken.None);
        if (encrypted > 0) app.Logger.LogInformation("Webhook secrets stored in clear or under a retired key, now encrypted under the key in use: {Count}", encrypted);
        // Said at start rather than found at the first delivery: the operator sees at once that Audit:Key is not the one used before.
        var ours = $"{WebhookSecrets.Version}:{secrets.KeyId}:";
        var foreign = await db.Set<WebhookSubscription>().CountAsync(s => s.DeletedAt == null && !s.Secret.StartsWith(ours), CancellationToken.None);
        if (foreign > 0)
            app.Logger.LogWarning("{Count} active webhook endpoint(s) have a secret encrypted under another Audit:Key: nothing is sent to them until they are registered again or the earlier key is listed in Audit:RetiredKeys", foreign);
    }
}
