using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;

namespace Performance.Api.Features.Reports;

/// <summary>The documento di validazione of a year, byte for byte as produced when the OIV validated it (404 before).</summary>
public sealed record GetValidationDocument(string Plan, int Year) : IRequest<ValidationDocument>;

public sealed class GetValidationDocumentHandler(PerformanceDbContext db) : IRequestHandler<GetValidationDocument, ValidationDocument>
{
    public async Task<ValidationDocument> Handle(GetValidationDocument request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        return await db.Set<ValidationDocument>().AsNoTracking().Where(d => d.PlanId == plan.Id && d.Year == request.Year)
                   .OrderByDescending(d => d.CreatedAt).FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException(Say.It($"Documento di validazione '{plan.Code} {request.Year}' inesistente (l'OIV non ha validato l'anno).",
                   $"There is no validation document for '{plan.Code} {request.Year}' (the OIV has not validated the year)."));
    }
}

public sealed class GetValidationDocumentEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/years/{year:int}/validation-document", async (string plan, int year, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                var document = await mediator.Send(new GetValidationDocument(plan, year), ct);
                response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256))}:";
                response.Headers.ETag = $"\"{document.Sha256}\"";
                return Results.Bytes(document.Content, "text/html; charset=utf-8");
            })
            .WithName(nameof(GetValidationDocument)).RequireAuthorization(Policies.ReadScores).WithTags("Office")
            .WithSummary("The documento di validazione della Relazione sulla Performance, as stored when the OIV validated the year")
            .WithMetadata(new ContentSecurityPolicyMetadata(RelazioneStyle.Policy))
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status404NotFound);
}
