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
public sealed record AuditCheckpointDocument(long Sequence, string Hash, DateTime At, string Signature, string? Organization = null);

/// <param name="Format">Always <see cref="FileFormat"/>.</param>
/// <param name="KeyId">Names the audit key that signed the checkpoints (not the key).</param>
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
