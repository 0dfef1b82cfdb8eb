using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;
using Performance.Api.Infrastructure.Files;

namespace Performance.Api.Features.Actuals;

/// <summary>The consuntivi template of a plan: one row per indicator × period of its frequency, for a year (or every plan year).</summary>
public sealed record GetActualsTemplate(string Plan, int? Year, OfficeFormat Format) : IRequest<IResult>;

public sealed class GetActualsTemplateHandler(PerformanceDbContext db) : IRequestHandler<GetActualsTemplate, IResult>
{
    public async Task<IResult> Handle(GetActualsTemplate request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        if (request.Year is { } y && !plan.CoversYear(y))
            throw RequestValidationException.For("year", Say.It($"L'anno {y} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {y} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        var years = request.Year is { } year ? [year] : Enumerable.Range(plan.StartYear, plan.EndYear - plan.StartYear + 1).ToArray();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).Where(i => i.PlanId == plan.Id)
            .OrderBy(i => i.SortOrder).ToListAsync(ct);

        var rows = (from indicator in indicators
                    from y2 in years
                    from period in Periods(indicator.Frequency)
                    select new object?[]
                    {
                        indicator.Code, indicator.Name, indicator.Unit is { } unit ? OfficeText.Label(unit) : null, indicator.Targets.FirstOrDefault(t => t.Year == y2)?.Text,
                        y2, period,
                    }).ToList();
        var headers = ActualsColumns.All.Select(c => c.Header).ToList();
        var name = $"consuntivi-{plan.Code}{(request.Year is { } only ? "-" + only : "")}";
        var tables = new List<OfficeTable> { new("Consuntivi", headers, rows) };
        if (request.Format == OfficeFormat.Xlsx) tables.Add(Instructions());
        return OfficeFiles.Result(request.Format, name, tables);
    }

    private static IEnumerable<string> Periods(Frequency frequency)
    {
        var (kind, count) = frequency switch
        {
            Frequency.Monthly => (PeriodKind.Month, 12),
            Frequency.Quarterly => (PeriodKind.Quarter, 4),
            Frequency.FourMonthly => (PeriodKind.FourMonth, 3),
            Frequency.Semiannual => (PeriodKind.Semester, 2),
            _ => (PeriodKind.Year, 1),
        };
        return Enumerable.Range(1, count).Select(i => new Period(kind, i).Code);
    }

    private static OfficeTable Instructions() => new("Istruzioni", ["Colonna", "Come compilarla"],
    [
        ["Codice, Anno, Periodo", "Identificano il consuntivo: non modificarli (Periodo: Y anno, S1-S2, T1-T3, Q1-Q4, M01-M12)."],
        ["Indicatore, Unità, Target", "Solo di riferimento: ignorati al caricamento."],
        ["Struttura", "Codice della struttura, solo per indicatori rendicontati per struttura; altrimenti vuoto."],
        ["Valore", "Il consuntivo: 1.234,56 oppure 1234.56 (o una cella numerica)."],
        ["Numeratore, Denominatore", "Per i tassi, in alternativa al Valore: entrambi."],
        ["Fatto, Completamento %", "Per i target a traguardo: sì/no, oppure la percentuale di completamento 0-100."],
        ["Completato il", "Data di realizzazione del traguardo (gg/mm/aaaa)."],
        ["Nota, Giustificazione", "Testo libero; la giustificazione è richiesta quando il target non è raggiunto e il piano lo prevede."],
        ["Comunicato il", "Data in cui il consuntivo è stato comunicato (gg/mm/aaaa); vuota = oggi. Una data passata solo per il caricamento dello storico, dal controllo di gestione."],
        ["Righe vuote", "Le righe senza Valore, Numeratore, Denominatore, Fatto, Completamento, data, Nota o Giustificazione sono ignorate."],
    ]);
}

public sealed class GetActualsTemplateEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{plan}/actuals/template", (string plan, int? year, string? format, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetActualsTemplate(plan, year, OfficeEndpoints.Format(format)), ct))
            .WithName(nameof(GetActualsTemplate)).RequireAuthorization(Policies.ReadPlans).WithTags("Office")
            .WithSummary("Consuntivi template (format=csv|xlsx): one row per indicator × period, with code, name, unit and target")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType, OfficeFiles.CsvType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
