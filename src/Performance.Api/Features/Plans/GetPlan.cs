using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Plans;

/// <summary>A plan's header with its counts; the tree is under /nodes.</summary>
public sealed record GetPlan(string Plan) : IRequest<PlanResponse>;

/// <summary>A plan's header: its years, status, act of adoption, scoring policy and how many elements it has; the tree is under /nodes.</summary>
/// <param name="Id">The plan's id (any path also takes its code, or ORG:CODE).</param>
/// <param name="Code">What people call the plan; unique within its organization.</param>
/// <param name="Organization">The organization's code.</param>
/// <param name="StartYear">The first year the plan covers.</param>
/// <param name="EndYear">The last year the plan covers.</param>
/// <param name="Status">Draft (edited freely), Adopted (changed only by acts) or Closed.</param>
/// <param name="ScoringPolicy">The plan's scoring policy, as imported or last set.</param>
/// <param name="Structures">How many structures the plan has.</param>
/// <param name="Nodes">How many nodes its tree has (the tree: GET /api/plans/{plan}/nodes).</param>
/// <param name="Indicators">How many indicators.</param>
/// <param name="Guidelines">How many Linee Guida Gestionali.</param>
/// <param name="AdoptionAct">The act that adopted it; null for a draft.</param>
/// <param name="AdoptedOn">The act's date.</param>
/// <param name="ValidatedYears">The years the OIV validated and no Admin reopened: frozen.</param>
public sealed record PlanResponse(
    Guid Id, string Code, string Title, string? Description, string Organization, int StartYear, int EndYear, PlanStatus Status,
    ScoringPolicyDocument ScoringPolicy, int Structures, int Nodes, int Indicators, int Guidelines, string? AdoptionAct, DateOnly? AdoptedOn,
    IReadOnlyList<int> ValidatedYears);

public sealed class GetPlanHandler(PerformanceDbContext db) : IRequestHandler<GetPlan, PlanResponse>
{
    public async Task<PlanResponse> Handle(GetPlan request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        return new PlanResponse(plan.Id, plan.Code, plan.Title, plan.Description, plan.Organization.Code, plan.StartYear, plan.EndYear,
            plan.Status, PlanPolicies.ReadDocument(plan.ScoringPolicyJson),
            await db.Structures.CountAsync(s => s.PlanId == plan.Id, ct), await db.Nodes.CountAsync(n => n.PlanId == plan.Id, ct),
            await db.Indicators.CountAsync(i => i.PlanId == plan.Id, ct), await db.Guidelines.CountAsync(g => g.PlanId == plan.Id, ct),
            plan.AdoptionAct, plan.AdoptedOn, await db.YearValidations.Where(v => v.PlanId == plan.Id).OrderBy(v => v.Year).Select(v => v.Year).ToListAsync(ct));
    }
}

public sealed record ListPlans : IRequest<IReadOnlyList<PlanSummary>>;

/// <summary>A plan in the list of the plans the caller sees.</summary>
/// <param name="Id">The plan's id (any path also takes its code, or ORG:CODE).</param>
/// <param name="Code">What people call the plan; unique within its organization.</param>
/// <param name="Organization">The organization's code.</param>
/// <param name="StartYear">The first year the plan covers.</param>
/// <param name="EndYear">The last year the plan covers.</param>
/// <param name="Status">Draft (edited freely), Adopted (changed only by acts) or Closed.</param>
public sealed record PlanSummary(Guid Id, string Code, string Title, string Organization, int StartYear, int EndYear, PlanStatus Status)
{
    /// <summary>ORG:CODE: names the plan unambiguously for every caller (plan codes are unique within an organization only).</summary>
    public string Key => $"{Organization}:{Code}";
}

public sealed class ListPlansHandler(PerformanceDbContext db) : IRequestHandler<ListPlans, IReadOnlyList<PlanSummary>>
{
    public async Task<IReadOnlyList<PlanSummary>> Handle(ListPlans request, CancellationToken ct) =>
        await db.VisiblePlans().AsNoTracking().OrderBy(p => p.Organization.Code).ThenBy(p => p.Code)
            .Select(p => new PlanSummary(p.Id, p.Code, p.Title, p.Organization.Code, p.StartYear, p.EndYear, p.Status)).ToListAsync(ct);
}

public sealed class GetPlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListPlans(), ct))
            .WithName(nameof(ListPlans)).RequireAuthorization(Policies.ReadScores).WithTags("Plans").WithSummary("List plans")
            .Paged<PlanSummary>(p => p.Id.ToString());
        app.MapGet("/api/plans/{plan}", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new GetPlan(plan), ct))
            .WithName(nameof(GetPlan)).RequireAuthorization(Policies.ReadScores).WithTags("Plans").WithSummary("A plan by id or code")
            .Produces<PlanResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
