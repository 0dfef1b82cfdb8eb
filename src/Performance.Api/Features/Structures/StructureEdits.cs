using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Domain.PublicValue;

namespace Performance.Api.Features.Structures;

/// <summary>A struttura (structure, centro di responsabilità) of the plan, with its ETag for changes.</summary>
/// <param name="Id">The structure's id (paths also take its code).</param>
/// <param name="Code">Its code in the plan, as nodes, targets and consuntivi (actuals) name it.</param>
/// <param name="Kind">Central (simple mean in Valore Pubblico) or Territorial (weighted by its volume).</param>
/// <param name="Type">Its type, free text (<c>DR</c>, <c>DCM</c>, <c>Servizio</c>, …); null when none.</param>
/// <param name="Region">Its region, free text; null when none.</param>
/// <param name="Parent">The code of the structure it belongs to; null when none.</param>
/// <param name="Volumes">Its production volume per year (<c>{ "2024": 1392284 }</c>): the weight of a territorial structure in Valore Pubblico.</param>
/// <param name="ETag">Its version: send it as If-Match to change or remove it.</param>
public sealed record StructureResponse(
    Guid Id, string Code, string Name, StructureKind Kind, string? Type, string? Region, string? Parent,
    IReadOnlyDictionary<string, decimal> Volumes, string ETag)
{
    public static StructureResponse Of(Structure s, IReadOnlyDictionary<Guid, string> codes) => new(
        s.Id, s.Code, s.Name, s.Kind, s.Type, s.Region, s.ParentId is { } p ? codes[p] : null,
        s.Volumes.OrderBy(v => v.Year).ToDictionary(v => v.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), v => v.Volume),
        Concurrency.ETag(s.Version));

    public static async Task<StructureResponse> ReadAsync(PerformanceDbContext db, Guid planId, string code, CancellationToken ct)
    {
        var structures = await db.Structures.AsNoTracking().Include(s => s.Volumes).Where(s => s.PlanId == planId).ToListAsync(ct);
        return Of(structures.Single(s => s.Code == code), structures.ToDictionary(s => s.Id, s => s.Code));
    }
}

/// <summary>The plan's structures (strutture, centri di responsabilità) in the plan's order, each with its ETag.</summary>
public sealed record ListStructures(string Plan) : IRequest<IReadOnlyList<StructureResponse>>;

public sealed class ListStructuresHandler(PerformanceDbContext db) : IRequestHandler<ListStructures, IReadOnlyList<StructureResponse>>
{
    public async Task<IReadOnlyList<StructureResponse>> Handle(ListStructures request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var structures = await db.Structures.AsNoTracking().Include(s => s.Volumes).Where(s => s.PlanId == plan.Id).OrderBy(s => s.SortOrder).ToListAsync(ct);
        var codes = structures.ToDictionary(s => s.Id, s => s.Code);
        return structures.Select(s => StructureResponse.Of(s, codes)).ToList();
    }
}

/// <summary>
/// Adds a structure (as a plan document writes it; its parent may be a stored structure). A new structure scores nothing
/// until objectives are assigned to it, so it is allowed in a validated year; once the plan is adopted it needs an act and
/// a reason (audited).
/// </summary>
public sealed record CreateStructure(string Plan, CreateStructureBody Body) : IRequest<StructureResponse>;

/// <summary>A structure to add to the plan, as a plan document writes it, with its act once the plan is adopted.</summary>
/// <param name="Code">Its code, unique among the plan's structures (letters, digits, '.', '_', '-').</param>
/// <param name="Kind">Central (default: simple mean in Valore Pubblico) or Territorial (weighted by its volume).</param>
/// <param name="Type">Its type, free text (<c>DR</c>, <c>DCM</c>, <c>Servizio</c>, …).</param>
/// <param name="Region">Its region, free text.</param>
/// <param name="Parent">The code of the structure it belongs to (a stored one), if any.</param>
/// <param name="Volumes">Production volume per year (<c>{ "2024": 1392284 }</c>), never negative.</param>
/// <param name="Act">Once the plan is adopted: the act that decides it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the act's date (yyyy-MM-dd, in the plan's years; default today), kept in the audit trail; the change applies at once.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters); optional otherwise; kept in the audit trail.</param>
public sealed record CreateStructureBody(
    string? Code, string? Name, string? Kind = null, string? Type = null, string? Region = null, string? Parent = null,
    Dictionary<string, decimal>? Volumes = null, string? Act = null, DateOnly? Date = null, string? Reason = null)
{
    public StructureDocument ToDocument() => new(Code, Name, Kind, Type, Region, Parent, Volumes);
}

public sealed class CreateStructureHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<CreateStructure, StructureResponse>
{
    public async Task<StructureResponse> Handle(CreateStructure request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, _) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var __ = transaction;
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var structure = PlanDocumentReader.ReadStructure(body.ToDocument(), await TreeEdits.LoadAsync(db, plan, ct), time, errors);
        errors.ThrowIfAny();
        structure!.PlanId = plan.Id;
        db.Structures.Add(structure);
        audit.Record("StructureCreated", "Structure", structure.Id, structure.Code, plan.Id, plan.Organization.Code,
            after: new { Structure = body.ToDocument(), act?.Act, act?.Date }, reason: act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await StructureResponse.ReadAsync(db, plan.Id, structure.Code, ct);
    }
}

/// <summary>What a change of a stored structure starts from: the plan's structures (with their volumes) and the one named,
/// 404 when there is none, 412 when If-Match is not its version.</summary>
internal static class StructureChange
{
    public static async Task<(List<Structure> All, Structure Structure)> FindAsync(PerformanceDbContext db, Guid planId, string code, Guid ifMatch, CancellationToken ct)
    {
        var structures = await db.Structures.Include(s => s.Volumes).Where(s => s.PlanId == planId).ToListAsync(ct);
        var structure = structures.SingleOrDefault(s => s.Code == code) ?? throw new NotFoundException("Structure", code);
        Concurrency.Check(structure.Version, ifMatch, Say.It($"Struttura '{structure.Code}'", $"Structure '{structure.Code}'"));
        return (structures, structure);
    }
}

/// <summary>
/// Changes a structure (If-Match required): absent fields stay; <c>parent</c> "" clears it; in <c>volumes</c> a year
/// mapped to null removes it. Kind, parent and volumes move the Valore Pubblico, so they are refused once a year is
/// validated (409); once the plan is adopted every change needs an act and a reason (audited).
/// </summary>
public sealed record UpdateStructure(string Plan, string Structure, Guid IfMatch, UpdateStructureBody Body) : IRequest<StructureResponse>;

/// <summary>What to change in a structure; absent fields stay as they are (send the ETag as If-Match). Kind, parent and volumes are refused once a year is validated.</summary>
/// <param name="Name">Its new name (not empty, at most 2000 characters).</param>
/// <param name="Kind">Central or Territorial.</param>
/// <param name="Type">Its type, free text of at most 2000 characters ("" clears it).</param>
/// <param name="Region">Its region, free text of at most 2000 characters ("" clears it).</param>
/// <param name="Parent">The code of the structure it belongs to ("" clears it; not itself or a structure below it).</param>
/// <param name="Volumes">Production volumes by plan year to set (never negative); a year mapped to null removes it; years not named stay.</param>
/// <param name="Act">Once the plan is adopted: the act that decides it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the act's date (yyyy-MM-dd, in the plan's years; default today), kept in the audit trail; the change applies at once.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters); optional otherwise; kept in the audit trail.</param>
public sealed record UpdateStructureBody(
    string? Name = null, string? Kind = null, string? Type = null, string? Region = null, string? Parent = null,
    Dictionary<string, decimal?>? Volumes = null, string? Act = null, DateOnly? Date = null, string? Reason = null);

public sealed class UpdateStructureHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<UpdateStructure, StructureResponse>
{
    public async Task<StructureResponse> Handle(UpdateStructure request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var (structures, structure) = await StructureChange.FindAsync(db, plan.Id, request.Structure, request.IfMatch, ct);
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var before = StructureResponse.Of(structure, structures.ToDictionary(s => s.Id, s => s.Code));

        if (body.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 2000) errors.Add("name", Say.It("Il nome è obbligatorio (al massimo 2000 caratteri).", "The name is required (at most 2000 characters)."));
            else structure.Name = body.Name.Trim();
        }
        // Type and region are kept in columns of 2000 characters, as the plan document reads them.
        if (body.Type is { Length: > 2000 }) errors.Add("type", Say.It("Il tipo può contenere al massimo 2000 caratteri.", "The type must be at most 2000 characters."));
        else if (body.Type is not null) structure.Type = body.Type == "" ? null : body.Type.Trim();
        if (body.Region is { Length: > 2000 }) errors.Add("region", Say.It("La regione può contenere al massimo 2000 caratteri.", "The region must be at most 2000 characters."));
        else if (body.Region is not null) structure.Region = body.Region == "" ? null : body.Region.Trim();
        if (body.Kind is not null)
        {
            if (EnumText.TryParse<StructureKind>(body.Kind, out var kind)) structure.Kind = kind;
            else errors.Add("kind", Say.It($"'{body.Kind}' non è uno tra {string.Join(", ", Enum.GetNames<StructureKind>())}.", $"'{body.Kind}' is not one of {string.Join(", ", Enum.GetNames<StructureKind>())}."));
        }
        if (body.Parent is not null) SetParent(structure, body.Parent, structures, errors);
        foreach (var (key, volume) in body.Volumes ?? [])
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !plan.CoversYear(year)) { errors.Add($"volumes.{key}", Say.It($"Le chiavi dei volumi sono anni del piano ({plan.StartYear}-{plan.EndYear}).", $"Volume keys must be years of the plan ({plan.StartYear}-{plan.EndYear}).")); continue; }
            if (volume is < 0) { errors.Add($"volumes.{key}", Say.It("Un volume di produzione non può essere negativo.", "A production volume must not be negative.")); continue; }
            var stored = structure.Volumes.FirstOrDefault(v => v.Year == year);
            if (volume is null) { if (stored is not null) db.Remove(stored); }
            else if (stored is not null) stored.Volume = volume.Value;
            else db.Add(new StructureVolume { StructureId = structure.Id, Year = year, Volume = volume.Value });
        }
        errors.ThrowIfAny();
        // Kind, parent and volumes weigh in the Valore Pubblico of every year.
        if (body.Kind is not null || body.Parent is not null || body.Volumes is not null) PlanRecord.Refuse(freeze.PlanWideChange());

        structure.Version = Guid.NewGuid();
        audit.Record("StructureUpdated", "Structure", structure.Id, structure.Code, plan.Id, plan.Organization.Code, before, body, act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await StructureResponse.ReadAsync(db, plan.Id, structure.Code, ct);
    }

    private static void SetParent(Structure structure, string code, List<Structure> structures, ValidationErrors errors)
    {
        if (code == "") { structure.ParentId = null; return; }
        var parent = structures.FirstOrDefault(s => s.Code == code);
        if (parent is null) { errors.Add("parent", Say.It($"Nessuna struttura con codice '{code}'.", $"Unknown structure code '{code}'.")); return; }
        for (var up = parent; up is not null; up = structures.FirstOrDefault(s => s.Id == up.ParentId))
            if (up == structure) { errors.Add("parent", Say.It($"'{code}' è '{structure.Code}' stessa o sta sotto di essa: un ciclo.", $"'{code}' is '{structure.Code}' itself or below it: a cycle.")); return; }
        structure.ParentId = parent.Id;
    }
}

/// <summary>
/// Removes a structure entered by mistake (If-Match required): only from a plan in Draft, and only while nothing names it —
/// no node is its responsibility or assigned to it, no structure sits under it, no consuntivo, own target or act names it
/// (409 saying what does). Its volumes go with it. An adopted plan keeps its structures: objectives change hands by act
/// (ReassignStructure).
/// </summary>
public sealed record DeleteStructure(string Plan, string Structure, Guid IfMatch) : IRequest<Unit>;

public sealed class DeleteStructureHandler(PerformanceDbContext db, AuditTrail audit) : IRequestHandler<DeleteStructure, Unit>
{
    public async Task<Unit> Handle(DeleteStructure request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var (structures, structure) = await StructureChange.FindAsync(db, plan.Id, request.Structure, request.IfMatch, ct);
        if (plan.Status != PlanStatus.Draft)
            throw new ConflictException(Say.It($"Il piano '{plan.Code}' non è in bozza: le sue strutture restano; gli obiettivi passano ad altre strutture con un atto (ReassignStructure).",
                $"Plan '{plan.Code}' is not a draft: its structures stay; objectives move to other structures by an act (ReassignStructure)."), ConflictCodes.PlanNotDraft);
        PlanRecord.Refuse(freeze.PlanWideChange());
        if (await UsesAsync(structure.Id, ct) is { Count: > 0 } uses)
            throw new ConflictException(Say.It($"La struttura '{structure.Code}' è ancora usata: {string.Join("; ", uses.Select(u => u.Italian))}. Non è stato tolto nulla.",
                $"Structure '{structure.Code}' is still in use: {string.Join("; ", uses.Select(u => u.English))}. Nothing was removed."), ConflictCodes.HasData);

        var before = StructureResponse.Of(structure, structures.ToDictionary(s => s.Id, s => s.Code));
        db.RemoveRange(structure.Volumes);
        db.Structures.Remove(structure);
        audit.Record("StructureDeleted", "Structure", structure.Id, structure.Code, plan.Id, plan.Organization.Code, before: before);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Unit.Value;
    }

    /// <summary>What still names the structure, counted, in both languages; empty when it can go.</summary>
    private async Task<List<(string Italian, string English)>> UsesAsync(Guid id, CancellationToken ct)
    {
        var uses = new List<(string, string)>();
        void Add(int count, string italian, string english) { if (count > 0) uses.Add(($"{count} {italian}", $"{count} {english}")); }
        Add(await db.Nodes.CountAsync(n => n.StructureId == id, ct), "nodi ne sono responsabilità", "node(s) are its responsibility");
        Add(await db.NodeStructures.CountAsync(a => a.StructureId == id, ct), "obiettivi comuni le sono assegnati", "common objective(s) are assigned to it");
        Add(await db.Structures.CountAsync(s => s.ParentId == id, ct), "strutture stanno sotto di essa", "structure(s) sit under it");
        Add(await db.Actuals.CountAsync(a => a.StructureId == id, ct), "consuntivi sono suoi", "consuntivi are its own");
        Add(await db.StructureTargets.CountAsync(t => t.StructureId == id, ct), "target propri la riguardano", "own target(s) are set for it");
        Add(await db.Reprogrammings.CountAsync(r => r.ToStructureId == id || r.StructureId == id, ct), "atti la nominano", "act(s) name it");
        return uses;
    }
}

public sealed class StructureEditsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{plan}/structures", (string plan, IMediator mediator, CancellationToken ct) => mediator.Send(new ListStructures(plan), ct))
            .WithName(nameof(ListStructures)).RequireAuthorization(Policies.ReadPlans).WithTags("Structures")
            .WithSummary("The plan's structures with their kind, parent, volumes and ETag")
            .Produces<IReadOnlyList<StructureResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<StructureResponse>(s => s.Code);
        app.MapPost("/api/plans/{plan}/structures", async (string plan, CreateStructureBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new CreateStructure(plan, body), ct);
                return response.CreatedWithETag(http, $"/api/plans/{plan}/structures/{response.Code}", response.ETag);
            })
            .WithName(nameof(CreateStructure)).RequireAuthorization(Policies.EditPlans).WithTags("Structures")
            .WithSummary("Add a structure; an adopted plan's needs an act and a reason")
            .Produces<StructureResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPatch("/api/plans/{plan}/structures/{structure}", async (string plan, string structure, UpdateStructureBody body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new UpdateStructure(plan, structure, Concurrency.RequireIfMatch(http.Request), body), ct);
                return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
            })
            .WithName(nameof(UpdateStructure)).RequireAuthorization(Policies.EditPlans).WithTags("Structures")
            .WithSummary("Change a structure (If-Match required); kind, parent and volumes refused in a validated year")
            .Produces<StructureResponse>().ProducesGuardedWriteProblems();
        app.MapDelete("/api/plans/{plan}/structures/{structure}", async (string plan, string structure, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteStructure(plan, structure, Concurrency.RequireIfMatch(http.Request)), ct);
                return Results.NoContent();
            })
            .WithName(nameof(DeleteStructure)).RequireAuthorization(Policies.EditPlans).WithTags("Structures")
            .WithSummary("Remove a structure entered by mistake (If-Match required): a draft plan's, while nothing names it")
            .Produces(StatusCodes.Status204NoContent).ProducesGuardedWriteProblems();
    }
}
