using MediatR;
using Performance.Api.Features.Plans;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.PlanModel;
using Performance.Api.Infrastructure.Files;

namespace Performance.Api.Features.Plans;

/// <summary>A stored plan as a plan workbook: the JSON export (<see cref="ExportPlan"/>) laid out in sheets, so both agree.</summary>
public sealed record ExportPlanWorkbook(string Plan) : IRequest<IResult>;

/// <summary>The empty plan workbook: headers, target and volume columns for three years from the current one, instructions.</summary>
public sealed record GetPlanWorkbookTemplate : IRequest<IResult>;

public sealed class ExportPlanWorkbookHandler(IMediator mediator, TimeProvider time)
    : IRequestHandler<ExportPlanWorkbook, IResult>, IRequestHandler<GetPlanWorkbookTemplate, IResult>
{
    public async Task<IResult> Handle(ExportPlanWorkbook request, CancellationToken ct)
    {
        var document = await mediator.Send(new ExportPlan(request.Plan), ct);
        return Results.File(OfficeFiles.WriteXlsx(PlanWorkbook.Tables(document, [])), OfficeFiles.XlsxType, $"piano-{document.Code}.xlsx");
    }

    public Task<IResult> Handle(GetPlanWorkbookTemplate request, CancellationToken ct)
    {
        var year = time.GetUtcNow().Year;
        var empty = new PlanDocument(null, null, null, null, null, null, null, null, null, null, null, null);
        return Task.FromResult(Results.File(OfficeFiles.WriteXlsx(PlanWorkbook.Tables(empty, [year, year + 1, year + 2])), OfficeFiles.XlsxType,
            "piano-modello.xlsx"));
    }
}

public sealed class PlanWorkbookEndpoints : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/template.xlsx", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetPlanWorkbookTemplate(), ct))
            .WithName(nameof(GetPlanWorkbookTemplate)).RequireAuthorization(Policies.ReadPlans).WithTags("Office")
            .WithSummary("The plan workbook template: Piano, Albero, Indicatori, Strutture, Ambiti, LGG, Riprogrammazioni and instructions")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType);
        app.MapGet("/api/plans/{plan}/export.xlsx", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new ExportPlanWorkbook(plan), ct))
            .WithName(nameof(ExportPlanWorkbook)).RequireAuthorization(Policies.ReadPlans).WithTags("Office")
            .WithSummary("Export a plan as a plan workbook (imports back with POST /api/plans/import/xlsx)")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
