using System.Text.Json;
using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Nodes;

/// <summary>
/// Adds a node (with its indicators and children, as a plan document writes them) under <c>parent</c> (a node's code;
/// none = top level) at <c>position</c> among its siblings. Checked as an import checks a node, every error by JSON path
/// in one 400. Free in Draft; once the plan is adopted it needs an act and a reason and is part of the plan from the
/// act's date (asOf before it shows the plan without it); never in a validated year (409).
/// </summary>
public sealed record CreateNode(string Plan, CreateNodeBody Body) : IRequest<NodeResponse>;

/// <summary>A node to add to the albero della performance (performance tree), with its indicators and children as a plan document writes them, its place and, once the plan is adopted, its act.</summary>
/// <param name="Code">Its code, unique among the plan's nodes (Cremona: <c>2021_01_01_02</c>).</param>
/// <param name="Kind">Required: Mission, StrategicArea, StrategicObjective, OperationalObjective, Action or Project.</param>
/// <param name="Weight">Its weight in its parent's roll-up (0–1,000,000; default 1; 0 = reported, not scored).</param>
/// <param name="Parent">The code of the stored node it goes under; absent or "": top level.</param>
/// <param name="Position">Its place among its siblings (0 = first); absent: last.</param>
/// <param name="Structure">The responsible structure's code, inherited by the descendants that name none; absent: its parent's.</param>
/// <param name="Responsible">The responsible person, free text.</param>
/// <param name="ValueArea">Its Valore Pubblico area's code (a top-level area); absent: its nearest classified ancestor's.</param>
/// <param name="SubArea">Its sub-area's code (of ValueArea when both are given).</param>
/// <param name="Indicators">The indicators it carries, as a plan document writes them.</param>
/// <param name="Children">The nodes under it, nested as a plan document writes them (they take no parent).</param>
/// <param name="Finalita">The narrative finalità.</param>
/// <param name="ProjectType">For a project: PesStrategico, PesIstituzionale or NoPes (absent: taken as NoPes).</param>
/// <param name="Years">The plan years it is active in; absent or empty: every year; at most 40 distinct years.</param>
/// <param name="Resources">The resources the plan assigns it, as free JSON up to 8000 characters (e.g. <c>{ "euro": 430000 }</c>).</param>
/// <param name="Structures">Further structures (codes) the objective is assigned to, each reporting its own consuntivi (actuals).</param>
/// <param name="Act">Once the plan is adopted: the act that adds it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the day it takes effect (yyyy-MM-dd, in the plan's years; default today): scores as of an earlier day leave it out.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters), kept with the act; optional otherwise, kept in the audit trail.</param>
public sealed record CreateNodeBody(
    string? Code, string? Kind, string? Title, decimal? Weight = null, string? Parent = null, int? Position = null, string? Structure = null,
    string? Responsible = null, string? ValueArea = null, string? SubArea = null, List<IndicatorDocument>? Indicators = null,
    List<NodeDocument>? Children = null, string? Finalita = null, string? ProjectType = null, List<int>? Years = null,
    JsonElement? Resources = null, List<string>? Structures = null, string? Act = null, DateOnly? Date = null, string? Reason = null)
{
    public NodeDocument ToDocument() => new(Code, Kind, Title, Weight, Structure, Responsible, ValueArea, SubArea, Indicators, Children,
        Finalita, ProjectType, Years, Resources, Parent is "" ? null : Parent, Structures);
}

public sealed class CreateNodeHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<CreateNode, NodeResponse>
{
    public async Task<NodeResponse> Handle(CreateNode request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var stored = await TreeEdits.LoadAsync(db, plan, ct);
        var node = PlanDocumentReader.ReadNode(body.ToDocument(), stored, time, errors);
        if (node is not null) TreeEdits.Place(stored.Nodes.Where(n => n.ParentId == node.Parent?.Id), node, body.Position, n => n.SortOrder, (n, o) => n.SortOrder = o, errors);
        errors.ThrowIfAny();
        if (node is null) throw new InvalidOperationException("A node without errors was read.");
        PlanRecord.Refuse(act is null ? freeze.PlanWideChange() : freeze.ChangeFrom(act.Date));

        foreach (var added in Descendants(node)) added.PlanId = plan.Id;
        db.Nodes.Add(node);
        if (act is not null) await TreeEdits.RecordAsync(db, plan, act, ReprogrammingKind.AddNode, node, time.UtcNow(), ct);
        audit.Record("NodeCreated", "Node", node.Id, node.Code, plan.Id, plan.Organization.Code,
            after: new { Node = body.ToDocument(), body.Position, act?.Act, act?.Date }, reason: act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await new GetNodeHandler(db).Handle(new GetNode(request.Plan, node.Code), ct);
    }

    private static IEnumerable<Node> Descendants(Node node) => node.Children.SelectMany(Descendants).Prepend(node);
}

public sealed class CreateNodeEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/{plan}/nodes", async (string plan, CreateNodeBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new CreateNode(plan, body), ct);
                return response.CreatedWithETag(http, $"/api/plans/{plan}/nodes/{response.Code}", response.ETag);
            })
            .WithName(nameof(CreateNode)).RequireAuthorization(Policies.EditPlans).WithTags("Nodes")
            .WithSummary("Add a node (with its indicators and children) under a parent; an adopted plan's needs an act, date and reason")
            .Produces<NodeResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
