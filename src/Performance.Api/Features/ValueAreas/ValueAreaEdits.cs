using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.ValueAreas;

/// <summary>An ambito valoriale (value area) of Valore Pubblico or one of its sottoambiti (sub-areas), with its ETag for changes.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Code">Its code in the plan, as nodes and indicators name it.</param>
/// <param name="Weight">An area's weight in Valore Pubblico (relative; 0 = reported, not weighed); a sub-area's is not used.</param>
/// <param name="Parent">For a sub-area, its area's code; null for an area.</param>
/// <param name="ETag">Its version: send it as If-Match to change or remove it.</param>
public sealed record ValueAreaResponse(Guid Id, string Code, string Name, decimal Weight, string? Parent, string ETag)
{
    public static async Task<ValueAreaResponse> ReadAsync(PerformanceDbContext db, Guid planId, string code, CancellationToken ct)
    {
        var area = await db.ValueAreas.AsNoTracking().Include(a => a.Parent).SingleAsync(a => a.PlanId == planId && a.Code == code, ct);
        return new(area.Id, area.Code, area.Name, area.Weight, area.Parent?.Code, Concurrency.ETag(area.Version));
    }
}

/// <summary>
/// Adds an ambito valoriale of Valore Pubblico with its sottoambiti (as a plan document writes it). A new area scores
/// nothing until items are classified in it; once the plan is adopted it needs an act and a reason (audited).
/// </summary>
public sealed record CreateValueArea(string Plan, CreateValueAreaBody Body) : IRequest<ValueAreaResponse>;

/// <summary>A value area to add to the plan with its sub-areas, as a plan document writes it, with its act once the plan is adopted.</summary>
/// <param name="Code">Its code, unique among the plan's areas and sub-areas.</param>
/// <param name="Weight">Its weight in Valore Pubblico (0–1,000,000; default 1; relative; 0 = reported, not weighed).</param>
/// <param name="SubAreas">Its sottoambiti (sub-areas), each with a code and a name.</param>
/// <param name="Act">Once the plan is adopted: the act that decides it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the act's date (yyyy-MM-dd, in the plan's years; default today), kept in the audit trail; the change applies at once.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters); optional otherwise; kept in the audit trail.</param>
public sealed record CreateValueAreaBody(
    string? Code, string? Name, decimal? Weight = null, List<SubAreaDocument>? SubAreas = null, string? Act = null, DateOnly? Date = null,
    string? Reason = null)
{
    public ValueAreaDocument ToDocument() => new(Code, Name, Weight, SubAreas);
}

public sealed class CreateValueAreaHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<CreateValueArea, ValueAreaResponse>
{
    public async Task<ValueAreaResponse> Handle(CreateValueArea request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, _) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var __ = transaction;
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var stored = await TreeEdits.LoadAsync(db, plan, ct);
        var count = plan.ValueAreas.Count;
        var area = PlanDocumentReader.ReadValueArea(body.ToDocument(), stored, time, errors);
        errors.ThrowIfAny();
        foreach (var added in plan.ValueAreas.Skip(count)) added.PlanId = plan.Id;
        db.ValueAreas.AddRange(plan.ValueAreas.Skip(count));
        audit.Record("ValueAreaCreated", "ValueArea", area!.Id, area.Code, plan.Id, plan.Organization.Code,
            after: new { ValueArea = body.ToDocument(), act?.Act, act?.Date }, reason: act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await ValueAreaResponse.ReadAsync(db, plan.Id, area.Code, ct);
    }
}

/// <summary>What a change of a stored value area or sub-area starts from: the one named, 404 when there is none, 412 when
/// If-Match is not its version.</summary>
internal static class ValueAreaChange
{
    public static async Task<ValueArea> FindAsync(PerformanceDbContext db, Guid planId, string code, Guid ifMatch, CancellationToken ct)
    {
        var area = await db.ValueAreas.SingleOrDefaultAsync(a => a.PlanId == planId && a.Code == code, ct) ?? throw new NotFoundException("Value area", code);
        Concurrency.Check(area.Version, ifMatch, Say.It($"Ambito di valore '{area.Code}'", $"Value area '{area.Code}'"));
        return area;
    }
}

/// <summary>
/// Renames an area or sub-area or changes an area's weight (If-Match required). The weight moves the Valore Pubblico of
/// every year: refused once a year is validated (409); once the plan is adopted every change needs an act and a reason.
/// </summary>
public sealed record UpdateValueArea(string Plan, string Area, Guid IfMatch, UpdateValueAreaBody Body) : IRequest<ValueAreaResponse>;

/// <summary>What to change in a value area or sub-area; absent fields stay as they are (send the ETag as If-Match).</summary>
/// <param name="Name">Its new name (not empty, at most 2000 characters).</param>
/// <param name="Weight">An area's new weight in Valore Pubblico (0–1,000,000; not for a sub-area); a change is refused once a year is validated.</param>
/// <param name="Act">Once the plan is adopted: the act that decides it (e.g. <c>Det. DG n. 190/2024</c>), required, at most 500 characters; ignored otherwise.</param>
/// <param name="Date">Once the plan is adopted: the act's date (yyyy-MM-dd, in the plan's years; default today), kept in the audit trail; the change applies at once.</param>
/// <param name="Reason">Why: required once the plan is adopted (at least 3 letters); optional otherwise; kept in the audit trail.</param>
public sealed record UpdateValueAreaBody(string? Name = null, decimal? Weight = null, string? Act = null, DateOnly? Date = null, string? Reason = null);

public sealed class UpdateValueAreaHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<UpdateValueArea, ValueAreaResponse>
{
    public async Task<ValueAreaResponse> Handle(UpdateValueArea request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var area = await ValueAreaChange.FindAsync(db, plan.Id, request.Area, request.IfMatch, ct);
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        var before = new { area.Name, area.Weight };
        if (body.Name is not null && (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 2000)) errors.Add("name", Say.It("Il nome è obbligatorio (al massimo 2000 caratteri).", "The name is required (at most 2000 characters)."));
        if (body.Weight is < 0 or > 1_000_000) errors.Add("weight", Say.It("Un peso va da 0 a 1000000.", "A weight is between 0 and 1000000."));
        if (body.Weight is not null && area.ParentId is not null) errors.Add("weight", Say.It($"'{area.Code}' è un sottoambito: hanno un peso solo gli ambiti.", $"'{area.Code}' is a sub-area: only value areas are weighted."));
        errors.ThrowIfAny();
        if (body.Weight is { } weight && weight != area.Weight) PlanRecord.Refuse(freeze.PlanWideChange());

        if (body.Name is not null) area.Name = body.Name.Trim();
        if (body.Weight is { } w) area.Weight = w;
        area.Version = Guid.NewGuid();
        audit.Record("ValueAreaUpdated", "ValueArea", area.Id, area.Code, plan.Id, plan.Organization.Code, before, new { area.Name, area.Weight },
            act?.AuditReason ?? body.Reason);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await ValueAreaResponse.ReadAsync(db, plan.Id, area.Code, ct);
    }
}

/// <summary>
/// Removes a value area (with its sub-areas) or a sub-area entered by mistake (If-Match required): only from a plan in Draft,
/// and only while no node or indicator is classified in it (409 saying how many). An adopted plan keeps its areas.
/// </summary>
public sealed record DeleteValueArea(string Plan, string Area, Guid IfMatch) : IRequest<Unit>;

public sealed class DeleteValueAreaHandler(PerformanceDbContext db, AuditTrail audit) : IRequestHandler<DeleteValueArea, Unit>
{
    public async Task<Unit> Handle(DeleteValueArea request, CancellationToken ct)
    {
        var plan = await db.FindPlanAsync(request.Plan, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var area = await ValueAreaChange.FindAsync(db, plan.Id, request.Area, request.IfMatch, ct);
        if (plan.Status != PlanStatus.Draft)
            throw new ConflictException(Say.It($"Il piano '{plan.Code}' non è in bozza: i suoi ambiti di valore restano.", $"Plan '{plan.Code}' is not a draft: its value areas stay."),
                ConflictCodes.PlanNotDraft);
        PlanRecord.Refuse(freeze.PlanWideChange());
        // The area and its sub-areas go together, or not at all.
        var removed = await db.ValueAreas.Where(a => a.Id == area.Id || a.ParentId == area.Id).ToListAsync(ct);
        var ids = removed.Select(a => a.Id).ToList();
        var nodes = await db.Nodes.CountAsync(n => (n.ValueAreaId != null && ids.Contains(n.ValueAreaId.Value)) || (n.SubAreaId != null && ids.Contains(n.SubAreaId.Value)), ct);
        var indicators = await db.Indicators.CountAsync(i => i.ValueAreaId != null && ids.Contains(i.ValueAreaId.Value), ct);
        if (nodes + indicators > 0)
            throw new ConflictException(Say.It($"'{area.Code}' classifica ancora {nodes} nodi e {indicators} indicatori (con i suoi sottoambiti). Non è stato tolto nulla.",
                $"'{area.Code}' still classifies {nodes} node(s) and {indicators} indicator(s) (with its sub-areas). Nothing was removed."), ConflictCodes.HasData);

        // Sub-areas first: a parent row goes after its children (no cascade).
        foreach (var gone in removed.OrderBy(a => a.ParentId is null)) db.ValueAreas.Remove(gone);
        audit.Record("ValueAreaDeleted", "ValueArea", area.Id, area.Code, plan.Id, plan.Organization.Code,
            before: new { area.Name, area.Weight, subAreas = removed.Where(a => a.Id != area.Id).Select(a => a.Code) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Unit.Value;
    }
}

public sealed class ValueAreaEditsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{plan}/value-areas", async (string plan, CreateValueAreaBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new CreateValueArea(plan, body), ct);
                return response.CreatedWithETag(http, $"/api/plans/{plan}/value-areas/{response.Code}", response.ETag);
            })
            .WithName(nameof(CreateValueArea)).RequireAuthorization(Policies.EditPlans).WithTags("Value areas")
            .WithSummary("Add a value area with its sub-areas; an adopted plan's needs an act and a reason")
            .Produces<ValueAreaResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPatch("/api/plans/{plan}/value-areas/{area}", async (string plan, string area, UpdateValueAreaBody body, HttpContext http,
                IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new UpdateValueArea(plan, area, Concurrency.RequireIfMatch(http.Request), body), ct);
                return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
            })
            .WithName(nameof(UpdateValueArea)).RequireAuthorization(Policies.EditPlans).WithTags("Value areas")
            .WithSummary("Rename a value area or change its weight (If-Match required); the weight is refused in a validated year")
            .Produces<ValueAreaResponse>().ProducesGuardedWriteProblems();
        app.MapDelete("/api/plans/{plan}/value-areas/{area}", async (string plan, string area, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteValueArea(plan, area, Concurrency.RequireIfMatch(http.Request)), ct);
                return Results.NoContent();
            })
            .WithName(nameof(DeleteValueArea)).RequireAuthorization(Policies.EditPlans).WithTags("Value areas")
            .WithSummary("Remove a value area (with its sub-areas) or a sub-area entered by mistake (If-Match required): a draft plan's, while nothing is classified in it")
            .Produces(StatusCodes.Status204NoContent).ProducesGuardedWriteProblems();
    }
}
