using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Audit;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Audit;

/// <summary>The audit trail, filterable by plan, indicator, user and time, newest first; only the caller's organization.</summary>
public sealed record ListAudit(string? Plan, string? Indicator, string? User, DateTime? From, DateTime? To, int? Skip, int? Take)
    : IRequest<AuditPage>;

public sealed record AuditEntryResponse(
    long Sequence, DateTime At, string Actor, string Role, string? Organization, Guid? PlanId, Guid? IndicatorId, string EntityType,
    Guid? EntityId, string? EntityCode, string Action, string? Before, string? After, string? Reason, string PreviousHash, string Hash);

public sealed record AuditPage(int Total, int Skip, int Take, IReadOnlyList<AuditEntryResponse> Entries);

/// <summary>Re-computes the whole hash chain: any altered, deleted or inserted row breaks it.</summary>
public sealed record VerifyAudit : IRequest<AuditVerification>;

/// <summary>Checked counts the entries verified (for an organization's auditor: its own); LastHash is the chain's head, for platform administrators.</summary>
public sealed record AuditVerification(bool Valid, long Checked, long? BrokenAtSequence, Guid? BrokenEntry, string? Problem, string? LastHash);

public sealed class AuditHandler(PerformanceDbContext db, AccessScope scope) : IRequestHandler<ListAudit, AuditPage>, IRequestHandler<VerifyAudit, AuditVerification>
{
    public async Task<AuditPage> Handle(ListAudit request, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (scope.Organization is { } org) query = query.Where(a => a.Organization == org);
        if (request.Plan is not null) { var plan = await db.FindPlanAsync(request.Plan, ct); query = query.Where(a => a.PlanId == plan.Id); }
        if (request.Indicator is not null) { var indicator = await db.FindIndicatorAsync(request.Indicator, ct, tracking: false); query = query.Where(a => a.IndicatorId == indicator.Id); }
        if (request.User is not null) query = query.Where(a => a.Actor == request.User);
        if (request.From is { } from) query = query.Where(a => a.At >= from.ToUniversalTime());
        if (request.To is { } to) query = query.Where(a => a.At <= to.ToUniversalTime());
        var (skip, take) = (Math.Max(0, request.Skip ?? 0), Math.Clamp(request.Take ?? 100, 1, 1000));
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(a => a.Sequence).Skip(skip).Take(take).ToListAsync(ct);
        return new AuditPage(total, skip, take, entries.Select(a => new AuditEntryResponse(a.Sequence, a.At, a.Actor, a.Role, a.Organization, a.PlanId,
            a.IndicatorId, a.EntityType, a.EntityId, a.EntityCode, a.Action, a.Before, a.After, a.Reason, a.PreviousHash, a.Hash)).ToList());
    }

    public async Task<AuditVerification> Handle(VerifyAudit request, CancellationToken ct)
    {
        var result = await VerifyChainAsync(ct);
        if (scope.Organization is not { } org) return result;

        // The chain spans every organization; an organization's auditor learns whether it holds and about its own
        // entries, never another organization's volume, hashes or ids.
        var own = await db.AuditEntries.AsNoTracking().Where(a => a.Organization == org)
            .Where(a => result.BrokenAtSequence == null || a.Sequence < result.BrokenAtSequence).CountAsync(ct);
        var brokenIsOwn = result.BrokenEntry is { } id && await db.AuditEntries.AnyAsync(a => a.Id == id && a.Organization == org, ct);
        return result.Valid
            ? new AuditVerification(true, own, null, null, null, null)
            : brokenIsOwn
                ? result with { Checked = own, LastHash = null }
                : new AuditVerification(false, own, null, null, "the chain is broken in another organization's entries; a platform administrator can see where", null);
    }

    private async Task<AuditVerification> VerifyChainAsync(CancellationToken ct)
    {
        // In pages, so a long chain is checked in bounded memory.
        const int page = 2000;
        var (previousHash, previousSequence, lastSeen) = (AuditChain.Genesis, 0L, 0L);
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > lastSeen).OrderBy(a => a.Sequence).Take(page).ToListAsync(ct);
            if (batch.Count == 0) return new AuditVerification(true, previousSequence, null, null, null, previousHash);
            if (AuditChain.FindBreak(batch, ref previousHash, ref previousSequence) is var (entry, problem))
                return new AuditVerification(false, previousSequence, entry.Sequence, entry.Id, problem, previousHash);
            lastSeen = batch[^1].Sequence;
        }
    }
}

public sealed class AuditEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", (string? plan, string? indicator, string? user, DateTime? from, DateTime? to, int? skip, int? take, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAudit(plan, indicator, user, from, to, skip, take), ct))
            .WithName(nameof(ListAudit)).WithTags("Audit").RequireAuthorization(Policies.Audit)
            .WithSummary("The audit trail (who, when, before/after, why), filterable by plan, indicator, user and time")
            .Produces<AuditPage>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/audit/verify", (IMediator mediator, CancellationToken ct) => mediator.Send(new VerifyAudit(), ct))
            .WithName(nameof(VerifyAudit)).WithTags("Audit").RequireAuthorization(Policies.Audit)
            .WithSummary("Verify the hash chain of the audit trail; reports the first broken link")
            .Produces<AuditVerification>();
    }
}
