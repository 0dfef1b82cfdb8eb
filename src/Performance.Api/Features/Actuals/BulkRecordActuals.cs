using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Plans;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;
using Performance.Domain.Targets;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Loads many consuntivi at once, all or nothing: every row is checked first and every bad row is reported
/// (<c>actuals[17].period</c>); only a clean batch is written, in one transaction.
/// </summary>
public sealed record BulkRecordActuals(string Plan, BulkActualsBody? Body) : IRequest<BulkActualsResult>;

public sealed record BulkActualsBody(List<ActualEntry?>? Actuals);

public sealed record BulkActualsResult(int Stored, int Indicators, int NewRevisions);

public sealed class BulkRecordActualsHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope) : IRequestHandler<BulkRecordActuals, BulkActualsResult>
{
    public const int MaxRows = 200_000;

    public async Task<BulkActualsResult> Handle(BulkRecordActuals request, CancellationToken ct)
    {
        var rows = request.Body?.Actuals ?? throw RequestValidationException.For("actuals", "A list of consuntivi is required.");
        if (rows.Count == 0) throw RequestValidationException.For("actuals", "The list is empty.");
        if (rows.Count > MaxRows) throw RequestValidationException.For("actuals", $"At most {MaxRows} rows per request (got {rows.Count}); split the file.");

        var (plan, indicators, actuals, rowIndex) = await ValidateAsync(request.Plan, rows, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AdmitAsync(plan, actuals, rowIndex, ct);

        foreach (var actual in actuals) actual.RecordedBy = scope.Actor;
        // Multi-row INSERTs in this transaction (stored exactly as SaveChanges stores them, see BulkInsert; nothing is
        // tracked); the audit entry is then saved, and chained, by SaveChanges. Nothing is committed unless both succeed.
        await BulkInsert.InsertAsync(db, actuals, ct);
        var codes = indicators.Values.ToDictionary(i => i.Id, i => i.Code);
        audit.Record("ActualsBulkRecorded", "Plan", plan.Id, plan.Code, plan.Id, plan.Organization.Code,
            after: actuals.Select(a => new { indicator = codes[a.IndicatorId], a.StructureId, a.Year, a.Period, a.Revision, a.Value, a.Numerator, a.Denominator, a.Done, a.Completion }),
            reason: $"{actuals.Count} consuntivi");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BulkActualsResult(actuals.Count, actuals.Select(a => a.IndicatorId).Distinct().Count(), actuals.Count(a => a.Revision > 1));
    }

    /// <summary>
    /// Checks every row (throwing with all errors, paths <c>actuals[i].field</c>; 403 for rows outside a referente's
    /// structures) and builds the entities without writing: the spreadsheet upload's dry run uses it too.
    /// </summary>
    internal async Task<(Plan Plan, Dictionary<string, Indicator> Indicators, List<Actual> Actuals, List<int> RowIndex)> ValidateAsync(
        string planCode, IReadOnlyList<ActualEntry?> rows, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(planCode, ct);
        var policy = PlanPolicies.ToDomain(plan.ScoringPolicyJson);
        // Rows are checked against their own year's target only: the other years' targets are not loaded.
        var years = rows.Where(r => r?.Year is not null).Select(r => r!.Year!.Value).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets.Where(t => years.Contains(t.Year)))
            .Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Code, ct);
        var structures = await db.Structures.Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);

        var referente = await ReferenteScope.LoadAsync(db, plan.Id, ct);
        var refusals = new ErrorCollector();
        // A bulk file repeats each indicator once per period: parse its target once per year, not once per row.
        var parsedTargets = new Dictionary<(Guid, int), ParsedTarget?>();
        ParsedTarget? TargetFor(Indicator indicator, int year)
        {
            if (!parsedTargets.TryGetValue((indicator.Id, year), out var target))
                parsedTargets[(indicator.Id, year)] = target = ActualRules.TargetFor(indicator, year);
            return target;
        }

        var errors = new ErrorCollector();
        var actuals = new List<Actual>(rows.Count);
        var rowIndex = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var path = $"actuals[{i}]";
            if (rows[i] is not { } row) { errors.Add(path, "A row cannot be null."); continue; }
            if (string.IsNullOrWhiteSpace(row.Indicator)) { errors.Add($"{path}.indicator", "The indicator code is required."); continue; }
            if (!indicators.TryGetValue(row.Indicator, out var indicator))
            {
                errors.Add($"{path}.indicator", $"Unknown indicator code '{row.Indicator}' in plan '{plan.Code}'.");
                continue;
            }
            if (referente.Refusal(indicator, row.Structure) is { } refusal) { refusals.Add(path, refusal); continue; }
            if (ActualRules.Validate(row, indicator, plan, policy, structures, path, errors, TargetFor) is { } actual) { actuals.Add(actual); rowIndex.Add(i); }
        }
        if (refusals.HasErrors) throw new ForbiddenException($"{refusals.Count} row(s) are outside your structures, e.g. {refusals.First()}; nothing was stored.");
        errors.ThrowIfAny($"{errors.Count} error(s) in the batch; nothing was stored.");
        return (plan, indicators, actuals, rowIndex);
    }

    /// <summary>
    /// What the stored state allows (closed period, submitted or validated figures: 409), numbering each actual after the
    /// stored revisions and the batch's earlier rows. Writes nothing, so a dry run asks it too.
    /// </summary>
    internal async Task AdmitAsync(Plan plan, List<Actual> actuals, IReadOnlyList<int>? rowIndex, CancellationToken ct)
    {
        // Only what the new entries can collide with: their indicators and years.
        var guards = await ActualGuards.LoadAsync(db, plan.Id, actuals.Select(a => a.IndicatorId).Distinct().ToList(), ct,
            actuals.Select(a => a.Year).Distinct().ToList());
        var closed = actuals.Select(a => guards.ClosureFor(a)).FirstOrDefault(c => c is not null);
        if (closed is not null) throw new ConflictException(ActualGuards.Describe(closed) + " Nothing was stored.");
        var refused = new ErrorCollector();
        for (var i = 0; i < actuals.Count; i++)
            if (guards.Admit(actuals[i]) is { } reason) refused.Add($"actuals[{rowIndex?[i] ?? i}]", reason);
        if (refused.HasErrors) throw new ConflictException($"{refused.Count} row(s) would change figures that are submitted or validated, e.g. {refused.First()}; nothing was stored.");
    }
}
public sealed class BulkRecordActualsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/actuals/bulk", (string plan, BulkActualsBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new BulkRecordActuals(plan, body), ct))
            .WithName(nameof(BulkRecordActuals)).RequireAuthorization(Policies.RecordActuals).WithTags("Actuals")
            .WithSummary("Record many consuntivi, all or nothing (every bad row is reported)")
            .Produces<BulkActualsResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
