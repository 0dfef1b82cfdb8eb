using System.Text;
using Performance.Domain.Audit;
using Performance.Domain.Plans;

namespace Performance.Domain.Tests.Audit;

public sealed class ReasonsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B")]
    [InlineData("\uFEFF\u200E \t")]
    public void Nothing_but_spaces_and_invisible_characters_is_no_reason(string? text)
    {
        Assert.True(Reasons.IsBlank(text));
        Assert.Equal("A reason is required.", Reasons.Problem(text));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("ok")]
    [InlineData("n/a")]
    [InlineData("- 12/2024 -")]
    [InlineData("\u200Bno\u200B")]
    public void Fewer_than_three_letters_is_no_reason(string text)
    {
        Assert.False(Reasons.IsBlank(text));
        Assert.Contains("at least 3 letters", Reasons.Problem(text));
    }

    [Theory]
    [InlineData("Già")]
    [InlineData("Det. DG n. 190/2024")]
    [InlineData("Errore di trascrizione")]
    [InlineData("Ελλάδα")]
    public void Words_are_a_reason(string text) => Assert.Null(Reasons.Problem(text));
}

public sealed class AuditedRowsTests
{
    private static Actual Actual(decimal value, DateTime at) => new()
    {
        Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), IndicatorId = Guid.Parse("00000000-0000-0000-0000-000000000001"), Period = "M01",
        Year = 2024, Revision = 1, Value = value, RecordedAt = at, ReportedOn = new DateOnly(2024, 3, 4), RecordedBy = "cg",
    };

    [Fact]
    public void The_digest_is_what_every_engine_reads_back_decimals_without_trailing_zeros_and_instants_to_the_microsecond()
    {
        var at = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);
        Assert.Equal(AuditedRows.Digest(Actual(83.50m, at)), AuditedRows.Digest(Actual(83.5m, DateTime.SpecifyKind(at.AddTicks(-7), DateTimeKind.Unspecified))));
        Assert.NotEqual(AuditedRows.Digest(Actual(83.50m, at)), AuditedRows.Digest(Actual(83.51m, at)));
        Assert.NotEqual(AuditedRows.Digest(Actual(83.5m, at)), AuditedRows.Digest(Actual(83.5m, at.AddTicks(10))));
        // The day it was reported moves "as of" answers: a row backdated behind the service's back is a different row.
        var backdated = Actual(83.5m, at);
        backdated.ReportedOn = new DateOnly(2024, 1, 31);
        Assert.NotEqual(AuditedRows.Digest(Actual(83.5m, at)), AuditedRows.Digest(backdated));
        // Who submitted it decides who may certify it (four eyes): rewriting it behind the service's back shows.
        var resubmitted = Actual(83.5m, at);
        resubmitted.SubmittedBy = "qualcun.altro";
        Assert.NotEqual(AuditedRows.Digest(Actual(83.5m, at)), AuditedRows.Digest(resubmitted));
        Assert.Equal("100", AuditedRows.Text(100.000m));
        Assert.Equal("0.0000000000000000000000000001", AuditedRows.Text(0.0000000000000000000000000001m));
        Assert.Equal("-1234567.5", AuditedRows.Text(-1234567.50m));
    }

    [Fact]
    public void Lines_round_trip_with_their_plan_and_removals()
    {
        var (plan, other) = (Guid.NewGuid(), Guid.NewGuid());
        var target = new IndicatorTarget { Id = Guid.NewGuid(), IndicatorId = Guid.NewGuid(), Year = 2024, Text = ">= 80%" };
        var text = new AuditedRows.Writer().PlanRemoved(other).Row(plan, target).Row(plan, Actual(1, DateTime.UnixEpoch), removed: true).ToString();
        var lines = AuditedRows.Read(text).ToList();
        Assert.Equal(new AuditedRows.Line('x', other, other, null), lines[0]);
        Assert.Equal(new AuditedRows.Line(AuditedRows.Target, target.Id, plan, AuditedRows.Digest(target)), lines[1]);
        Assert.Equal(new AuditedRows.Line(AuditedRows.Actual, Actual(1, DateTime.UnixEpoch).Id, plan, null), lines[2]);
        Assert.Throws<FormatException>(() => AuditedRows.Read("A nonsense").ToList());
    }
}

public sealed class AuditChainCheckTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a-test-key-of-at-least-thirty-two-characters");

    private static List<AuditEntry> Chain(int count, bool signed = true, string? sealAt = null)
    {
        var (entries, hash) = (new List<AuditEntry>(), AuditChain.Genesis);
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry
            {
                Sequence = i, At = new DateTime(2024, 1, 1, 0, 0, i, DateTimeKind.Utc), Actor = "cg", Role = "ControlloGestione", EntityType = "Actual",
                Action = sealAt == i.ToString() ? AuditChain.SealAction : "ActualRecorded", After = $"{{\"value\":{i}}}", PreviousHash = hash,
            };
            entry.Hash = hash = AuditChain.ComputeHash(entry);
            if (signed || sealAt is not null && i >= int.Parse(sealAt)) entry.Signature = AuditChain.Sign(Key, entry.Hash);
            entries.Add(entry);
        }
        return entries;
    }

    private static (long Sequence, string Problem)? Check(IEnumerable<AuditEntry> entries, byte[]? key = null) => Check(entries, [key ?? Key]);

    private static (long Sequence, string Problem)? Check(IEnumerable<AuditEntry> entries, IReadOnlyList<byte[]> ring)
    {
        var check = new AuditChainCheck(ring);
        foreach (var e in entries)
            if (check.Add(e) is { } problem) return (e.Sequence, problem);
        return check.Finish();
    }

    [Fact]
    public void An_act_without_a_structure_keeps_its_earlier_digest_and_a_structure_target_is_digested_whole()
    {
        var act = new Reprogramming
        {
            Id = Guid.Parse("00000000-0000-0000-0000-0000000000aa"), PlanId = Guid.Parse("00000000-0000-0000-0000-0000000000bb"),
            Kind = ReprogrammingKind.ReviseTarget, NodeId = Guid.Parse("00000000-0000-0000-0000-0000000000cc"), IndicatorId = Guid.Parse("00000000-0000-0000-0000-0000000000dd"),
            Year = 2024, Target = ">= 80%", Act = "Det. n. 1/2024", EffectiveDate = new DateOnly(2024, 7, 1), Reason = "rivisto",
            RecordedAt = new DateTime(2024, 7, 2, 10, 0, 0, DateTimeKind.Utc), SortOrder = 3,
        };
        // The digest as acts were digested before structures' targets existed, written out by hand (an independent oracle):
        // trails recorded then still verify.
        static string Field(string? v) => v is null ? "|-:" : $"|{v.Length}:{v}";
        var legacy = "R" + string.Concat(new[]
        {
            act.Id.ToString("N"), act.PlanId.ToString("N"), "ReviseTarget", act.NodeId.ToString("N"), null, null, act.IndicatorId!.Value.ToString("N"), "2024",
            ">= 80%", null, "Det. n. 1/2024", "2024-07-01", "rivisto", "2024-07-02T10:00:00.000000", "3",
        }.Select(Field));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(legacy)).AsSpan(0, 16));
        Assert.Equal(expected, AuditedRows.Digest(act));
        act.StructureId = Guid.NewGuid();
        Assert.NotEqual(expected, AuditedRows.Digest(act));

        var target = new StructureTarget { IndicatorId = Guid.NewGuid(), StructureId = Guid.NewGuid(), Year = 2024, Text = ">= 637" };
        Assert.Equal((AuditedRows.StructureTarget, target.Id), AuditedRows.KeyOf(target));
        Assert.True(AuditedRows.IsAudited(target));
        var digest = AuditedRows.Digest(target);
        target.Text = ">= 638";
        Assert.NotEqual(digest, AuditedRows.Digest(target));
        target.Text = ">= 637";
        target.StructureId = Guid.NewGuid();
        Assert.NotEqual(digest, AuditedRows.Digest(target));
    }

    [Fact]
    public void A_signed_chain_holds_and_any_other_key_breaks_it_at_the_first_entry()
    {
        Assert.Null(Check(Chain(5)));
        Assert.Equal(1, Check(Chain(5), Encoding.UTF8.GetBytes("another-key-of-at-least-thirty-two-chars"))!.Value.Sequence);
    }

    private static readonly byte[] Retired = Encoding.UTF8.GetBytes("the-key-before-the-rotation-0123456789abcdef");
    private static readonly byte[] Older = Encoding.UTF8.GetBytes("the-key-before-that-one-0123456789abcdef-old");

    /// <summary>The chain with its entries from <paramref name="from"/> (1-based) on signed again with <paramref name="key"/>.</summary>
    private static List<AuditEntry> SignedFrom(List<AuditEntry> chain, int from, byte[] key)
    {
        foreach (var e in chain.Where(e => e.Sequence >= from)) e.Signature = AuditChain.Sign(key, e.Hash);
        return chain;
    }

    [Fact]
    public void After_a_rotation_each_key_verifies_what_it_signed_and_says_which_entries()
    {
        var rotated = SignedFrom(SignedFrom(Chain(5), 1, Retired), 4, Key);
        var check = new AuditChainCheck([Retired, Key]);
        foreach (var e in rotated) Assert.Null(check.Add(e));
        Assert.Null(check.Finish());
        Assert.Equal([new AuditChainCheck.KeyUse(0, 1, 3, 3), new AuditChainCheck.KeyUse(1, 4, 5, 2)], check.KeyUses);

        // Without the retired key the entries it signed do not verify; a key listed but never used changes nothing.
        Assert.Equal(1, Check(rotated)!.Value.Sequence);
        Assert.Null(Check(rotated, [Older, Retired, Key]));
        Assert.Null(Check(SignedFrom(Chain(5), 1, Retired), [Retired, Key])); // rotated, nothing written since
        Assert.Null(Check(SignedFrom(SignedFrom(Chain(5), 1, Older), 3, Key), [Older, Retired, Key]));
    }

    [Fact]
    public void A_retired_key_cannot_add_entries_after_a_newer_key_signed()
    {
        // Whoever holds the retired key (it leaked: that is why it was retired) signs an entry after the rotation.
        var chain = SignedFrom(SignedFrom(SignedFrom(Chain(6), 1, Retired), 3, Key), 5, Retired);
        var (sequence, problem) = Check(chain, [Retired, Key])!.Value;
        Assert.Equal(5, sequence);
        Assert.Contains($"signed with a retired audit key (key {AuditChain.KeyId(Retired)}) after entries signed with a newer one", problem);
        // Three keys: going back two is refused too, going forward past one is not.
        Assert.Equal(4, Check(SignedFrom(SignedFrom(Chain(5), 1, Key), 4, Older), [Older, Retired, Key])!.Value.Sequence);
    }

    [Fact]
    public void Recomputing_the_hashes_after_a_change_does_not_recompute_the_signatures()
    {
        var chain = Chain(5);
        var (hash, rewritten) = (chain[1].Hash, new List<AuditEntry>(chain.Take(2)));
        foreach (var e in chain.Skip(2))
        {
            var copy = new AuditEntry
            {
                Sequence = e.Sequence, At = e.At, Actor = "someone-else", Role = e.Role, EntityType = e.EntityType, Action = e.Action, After = e.After,
                PreviousHash = hash, Signature = e.Signature,
            };
            copy.Hash = hash = AuditChain.ComputeHash(copy);
            rewritten.Add(copy);
        }
        var (sequence, problem) = Check(rewritten)!.Value;
        Assert.Equal(3, sequence);
        Assert.Contains("signature does not match", problem);
    }

    [Fact]
    public void Unsigned_entries_hold_only_ahead_of_a_seal()
    {
        Assert.Equal(1, Check(Chain(4, signed: false))!.Value.Sequence);
        Assert.Contains("no seal", Check(Chain(4, signed: false))!.Value.Problem);
        Assert.Null(Check(Chain(4, signed: false, sealAt: "3")));
        var unsealed = Chain(4, signed: false, sealAt: "3");
        unsealed[2] = Chain(4, signed: true)[2]; // a signed entry that is not the seal
        Assert.Equal((3, "entries written before the audit key existed are not sealed: the first signed entry must be the seal"), Check(unsealed));
        var stripped = Chain(4);
        stripped[3].Signature = "";
        Assert.Contains("no signature although earlier entries are signed", Check(stripped)!.Value.Problem);
    }

    [Fact]
    public void A_checkpoint_signature_covers_the_organization_the_sequence_the_hash_and_the_time()
    {
        var at = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        var signature = AuditChain.SignCheckpoint(Key, null, 12, AuditChain.Genesis, at);
        Assert.Equal(signature, AuditChain.SignCheckpoint(Key, null, 12, AuditChain.Genesis, at.AddTicks(5)));
        Assert.NotEqual(signature, AuditChain.SignCheckpoint(Key, "CCIAA-CR", 12, AuditChain.Genesis, at));
        Assert.NotEqual(signature, AuditChain.SignCheckpoint(Key, null, 13, AuditChain.Genesis, at));
        Assert.NotEqual(signature, AuditChain.SignCheckpoint(Key, null, 12, new string('1', 64), at));
        Assert.NotEqual(signature, AuditChain.SignCheckpoint(Key, null, 12, AuditChain.Genesis, at.AddSeconds(1)));
        Assert.True(AuditChain.SameSignature(signature, signature));
        Assert.False(AuditChain.SameSignature(signature, signature[..^1] + (signature[^1] == '0' ? '1' : '0')));
        Assert.False(AuditChain.SameSignature(signature, null));
    }
}
