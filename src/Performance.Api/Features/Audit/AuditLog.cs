using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Audit;

/// <summary>The audit trail, filterable by plan, indicator, user and time, newest first; only the caller's organization.</summary>
public sealed record ListAudit(string? Plan, string? Indicator, string? User, DateTime? From, DateTime? To, int? Skip, int? Take)
    : IRequest<AuditPage>;

public sealed record AuditEntryResponse(
    long Sequence, DateTime At, string Actor, string Role, string? Organization, Guid? PlanId, Guid? IndicatorId, string EntityType,
    Guid? EntityId, string? EntityCode, string Action, string? Before, string? After, string? Reason, string PreviousHash, string Hash, string Signature);

public sealed record AuditPage(int Total, int Skip, int Take, IReadOnlyList<AuditEntryResponse> Entries);

public sealed class AuditHandler(PerformanceDbContext db, AccessScope scope) : IRequestHandler<ListAudit, AuditPage>
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
            a.IndicatorId, a.EntityType, a.EntityId, a.EntityCode, a.Action, a.Before, a.After, a.Reason, a.PreviousHash, a.Hash, a.Signature)).ToList());
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
    }
}
