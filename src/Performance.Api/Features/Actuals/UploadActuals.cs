using MediatR;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Infrastructure.Files;
using Performance.Domain.Language;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Consuntivi from a CSV or XLSX file, all or nothing, through the same checks and storage as the JSON bulk load. Errors
/// name the row and column (<c>riga 7321, colonna "Valore" (cella H7322)</c>). A dry run checks everything and reports,
/// per row, the revision it would create, storing nothing.
/// </summary>
public sealed record UploadActuals(string Plan, Stream File, bool DryRun) : IRequest<UploadActualsResult>;

/// <summary>
/// Revision 1 = a first consuntivo for that indicator, year, period and structure; more = a correction. <c>Unchanged</c>: the
/// row says what the current revision says and creates nothing.
/// </summary>
/// <param name="Row">The row in the file, counted from its header (1 = the row just under it), as error locations count.</param>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="Structure">The structure's code as the row gave it; null for an indicator-wide figure.</param>
/// <param name="Year">The plan year of the figure.</param>
/// <param name="Period">Its period (<c>Q3</c>, <c>M07</c>, <c>Y</c>, …).</param>
/// <param name="Revision">The revision the row creates (or would create); for an unchanged row, the current revision it repeats.</param>
/// <param name="Unchanged">True when the row repeats the current revision and creates nothing.</param>
public sealed record UploadRowChange(int Row, string Indicator, string? Structure, int Year, string Period, int Revision, bool Unchanged = false);

/// <summary>What a consuntivi file (CSV or XLSX) stored, or in a dry run would store: the same load as the JSON bulk route, rows named by their place in the file.</summary>
/// <param name="DryRun">True when nothing was stored: every check ran and the answer says what would be stored.</param>
/// <param name="Format">The file's format as sniffed from its bytes: <c>csv</c> or <c>xlsx</c>.</param>
/// <param name="Rows">The consuntivi read from the file: its rows with at least one consuntivo column filled.</param>
/// <param name="Skipped">Rows with every consuntivo column empty (Valore, Numeratore, Denominatore, Fatto, Completamento %, Completato il, Nota, Giustificazione): template rows not filled in. Blank rows are not counted.</param>
/// <param name="Stored">Rows stored (0 in a dry run).</param>
/// <param name="Indicators">Indicators the stored (or, in a dry run, storable) rows belong to.</param>
/// <param name="NewRevisions">Of those rows, the corrections: revisions after the first of their period.</param>
/// <param name="Changes">Dry run: every row. <paramref name="UnchangedRows"/>: in both runs, the rows that created nothing.</param>
/// <param name="Unchanged">Rows equal to the current revision of their period: nothing is created for them, in a dry run or a real one.</param>
/// <param name="UnchangedRows">The rows equal to the current revision of their period, each with that revision.</param>
public sealed record UploadActualsResult(
    bool DryRun, string Format, int Rows, int Skipped, int Stored, int Indicators, int NewRevisions, IReadOnlyList<UploadRowChange>? Changes,
    int Unchanged = 0, IReadOnlyList<UploadRowChange>? UnchangedRows = null);

public sealed class UploadActualsHandler(IMediator mediator, IOptions<UploadOptions> uploads, TimeProvider time)
    : IRequestHandler<UploadActuals, UploadActualsResult>
{
    public async Task<UploadActualsResult> Handle(UploadActuals request, CancellationToken ct)
    {
        var format = OfficeReader.Sniff(request.File);
        var budget = new FileBudget(uploads.Value, time);
        var sheet = new SheetRead();
        if (format == OfficeFormat.Csv) Read(OfficeReader.ReadCsv(request.File, budget), sheet);
        else
        {
            using var workbook = OfficeReader.OpenXlsx(request.File, budget);
            var rows = workbook.ReadSheet("Consuntivi") ?? workbook.ReadSheet(null) ?? throw OfficeReader.Bad(Say.It("La cartella di lavoro non contiene fogli da leggere.", "The workbook has no sheet to read."));
            Read(rows, sheet);
        }
        if (!sheet.HeaderSeen) throw OfficeReader.Bad(Say.It("Il file non ha una riga di intestazione (Codice, Anno, Periodo, Valore...).", "The file has no header row (Codice, Anno, Periodo, Valore...)."));
        if (sheet.Entries.Count == 0 && !sheet.Source.HasUnreadableCells)
        {
            // The columns the skip test reads (a row with only a Nota is read, and refused for its missing figure).
            var measures = string.Join(", ", ActualsColumns.Measures.Select(c => c.Header));
            throw OfficeReader.Bad(Say.It($"Nessun consuntivo da caricare: {sheet.Skipped} righe senza alcuna delle colonne {measures} compilata.",
                $"No consuntivo to load: {sheet.Skipped} row(s) have none of {measures} filled in."));
        }

        // The same request as the JSON bulk load, dry run included; its errors come back located in the file.
        var result = await mediator.Send(new BulkRecordActuals(request.Plan, new BulkActualsBody(sheet.Entries), request.DryRun, sheet.Source), ct);
        List<UploadRowChange>? InFile(IReadOnlyList<BulkRowChange>? rows) => rows?.Select(c => new UploadRowChange(
            sheet.RowNumbers[c.Index] - sheet.Layout.HeaderRow, c.Indicator, c.Structure, c.Year, c.Period, c.Revision, c.Unchanged)).ToList();
        return new UploadActualsResult(request.DryRun, Name(format), sheet.Entries.Count, sheet.Skipped, result.Stored, result.Indicators,
            result.NewRevisions, InFile(result.Changes), result.Unchanged, InFile(result.UnchangedRows));
    }

    private static string Name(OfficeFormat format) => format == OfficeFormat.Csv ? "csv" : "xlsx";

    /// <summary>The state of one pass over the file.</summary>
    private sealed class SheetRead
    {
        public bool HeaderSeen;
        public int Skipped;
        // Consuntivi files are one table: their places are named by row and column alone, without the sheet.
        public readonly SheetLayout Layout = new(null, field => ActualsColumns.ForField(field)?.Header);
        public readonly SourceMap Source = new();
        public readonly List<ActualEntry?> Entries = [];
        public readonly List<int> RowNumbers = [];
    }

    private static void Read(IEnumerable<TableRow> rows, SheetRead sheet)
    {
        foreach (var row in rows)
        {
            if (row.IsBlank) continue;
            if (!sheet.HeaderSeen)
            {
                ReadHeader(row, sheet);
                continue;
            }
            if (sheet.Entries.Count >= BulkRecordActualsHandler.MaxRows)
                throw OfficeReader.Bad(Say.It($"Al massimo {BulkRecordActualsHandler.MaxRows} consuntivi per file; suddividere il file.", $"At most {BulkRecordActualsHandler.MaxRows} consuntivi per file; split the file."));
            if (ActualsColumns.Measures.All(c => sheet.Layout.Text(row, c.Field!) is null))
            {
                sheet.Skipped++;
                continue;
            }
            sheet.Source.Register($"actuals[{sheet.Entries.Count}]", sheet.Layout, row.Number);
            sheet.Entries.Add(ReadRow(row, sheet));
            sheet.RowNumbers.Add(row.Number);
        }
    }

    private static void ReadHeader(TableRow row, SheetRead sheet)
    {
        sheet.HeaderSeen = true;
        sheet.Layout.HeaderRow = row.Number;
        var errors = new ValidationErrors();
        for (var c = 0; c < row.Cells.Length; c++)
        {
            if (row[c] is not { } header) continue;
            var cell = $"cella {OfficeFiles.ColumnName(c)}{row.Number}";
            if (ActualsColumns.Find(header.TrimStart('\uFEFF')) is not { } column)
            {
                errors.Add(cell, Say.It($"Colonna \"{header}\" sconosciuta: sono previste {string.Join(", ", ActualsColumns.All.Select(h => h.Header))}.", $"Unknown column \"{header}\": expected {string.Join(", ", ActualsColumns.All.Select(h => h.Header))}."));
                continue;
            }
            if (column.Field is not { } field) continue;
            if (!sheet.Layout.Columns.TryAdd(field, (c, header))) errors.Add(cell, Say.It($"La colonna \"{header}\" compare due volte.", $"Column \"{header}\" appears twice."));
        }
        foreach (var required in new[] { ActualsColumns.Code, ActualsColumns.Year, ActualsColumns.Period })
            if (!sheet.Layout.Columns.ContainsKey(required.Field!)) errors.Add("intestazione", Say.It($"Manca la colonna \"{required.Header}\".", $"The column \"{required.Header}\" is missing."));
        if (!ActualsColumns.Measures.Any(m => sheet.Layout.Columns.ContainsKey(m.Field!)))
            errors.Add("intestazione", Say.It("Nessuna colonna di consuntivo: aggiungere \"Valore\" (oppure Numeratore/Denominatore, Fatto, Completamento %).", "No consuntivo column: add \"Valore\" (or Numeratore/Denominatore, Fatto, Completamento %)."));
        errors.ThrowIfAny(Say.It("La riga di intestazione non è quella dei consuntivi; non è stato salvato nulla.", "The header row is not a consuntivi header; nothing was stored."));
    }

    /// <summary>The row as a consuntivo; null when a cell cannot be read (it is reported, and the row is then not checked further).</summary>
    private static ActualEntry? ReadRow(TableRow row, SheetRead sheet)
    {
        var (layout, source) = (sheet.Layout, sheet.Source);
        var unreadableBefore = source.HasUnreadableCells ? source.UnreadableCount : 0;
        string? Text(ActualsColumns.Column c) => source.Text(layout, row, c.Field!);
        decimal? Number(ActualsColumns.Column c) => source.Number(layout, row, c.Field!);

        int? Year()
        {
            var n = Number(ActualsColumns.Year);
            if (n is null) return null;
            if (n == decimal.Truncate(n.Value) && n is >= 1900 and <= 2200) return (int)n.Value;
            source.Unreadable(layout, row.Number, ActualsColumns.Year.Field!, Say.It($"'{Text(ActualsColumns.Year)}' non è un anno.", $"'{Text(ActualsColumns.Year)}' is not a year."));
            return null;
        }

        var entry = new ActualEntry(Year(), Text(ActualsColumns.Period)?.ToUpperInvariant(), Number(ActualsColumns.Value),
            Number(ActualsColumns.Numerator), Number(ActualsColumns.Denominator), source.YesNo(layout, row, ActualsColumns.Done.Field!),
            Number(ActualsColumns.Completion), source.Date(layout, row, ActualsColumns.CompletedOn.Field!),
            Text(ActualsColumns.Note), Text(ActualsColumns.Justification), Text(ActualsColumns.Structure), Text(ActualsColumns.Code),
            ReportedOn: source.Date(layout, row, ActualsColumns.ReportedOn.Field!));
        return source.UnreadableCount > unreadableBefore ? null : entry;
    }
}

public sealed class UploadActualsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/actuals/upload", async (string plan, bool? dryRun, HttpRequest http, IOptions<UploadOptions> uploads, IMediator mediator,
                CancellationToken ct) =>
            {
                var (stream, _) = await UploadBody.OpenAsync(http, uploads.Value, ct);
                await using (stream) return await mediator.Send(new UploadActuals(plan, stream, dryRun ?? false), ct);
            })
            .WithName(nameof(UploadActuals)).RequireAuthorization(Policies.RecordActuals).WithTags("Office")
            .WithSummary("Upload consuntivi from CSV or XLSX (multipart or raw body), all or nothing; dryRun=true reports without storing")
            .Accepts<IFormFile>("multipart/form-data", OfficeFiles.CsvType, OfficeFiles.XlsxType)
            .Produces<UploadActualsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
}
