using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Features.Plans;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// Loads many consuntivi at once, all or nothing: every row is checked first and every bad row is reported
/// (<c>actuals[17].period</c>); only a clean batch is written, in one transaction.
/// </summary>
public sealed record BulkRecordActuals(string Plan, BulkActualsBody? Body) : IRequest<BulkActualsResult>;

public sealed record BulkActualsBody(List<ActualEntry?>? Actuals);

public sealed record BulkActualsResult(int Stored, int Indicators, int NewRevisions);

public sealed class BulkRecordActualsHandler(PerformanceDbContext db) : IRequestHandler<BulkRecordActuals, BulkActualsResult>
{
    public const int MaxRows = 200_000;

    public async Task<BulkActualsResult> Handle(BulkRecordActuals request, CancellationToken ct)
    {
        var rows = request.Body?.Actuals ?? throw RequestValidationException.For("actuals", "A list of consuntivi is required.");
        if (rows.Count == 0) throw RequestValidationException.For("actuals", "The list is empty.");
        if (rows.Count > MaxRows) throw RequestValidationException.For("actuals", $"At most {MaxRows} rows per request (got {rows.Count}); split the file.");

        var (plan, actuals) = await ValidateAsync(request.Plan, rows, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var newRevisions = AssignRevisions(actuals, await CurrentRevisionsAsync(plan.Id, ct));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Saved in chunks inside the one transaction: the change tracker never holds 100,000 entries at once.
        foreach (var chunk in actuals.Chunk(5_000))
        {
            db.Actuals.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
        return new BulkActualsResult(actuals.Count, actuals.Select(a => a.IndicatorId).Distinct().Count(), newRevisions);
    }

    /// <summary>
    /// Checks every row (throwing with all errors, paths <c>actuals[i].field</c>) and builds the entities without writing;
    /// the spreadsheet upload's dry run uses it too, so both see the same rules.
    /// </summary>
    internal async Task<(Plan Plan, List<Actual> Actuals)> ValidateAsync(string planCode, IReadOnlyList<ActualEntry?> rows, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(planCode, ct);
        var policy = PlanPolicies.ToDomain(plan.ScoringPolicyJson);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Code, ct);
        var structures = await db.Structures.Where(s => s.PlanId == plan.Id).ToDictionaryAsync(s => s.Code, s => s.Id, ct);

        var errors = new ErrorCollector();
        var actuals = new List<Actual>(rows.Count);
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
            if (ActualRules.Validate(row, indicator, plan, policy, structures, path, errors) is { } actual) actuals.Add(actual);
        }
        errors.ThrowIfAny($"{errors.Count} error(s) in the batch; nothing was stored.");
        return (plan, actuals);
    }

    /// <summary>Numbers each actual after the stored revisions (and earlier rows of the batch); returns how many are not the first.</summary>
    internal static int AssignRevisions(List<Actual> actuals, Dictionary<(Guid, Guid, int, string), int> revisions)
    {
        var newRevisions = 0;
        foreach (var actual in actuals)
        {
            var key = (actual.IndicatorId, actual.ScopeId, actual.Year, actual.Period);
            var revision = revisions.GetValueOrDefault(key) + 1;
            if (revision > 1) newRevisions++;
            actual.Revision = revisions[key] = revision;
        }
        return newRevisions;
    }

    internal async Task<Dictionary<(Guid, Guid, int, string), int>> CurrentRevisionsAsync(Guid planId, CancellationToken ct)
    {
        var rows = await db.Actuals.Where(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == planId))
            .GroupBy(a => new { a.IndicatorId, a.ScopeId, a.Year, a.Period })
            .Select(g => new { g.Key.IndicatorId, g.Key.ScopeId, g.Key.Year, g.Key.Period, Revision = g.Max(a => a.Revision) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.IndicatorId, r.ScopeId, r.Year, r.Period), r => r.Revision);
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
