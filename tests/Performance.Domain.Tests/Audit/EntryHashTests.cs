using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Performance.Domain.Audit;

namespace Performance.Domain.Tests.Audit;

/// <summary>
/// An entry's hash is SHA-256 of its canonical text (<c>len:field|</c> for every field, then <c>4:rows|len:rows|</c>),
/// hashed as it is encoded rather than built whole: every stored chain was hashed with the whole text, so the two must
/// give the same hash for any content — accents, emoji, a surrogate pair split where the text is cut into pieces, a lone
/// surrogate, megabytes of rows.
/// </summary>
public sealed class EntryHashTests
{
    /// <summary>The definition, as simply as it can be written: the whole canonical text, encoded once.</summary>
    private static string Expected(AuditEntry e)
    {
        var text = new StringBuilder();
        void Field(string? f) => text.Append(f?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(f).Append('|');
        foreach (var f in new[]
                 {
                     e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                     e.Actor, e.Role, e.Organization, e.PlanId?.ToString("N"), e.IndicatorId?.ToString("N"), e.EntityType,
                     e.EntityId?.ToString("N"), e.EntityCode, e.Action, e.Before, e.After, e.Reason, e.PreviousHash,
                 })
            Field(f);
        if (e.Rows is not null)
        {
            Field("rows");
            Field(e.Rows);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static AuditEntry Entry(string? after, string? rows, string? reason = "Errore di trascrizione") => new()
    {
        Sequence = 42, At = new DateTime(2026, 12, 3, 8, 30, 0, DateTimeKind.Utc).AddTicks(1234560), Actor = "m.rossi", Role = "Oiv",
        Organization = "INPS", PlanId = Guid.Parse("0193a3c4-0000-7000-8000-000000000001"), EntityType = "Plan", Action = "PlanImported",
        After = after, Reason = reason, Rows = rows, PreviousHash = AuditChain.Genesis,
    };

    public static TheoryData<string> Contents => new()
    {
        "plain", "empty", "accents", "emoji at the 16K boundary", "lone high surrogate at the boundary", "lone low surrogate", "megabytes",
    };

    private static string Text(string name) => name switch
    {
        "plain" => "{\"code\":\"PP-2024\"}",
        "empty" => "",
        "accents" => "Attività di verifica: più è meglio — però sì",
        // A pair whose high half is the 16,384th character and low half the next: cut apart by the piecewise encoding.
        "emoji at the 16K boundary" => new string('a', 16 * 1024 - 1) + "😀" + new string('b', 100),
        "lone high surrogate at the boundary" => new string('a', 16 * 1024 - 1) + "\uD83D" + "x",
        "lone low surrogate" => "x\uDE00y",
        "megabytes" => string.Concat(Enumerable.Range(0, 60_000).Select(i => $"A {i:x32} {i * 7919 % 100_003:x32}\nè\n")),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void The_hash_is_that_of_the_whole_canonical_text(string content)
    {
        var text = Text(content);
        foreach (var entry in new[] { Entry(text, null), Entry("{}", text), Entry(text, text, reason: text), Entry(null, null, reason: null) })
            Assert.Equal(Expected(entry), AuditChain.ComputeHash(entry));
    }

    [Fact]
    public void A_changed_character_changes_the_hash()
    {
        var rows = Text("megabytes");
        var changed = rows[..(rows.Length / 2)] + "B" + rows[(rows.Length / 2 + 1)..];
        Assert.NotEqual(AuditChain.ComputeHash(Entry("{}", rows)), AuditChain.ComputeHash(Entry("{}", changed)));
    }
}
