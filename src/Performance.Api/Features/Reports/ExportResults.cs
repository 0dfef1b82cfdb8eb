using Performance.Domain.Language;
using MediatR;
using Performance.Api.Features.Guidelines;
using Performance.Api.Features.PublicValue;
using Performance.Api.Features.Scores;
using Performance.Api.Features.Structures;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.PublicValue;
using Performance.Api.PlanModel;
using Performance.Api.Infrastructure.Files;

namespace Performance.Api.Features.Reports;

// Results as office files: each export sends the API's own query through MediatR and only renders its response,
// so a file never disagrees with the JSON it stands for.

public sealed record ExportScorecard(string Plan, ScoreQuery Query, OfficeFormat Format) : IRequest<IResult>;

public sealed record ExportRanking(string Plan, ScoreQuery Query, StructureKind? Kind, OfficeFormat Format) : IRequest<IResult>;

public sealed record ExportPublicValue(string Plan, ScoreQuery Query, OfficeFormat Format) : IRequest<IResult>;

public sealed record ExportGuidelines(string Plan, ScoreQuery Query, OfficeFormat Format) : IRequest<IResult>;

public static class ResultTables
{
    public static readonly string[] ScorecardHeaders =
    [
        "Livello", "Tipo", "Codice", "Obiettivo / Indicatore", "Struttura", "Peso", "Target", "Consuntivo", "Scostamento %",
        "Grado di raggiungimento %", "Punteggio", "Stato", "Giustificazione", "Nota",
    ];

    /// <summary>The tree depth first: each node, then its indicators, then its children.</summary>
    public static IEnumerable<object?[]> ScorecardRows(ScorecardResponse scorecard, IReadOnlyDictionary<string, ActualNotes.Notes> notes)
    {
        IEnumerable<object?[]> Node(ScorecardNode n, int level)
        {
            yield return [level, OfficeText.Label(n.Kind), n.Code, n.Title, n.Structure, n.Weight, null, null, null, null, n.Score, OfficeText.Label(n.Status), null, null];
            foreach (var i in n.Indicators)
            {
                var note = notes.GetValueOrDefault(i.Code);
                yield return
                [
                    level + 1, "Indicatore", i.Code, i.Name, null, i.Weight, i.Target, i.Actual, i.Deviation?.Relative, i.Achievement, i.Score,
                    OfficeText.Label(i.Status), note?.Justification, note?.Note,
                ];
            }
            foreach (var row in n.Children.SelectMany(c => Node(c, level + 1))) yield return row;
        }
        return scorecard.Nodes.SelectMany(n => Node(n, 1));
    }
}

public sealed class ExportScorecardHandler(IMediator mediator, PerformanceDbContext db) : IRequestHandler<ExportScorecard, IResult>
{
    public async Task<IResult> Handle(ExportScorecard request, CancellationToken ct)
    {
        var scorecard = await mediator.Send(new GetScorecard(request.Plan, request.Query), ct);
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var notes = await ActualNotes.ForYearAsync(db, plan.Id, scorecard.Year, ct);
        var rows = ResultTables.ScorecardRows(scorecard, notes).ToList();
        rows.Insert(0, [0, "Piano", scorecard.Plan, plan.Title, request.Query.Structure, null, null, null, null, null, scorecard.Score, OfficeText.Label(scorecard.Status), null, null]);
        return OfficeFiles.Result(request.Format, $"scorecard-{scorecard.Plan}-{scorecard.Year}", [new("Scorecard", ResultTables.ScorecardHeaders, rows)]);
    }
}

public sealed class ExportRankingHandler(IMediator mediator) : IRequestHandler<ExportRanking, IResult>
{
    public async Task<IResult> Handle(ExportRanking request, CancellationToken ct)
    {
        var ranking = await mediator.Send(new RankStructures(request.Plan, request.Query, request.Kind), ct);
        var rows = ranking.Select(r => new object?[]
        {
            r.Rank, r.Code, r.Name, OfficeText.Label(r.Kind), r.Type, r.Region, r.Score, OfficeText.Label(r.Status), r.Volume, r.ScoredIndicators,
        });
        string[] headers = ["Posizione", "Codice", "Struttura", "Tipo", "Tipologia", "Regione", "Punteggio", "Stato", "Volume", "Indicatori valutati"];
        return OfficeFiles.Result(request.Format, $"strutture-{request.Plan}-{request.Query.Year}", [new("Strutture", headers, rows.ToList())]);
    }
}

public sealed class ExportPublicValueHandler(IMediator mediator) : IRequestHandler<ExportPublicValue, IResult>
{
    public async Task<IResult> Handle(ExportPublicValue request, CancellationToken ct)
    {
        // An export is an official document and stays Italian (README): the exclusion reasons too, whoever asks.
        var value = await Say.InItalianAsync(() => mediator.Send(new GetPublicValue(request.Plan, request.Query, false), ct));
        var areas = value.Areas.Select(a => a.Code).ToList();
        // One row per structure with a column per ambito: the CSV; the workbook adds the areas and the totals.
        var structures = new OfficeTable("Strutture",
            ["Codice", "Struttura", "Tipo", "Valore Pubblico", "Volume", "Inclusa", "Motivo esclusione", .. areas.Select(a => $"Ambito {a}")],
            value.Structures.Select(s => (object?[])
            [
                s.Code, s.Name, OfficeText.Label(s.Kind), s.Value, s.Volume, s.Included, s.ExclusionReason,
                .. areas.Select(a => (object?)s.Areas.FirstOrDefault(x => x.Code == a)?.Score),
            ]).ToList());
        var byArea = new OfficeTable("Ambiti",
            ["Codice", "Ambito", "Peso", "Centrale", "Territoriale", "Istituto", "Contributo istituto", "Quota istituto %"],
            value.Areas.Select(a => new object?[]
            {
                a.Code, a.Name, a.Weight, a.Central?.Score, a.Territorial?.Score, a.Institute?.Score, a.Institute?.Contribution, a.Institute?.Share,
            }).ToList());
        var totals = new OfficeTable("Sintesi", ["Livello", "Valore Pubblico"],
            [["Istituto", value.Institute], ["Centrale", value.Central], ["Territoriale", value.Territorial]]);
        return OfficeFiles.Result(request.Format, $"valore-pubblico-{value.Plan}-{value.Year}", [structures, byArea, totals]);
    }
}

public sealed class ExportGuidelinesHandler(IMediator mediator) : IRequestHandler<ExportGuidelines, IResult>
{
    public async Task<IResult> Handle(ExportGuidelines request, CancellationToken ct)
    {
        var guidelines = await mediator.Send(new GetGuidelines(request.Plan, request.Query), ct);
        var rows = guidelines.Select(g => new object?[]
        {
            g.Number, g.Title, g.Kind.ToString(), string.Join(", ", g.Programmes), g.Attuazione, g.IndicatorScore, g.Result, g.ResultPartial,
            g.Justification, g.JustificationRequired, g.JustificationMissing,
            string.Join(", ", g.Projects.Select(p => $"{p.Code} ({OfficeText.Number(p.Realization)})")),
        }).ToList();
        string[] headers =
        [
            "Numero", "Linea guida", "Tipo", "Programmi", "Attuazione %", "Punteggio indicatori", "Risultato", "Risultato parziale",
            "Giustificazione", "Giustificazione richiesta", "Giustificazione mancante", "Progetti (realizzazione %)",
        ];
        return OfficeFiles.Result(request.Format, $"linee-guida-{request.Plan}-{request.Query.Year}", [new("Linee guida", headers, rows)]);
    }
}

public sealed class ExportResultsEndpoints : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{plan}/scorecard.{format}",
                (string plan, string format, int? year, DateOnly? asOf, string? structure, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ExportScorecard(plan, new ScoreQuery(year, asOf, structure), OfficeEndpoints.Format(format)), ct))
            .WithName(nameof(ExportScorecard)).RequireAuthorization(Policies.ReadScores).WithTags("Office")
            .WithSummary("The scorecard as CSV or XLSX (format = csv|xlsx): tree, target, consuntivo, scostamento, grado, punteggio, giustificazione")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType, OfficeFiles.CsvType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/plans/{plan}/structures/ranking.{format}",
                (string plan, string format, int? year, DateOnly? asOf, StructureKind? kind, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ExportRanking(plan, new ScoreQuery(year, asOf), kind, OfficeEndpoints.Format(format)), ct))
            .WithName(nameof(ExportRanking)).RequireAuthorization(Policies.ReadScores).WithTags("Office")
            .WithSummary("Structure results (ranking) as CSV or XLSX")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType, OfficeFiles.CsvType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/plans/{plan}/public-value.{format}",
                (string plan, string format, int? year, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ExportPublicValue(plan, new ScoreQuery(year, asOf), OfficeEndpoints.Format(format)), ct))
            .WithName(nameof(ExportPublicValue)).RequireAuthorization(Policies.ReadScores).WithTags("Office")
            .WithSummary("Valore Pubblico as CSV (structures × ambiti) or XLSX (structures, ambiti, totals)")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType, OfficeFiles.CsvType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/plans/{plan}/guidelines.{format}",
                (string plan, string format, int? year, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new ExportGuidelines(plan, new ScoreQuery(year, asOf), OfficeEndpoints.Format(format)), ct))
            .WithName(nameof(ExportGuidelines)).RequireAuthorization(Policies.ReadScores).WithTags("Office")
            .WithSummary("LGG attuazione and OGE results as CSV or XLSX")
            .Produces<byte[]>(StatusCodes.Status200OK, OfficeFiles.XlsxType, OfficeFiles.CsvType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
