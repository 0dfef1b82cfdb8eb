using MediatR;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Infrastructure.Files;
using Performance.Domain.Language;

namespace Performance.Api.Features.Plans;

/// <summary>
/// A plan from an XLSX workbook: converted to the plan document and sent as <see cref="ImportPlan"/>, so validation,
/// atomicity and 409s are those of the JSON import; every error comes back as sheet, row, column and cell.
/// </summary>
public sealed record ImportPlanWorkbook(Stream File, bool Replace) : IRequest<ImportPlanResult>;

public sealed class ImportPlanWorkbookHandler(IMediator mediator, IOptions<UploadOptions> uploads, TimeProvider time)
    : IRequestHandler<ImportPlanWorkbook, ImportPlanResult>
{
    public async Task<ImportPlanResult> Handle(ImportPlanWorkbook request, CancellationToken ct)
    {
        if (OfficeReader.Sniff(request.File) != OfficeFormat.Xlsx)
            throw OfficeReader.Bad(Say.It("Un piano si importa da una cartella di lavoro XLSX (modello: GET /api/plans/template.xlsx); un CSV non può contenerne i fogli.", "A plan is imported from an XLSX workbook (template: GET /api/plans/template.xlsx); CSV cannot hold its sheets."));
        using var workbook = OfficeReader.OpenXlsx(request.File, new FileBudget(uploads.Value, time));
        var read = PlanWorkbookReader.Read(workbook);
        // Errors of the document come back placed in the workbook: sheet, row, column, cell.
        return await mediator.Send(new ImportPlan(read.Document, request.Replace, read.Source), ct);
    }
}

public sealed class ImportPlanWorkbookEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/import/xlsx", async (bool? replace, HttpRequest http, IOptions<UploadOptions> uploads, IMediator mediator, CancellationToken ct) =>
            {
                var (stream, _) = await UploadBody.OpenAsync(http, uploads.Value, ct);
                ImportPlanResult result;
                await using (stream) result = await mediator.Send(new ImportPlanWorkbook(stream, replace ?? false), ct);
                return Results.Created($"/api/plans/{result.Id}", result);
            })
            .WithName(nameof(ImportPlanWorkbook)).RequireAuthorization(Policies.EditPlans).WithTags("Office")
            .WithSummary("Import a plan from an XLSX workbook (multipart or raw body): same validation and atomicity as the JSON import, errors by cell")
            .Accepts<IFormFile>("multipart/form-data", OfficeFiles.XlsxType)
            .Produces<ImportPlanResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .DisableAntiforgery();
}
