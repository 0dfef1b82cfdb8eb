using Performance.Domain.Language;
using Performance.Domain.Projects;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Nodes;

/// <summary>
/// Changes a node's weight and metadata under optimistic concurrency. Absent (null) fields stay as they are;
/// an empty string clears a reference (structure, value area, sub-area). Once the plan is adopted a change needs an act and
/// a reason (<c>act</c>, <c>date</c>, <c>reason</c>): a new weight or structure is then recorded as a reprogramming act from
/// the date. <c>parent</c> moves the node (a node's code; "" = top level; a move under itself or a node below it is a 400),
/// as a reprogramming act once adopted; <c>position</c> reorders it among its siblings (0 = first). Nothing that scores a
/// validated year changes (409).
/// </summary>
public sealed record UpdateNode(string Plan, string Node, Guid IfMatch, UpdateNodeBody Body) : IRequest<NodeResponse>;

/// <summary>What to change in a node; absent fields stay as they are, an empty string clears a reference (send the ETag as If-Match).</summary>
/// <param name="Finalita">The narrative finalità.</param>
/// <param name="Weight">Its weight in its parent's roll-up (0–1,000,000; 0 = reported, not scored).</param>
/// <param name="Structure">The responsible structure's code ("" clears it: the parent's applies).</param>
/// <param name="Responsible">The responsible person.</param>
/// <param name="ValueArea">Its Valore Pubblico area's code ("" clears it).</param>
/// <param name="SubArea">Its sub-area's code, of its value area ("" clears it). Changing the area while the node has a sub-area of another area needs this too (else 400).</param>
/// <param name="ProjectType">For a project: PesStrategico, PesIstituzionale or NoPes.</param>
/// <param name="Years">The plan years it is active in; empty: every year; at most 40 distinct years.</param>
/// <param name="Reason">Why: required once the plan is adopted (with the act and its date), kept with the change.</param>
/// <param name="Act">Once the plan is adopted: the act that makes the change (e.g. <c>Determina n. 45/2024</c>).</param>
/// <param name="Date">Once the plan is adopted: the day the change takes effect (scores as of an earlier day keep the old values).</param>
/// <param name="Parent">Moves the node under the node with this code ("" = top level; not under itself or a node below it).</param>
/// <param name="Position">Its place among its siblings (0 = first).</param>
public sealed record UpdateNodeBody(
    string? Title = null, string? Finalita = null, decimal? Weight = null, string? Structure = null, string? Responsible = null,
    string? ValueArea = null, string? SubArea = null, string? ProjectType = null, List<int>? Years = null, string? Reason = null,
    string? Act = null, DateOnly? Date = null, string? Parent = null, int? Position = null);

public sealed class UpdateNodeValidator : AbstractValidator<UpdateNode>
{
    public UpdateNodeValidator()
    {
        RuleFor(x => x.Body.Weight).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1_000_000).OverridePropertyName("weight");
        RuleFor(x => x.Body.Title).NotEmpty().MaximumLength(2000).When(x => x.Body.Title is not null).OverridePropertyName("title");
        RuleFor(x => x.Body.Finalita).MaximumLength(8000).OverridePropertyName("finalita");
        RuleFor(x => x.Body.Responsible).MaximumLength(2000).OverridePropertyName("responsible");
        RuleFor(x => x.Body.Reason).MaximumLength(4000).OverridePropertyName("reason");
        RuleFor(x => x.Body.ProjectType).Must(t => t is null or "" || EnumText.TryParse<ProjectType>(t, out _))
            .WithMessage(_ => Say.It($"Deve essere uno tra {string.Join(", ", Enum.GetNames<ProjectType>())}.", $"Must be one of {string.Join(", ", Enum.GetNames<ProjectType>())}.")).OverridePropertyName("projectType");
    }
}

public sealed class UpdateNodeHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<UpdateNode, NodeResponse>
{
    public async Task<NodeResponse> Handle(UpdateNode request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var node = await db.FindNodeAsync(plan.Id, request.Node, ct);
        Concurrency.Check(node.Version, request.IfMatch, Say.It($"Nodo '{node.Code}'", $"Node '{node.Code}'"));
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        errors.ThrowIfAny();
        var before = Snapshot(node);
        var now = new PlanTimeline(await db.Reprogrammings.AsNoTracking().Where(r => r.NodeId == node.Id).ToListAsync(ct), DateOnly.MaxValue);
        var weightChange = body.Weight is { } w && w != now.WeightOf(node) ? w : (decimal?)null;
        var structure = body.Structure is null ? null
            : new { Id = await ResolveAsync(db.Structures.Where(s => s.PlanId == plan.Id && s.Code == body.Structure).Select(s => (Guid?)s.Id), body.Structure, "structure", errors, ct) };
        if (structure is not null && structure.Id == now.StructureOf(node)) structure = null;
        var nodes = body.Parent is null && body.Position is null ? [] : await db.Nodes.Where(n => n.PlanId == plan.Id).ToListAsync(ct);
        var move = body.Parent is null ? null : await MoveAsync(plan, node, body.Parent, act?.Date, nodes, errors, ct);
        // Value areas, years and project type score every year in place; a weight or structure set by an act from its date.
        if (body.ValueArea is not null || body.SubArea is not null || body.Years is not null || body.ProjectType is not null) PlanRecord.Refuse(freeze.PlanWideChange());
        if (weightChange is not null || structure is not null || move is not null) PlanRecord.Refuse(act is null ? freeze.PlanWideChange() : freeze.ChangeFrom(act.Date));
        if (act is null && move is not null) node.ParentId = move.To?.Id;
        // The order among siblings is presentation only: it changes in place, in any status.
        if (body.Position is not null)
            TreeEdits.Place(nodes.Where(n => n.ParentId == node.ParentId), node, body.Position, n => n.SortOrder, (n, o) => n.SortOrder = o, errors);

        if (body.Title is not null) node.Title = body.Title.Trim();
        if (body.Finalita is not null) node.Finalita = body.Finalita;
        if (act is null && weightChange is { } weight) node.Weight = weight;
        if (body.Responsible is not null) node.Responsible = body.Responsible;
        if (body.ProjectType is not null) node.ProjectType = body.ProjectType == "" ? null : Enum.Parse<ProjectType>(body.ProjectType, true);
        if (act is null && structure is not null) node.StructureId = structure.Id;
        if (body.ValueArea is not null)
            node.ValueAreaId = await ResolveAsync(db.ValueAreas.Where(a => a.PlanId == plan.Id && a.ParentId == null && a.Code == body.ValueArea).Select(a => (Guid?)a.Id), body.ValueArea, "valueArea", errors, ct);
        if (body.SubArea is not null)
            node.SubAreaId = await ResolveAsync(db.ValueAreas.Where(a => a.PlanId == plan.Id && a.ParentId != null && a.Code == body.SubArea).Select(a => (Guid?)a.Id), body.SubArea, "subArea", errors, ct);
        if (body.ValueArea is not null || body.SubArea is not null) await CheckSubAreaOfAreaAsync(node, body, errors, ct);
        if (body.Years is not null)
        {
            foreach (var y in body.Years.Where(y => !plan.CoversYear(y))) errors.Add("years", Say.It($"L'anno {y} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {y} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
            node.Years = PlanDocumentReader.StoredNodeYears(body.Years, "years", errors);
        }
        errors.ThrowIfAny();
        if (act is not null) await RecordActsAsync(plan, node, act, weightChange, structure?.Id, body.Structure, ct);
        if (act is not null && move is not null) await TreeEdits.RecordAsync(db, plan, act, ReprogrammingKind.MoveNode, node, time.UtcNow(), ct, into: move.To);

        node.Version = Guid.NewGuid();
        audit.Record("NodeUpdated", "Node", node.Id, node.Code, plan.Id, plan.Organization.Code, before,
            act is null ? Snapshot(node) : new
            {
                Stored = Snapshot(node), Acts = new { Weight = weightChange, Structure = structure is null ? null : body.Structure, Parent = move is null ? null : body.Parent, act.Act, act.Date },
            },
            act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await new GetNodeHandler(db).Handle(new GetNode(request.Plan, node.Code), ct);
    }

    /// <summary>An adopted plan's new weight or structure: reprogramming acts from the act's date (a structure cleared stays as it is).</summary>
    private async Task RecordActsAsync(Plan plan, Node node, PlanAct act, decimal? weight, Guid? structureId, string? structureCode, CancellationToken ct)
    {
        if (structureCode is "") throw RequestValidationException.For("structure", Say.It("L'obiettivo di un piano adottato si riassegna a un'altra struttura con un atto, non si lascia senza struttura.", "An adopted plan's objective is reassigned to another structure by an act, not left without one."));
        Reprogramming Change(ReprogrammingKind kind) => new()
        {
            Kind = kind, Node = node, NodeId = node.Id, Act = act.Act, EffectiveDate = act.Date, Reason = act.Reason, RecordedAt = time.UtcNow(),
        };
        if (weight is { } w)
        {
            var change = Change(ReprogrammingKind.ChangeWeight);
            change.Weight = w;
            await PlanRecord.AddAsync(db, plan, change, ct);
        }
        if (structureId is { } s)
        {
            var change = Change(ReprogrammingKind.ReassignStructure);
            change.ToStructureId = s;
            await PlanRecord.AddAsync(db, plan, change, ct);
        }
    }

    private sealed record Move(Node? To);

    /// <summary>
    /// The node's new parent (null = top level) as the plan now stands (earlier moves applied); null when it stays where
    /// it is. A parent that is the node itself or below it would make a cycle (400).
    /// </summary>
    private async Task<Move?> MoveAsync(Plan plan, Node node, string parentCode, DateOnly? actDate, List<Node> nodes, ValidationErrors errors, CancellationToken ct)
    {
        var byId = nodes.ToDictionary(n => n.Id);
        var moves = await TreeEdits.MovesAsync(db, plan.Id, byId, ct);
        Node? to = null;
        if (parentCode != "" && (to = nodes.FirstOrDefault(n => n.Code == parentCode)) is null)
        {
            errors.Add("parent", Say.It($"Nessun nodo con codice '{parentCode}' in questo piano.", $"Unknown node code '{parentCode}' in this plan."));
            return null;
        }
        Node? Stored(Node n) => n.ParentId is { } p ? byId.GetValueOrDefault(p) : null;
        Node? Now(Node n) => moves.LastOrDefault(m => m.Node == n) is { } last ? last.To : Stored(n);
        if (to == Now(node)) return null;
        // By act: checked at every date the move is in force; in place (a draft): against the tree as it stands.
        var cycle = actDate is { } date ? TreeEdits.MoveProblem(node, to, parentCode, date, moves, Stored) : TreeEdits.MoveProblem(node, to, parentCode, Now);
        if (cycle is not null)
        {
            errors.Add("parent", cycle);
            return null;
        }
        return new Move(to);
    }

    private static object Snapshot(Node n) => new
    {
        n.Title, n.Finalita, n.Weight, n.StructureId, n.ParentId, n.SortOrder, n.Responsible, n.ValueAreaId, n.SubAreaId, n.ProjectType, n.Years,
    };

    /// <summary>
    /// A sub-area must be of the node's area, as at import: a new area with the old sub-area of another one left in place
    /// would classify the node in two areas at once, so the caller is asked for the sub-area too.
    /// </summary>
    private async Task CheckSubAreaOfAreaAsync(Node node, UpdateNodeBody body, ValidationErrors errors, CancellationToken ct)
    {
        if (node.ValueAreaId is not { } area || node.SubAreaId is not { } sub) return;
        var subArea = await db.ValueAreas.AsNoTracking().SingleAsync(a => a.Id == sub, ct);
        if (subArea.ParentId == area) return;
        var areaCode = await db.ValueAreas.Where(a => a.Id == area).Select(a => a.Code).SingleAsync(ct);
        if (body.SubArea is not null)
            errors.Add("subArea", PlanDocumentReader.SubAreaNotOfArea(subArea.Code, areaCode));
        else
            errors.Add("subArea", Say.It($"Il nodo ha il sottoambito '{subArea.Code}', che non appartiene al nuovo ambito di valore '{areaCode}': indicare anche subArea (un sottoambito di '{areaCode}', o \"\" per toglierlo).",
                $"The node has sub-area '{subArea.Code}', which does not belong to the new value area '{areaCode}': give subArea too (a sub-area of '{areaCode}', or \"\" to clear it)."));
    }

    private static async Task<Guid?> ResolveAsync(IQueryable<Guid?> query, string code, string field, ValidationErrors errors, CancellationToken ct)
    {
        if (code == "") return null;
        var id = await query.SingleOrDefaultAsync(ct);
        if (id is null) errors.Add(field, Say.It($"Codice '{code}' sconosciuto in questo piano (campo {field}).", $"Unknown {field} code '{code}' in this plan."));
        return id;
    }
}

public sealed class UpdateNodeEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPatch("/api/plans/{plan}/nodes/{node}", async (string plan, string node, UpdateNodeBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new UpdateNode(plan, node, Concurrency.RequireIfMatch(http.Request), body), ct);
                return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
            })
            .WithName(nameof(UpdateNode)).RequireAuthorization(Policies.EditPlans).WithTags("Nodes").WithSummary("Update a node's weight and metadata (If-Match required)")
            .Produces<NodeResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
