using MediatR;
using Performance.Domain.Language;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Targets;

/// <summary>
/// Sets a structure's own target of an indicator for a year (If-Match: the indicator's ETag). In a Draft plan the target
/// is stored; once the plan is adopted it needs an act and a reason and is recorded as a reprogramming of that structure's
/// target effective from the act's date (history and <c>asOf</c> show before and after). Refused (409) in a validated year
/// and while a closure of the year stands, like the plan's targets.
/// </summary>
public sealed record SetStructureTarget(string Plan, string Indicator, int Year, string Structure, Guid IfMatch, SetStructureTargetBody Body)
    : IRequest<StructureTargetResponse>;

/// <summary>A structure's own target of an indicator for a year, with its act once the plan is adopted.</summary>
/// <param name="Target">The target as written (docs/targets.md): required, at most 500 characters; it must parse as a target of the year (a schedule must have that year).</param>
/// <param name="Act">Once the plan is adopted: the act that sets it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the day it takes effect (yyyy-MM-dd, in the plan's years; default today); scores as of an earlier day keep the previous target.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters); at most 4000 characters; kept in the audit trail.</param>
public sealed record SetStructureTargetBody(string? Target, string? Act = null, DateOnly? Date = null, string? Reason = null);

public sealed class SetStructureTargetHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<SetStructureTarget, StructureTargetResponse>
{
    public async Task<StructureTargetResponse> Handle(SetStructureTarget request, CancellationToken ct)
    {
        var ((plan, indicator, structure), transaction, freeze) = await StructureTargetScope.BeginChangeAsync(
            db, request.Plan, request.Indicator, request.Structure, request.Year, request.IfMatch, ct);
        await using var _ = transaction;
        var (year, body) = (request.Year, request.Body);

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body.Target)) errors.Add("target", Say.It("Il target della struttura è obbligatorio (DELETE lo rimuove).", "The structure's target is required (DELETE removes it)."));
        else if (body.Target.Length > 500) errors.Add("target", Say.It("Un target può contenere al massimo 500 caratteri.", "A target must be at most 500 characters."));
        else if (TargetTexts.Problem(body.Target, indicator.Polarity, year, revises: false) is { } problem) errors.Add("target", problem);
        if (body.Reason is { Length: > 4000 }) errors.Add("reason", Say.It("Il motivo può contenere al massimo 4000 caratteri.", "The reason must be at most 4000 characters."));
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        errors.ThrowIfAny();
        PlanRecord.Refuse(freeze.TargetChange(year) ?? (act is null ? null : freeze.ChangeFrom(act.Date)));

        var text = body.Target!.Trim();
        var before = await StructureTargetScope.ProjectAsync(db, indicator, structure, year, ct);
        if (act is null)
        {
            var stored = indicator.StructureTargets.FirstOrDefault(t => t.StructureId == structure.Id && t.Year == year);
            if (stored is not null) stored.Text = text;
            else db.StructureTargets.Add(new StructureTarget { IndicatorId = indicator.Id, StructureId = structure.Id, Year = year, Text = text });
        }
        else
            await PlanRecord.AddAsync(db, plan, new Reprogramming
            {
                Kind = ReprogrammingKind.ReviseTarget, NodeId = indicator.NodeId, IndicatorId = indicator.Id, StructureId = structure.Id, Year = year,
                Target = text, Act = act.Act, EffectiveDate = act.Date, Reason = act.Reason, RecordedAt = time.UtcNow(),
            }, ct);

        indicator.Version = Guid.NewGuid();
        audit.Record("StructureTargetSet", "Indicator", indicator.Id, indicator.Code, plan.Id, plan.Organization.Code,
            new { structure = structure.Code, year, before.Target, before.Own },
            new { structure = structure.Code, year, target = text, act = act?.Act, date = act?.Date },
            act?.AuditReason ?? body.Reason, indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await StructureTargetScope.ProjectAsync(db, indicator, structure, year, ct);
    }
}

public sealed class SetStructureTargetEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/api/plans/{plan}/indicators/{indicator}/targets/{year:int}/structures/{structure}",
                async (string plan, string indicator, int year, string structure, SetStructureTargetBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                {
                    var response = await mediator.Send(new SetStructureTarget(plan, indicator, year, structure, Concurrency.RequireIfMatch(http.Request), body), ct);
                    return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
                })
            .WithName(nameof(SetStructureTarget)).RequireAuthorization(Policies.EditPlans).WithTags("Indicators")
            .WithSummary("Set a structure's own target of an indicator for a year (If-Match: the indicator's ETag; an act once adopted)")
            .Produces<StructureTargetResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
