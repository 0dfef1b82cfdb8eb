using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Plans;

/// <summary>
/// Creates an empty Draft plan (organization, code, title, years, optional scoring policy), to be built through the
/// API: structures, value areas, nodes and indicators one at a time. Checked and stored as an import of the same
/// header would be (same errors by path, 409 when the code exists).
/// </summary>
/// <param name="Organization">The organization (ente) it belongs to, by code and name; created when its code is new (a caller bound to another organization gets 403).</param>
/// <param name="Code">What people call the plan (<c>PP-2021-2023</c>): unique within the organization; letters, digits, '.', '_', '-'.</param>
/// <param name="StartYear">The first year the plan covers (1990–2200).</param>
/// <param name="EndYear">The last year the plan covers (1990–2200, not before StartYear).</param>
/// <param name="ScoringPolicy">How achievements become scores; absent: the defaults (cap 100, InverseRatio, missing children excluded, no threshold, no bands).</param>
public sealed record CreatePlanBody(
    OrganizationDocument? Organization, string? Code, string? Title, int? StartYear, int? EndYear, string? Description = null,
    ScoringPolicyDocument? ScoringPolicy = null)
{
    public PlanDocument ToDocument() => new(Organization, Code, Title, Description, StartYear, EndYear, null, ScoringPolicy, [], [], [], []);
}

public sealed class CreatePlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans", async (CreatePlanBody body, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new ImportPlan(body.ToDocument(), Replace: false), ct);
                return Results.Created($"/api/plans/{result.Id}", result);
            })
            .WithName("CreatePlan").RequireAuthorization(Policies.EditPlans).WithTags("Plans")
            .WithSummary("Create an empty Draft plan, to be built node by node (409 when the code exists)")
            .Produces<ImportPlanResult>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
}
