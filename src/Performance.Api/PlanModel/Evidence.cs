using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Scoring;

namespace Performance.Api.PlanModel;

/// <summary>An attachment as every answer shows it: what it supports, its sniffed type, size and SHA-256 (never its bytes).</summary>
/// <param name="Id">The attachment's id: <c>GET /api/attachments/{id}</c> downloads the file.</param>
/// <param name="Owner">What it is attached to: one revision of a consuntivo, an indicator or a node.</param>
/// <param name="Actual">The id of the consuntivo revision it supports (Owner Actual); null otherwise.</param>
/// <param name="Indicator">The indicator's code in the plan: the one it is attached to (Owner Indicator) or the consuntivo's (Owner Actual); null for a node.</param>
/// <param name="Node">The node's code in the plan (Owner Node); null otherwise.</param>
/// <param name="FileName">The name the client gave, sanitized (no path, no control characters, at most 200 characters): a label only.</param>
/// <param name="ContentType">The media type sniffed from the bytes (e.g. <c>application/pdf</c>), never taken from the client.</param>
/// <param name="DeclaredContentType">The media type the client declared, kept for the record only (its first 200 characters: a media type is shorter); null when none was declared.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the bytes, 64 lowercase hex digits (also in the upload's audit entry and the download's ETag).</param>
/// <param name="Description">The optional description given at upload.</param>
/// <param name="UploadedAt">When it was uploaded (UTC).</param>
/// <param name="UploadedBy">Who uploaded it (the name the service records as the actor).</param>
public sealed record AttachmentResponse(
    Guid Id, AttachmentOwner Owner, Guid? Actual, string? Indicator, string? Node, string FileName, string ContentType,
    string? DeclaredContentType, long Size, string Sha256, string? Description, DateTime UploadedAt, string UploadedBy);

/// <summary>A consuntivo a score used (its id, period, revision), and the evidence attached to it (empty when it has none: the OIV sees that too).</summary>
/// <param name="Id">The id of the consuntivo revision the score used.</param>
/// <param name="Period">Its period (<c>Q3</c>, <c>M07</c>, <c>Y</c>, …).</param>
/// <param name="Revision">The revision the score used (1 = first entry; more = a correction).</param>
/// <param name="Structure">The structure's code for a structure's own figure; null for an indicator-wide figure.</param>
/// <param name="Attachments">The attachments on that revision, oldest first; empty when it has none.</param>
public sealed record ActualEvidence(Guid Id, string Period, int Revision, string? Structure, IReadOnlyList<AttachmentResponse> Attachments);

/// <summary>Attachments projected with the codes people use, and the evidence behind a score.</summary>
public static class EvidenceQueries
{
    public static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);

    /// <summary>Projects attachments of one plan, looking up the indicator and node codes they name in two queries.</summary>
    public static async Task<List<AttachmentResponse>> ProjectAsync(PerformanceDbContext db, IReadOnlyCollection<Attachment> attachments, CancellationToken ct)
    {
        var indicatorIds = attachments.Where(a => a.IndicatorId is not null).Select(a => a.IndicatorId!.Value).Distinct().ToList();
        var nodeIds = attachments.Where(a => a.NodeId is not null).Select(a => a.NodeId!.Value).Distinct().ToList();
        var indicators = indicatorIds.Count == 0 ? [] : await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code, ct);
        var nodes = nodeIds.Count == 0 ? [] : await db.Nodes.AsNoTracking().Where(n => nodeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Code, ct);
        return attachments.Select(a => new AttachmentResponse(a.Id, a.Owner, a.ActualId,
            a.IndicatorId is { } i ? indicators[i] : null, a.NodeId is { } n ? nodes[n] : null, a.FileName, a.ContentType, a.DeclaredContentType,
            a.Size, a.Sha256, a.Description, Utc(a.UploadedAt), a.UploadedBy)).ToList();
    }

    /// <summary>
    /// The consuntivi an indicator's explained score used (period and revision of the scope scoring chose: a structure's own
    /// figures when it has any known by the as-of date, else the indicator-wide ones, as <see cref="PlanScoring"/> does),
    /// each with its attachments.
    /// </summary>
    public static async Task<List<ActualEvidence>> OfScoreAsync(PerformanceDbContext db, PlanScoring scoring, Guid indicatorId, Explanation explanation, CancellationToken ct)
    {
        if (explanation.ActualsUsed.Count == 0) return [];
        var asOf = scoring.Query.AsOf;
        var own = scoring.StructureId is { } s && scoring.Tree.ActualsOf[indicatorId].Any(a => a.StructureId == s && (asOf is null || a.ReportedOn <= asOf));
        var scope = own ? scoring.StructureId!.Value : Guid.Empty;
        var used = explanation.ActualsUsed.Select(a => (a.Period, a.Revision)).ToHashSet();
        var periods = used.Select(u => u.Period).Distinct().ToList();
        var actuals = (await db.Actuals.AsNoTracking()
                .Where(a => a.IndicatorId == indicatorId && a.Year == scoring.Year && a.ScopeId == scope && periods.Contains(a.Period))
                .Select(a => new { a.Id, a.Period, a.Revision, a.StructureId }).ToListAsync(ct))
            .Where(a => used.Contains((a.Period, a.Revision))).ToList();
        var ids = actuals.Select(a => (Guid?)a.Id).ToList();
        var attachments = await db.Set<Attachment>().AsNoTracking().Where(a => ids.Contains(a.ActualId)).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        var projected = (await ProjectAsync(db, attachments, ct)).ToLookup(a => a.Actual);
        var order = explanation.ActualsUsed.Select((a, k) => (a.Period, k)).GroupBy(x => x.Period).ToDictionary(g => g.Key, g => g.First().k);
        return actuals.OrderBy(a => order[a.Period])
            .Select(a => new ActualEvidence(a.Id, a.Period, a.Revision, a.StructureId is { } st ? scoring.Tree.StructureCodes[st] : null, projected[a.Id].ToList()))
            .ToList();
    }
}
