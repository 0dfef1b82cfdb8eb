using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Evidence;

/// <summary>
/// Removes an attachment while it is not yet part of the record: a consuntivo's only while the figure is a draft or returned
/// (not under review, not validated, not superseded); an indicator's or node's only if no year of the plan was validated
/// since it was uploaded; never one cited by a forzatura. A referente removes only what it uploaded.
/// </summary>
public sealed record DeleteAttachment(Guid Id) : IRequest<AttachmentResponse>;

public sealed class DeleteAttachmentHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, AttachmentStorage storage, TimeProvider time)
    : IRequestHandler<DeleteAttachment, AttachmentResponse>
{
    public async Task<AttachmentResponse> Handle(DeleteAttachment request, CancellationToken ct)
    {
        var planId = (await EvidenceTargets.AttachmentAsync(db, request.Id, ct)).Attachment.PlanId;
        // Checked and removed under the plan's lock, read after it: never beside a submission, validation or citation.
        await using var transaction = await db.BeginPlanWriteAsync(planId, ct);
        var (attachment, target) = await EvidenceTargets.AttachmentAsync(db, request.Id, ct);
        await EvidenceTargets.CheckScopeAsync(db, target, time, ct);
        if (scope.IsReferente && attachment.UploadedBy != scope.Actor)
            throw new ForbiddenException(Say.It($"'{attachment.FileName}' è stato caricato da {attachment.UploadedBy}: un referente rimuove solo i propri allegati.", $"'{attachment.FileName}' was uploaded by {attachment.UploadedBy}: a referente removes only its own attachments."));
        if (await RefusalAsync(attachment, target, ct) is { } refusal) throw new ConflictException(refusal, ConflictCodes.WorkflowState);

        var response = (await EvidenceQueries.ProjectAsync(db, [attachment], ct))[0];
        db.Set<Attachment>().Remove(attachment);
        audit.Record("AttachmentDeleted", "Attachment", attachment.Id, target.Describe(), target.Plan.Id,
            target.Plan.Organization.Code, before: response, indicatorId: target.Indicator?.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await storage.Of(attachment).ForgetAsync(attachment.Id, ct);
        return response;
    }

    private async Task<string?> RefusalAsync(Attachment attachment, EvidenceTarget target, CancellationToken ct)
    {
        if (await db.Set<ForzaturaEvidence>().AnyAsync(e => e.AttachmentId == attachment.Id, ct))
            return Say.It($"'{attachment.FileName}' è citato come evidenza di una forzatura: resta agli atti.", $"'{attachment.FileName}' is cited as evidence of a forzatura: it stays on record.");
        if (target.Actual is { } actual)
            return actual.Status == ActualStatus.Submitted
                ? Say.It($"Il consuntivo {target.Describe()} è stato inviato: le sue evidenze non possono cambiare durante l'esame dell'OIV.", $"Consuntivo {target.Describe()} is submitted: its evidence cannot change while the OIV reviews it.")
                : await EvidenceTargets.FrozenAsync(db, target, ct);
        var validated = await db.YearValidations.AsNoTracking().Where(v => v.PlanId == attachment.PlanId && v.ValidatedAt >= attachment.UploadedAt)
            .OrderBy(v => v.Year).Select(v => (int?)v.Year).FirstOrDefaultAsync(ct);
        return validated is { } year ? Say.It($"'{attachment.FileName}' era agli atti quando l'OIV ha validato il {year}: resta com'era.", $"'{attachment.FileName}' was on record when the OIV validated {year}: it stays as it was.") : null;
    }
}

public sealed class DeleteAttachmentEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/attachments/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteAttachment(id), ct);
                return Results.NoContent();
            })
            .WithName(nameof(DeleteAttachment)).WithTags("Evidence").RequireAuthorization(Policies.RecordActuals)
            .WithSummary("Remove an attachment while the figure it supports is a draft or returned (never once validated or cited)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
