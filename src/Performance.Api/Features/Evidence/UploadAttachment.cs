using System.Security.Cryptography;
using MediatR;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Files;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;

namespace Performance.Api.Features.Evidence;

/// <summary>
/// Attaches a file (fonte, evidenza) to a consuntivo, an indicator or a node. The type is sniffed from the bytes, the name
/// sanitized, the SHA-256 recorded in the audit entry; the bytes go to the configured storage under the attachment's id.
/// A consuntivo's evidence is closed once the figure is validated (and on superseded revisions).
/// </summary>
public sealed record UploadAttachment(EvidenceOn On, UploadedFile File) : IRequest<AttachmentResponse>;

public sealed class UploadAttachmentHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, AttachmentStorage storage, TimeProvider time)
    : IRequestHandler<UploadAttachment, AttachmentResponse>
{
    public async Task<AttachmentResponse> Handle(UploadAttachment request, CancellationToken ct)
    {
        var planId = (await EvidenceTargets.FindAsync(db, request.On, ct)).Plan.Id;
        // Checked and stored under the plan's lock, read after it: evidence never lands on a figure validated meanwhile.
        await using var transaction = await db.BeginPlanWriteAsync(planId, ct);
        var target = await EvidenceTargets.FindAsync(db, request.On, ct);
        await EvidenceTargets.CheckScopeAsync(db, target, time, ct);
        if (await EvidenceTargets.FrozenAsync(db, target, ct) is { } frozen)
            throw new ConflictException(frozen, target.Actual?.Status == Domain.Plans.ActualStatus.Validated ? ConflictCodes.FigureValidated : ConflictCodes.RevisionSuperseded);

        var (bytes, store) = (request.File.Bytes, storage.ForNewFiles);
        var type = ContentSniffer.Sniff(bytes);
        var attachment = new Attachment
        {
            PlanId = target.Plan.Id, Owner = target.Owner, ActualId = target.Actual?.Id, IndicatorId = target.Indicator?.Id, NodeId = target.Node?.Id,
            FileName = FileNames.Sanitize(request.File.Name, type), ContentType = type,
            DeclaredContentType = request.File.DeclaredType is { Length: > 0 } declared ? declared[..Math.Min(declared.Length, 200)] : null,
            Size = bytes.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Storage = store.Kind.ToString(),
            Description = request.File.Description, UploadedAt = time.UtcNow(), UploadedBy = scope.Actor,
        };
        db.Set<Attachment>().Add(attachment);
        var response = (await EvidenceQueries.ProjectAsync(db, [attachment], ct))[0];
        audit.Record("AttachmentUploaded", "Attachment", attachment.Id, target.Describe(), target.Plan.Id,
            target.Plan.Organization.Code, after: response, indicatorId: target.Indicator?.Id);
        await store.WriteAsync(attachment.Id, bytes, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            // Nothing was recorded: a file already written to a directory must not outlive the failed save.
            await store.ForgetAsync(attachment.Id, CancellationToken.None);
            throw;
        }
        return response;
    }
}

public sealed class UploadAttachmentEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Describe(app.MapPost("/api/actuals/{actual:guid}/attachments", (Guid actual, string? name, string? description, HttpRequest http,
                IMediator mediator, IOptions<AttachmentOptions> options, CancellationToken ct) =>
                UploadAsync(EvidenceOn.Actual(actual), name, description, http, mediator, options, ct)),
            "UploadActualAttachment", "Attach a fonte or evidenza to a consuntivo (multipart or raw body; closed once the figure is validated)");
        Describe(app.MapPost("/api/indicators/{indicator}/attachments", (string indicator, string? name, string? description, HttpRequest http,
                IMediator mediator, IOptions<AttachmentOptions> options, CancellationToken ct) =>
                UploadAsync(EvidenceOn.Indicator(indicator), name, description, http, mediator, options, ct)),
            "UploadIndicatorAttachment", "Attach a document to an indicator (multipart or raw body)");
        Describe(app.MapPost("/api/plans/{plan}/nodes/{node}/attachments", (string plan, string node, string? name, string? description, HttpRequest http,
                IMediator mediator, IOptions<AttachmentOptions> options, CancellationToken ct) =>
                UploadAsync(EvidenceOn.NodeOf(plan, node), name, description, http, mediator, options, ct)),
            "UploadNodeAttachment", "Attach a document to a node of the tree (multipart or raw body)");
    }

    private static async Task<IResult> UploadAsync(EvidenceOn on, string? name, string? description, HttpRequest http, IMediator mediator,
        IOptions<AttachmentOptions> options, CancellationToken ct)
    {
        var limits = http.HttpContext.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value;
        var file = await UploadedFiles.ReadAsync(http, options.Value.MaxBytes, limits, name, description, ct);
        var attachment = await mediator.Send(new UploadAttachment(on, file), ct);
        return Results.Created($"/api/attachments/{attachment.Id}", attachment);
    }

    private static void Describe(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithTags("Evidence").WithSummary(summary).RequireAuthorization(Policies.RecordActuals)
            .Accepts<IFormFile>("multipart/form-data", "application/octet-stream", "*/*")
            .Produces<AttachmentResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
}
