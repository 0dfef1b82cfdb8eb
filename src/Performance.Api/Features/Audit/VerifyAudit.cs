using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Audit;
using Performance.Domain.Language;

namespace Performance.Api.Features.Audit;

/// <summary>
/// Checks the audit trail and the data it vouches for: the chain (every entry present, linked, unaltered and signed with
/// the audit key), its checkpoints (those the service stored and those the caller exported earlier and sends back: a
/// chain that ends before one, or differs from it, was cut or rewritten), and the current state (every consuntivo,
/// target, node, indicator and reprogramming row compared with what the trail says it should hold).
/// </summary>
public sealed record VerifyAudit(VerifyAuditBody? Body = null) : IRequest<AuditVerification>;

/// <summary>Checkpoints exported earlier by <c>GET /api/audit/checkpoints</c>: the exported file can be sent as it is.</summary>
/// <param name="Format">When given, must be <c>performance-audit-checkpoints/1</c> (else a 400).</param>
/// <param name="ExportedAt">As in the exported file; not checked (each checkpoint carries its own signed time).</param>
/// <param name="KeyId">As in the exported file; not checked: each checkpoint's signature is, against the key in use and the retired ones.</param>
/// <param name="Head">The exported head, checked like the other checkpoints.</param>
/// <param name="Checkpoints">The checkpoints to check the chain against; each must carry this service's signature (else a 400 naming it, e.g. <c>checkpoints[2].signature</c>) and none may be null.</param>
public sealed record VerifyAuditBody(
    string? Format = null, DateTime? ExportedAt = null, string? KeyId = null, AuditCheckpointDocument? Head = null, List<AuditCheckpointDocument?>? Checkpoints = null);

/// <summary>One problem verification found: in the chain, against a checkpoint, or in a stored row.</summary>
/// <param name="Kind"><c>Chain</c> (an entry), <c>Checkpoint</c>, or <c>Row</c> (a stored row that is not what the trail says).</param>
/// <param name="Problem">What is wrong, in words.</param>
/// <param name="Sequence">The audit entry concerned: for Chain, the entry where the chain breaks; for Checkpoint, the entry the checkpoint names; for Row, the entry that last recorded the row (null when none did). Null too where it would show an organization's identity another organization's entries.</param>
/// <param name="Table">For Row: the table holding it (Actuals, IndicatorTargets, StructureTargets, Nodes, Indicators, Reprogrammings).</param>
/// <param name="Row">For Row: the row's id.</param>
/// <param name="Plan">ORG:CODE of the row's plan.</param>
/// <param name="Subject">The row in people's terms: an indicator code, a node code, "I1 2024 Q1 r2".</param>
// "item" in JSON: a C# member named Item is taken for an indexer by the contract's comment generator, which drops its description.
public sealed record AuditFinding(string Kind, string Problem, long? Sequence = null, string? Table = null, Guid? Row = null, string? Plan = null,
    [property: JsonPropertyName("item")] string? Subject = null);

/// <summary>The outcome of verifying the audit trail: the chain, the checkpoints and the stored rows, with what was found.</summary>
/// <param name="Valid">True when nothing was found: the chain holds, every checkpoint matches it and every row is what the trail says.</param>
/// <param name="Checked">Entries verified (before the first break); for an organization's identity, its own.</param>
/// <param name="BrokenAtSequence">The sequence of the first entry where the chain breaks; null when it holds (for an organization's identity, also when the break is in another organization's entries).</param>
/// <param name="BrokenEntry">The id of that entry; null as for the sequence.</param>
/// <param name="Problem">The first finding's problem, in words; null when valid.</param>
/// <param name="LastHash">The hash of the last verified entry; for platform administrators only.</param>
/// <param name="CheckpointsChecked">Checkpoints compared with the chain: those sent and those the service stored (for an organization's identity, those it sent).</param>
/// <param name="RowsChecked">Consuntivi, targets, nodes, indicators and reprogramming acts compared with the trail (an organization's identity: its own).</param>
/// <param name="FindingCount">Every problem found; <paramref name="Findings"/> lists the first 200.</param>
/// <param name="Findings">The first 200 findings: the chain's first, then the checkpoints', then the rows'.</param>
/// <param name="Keys">Which audit key signed which verified entries, oldest first (a rotation shows as a new key); for platform administrators only.</param>
public sealed record AuditVerification(
    bool Valid, long Checked, long? BrokenAtSequence, Guid? BrokenEntry, string? Problem, string? LastHash,
    int CheckpointsChecked = 0, int RowsChecked = 0, int FindingCount = 0, IReadOnlyList<AuditFinding>? Findings = null,
    IReadOnlyList<AuditKeyUse>? Keys = null);

/// <summary>An audit key and the verified entries it signed: the key in use, or one retired (<c>Audit:RetiredKeys</c>).</summary>
/// <param name="KeyId">Names the key without revealing it (as <c>keyId</c> in the exported checkpoints).</param>
/// <param name="InUse">True for <c>Audit:Key</c>, false for a retired key.</param>
/// <param name="FirstSequence">The first verified entry it signed.</param>
/// <param name="LastSequence">The last verified entry it signed (keys take over in order: no other key signed in between).</param>
/// <param name="Entries">How many verified entries it signed.</param>
public sealed record AuditKeyUse(string KeyId, bool InUse, long FirstSequence, long LastSequence, long Entries);

public sealed partial class VerifyAuditHandler(PerformanceDbContext db, AccessScope scope, AuditKey key) : IRequestHandler<VerifyAudit, AuditVerification>
{
    private const int Page = 2000, MaxFindings = 200;

    private sealed record Break(long Sequence, Guid? Entry, string Problem, string? Organization);

    public async Task<AuditVerification> Handle(VerifyAudit request, CancellationToken ct)
    {
        var organization = scope.Organization;
        var given = Given(request.Body, organization);
        var stored = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(ct);
        var wanted = given.Select(c => c.Sequence).Concat(stored.Select(c => c.Sequence)).ToHashSet();

        // One pass over the chain, in pages so a long one is read in bounded memory: links and signatures, the entries the
        // checkpoints name, and the rows every entry recorded.
        var check = key.NewCheck();
        var state = new AuditState();
        var found = new Dictionary<long, (string Hash, string? Organization)>();
        var entryFindings = new List<(AuditFinding Finding, string? Organization)>();
        Break? broken = null;
        long head = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > head).OrderBy(a => a.Sequence).Take(Page).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var entry in batch)
            {
                if (broken is null && check.Add(entry) is { } problem) broken = new Break(entry.Sequence, entry.Id, problem, entry.Organization);
                if (wanted.Contains(entry.Sequence)) found[entry.Sequence] = (entry.Hash, entry.Organization);
                if (state.Replay(entry) is { } unreadable) entryFindings.Add((new AuditFinding("Chain", unreadable, entry.Sequence), entry.Organization));
            }
            head = batch[^1].Sequence;
        }
        var verified = check.Sequence;
        if (broken is null && check.Finish() is var (first, why))
        {
            var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == first).Select(a => new { a.Id, a.Organization }).SingleAsync(ct);
            (broken, verified) = (new Break(first, entry.Id, why, entry.Organization), first - 1);
        }

        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Id, p.Code, Organization = p.Organization.Code }).ToDictionaryAsync(p => p.Id, ct);
        string? OrganizationOf(Guid? plan) => plan is not { } id ? null : plans.GetValueOrDefault(id)?.Organization ?? state.PlanOrganizations.GetValueOrDefault(id);
        string? PlanKey(Guid? plan) => plan is { } id && plans.GetValueOrDefault(id) is { } p ? $"{p.Organization}:{p.Code}" : plan?.ToString();
        var (rows, rowFindings) = await state.CompareAsync(db, ct);

        var findings = new List<AuditFinding>();
        var mine = organization is null ? (Func<string?, bool>)(_ => true) : o => o == organization;
        if (broken is not null)
            findings.Add(organization is null || mine(broken.Organization)
                ? new AuditFinding("Chain", broken.Problem, broken.Sequence)
                : new AuditFinding("Chain", Say.It("la catena è interrotta nelle voci di un altro ente; un amministratore della piattaforma può vedere dove", "the chain is broken in another organization's entries; a platform administrator can see where")));
        findings.AddRange(entryFindings.Where(f => mine(f.Organization)).Select(f => f.Finding));
        findings.AddRange(given.Select(c => CheckpointProblem(c, found, head)).OfType<AuditFinding>());
        var storedProblems = stored.Select(c => StoredProblem(c, found, head)).OfType<AuditFinding>().ToList();
        if (organization is null) findings.AddRange(storedProblems);
        else if (storedProblems.Count > 0)
            findings.Add(new AuditFinding("Checkpoint", Say.It("il registro non corrisponde ai punti di controllo conservati con esso (voci rimosse o riscritte); un amministratore della piattaforma può vedere dove", "the trail does not match the checkpoints stored with it (entries removed or rewritten); a platform administrator can see where")));
        findings.AddRange(rowFindings.Where(r => mine(OrganizationOf(r.PlanId)))
            .Select(r => new AuditFinding("Row", r.Problem, r.Sequence, r.Table, r.Id, PlanKey(r.PlanId), r.Item)));

        var listed = findings.Take(MaxFindings).ToList();
        var valid = findings.Count == 0;
        if (organization is null)
        {
            var ids = key.RingIds;
            var keys = check.KeyUses.Select(u => new AuditKeyUse(ids[u.Key], u.Key == ids.Count - 1, u.First, u.Last, u.Entries)).ToList();
            return new AuditVerification(valid, verified, broken?.Sequence, broken?.Entry, listed.FirstOrDefault()?.Problem, check.Hash,
                given.Count + stored.Count, rows.Values.Sum(), findings.Count, listed, keys);
        }

        // The chain spans every organization; an organization's auditor learns whether it holds and about its own entries
        // and rows, never another organization's volume, hashes or ids.
        var own = await db.AuditEntries.AsNoTracking().Where(a => a.Organization == organization)
            .Where(a => broken == null || a.Sequence < broken.Sequence).CountAsync(ct);
        var brokenIsOwn = broken is not null && mine(broken.Organization);
        return new AuditVerification(valid, own, brokenIsOwn ? broken!.Sequence : null, brokenIsOwn ? broken!.Entry : null, listed.FirstOrDefault()?.Problem, null,
            given.Count, rows.Where(r => mine(OrganizationOf(r.Key))).Sum(r => r.Value), findings.Count, listed);
    }

    private static AuditFinding? CheckpointProblem(AuditCheckpointDocument c, Dictionary<long, (string Hash, string? Organization)> found, long head)
    {
        var when = Say.It($"il punto di controllo del {c.At:yyyy-MM-dd HH:mm:ss} UTC", $"the checkpoint of {c.At:yyyy-MM-dd HH:mm:ss} UTC");
        if (c.Sequence == 0) return null;
        if (!found.TryGetValue(c.Sequence, out var entry))
            return new AuditFinding("Checkpoint", head < c.Sequence
                ? Say.It($"{when} riporta la voce {c.Sequence}, ma il registro ora termina alla voce {head}: sono state rimosse voci dalla fine", $"{when} shows entry {c.Sequence}, but the trail now ends at entry {head}: entries were removed from its end")
                : Say.It($"{when} riporta la voce {c.Sequence}, che manca: sono state rimosse delle voci", $"{when} shows entry {c.Sequence}, which is missing: entries were removed"), c.Sequence);
        if (entry.Hash != c.Hash)
            return new AuditFinding("Checkpoint", Say.It($"la voce {c.Sequence} non è quella riportata da {when}: il registro è stato riscritto in quel punto o prima", $"entry {c.Sequence} is not the one {when} shows: the trail was rewritten at or before it"), c.Sequence);
        if (c.Organization is not null && entry.Organization != c.Organization)
            return new AuditFinding("Checkpoint", Say.It($"la voce {c.Sequence} non appartiene più a {c.Organization} come riporta {when}: il registro è stato riscritto", $"entry {c.Sequence} no longer belongs to {c.Organization} as {when} shows: the trail was rewritten"), c.Sequence);
        return null;
    }

    private AuditFinding? StoredProblem(AuditCheckpoint c, Dictionary<long, (string Hash, string? Organization)> found, long head) =>
        !key.SignedCheckpoint(null, c.Sequence, c.Hash, c.At, c.Signature)
            ? new AuditFinding("Checkpoint", Say.It($"il punto di controllo conservato alla voce {c.Sequence} non è firmato con la chiave di audit: è stato falsificato o alterato", $"the stored checkpoint at entry {c.Sequence} is not signed with the audit key: it was forged or altered"), c.Sequence)
            : CheckpointProblem(new AuditCheckpointDocument(c.Sequence, c.Hash, c.At, c.Signature), found, head);

    /// <summary>The checkpoints sent by the caller, each well formed and signed with this service's key (else a 400 naming it).</summary>
    private List<AuditCheckpointDocument> Given(VerifyAuditBody? body, string? organization)
    {
        var errors = new ValidationErrors();
        if (body?.Format is { } format && format != AuditCheckpointFile.FileFormat)
            errors.Add("format", Say.It($"'{format}' non è un file di punti di controllo di questo servizio ({AuditCheckpointFile.FileFormat}).", $"'{format}' is not a checkpoint file of this service ({AuditCheckpointFile.FileFormat})."));
        var all = new List<(AuditCheckpointDocument? Checkpoint, string Path)>();
        if (body?.Head is { } head) all.Add((head, "head"));
        for (var i = 0; i < (body?.Checkpoints?.Count ?? 0); i++) all.Add((body!.Checkpoints![i], $"checkpoints[{i}]"));
        var accepted = new List<AuditCheckpointDocument>();
        foreach (var (checkpoint, path) in all)
        {
            if (checkpoint is null) { errors.Add(path, Say.It("Un punto di controllo non può essere null.", "A checkpoint cannot be null.")); continue; }
            var before = errors.Count;
            if (checkpoint.Sequence < 0) errors.Add($"{path}.sequence", Say.It("Un numero di sequenza è 0 o maggiore.", "A sequence number is 0 or more."));
            if (checkpoint.Hash is null || !Hex64().IsMatch(checkpoint.Hash)) errors.Add($"{path}.hash", Say.It("Un hash è composto da 64 cifre esadecimali minuscole.", "A hash is 64 lowercase hexadecimal digits."));
            if (checkpoint.Signature is null || !Hex64().IsMatch(checkpoint.Signature)) errors.Add($"{path}.signature", Say.It("Una firma è composta da 64 cifre esadecimali minuscole.", "A signature is 64 lowercase hexadecimal digits."));
            if (errors.Count > before) continue;
            var at = checkpoint.At.Kind == DateTimeKind.Local ? checkpoint.At.ToUniversalTime() : checkpoint.At;
            if (!key.SignedCheckpoint(checkpoint.Organization, checkpoint.Sequence, checkpoint.Hash!, at, checkpoint.Signature))
                errors.Add($"{path}.signature", Say.It($"Non firmato con la chiave di audit di questo servizio (chiave {key.Id}) né con una delle sue chiavi ritirate: il punto di controllo è stato alterato, o proviene da un'altra installazione o chiave.", $"Not signed with this service's audit key (key {key.Id}) nor with one of its retired keys: the checkpoint was altered, or comes from another installation or key."));
            else if (organization is not null && checkpoint.Organization != organization)
                errors.Add($"{path}.organization", Say.It("Questo punto di controllo riguarda " + (checkpoint.Organization is null ? "l'intero registro" : "un altro ente") + ": l'identità di un ente verifica i punti di controllo del proprio ente.",
                                                   "This checkpoint covers " + (checkpoint.Organization is null ? "the whole trail" : "another organization") +
                                                   ": an organization's identity verifies its own organization's checkpoints."));
            else accepted.Add(checkpoint with { At = at });
        }
        errors.ThrowIfAny(Say.It($"{errors.Count} problemi nei punti di controllo inviati; non è stato verificato nulla.", $"{errors.Count} problem(s) with the checkpoints sent; nothing was verified."));
        return accepted;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex64();
}

public sealed class VerifyAuditEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/verify", (IMediator mediator, CancellationToken ct) => mediator.Send(new VerifyAudit(), ct))
            .WithName(nameof(VerifyAudit)).WithTags("Audit").RequireAuthorization(Policies.Audit)
            .WithSummary("Verify the audit trail: the signed hash chain, the stored checkpoints, and every consuntivo, target and weight against it")
            .Produces<AuditVerification>();
        app.MapPost("/api/audit/verify", (VerifyAuditBody? body, IMediator mediator, CancellationToken ct) => mediator.Send(new VerifyAudit(body), ct))
            .WithName("VerifyAuditWithCheckpoints").WithTags("Audit").RequireAuthorization(Policies.Audit)
            .WithSummary("Verify the audit trail against checkpoints exported earlier (GET /api/audit/checkpoints): entries removed from its end are found too")
            .Produces<AuditVerification>().ProducesValidationProblem();
    }
}
