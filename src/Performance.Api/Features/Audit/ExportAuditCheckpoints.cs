using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Audit;

namespace Performance.Api.Features.Audit;

/// <summary>
/// Signed checkpoints of the audit chain, as a file to keep somewhere the database's writers cannot reach: the head as it
/// is now, signed on the spot, and (for platform administrators) the checkpoints the service stored along the way. Sent
/// back to <c>POST /api/audit/verify</c>, they reveal entries removed from the end of the chain, or a chain rewritten.
/// An organization's identity gets its own organization's last entry (its sequence number and hash are already in its
/// part of the trail), never the whole chain's head.
/// </summary>
public sealed record ExportAuditCheckpoints(int? Take) : IRequest<AuditCheckpointFile>;

/// <summary>"The chain (or <paramref name="Organization"/>'s part of it) had entry <paramref name="Sequence"/> with <paramref name="Hash"/> at <paramref name="At"/>", signed.</summary>
/// <param name="Sequence">The sequence number of the entry it names (0, with the genesis hash, when there is no entry yet).</param>
/// <param name="Hash">That entry's hash, 64 lowercase hex digits (64 zeros for sequence 0).</param>
/// <param name="At">When the checkpoint was made (UTC): for an exported head, the moment of the export.</param>
/// <param name="Signature">HMAC-SHA256 under the audit key of the organization, sequence, hash and time, 64 lowercase hex digits: only this service can make it.</param>
/// <param name="Organization">The organization whose part of the trail it covers (an export by an organization's identity); null for the whole chain.</param>
public sealed record AuditCheckpointDocument(long Sequence, string Hash, DateTime At, string Signature, string? Organization = null);

/// <summary>
/// The file <c>GET /api/audit/checkpoints</c> answers: keep it where the database's writers cannot reach, and send it back
/// as it is to <c>POST /api/audit/verify</c>.
/// </summary>
/// <param name="Format">Always <c>performance-audit-checkpoints/1</c>.</param>
/// <param name="ExportedAt">When the file was exported (UTC).</param>
/// <param name="KeyId">Names the audit key that signed the checkpoints (not the key).</param>
/// <param name="Head">The chain's head now, signed on the spot; for an organization's identity, its organization's last entry.</param>
/// <param name="Checkpoints">The checkpoints the service stored, newest first (at most <c>take</c>: default 100, up to 10000); empty for an organization's identity.</param>
public sealed record AuditCheckpointFile(string Format, DateTime ExportedAt, string KeyId, AuditCheckpointDocument Head, IReadOnlyList<AuditCheckpointDocument> Checkpoints)
{
    public const string FileFormat = "performance-audit-checkpoints/1";
}

public sealed class ExportAuditCheckpointsHandler(PerformanceDbContext db, AccessScope scope, AuditKey key, TimeProvider time)
    : IRequestHandler<ExportAuditCheckpoints, AuditCheckpointFile>
{
    public async Task<AuditCheckpointFile> Handle(ExportAuditCheckpoints request, CancellationToken ct)
    {
        var now = time.UtcNow();
        var organization = scope.Organization;
        var entries = db.AuditEntries.AsNoTracking();
        if (organization is not null) entries = entries.Where(a => a.Organization == organization);
        var last = await entries.OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var (sequence, hash) = (last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        var head = new AuditCheckpointDocument(sequence, hash, now, key.SignCheckpoint(organization, sequence, hash, now), organization);

        IReadOnlyList<AuditCheckpointDocument> stored = [];
        if (organization is null)
            stored = (await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).Take(Math.Clamp(request.Take ?? 100, 0, 10_000)).ToListAsync(ct))
                .Select(c => new AuditCheckpointDocument(c.Sequence, c.Hash, c.At, c.Signature)).ToList();
        return new AuditCheckpointFile(AuditCheckpointFile.FileFormat, now, key.Id, head, stored);
    }
}

public sealed class ExportAuditCheckpointsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/checkpoints", (int? take, IMediator mediator, CancellationToken ct) => mediator.Send(new ExportAuditCheckpoints(take), ct))
            .WithName(nameof(ExportAuditCheckpoints)).WithTags("Audit").RequireAuthorization(Policies.Audit)
            .WithSummary("Signed checkpoints of the audit chain (the head now, and the stored ones): keep the file elsewhere and send it to POST /api/audit/verify")
            .Produces<AuditCheckpointFile>();
}
