using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Files;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Actuals;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Loads many consuntivi at once, all or nothing: every row is checked first and every bad row is reported
/// (<c>actuals[17].period</c>); only a clean batch is written, in one transaction. A dry run runs every check against
/// the stored state and answers the revision each row would create, storing nothing.
/// </summary>
/// <param name="Source">Set when the rows were read from a file: errors are then located by row, column and cell, and the
/// file's unreadable cells fail the load with the rest.</param>
public sealed record BulkRecordActuals(string Plan, BulkActualsBody? Body, bool DryRun = false, SourceMap? Source = null) : IRequest<BulkActualsResult>;

/// <summary>
/// A bulk load of consuntivi (<c>POST /api/plans/{plan}/actuals/bulk</c>; <c>dryRun=true</c> checks every row and stores
/// nothing): all rows are stored, or none.
/// </summary>
/// <param name="Actuals">The consuntivi, each with its indicator's code (at most the configured rows per request; all stored or none).</param>
/// <param name="Description">What this load is (e.g. "Consuntivi Q3 dal gestionale"): kept as the reason of its audit entry.</param>
public sealed record BulkActualsBody(List<ActualEntry?>? Actuals, string? Description = null);

public sealed class BulkRecordActualsValidator : AbstractValidator<BulkRecordActuals>
{
    public BulkRecordActualsValidator()
    {
        RuleFor(x => x.Body != null ? x.Body.Description : null).Text("description");
        RuleFor(x => x.Body != null ? x.Body.Actuals : null).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Say.It("L'elenco dei consuntivi è obbligatorio.", "A list of consuntivi is required."))
            .Must(rows => rows!.Count > 0).WithMessage(_ => Say.It("L'elenco è vuoto.", "The list is empty."))
            .Must(rows => rows!.Count <= BulkRecordActualsHandler.MaxRows)
            .WithMessage(x => Say.It($"Al massimo {BulkRecordActualsHandler.MaxRows} righe per richiesta (ricevute {x.Body!.Actuals!.Count}); suddividere il file.", $"At most {BulkRecordActualsHandler.MaxRows} rows per request (got {x.Body!.Actuals!.Count}); split the file."))
            .OverridePropertyName("actuals");
    }
}

/// <summary>
/// One row's change (every row in a dry run; the unchanged rows in any run): revision 1 = a first consuntivo for that
/// indicator, year, period and structure; more = a correction. <paramref name="Unchanged"/>: the row says what the current
/// revision (<paramref name="Revision"/>) says, and creates nothing.
/// </summary>
/// <param name="Index">The row's position in the request's <c>actuals</c> list, from 0 (as in error paths: <c>actuals[17]</c>).</param>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="Structure">The structure's code as the row gave it; null for an indicator-wide figure.</param>
/// <param name="Year">The plan year of the figure.</param>
/// <param name="Period">Its period (<c>Q3</c>, <c>M07</c>, <c>Y</c>, …).</param>
/// <param name="Revision">The revision the row creates (or would create); for an unchanged row, the current revision it repeats.</param>
/// <param name="Unchanged">True when the row repeats the current revision and creates nothing.</param>
public sealed record BulkRowChange(int Index, string Indicator, string? Structure, int Year, string Period, int Revision, bool Unchanged = false);

/// <summary>What a bulk load of consuntivi stored, or in a dry run would store; rows equal to the current revision store nothing.</summary>
/// <param name="Stored">Rows stored (0 in a dry run).</param>
/// <param name="Indicators">Indicators the stored (or, in a dry run, storable) rows belong to.</param>
/// <param name="NewRevisions">Of those rows, the corrections: revisions after the first of their period.</param>
/// <param name="DryRun">True when nothing was stored: every check ran and the answer says what would be stored.</param>
/// <param name="Changes">Dry run: every row, as it would be stored.</param>
/// <param name="Unchanged">Rows equal to the current revision of their period (the same value, numerator, denominator, done,
/// completion, completion date, note and justification): nothing is created for them, in a dry run or a real one;
/// <paramref name="UnchangedRows"/> lists them.</param>
/// <param name="UnchangedRows">The rows equal to the current revision of their period, each with that revision.</param>
public sealed record BulkActualsResult(int Stored, int Indicators, int NewRevisions, bool DryRun = false, IReadOnlyList<BulkRowChange>? Changes = null,
    int Unchanged = 0, IReadOnlyList<BulkRowChange>? UnchangedRows = null);

public sealed class BulkRecordActualsHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) : IRequestHandler<BulkRecordActuals, BulkActualsResult>
{
    public const int MaxRows = 200_000;

    public async Task<BulkActualsResult> Handle(BulkRecordActuals request, CancellationToken ct)
    {
        var rows = request.Body!.Actuals!;

        var batch = await ValidateAsync(request, rows, ct);
        // Stored state is read, and the batch written, under the plan's lock (a dry run only reads).
        await using var transaction = request.DryRun ? await db.Database.BeginTransactionAsync(ct)
            : await db.BeginPlanWriteAsync(batch.Plan.Id, ct, PlanWrite.NewConsuntivi);
        var unchanged = await AdmitAsync(request, batch, ct);
        BulkRowChange Change(Actual a, int i) =>
            new(batch.RowIndex[i], batch.CodeOf(a), rows[batch.RowIndex[i]]!.Structure, a.Year, a.Period, a.Revision, unchanged.Contains(i));
        var unchangedRows = unchanged.Order().Select(i => Change(batch.Actuals[i], i)).ToList();
        if (request.DryRun)
            return new BulkActualsResult(0, batch.IndicatorCount(unchanged), batch.NewRevisions(unchanged), true, batch.Actuals.Select(Change).ToList(),
                unchanged.Count, unchangedRows);
        var (indicatorCount, newRevisions) = (batch.IndicatorCount(unchanged), batch.NewRevisions(unchanged));
        // A row equal to the current revision creates nothing: re-sending the same file stores nothing and records no entry.
        var created = batch.Actuals.Where((_, i) => !unchanged.Contains(i)).ToList();
        if (created.Count == 0) return new BulkActualsResult(0, 0, 0, Unchanged: unchanged.Count, UnchangedRows: unchangedRows);

        foreach (var actual in created) (actual.RecordedBy, actual.RecordedAs) = (scope.Actor, scope.Role);
        // Multi-row INSERTs in this transaction (stored exactly as SaveChanges stores them, see BulkInsert; nothing is
        // tracked); the audit entry is then saved, and chained, by SaveChanges. Nothing is committed unless both succeed.
        await BulkInsert.InsertAsync(db, created, ct, db.ChangeStamp());
        var plan = batch.Plan;
        audit.Record("ActualsBulkRecorded", "Plan", plan.Id, plan.Code, plan.Id, plan.Organization.Code,
            after: created.Select(a => new { indicator = batch.CodeOf(a), a.StructureId, a.Year, a.Period, a.Revision, a.Value, a.Numerator, a.Denominator, a.Done, a.Completion }),
            reason: string.IsNullOrWhiteSpace(request.Body!.Description) ? $"{created.Count} consuntivi" : request.Body.Description.Trim());
        audit.Written(created);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Telemetry.ActualsStored.Add(created.Count, new KeyValuePair<string, object?>("route", "bulk"));
        return new BulkActualsResult(created.Count, indicatorCount, newRevisions, Unchanged: unchanged.Count, UnchangedRows: unchangedRows);
    }

    /// <summary>The checked rows: the entities to store and, for each, the index of the row it came from.</summary>
    private sealed record Batch(Plan Plan, Dictionary<Guid, string> Codes, List<Actual> Actuals, List<int> RowIndex)
    {
        public string CodeOf(Actual actual) => Codes[actual.IndicatorId];
        public int IndicatorCount(HashSet<int> unchanged) => Actuals.Where((_, i) => !unchanged.Contains(i)).Select(a => a.IndicatorId).Distinct().Count();
        public int NewRevisions(HashSet<int> unchanged) => Actuals.Where((_, i) => !unchanged.Contains(i)).Count(a => a.Revision > 1);
    }

    /// <summary>
    /// Checks every row (throwing with all errors, paths <c>actuals[i].field</c>; 403 for rows outside a referente's
    /// structures) and builds the entities without writing.
    /// </summary>
    private async Task<Batch> ValidateAsync(BulkRecordActuals request, IReadOnlyList<ActualEntry?> rows, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var policy = PlanPolicies.ToDomain(plan.ScoringPolicyJson);
        // Rows are checked against their own year's target only: the other years' targets are not loaded.
        var years = rows.Where(r => r?.Year is not null).Select(r => r!.Year!.Value).Distinct().ToList();
        // Only the indicators the rows name: a batch of a quarter's figures names a fraction of an INPS-scale plan's 30,000.
        var codes = rows.Where(r => !string.IsNullOrWhiteSpace(r?.Indicator)).Select(r => r!.Indicator!).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets.Where(t => years.Contains(t.Year)))
            .Where(i => i.PlanId == plan.Id && codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        var structures = await db.Structures.Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);

        var referente = await ReferenteScope.LoadAsync(db, plan.Id, time, ct);
        var refusals = Errors(request);
        // A bulk file repeats each indicator once per period: parse its target once per year, not once per row.
        var parsedTargets = new Dictionary<(Guid, int), ParsedTarget?>();
        ParsedTarget? TargetFor(Indicator indicator, int year)
        {
            if (!parsedTargets.TryGetValue((indicator.Id, year), out var target))
                parsedTargets[(indicator.Id, year)] = target = ActualRules.TargetFor(indicator, year);
            return target;
        }

        var errors = Errors(request);
        var clock = (time.UtcNow(), time.TodayInItaly());
        var actuals = new List<Actual>(rows.Count);
        var rowIndex = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var path = $"actuals[{i}]";
            if (rows[i] is not { } row) { errors.Add(path, Say.It("Una riga non può essere null.", "A row cannot be null.")); continue; }
            if (string.IsNullOrWhiteSpace(row.Indicator)) { errors.Add($"{path}.indicator", Say.It("Il codice dell'indicatore è obbligatorio.", "The indicator code is required.")); continue; }
            if (!indicators.TryGetValue(row.Indicator, out var indicator))
            {
                errors.Add($"{path}.indicator", Say.It($"Codice indicatore '{row.Indicator}' sconosciuto nel piano '{plan.Code}'.", $"Unknown indicator code '{row.Indicator}' in plan '{plan.Code}'."));
                continue;
            }
            if (referente.Refusal(indicator, row.Structure) is { } refusal) { refusals.Add(path, refusal); continue; }
            if (ActualEntries.Validate(row, indicator, plan, policy, structures, path, errors, clock, scope.MayBackdate, TargetFor) is { } actual) { actuals.Add(actual); rowIndex.Add(i); }
        }
        if (refusals.HasErrors) throw new ForbiddenException(Say.It($"{refusals.Count} righe non riguardano le sue strutture, per esempio {refusals.First()}; non è stato salvato nulla.", $"{refusals.Count} row(s) are outside your structures, e.g. {refusals.First()}; nothing was stored."));
        if (request.Source is { } file && (errors.HasErrors || file.HasUnreadableCells))
            throw file.Fail(errors.All, n => Say.It($"{n} errori nel file; non è stato salvato nulla.", $"{n} error(s) in the file; nothing was stored."));
        errors.ThrowIfAny(Say.It($"{errors.Count} errori nel lotto; non è stato salvato nulla.", $"{errors.Count} error(s) in the batch; nothing was stored."));
        return new Batch(plan, indicators.Values.ToDictionary(i => i.Id, i => i.Code), actuals, rowIndex);
    }

    /// <summary>
    /// What the stored state allows (closed period, submitted or validated figures: 409), numbering each actual after the
    /// stored revisions and the batch's earlier rows. Answers the positions (in <see cref="Batch.Actuals"/>) of the rows equal
    /// to the current revision of their period: they change nothing, so neither a closure nor a submitted figure refuses them.
    /// </summary>
    private async Task<HashSet<int>> AdmitAsync(BulkRecordActuals request, Batch batch, CancellationToken ct)
    {
        var actuals = batch.Actuals;
        // Only what the new entries can collide with: their indicators and years.
        var guards = await ActualGuards.LoadAsync(db, batch.Plan.Id, actuals.Select(a => a.IndicatorId).Distinct().ToList(), ct,
            actuals.Select(a => a.Year).Distinct().ToList());
        var unchanged = new HashSet<int>();
        var refused = Errors(request);
        PeriodClosure? closed = null;
        string? frozen = null;
        string? refusedCode = null;
        for (var i = 0; i < actuals.Count; i++)
        {
            // A row that changes nothing is not refused by a validated year or a closure: there is nothing to freeze.
            if (guards.Unchanged(actuals[i]) is { } current)
            {
                actuals[i].Revision = current;
                unchanged.Add(i);
            }
            else if (guards.FrozenYear(actuals[i]) is { } validation) frozen ??= validation;
            else if (guards.ClosureFor(actuals[i]) is { } closure) closed ??= closure;
            else if (guards.Admit(actuals[i]) is { } reason)
            {
                refused.Add($"actuals[{batch.RowIndex[i]}]", reason);
                refusedCode ??= RefusalCode(guards, actuals[i]);
            }
        }
        if (frozen is not null) throw new ConflictException(frozen + Say.It(" Non è stato salvato nulla.", " Nothing was stored."), ConflictCodes.YearValidated);
        if (closed is not null) throw new ConflictException(ActualAdmission.Describe(closed) + Say.It(" Non è stato salvato nulla.", " Nothing was stored."), ConflictCodes.PeriodClosed);
        if (refused.HasErrors)
            throw new ConflictException(Say.It($"{refused.Count} righe modificherebbero dati inviati o validati, per esempio {refused.First()}; non è stato salvato nulla.",
                $"{refused.Count} row(s) would change figures that are submitted or validated, e.g. {refused.First()}; nothing was stored."), refusedCode!);
        return unchanged;
    }

    /// <summary>The code of a revision <see cref="ActualAdmission.Admit"/> refused: the period's figure awaits the OIV, or it is validated
    /// (a correction needs a reason).</summary>
    public static string RefusalCode(ActualAdmission guards, Actual actual) =>
        guards.LatestStatus(actual) == ActualStatus.Submitted ? ConflictCodes.UnderReview : ConflictCodes.FigureValidated;

    private static ValidationErrors Errors(BulkRecordActuals request) => request.Source?.Errors() ?? new ValidationErrors();
}

public sealed class BulkRecordActualsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/actuals/bulk", (string plan, bool? dryRun, BulkActualsBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new BulkRecordActuals(plan, body, dryRun ?? false), ct))
            .WithName(nameof(BulkRecordActuals)).RequireAuthorization(Policies.RecordActuals).WithTags("Actuals")
            .WithSummary("Record many consuntivi, all or nothing (every bad row is reported); dryRun=true checks and answers the planned revisions without storing")
            .Produces<BulkActualsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
