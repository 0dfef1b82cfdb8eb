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

/// <summary>An indicator to add to a node, as a plan document writes it (docs/model.md, "Indicators"), with its place and, once the plan is adopted, its act.</summary>
/// <param name="Code">Its code, unique among the plan's indicators (Cremona: <c>2021_01_01_01.I1</c>).</param>
/// <param name="Type">Descriptive: Outcome, Impatto, Strategico, Operativo, Efficacia, Efficienza, Qualita or Output; absent: none.</param>
/// <param name="Unit">Descriptive: Percent, PerMille, Days, Hours, Minutes, Weeks, Months, Euro, Count or None; absent: none.</param>
/// <param name="Polarity">HigherIsBetter, LowerIsBetter or Milestone; absent: taken from the first target that states an operator.</param>
/// <param name="Weight">Its weight in its node's roll-up (0–1,000,000; default 1; 0 = reported, not scored).</param>
/// <param name="Targets">The target of each plan year as written (docs/targets.md), keyed by year: <c>{ "2024": "almeno 80%" }</c>; each must parse (at most 500 characters).</param>
/// <param name="Baseline">The declared starting point (year and figure): the reference of a relative target when no consuntivo of its year is stored.</param>
/// <param name="Formula">Modalità di calcolo, free text.</param>
/// <param name="Source">Fonte dei dati, free text.</param>
/// <param name="Frequency">Monthly, Quarterly, FourMonthly, Semiannual or Annual (default): the reporting cadence, which periods its consuntivi (actuals) are due for.</param>
/// <param name="Aggregation">How the periods make the year's figure: Sum, Average, Last (default) or RatioOfSums.</param>
/// <param name="Cap">Its own cap on the score (positive), replacing the plan policy's; absent: the plan's.</param>
/// <param name="Numerator">For a rate: the label of its numerator.</param>
/// <param name="Denominator">For a rate: the label of its denominator.</param>
/// <param name="ValueArea">Its own Valore Pubblico area or sub-area code; absent: its node's (or nearest classified ancestor's).</param>
/// <param name="Position">Its place among the node's indicators (0 = first); absent: last.</param>
/// <param name="Act">Once the plan is adopted: the act that adds it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the day it takes effect (yyyy-MM-dd, in the plan's years; default today): scores as of an earlier day leave it out.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters), kept with the act; optional otherwise, kept in the audit trail.</param>
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
