using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Indicators;

/// <summary>
/// Adds an indicator to a node (as a plan document writes it) at <c>position</c> among the node's indicators. Checked as
/// an import checks an indicator (every target parsed), every error by JSON path in one 400. Free in Draft; once the plan
/// is adopted it needs an act and a reason and is scored from the act's date; never in a validated year (409).
/// </summary>
public sealed record CreateIndicator(string Plan, string Node, CreateIndicatorBody Body) : IRequest<IndicatorResponse>;

public sealed record CreateIndicatorBody(
    string? Code, string? Name, string? Type = null, string? Unit = null, string? Polarity = null, decimal? Weight = null,
    Dictionary<string, string>? Targets = null, BaselineDocument? Baseline = null, string? Formula = null, string? Source = null,
    string? Frequency = null, string? Aggregation = null, decimal? Cap = null, string? Numerator = null, string? Denominator = null,
    string? ValueArea = null, int? Position = null, string? Act = null, DateOnly? Date = null, string? Reason = null)
{
    public IndicatorDocument ToDocument() => new(Code, Name, Type, Unit, Polarity, Weight, Targets, Baseline, Formula, Source, Frequency,
        Aggregation, Cap, Numerator, Denominator, ValueArea);
}

public sealed class CreateIndicatorHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<CreateIndicator, IndicatorResponse>
{
    public async Task<IndicatorResponse> Handle(CreateIndicator request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var node = await db.FindNodeAsync(plan.Id, request.Node, ct);
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var stored = await TreeEdits.LoadAsync(db, plan, ct);
        var siblings = await db.Indicators.Where(i => i.NodeId == node.Id).ToListAsync(ct);
        var indicator = PlanDocumentReader.ReadIndicator(body.ToDocument(), node, stored, time, errors);
        if (indicator is not null) TreeEdits.Place(siblings, indicator, body.Position, i => i.SortOrder, (i, o) => i.SortOrder = o, errors);
        errors.ThrowIfAny();
        if (indicator is null) throw new InvalidOperationException("An indicator without errors was read.");
        PlanRecord.Refuse(act is null ? freeze.PlanWideChange() : freeze.ChangeFrom(act.Date));

        db.Indicators.Add(indicator);
        if (act is not null) await TreeEdits.RecordAsync(db, plan, act, ReprogrammingKind.AddIndicator, node, time.UtcNow(), ct, indicator);
        audit.Record("IndicatorCreated", "Indicator", indicator.Id, indicator.Code, plan.Id, plan.Organization.Code,
            after: new { Node = node.Code, Indicator = body.ToDocument(), body.Position, act?.Act, act?.Date }, reason: act?.AuditReason ?? body.Reason,
            indicatorId: indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await new GetIndicatorHandler(db).Handle(new GetIndicator(indicator.Id.ToString()), ct);
    }
}

public sealed class CreateIndicatorEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/nodes/{node}/indicators", async (string plan, string node, CreateIndicatorBody body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new CreateIndicator(plan, node, body), ct);
                return response.CreatedWithETag(http, $"/api/indicators/{response.Id}", response.ETag);
            })
            .WithName(nameof(CreateIndicator)).RequireAuthorization(Policies.EditPlans).WithTags("Indicators")
            .WithSummary("Add an indicator to a node; an adopted plan's needs an act, date and reason")
            .Produces<IndicatorResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
