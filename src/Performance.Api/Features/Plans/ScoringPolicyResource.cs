using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Language;

namespace Performance.Api.Features.Plans;

/// <summary>The plan's scoring policy as its own resource; its ETag is the plan's version.</summary>
public sealed record GetScoringPolicy(string Plan) : IRequest<ScoringPolicyResponse>;

/// <summary>The plan's scoring policy as a resource of its own.</summary>
/// <param name="Plan">The plan's code.</param>
/// <param name="Policy">The policy as stored (absent fields take the engine's defaults).</param>
/// <param name="ETag">The plan's version: send it as If-Match to change the policy.</param>
public sealed record ScoringPolicyResponse(string Plan, ScoringPolicyDocument Policy, string ETag);

public sealed class GetScoringPolicyHandler(PerformanceDbContext db) : IRequestHandler<GetScoringPolicy, ScoringPolicyResponse>
{
    public async Task<ScoringPolicyResponse> Handle(GetScoringPolicy request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        return new(plan.Code, PlanPolicies.ReadDocument(plan.ScoringPolicyJson), Concurrency.ETag(plan.Version));
    }
}

/// <summary>
/// Changes the scoring policy (If-Match required): every field given (not null) replaces the stored one, the others stay;
/// <c>uncapped: true</c> removes the cap, <c>noThreshold: true</c> the soglia. The policy scores every year of the plan, so
/// the change is refused once a year is validated (409); once the plan is adopted it needs an act and a reason, and is
/// audited with them (the policy has no dated versions: it applies to every year not validated).
/// </summary>
public sealed record UpdateScoringPolicy(string Plan, Guid IfMatch, UpdateScoringPolicyBody Body) : IRequest<ScoringPolicyResponse>;

/// <summary>What to change in the scoring policy; every field given (not null) replaces the stored one, the others stay (send the ETag as If-Match). Refused once a year of the plan is validated.</summary>
/// <param name="Cap">The highest score an indicator can reach (positive; an indicator's own cap replaces it); not with Uncapped.</param>
/// <param name="Uncapped">true removes the plan's cap (an indicator's own cap still applies).</param>
/// <param name="LowerIsBetter">How an at-most target's achievement is computed: InverseRatio (T / A × 100) or Reflected ((2T − A) / T × 100, floored at 0).</param>
/// <param name="Missing">A child without a score in a roll-up: Exclude (the others re-weighted) or Zero.</param>
/// <param name="Threshold">Soglia: an achievement strictly below it scores 0 (not negative); not with NoThreshold.</param>
/// <param name="NoThreshold">true removes the soglia (threshold).</param>
/// <param name="Bands">Fasce (score bands): the whole new list, replacing the stored one (<c>[]</c> removes them).</param>
/// <param name="BandMode">Step (the band's score) or Interpolated (linear to the next band's score).</param>
/// <param name="YellowFrom">The achievement from which a missed target's semaforo (traffic light) is yellow rather than red.</param>
/// <param name="JustificationRequiredWhenMissed">Whether a consuntivo (actual) that misses its target must carry a justification.</param>
/// <param name="Monitoring">The whole monitoraggio intermedio section, replacing the stored one.</param>
/// <param name="Act">Once the plan is adopted: the act that decides the change, required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the act's date (yyyy-MM-dd, in the plan's years; default today), kept in the audit trail; the policy has no dated versions and applies to every year not validated.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters); optional otherwise; kept in the audit trail.</param>
public sealed record UpdateScoringPolicyBody(
    decimal? Cap = null, bool? Uncapped = null, string? LowerIsBetter = null, string? Missing = null, decimal? Threshold = null,
    bool? NoThreshold = null, List<BandDocument>? Bands = null, string? BandMode = null, decimal? YellowFrom = null,
    bool? JustificationRequiredWhenMissed = null, MonitoringPolicyDocument? Monitoring = null, string? Act = null, DateOnly? Date = null,
    string? Reason = null)
{
    public ScoringPolicyDocument Over(ScoringPolicyDocument stored) => new(
        Uncapped is true ? null : Cap ?? stored.Cap, LowerIsBetter ?? stored.LowerIsBetter, Missing ?? stored.Missing,
        NoThreshold is true ? null : Threshold ?? stored.Threshold, Bands ?? stored.Bands, BandMode ?? stored.BandMode, YellowFrom ?? stored.YellowFrom,
        JustificationRequiredWhenMissed ?? stored.JustificationRequiredWhenMissed, Monitoring ?? stored.Monitoring);
}

public sealed class UpdateScoringPolicyHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<UpdateScoringPolicy, ScoringPolicyResponse>
{
    public async Task<ScoringPolicyResponse> Handle(UpdateScoringPolicy request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        Concurrency.Check(plan.Version, request.IfMatch, Say.It($"Politica di punteggio del piano '{plan.Code}'", $"The scoring policy of plan '{plan.Code}'"));
        var body = request.Body;
        var errors = new ValidationErrors();
        if (body is { Uncapped: true, Cap: not null }) errors.Add("cap", Say.It("Indica un tetto oppure uncapped: true, non entrambi.", "Give a cap or uncapped: true, not both."));
        if (body is { NoThreshold: true, Threshold: not null }) errors.Add("threshold", Say.It("Indica una soglia oppure noThreshold: true, non entrambe.", "Give a threshold or noThreshold: true, not both."));
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var before = PlanPolicies.ReadDocument(plan.ScoringPolicyJson);
        var policy = body.Over(before);
        var json = PlanDocumentReader.ReadPolicy(policy, await TreeEdits.LoadAsync(db, plan, ct), time, errors);
        errors.ThrowIfAny();
        PlanRecord.Refuse(freeze.PlanWideChange());

        plan.ScoringPolicyJson = json;
        plan.Version = Guid.NewGuid();
        audit.Record("ScoringPolicyUpdated", "Plan", plan.Id, plan.Code, plan.Id, plan.Organization.Code, before,
            act is null ? policy : new { Policy = policy, act.Act, act.Date }, act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(plan.Code, PlanPolicies.ReadDocument(plan.ScoringPolicyJson), Concurrency.ETag(plan.Version));
    }
}

public sealed class ScoringPolicyEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{plan}/policy", async (string plan, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new GetScoringPolicy(plan), ct);
                http.Response.Headers.ETag = response.ETag;
                return response;
            })
            .WithName(nameof(GetScoringPolicy)).RequireAuthorization(Policies.ReadPlans).WithTags("Plans")
            .WithSummary("The plan's scoring policy (cap, lower-is-better formula, missing rule, threshold, bands, monitoring); ETag for updates")
            .Produces<ScoringPolicyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPatch("/api/plans/{plan}/policy", async (string plan, UpdateScoringPolicyBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new UpdateScoringPolicy(plan, Concurrency.RequireIfMatch(http.Request), body), ct);
                return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
            })
            .WithName(nameof(UpdateScoringPolicy)).RequireAuthorization(Policies.EditPlans).WithTags("Plans")
            .WithSummary("Change the scoring policy (If-Match required); an adopted plan's needs an act and a reason; 409 in a validated year")
            .Produces<ScoringPolicyResponse>().ProducesGuardedWriteProblems();
    }
}
