using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Evidence;

/// <summary>
/// An attachment's metadata, or its bytes as a download: always <c>Content-Disposition: attachment</c> (RFC 5987
/// <c>filename*</c>), the sniffed type (HTML, SVG and XHTML as plain bytes, never rendered), <c>nosniff</c>, a sandboxing CSP
/// and the SHA-256 in <c>Repr-Digest</c> and the ETag.
/// </summary>
public sealed record GetAttachment(Guid Id, bool Content) : IRequest<AttachmentDownload>;

public sealed record AttachmentDownload(AttachmentResponse Metadata, Stream? Content);

public sealed class GetAttachmentHandler(PerformanceDbContext db, AttachmentStorage storage, TimeProvider time) : IRequestHandler<GetAttachment, AttachmentDownload>
{
    public async Task<AttachmentDownload> Handle(GetAttachment request, CancellationToken ct)
    {
        var (attachment, target) = await EvidenceTargets.AttachmentAsync(db, request.Id, ct);
        await EvidenceTargets.CheckScopeAsync(db, target, time, ct);
        var metadata = (await EvidenceQueries.ProjectAsync(db, [attachment], ct))[0];
        if (!request.Content) return new AttachmentDownload(metadata, null);
        // Bytes missing from the storage that recorded them are a fault of the deployment, not of the request.
        var content = await storage.Of(attachment).OpenReadAsync(attachment.Id, ct)
                      ?? throw new InvalidOperationException($"The bytes of attachment {attachment.Id} are missing from its {attachment.Storage} storage.");
        return new AttachmentDownload(metadata, content);
    }
}

public sealed class GetAttachmentEndpoint : IEndpoint
{
    /// <summary>Nothing in a download may run or load anything, even if a browser were talked into rendering it.</summary>
    public const string DownloadPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/attachments/{id:guid}", async (Guid id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                var (metadata, content) = await mediator.Send(new GetAttachment(id, true), ct);
                response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(metadata.Sha256))}:";
                var served = ContentSniffer.IsActive(metadata.ContentType) ? ContentSniffer.Binary : metadata.ContentType;
                return Results.File(content!, served, metadata.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{metadata.Sha256}\""));
            })
            .WithName("DownloadAttachment").WithTags("Evidence").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("Download an attachment (always as an attachment, with its sniffed type)")
            .WithMetadata(new ContentSecurityPolicyMetadata(DownloadPolicy))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/attachments/{id:guid}/metadata", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetAttachment(id, false), ct)).Metadata)
            .WithName("GetAttachmentMetadata").WithTags("Evidence").RequireAuthorization(Policies.ReadPlans)
            .WithSummary("An attachment's metadata: what it supports, name, sniffed type, size, SHA-256, who uploaded it and when")
            .Produces<AttachmentResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
