using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;

namespace Performance.Api.Features.Evidence;

/// <summary>The attachments of a consuntivo revision, an indicator or a node, oldest first (metadata only, never the bytes).</summary>
public sealed record ListAttachments(EvidenceOn On) : IRequest<IReadOnlyList<AttachmentResponse>>;

public sealed class ListAttachmentsHandler(PerformanceDbContext db, TimeProvider time) : IRequestHandler<ListAttachments, IReadOnlyList<AttachmentResponse>>
{
    public async Task<IReadOnlyList<AttachmentResponse>> Handle(ListAttachments request, CancellationToken ct)
    {
        var target = await EvidenceTargets.FindAsync(db, request.On, ct);
        await EvidenceTargets.CheckScopeAsync(db, target, time, ct);
        var attachments = db.Set<Attachment>().AsNoTracking().Where(a => a.PlanId == target.Plan.Id && a.Owner == target.Owner);
        attachments = target.Owner switch
        {
            AttachmentOwner.Actual => attachments.Where(a => a.ActualId == target.Actual!.Id),
            AttachmentOwner.Indicator => attachments.Where(a => a.IndicatorId == target.Indicator!.Id),
            _ => attachments.Where(a => a.NodeId == target.Node!.Id),
        };
        return await EvidenceQueries.ProjectAsync(db, await attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct), ct);
    }
}

public sealed class ListAttachmentsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Describe(app.MapGet("/api/actuals/{actual:guid}/attachments", (Guid actual, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListAttachments(EvidenceOn.Actual(actual)), ct)), "ListActualAttachments", "The fonti and evidenze of a consuntivo");
        Describe(app.MapGet("/api/indicators/{indicator}/attachments", (string indicator, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListAttachments(EvidenceOn.Indicator(indicator)), ct)), "ListIndicatorAttachments", "The documents attached to an indicator");
        Describe(app.MapGet("/api/plans/{plan}/nodes/{node}/attachments", (string plan, string node, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListAttachments(EvidenceOn.NodeOf(plan, node)), ct)), "ListNodeAttachments", "The documents attached to a node");
    }

    private static void Describe(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithTags("Evidence").WithSummary(summary).RequireAuthorization(Policies.ReadPlans)
            .Produces<IReadOnlyList<AttachmentResponse>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<AttachmentResponse>(a => a.Id.ToString());
}
