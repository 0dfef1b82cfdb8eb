using System.Globalization;
using System.Text.RegularExpressions;
using MediatR;
using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.Infrastructure.Files;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Consuntivi from a CSV or XLSX file, all or nothing, through the same checks and storage as the JSON bulk load. Errors
/// name the row and column (<c>riga 7321, colonna "Valore" (cella H7322)</c>). A dry run checks everything and reports,
/// per row, the revision it would create, storing nothing.
/// </summary>
public sealed record UploadActuals(string Plan, Stream File, bool DryRun) : IRequest<UploadActualsResult>;

/// <summary>Revision 1 = a first consuntivo for that indicator, year, period and structure; more = a correction.</summary>
public sealed record UploadRowChange(int Row, string Indicator, string? Structure, int Year, string Period, int Revision);

public sealed record UploadActualsResult(
    bool DryRun, string Format, int Rows, int Skipped, int Stored, int Indicators, int NewRevisions, IReadOnlyList<UploadRowChange>? Changes);

public sealed partial class UploadActualsHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, IMediator mediator) : IRequestHandler<UploadActuals, UploadActualsResult>
{
    /// <summary>Past this, a file with a systematic mistake would answer with megabytes of errors; the count is still given.</summary>
    private const int MaxReportedErrors = 500;

    public async Task<UploadActualsResult> Handle(UploadActuals request, CancellationToken ct)
    {
        var format = OfficeReader.Sniff(request.File);
        var sheet = new SheetRead();
        if (format == OfficeFormat.Csv) Read(OfficeReader.ReadCsv(request.File), sheet);
        else
        {
            using var workbook = OfficeReader.OpenXlsx(request.File);
            var rows = OfficeReader.ReadSheet(workbook, "Consuntivi") ?? OfficeReader.ReadSheet(workbook, null)
                ?? throw OfficeReader.Bad("The workbook has no sheet to read.");
            Read(rows, sheet);
        }
        if (!sheet.HeaderSeen) throw OfficeReader.Bad("The file has no header row (Codice, Anno, Periodo, Valore...).");
        if (sheet.Entries.Count == 0 && !sheet.Errors.HasErrors)
            throw OfficeReader.Bad($"No consuntivo to load: {sheet.Skipped} row(s) have no Valore, Numeratore, Fatto or Completamento.");

        var bulk = new BulkRecordActualsHandler(db, audit, scope);
        try
        {
            if (request.DryRun || sheet.Errors.HasErrors)
            {
                // The cells that could be read still go through the rules, so one answer lists every problem of the file.
                var (plan, _, actuals, rowIndex) = await bulk.ValidateAsync(request.Plan, sheet.Entries, ct);
                sheet.Errors.ThrowIfAny();
                // The same state checks as a real load (closed periods, submitted or validated figures), which also number the revisions.
                await bulk.AdmitAsync(plan, actuals, rowIndex, ct);
                var changes = actuals.Select((a, i) => new UploadRowChange(sheet.RowNumbers[rowIndex[i]] - sheet.HeaderRow,
                    sheet.Entries[rowIndex[i]]!.Indicator!, sheet.Entries[rowIndex[i]]!.Structure, a.Year, a.Period, a.Revision)).ToList();
                return new UploadActualsResult(true, Name(format), sheet.Entries.Count, sheet.Skipped, 0,
                    actuals.Select(a => a.IndicatorId).Distinct().Count(), actuals.Count(a => a.Revision > 1), changes);
            }
            var stored = await mediator.Send(new BulkRecordActuals(request.Plan, new BulkActualsBody(sheet.Entries)), ct);
            return new UploadActualsResult(false, Name(format), sheet.Entries.Count, sheet.Skipped, stored.Stored, stored.Indicators, stored.NewRevisions, null);
        }
        catch (RequestValidationException e)
        {
            throw Located(e, sheet);
        }
        catch (ConflictException e)
        {
            throw new ConflictException(RowsInText(e.Message, sheet));
        }
        catch (ForbiddenException e)
        {
            throw new ForbiddenException(RowsInText(e.Message, sheet));
        }
    }

    private static string Name(OfficeFormat format) => format == OfficeFormat.Csv ? "csv" : "xlsx";

    /// <summary>The state of one pass over the file.</summary>
    private sealed class SheetRead
    {
        public bool HeaderSeen;
        public int HeaderRow;
        public int Skipped;
        public readonly Dictionary<string, int> Columns = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal);
        public readonly List<ActualEntry?> Entries = [];
        public readonly List<int> RowNumbers = [];
        public readonly ErrorCollector Errors = new();

        public string Cell(string field, int row) =>
            Columns.TryGetValue(field, out var c) ? $"{OfficeFiles.ColumnName(c)}{row}" : $"riga {row}";

        public string At(string field, int row) =>
            $"riga {row - HeaderRow}, colonna \"{Headers.GetValueOrDefault(field, ActualsColumns.ForField(field)?.Header ?? field)}\" (cella {Cell(field, row)})";
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
                throw OfficeReader.Bad($"At most {BulkRecordActualsHandler.MaxRows} consuntivi per file; split the file.");
            if (ActualsColumns.Measures.All(c => row[Column(sheet, c)] is null))
            {
                sheet.Skipped++;
                continue;
            }
            var entry = ReadRow(row, sheet);
            sheet.Entries.Add(entry);
            sheet.RowNumbers.Add(row.Number);
        }
    }

    private static int Column(SheetRead sheet, ActualsColumns.Column column) =>
        column.Field is { } f && sheet.Columns.TryGetValue(f, out var c) ? c : -1;

    private static void ReadHeader(TableRow row, SheetRead sheet)
    {
        sheet.HeaderSeen = true;
        sheet.HeaderRow = row.Number;
        var errors = new ErrorCollector();
        for (var c = 0; c < row.Cells.Length; c++)
        {
            if (row[c] is not { } header) continue;
            var cell = $"cella {OfficeFiles.ColumnName(c)}{row.Number}";
            if (ActualsColumns.Find(header.TrimStart('\uFEFF')) is not { } column)
            {
                errors.Add(cell, $"Unknown column \"{header}\": expected {string.Join(", ", ActualsColumns.All.Select(h => h.Header))}.");
                continue;
            }
            if (column.Field is not { } field) continue;
            if (!sheet.Columns.TryAdd(field, c)) errors.Add(cell, $"Column \"{header}\" appears twice.");
            sheet.Headers[field] = header;
        }
        foreach (var required in new[] { ActualsColumns.Code, ActualsColumns.Year, ActualsColumns.Period })
            if (!sheet.Columns.ContainsKey(required.Field!)) errors.Add("intestazione", $"The column \"{required.Header}\" is missing.");
        if (!ActualsColumns.Measures.Any(m => sheet.Columns.ContainsKey(m.Field!)))
            errors.Add("intestazione", "No consuntivo column: add \"Valore\" (or Numeratore/Denominatore, Fatto, Completamento %).");
        errors.ThrowIfAny("The header row is not a consuntivi header; nothing was stored.");
    }

    private static ActualEntry? ReadRow(TableRow row, SheetRead sheet)
    {
        var before = sheet.Errors.Count;
        string? Text(ActualsColumns.Column c) => row[Column(sheet, c)];

        decimal? Number(ActualsColumns.Column c)
        {
            var index = Column(sheet, c);
            if (row[index] is not { } text) return null;
            if (row.IsNumeric(index) ? OfficeText.TryParseStoredNumber(text, out var stored) : OfficeText.TryParseNumber(text, out stored)) return stored;
            sheet.Errors.Add(sheet.At(c.Field!, row.Number), $"'{text}' is not a number (write 1.234,56 or 1234.56).");
            return null;
        }

        int? Year()
        {
            var n = Number(ActualsColumns.Year);
            if (n is null) return null;
            if (n != decimal.Truncate(n.Value) || n is < 1900 or > 2200)
            {
                sheet.Errors.Add(sheet.At("year", row.Number), $"'{Text(ActualsColumns.Year)}' is not a year.");
                return null;
            }
            return (int)n.Value;
        }

        bool? Done()
        {
            if (Text(ActualsColumns.Done) is not { } text) return null;
            if (OfficeText.TryParseBool(text, out var done)) return done;
            sheet.Errors.Add(sheet.At("done", row.Number), $"'{text}' is not sì/no.");
            return null;
        }

        DateOnly? CompletedOn()
        {
            var index = Column(sheet, ActualsColumns.CompletedOn);
            if (row[index] is not { } text) return null;
            if (row.IsNumeric(index) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            if (OfficeText.TryParseDate(text, out var date)) return date;
            sheet.Errors.Add(sheet.At("completedOn", row.Number), $"'{text}' is not a date (gg/mm/aaaa).");
            return null;
        }

        var entry = new ActualEntry(Year(), Text(ActualsColumns.Period)?.ToUpperInvariant(), Number(ActualsColumns.Value),
            Number(ActualsColumns.Numerator), Number(ActualsColumns.Denominator), Done(), Number(ActualsColumns.Completion), CompletedOn(),
            Text(ActualsColumns.Note), Text(ActualsColumns.Justification), Text(ActualsColumns.Structure), Text(ActualsColumns.Code));
        // A row with an unreadable cell is kept as null, so indexes still line up with row numbers; its errors are already recorded.
        return sheet.Errors.Count > before ? null : entry;
    }

    [GeneratedRegex(@"^actuals\[(\d+)\](?:\.(\w+))?")]
    private static partial Regex BulkPath();

    /// <summary>Rewrites <c>actuals[i].field</c> paths as row/column/cell of the file, next to the cell errors found while reading.</summary>
    private static RequestValidationException Located(RequestValidationException e, SheetRead sheet)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, IEnumerable<string> messages)
        {
            if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
            list.AddRange(messages);
        }
        foreach (var (key, messages) in CellErrors(sheet)) Add(key, messages);
        foreach (var (key, messages) in e.Errors)
        {
            var match = BulkPath().Match(key);
            if (!match.Success) { Add(key == "actuals" ? "file" : key, messages); continue; }
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            // Null rows are the unreadable ones, already reported cell by cell.
            if (sheet.Entries[index] is null) continue;
            var row = sheet.RowNumbers[index];
            Add(match.Groups[2].Success ? sheet.At(match.Groups[2].Value, row) : $"riga {row - sheet.HeaderRow}", messages);
        }
        var total = errors.Values.Sum(v => v.Count);
        var kept = errors.OrderBy(kv => RowOf(kv.Key)).Take(MaxReportedErrors).ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        var detail = total > kept.Count
            ? $"{total} error(s) in the file (the first {kept.Count} rows shown); nothing was stored."
            : $"{total} error(s) in the file; nothing was stored.";
        return new RequestValidationException(kept, detail);
    }

    /// <summary>"actuals[17]" in a 409/403 message becomes the file's "riga 18".</summary>
    private static string RowsInText(string message, SheetRead sheet) =>
        BulkIndex().Replace(message, m => $"riga {sheet.RowNumbers[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] - sheet.HeaderRow}");

    [GeneratedRegex(@"actuals\[(\d+)\]")]
    private static partial Regex BulkIndex();

    private static IDictionary<string, string[]> CellErrors(SheetRead sheet)
    {
        try
        {
            sheet.Errors.ThrowIfAny();
            return new Dictionary<string, string[]>();
        }
        catch (RequestValidationException e)
        {
            return e.Errors;
        }
    }

    private static int RowOf(string key) =>
        key.StartsWith("riga ", StringComparison.Ordinal) && int.TryParse(key[5..].Split(',', ' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;
}

public sealed class UploadActualsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/actuals/upload", async (string plan, bool? dryRun, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                var (stream, _) = await OfficeReader.OpenUploadAsync(http, ct);
                await using (stream) return await mediator.Send(new UploadActuals(plan, stream, dryRun ?? false), ct);
            })
            .WithName(nameof(UploadActuals)).RequireAuthorization(Policies.RecordActuals).WithTags("Office")
            .WithSummary("Upload consuntivi from CSV or XLSX (multipart or raw body), all or nothing; dryRun=true reports without storing")
            .Accepts<IFormFile>("multipart/form-data", OfficeFiles.CsvType, OfficeFiles.XlsxType)
            .Produces<UploadActualsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
}
