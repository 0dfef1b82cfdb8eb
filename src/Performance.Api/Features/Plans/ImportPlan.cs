using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Files;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Plans;

/// <summary>Imports a whole plan document atomically: all of it, or nothing and every error with its JSON path.</summary>
/// <param name="Source">Set when the document was read from a workbook: errors are then reported by sheet, row and cell.</param>
public sealed record ImportPlan(PlanDocument? Document, bool Replace, SourceMap? Source = null) : IRequest<ImportPlanResult>;

/// <summary>The plan an import (or a creation) stored: its id and code, and what was assumed in its targets.</summary>
/// <param name="Id">The plan's id.</param>
/// <param name="Code">The plan's code.</param>
/// <param name="Organization">The organization's code.</param>
/// <param name="Warnings">What was assumed in the plan's targets without refusing them (operator from the polarity, unit
/// guessed, …), each with its JSON path and, for a workbook, its cell: the plan is stored all the same.</param>
public sealed record ImportPlanResult(Guid Id, string Code, string Organization, IReadOnlyList<PlanWarning> Warnings);

public sealed class ImportPlanHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<ImportPlan, ImportPlanResult>
{
    public async Task<ImportPlanResult> Handle(ImportPlan request, CancellationToken ct)
    {
        var (plan, orgCode, orgName, warnings) = PlanDocumentReader.Read(request.Document, time, request.Source);
        if (db.Scope is { } scope && !scope.CanSee(orgCode))
            throw new ForbiddenException(Say.It($"Lei opera per l'ente '{scope.Organization}'; questo documento appartiene a '{orgCode}'.", $"You act for organization '{scope.Organization}'; this document belongs to '{orgCode}'."));
        // Imports into one organization one at a time: two of them never race to create the organization or the same plan.
        await using var transaction = await WriteLocks.BeginAsync(db, WriteLocks.Organization(orgCode), ct);

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Code == orgCode, ct);
        if (organization is null) db.Organizations.Add(organization = new Organization { Code = orgCode, Name = orgName });
        else organization.Name = orgName;

        var existing = await db.Plans.Where(p => p.OrganizationId == organization.Id && p.Code == plan.Code).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        if (existing is { } existingId)
        {
            if (!request.Replace)
                throw new ConflictException(Say.It($"Il piano '{plan.Code}' esiste già per l'ente '{orgCode}'; usare ?replace=true per sostituirlo.", $"Plan '{plan.Code}' already exists for organization '{orgCode}'; use ?replace=true to replace it."), ConflictCodes.AlreadyExists);
            // Its record is read under its own lock too: a validation, closure or adoption committing meanwhile is seen.
            await WriteLocks.TakeAsync(db, WriteLocks.Plan(existingId), ct);
            if (await ReplacementRefusalAsync(existingId, ct) is var (why, code)) throw new ConflictException(why, code);
            var actuals = await db.Actuals.CountAsync(a => db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == existingId), ct);
            if (actuals > 0)
                throw new ConflictException(Say.It($"Il piano '{plan.Code}' ha {actuals} consuntivi; sostituirlo li cancellerebbe. Aggiornare invece target e pesi.", $"Plan '{plan.Code}' has {actuals} consuntivi; replacing it would discard them. Update targets and weights instead."), ConflictCodes.HasData);
            var attachments = await db.Set<Domain.Evidence.Attachment>().CountAsync(a => a.PlanId == existingId, ct);
            if (attachments > 0)
                throw new ConflictException(Say.It($"Il piano '{plan.Code}' ha {attachments} allegati (fonti); sostituirlo li cancellerebbe. Aggiornare invece target e pesi.", $"Plan '{plan.Code}' has {attachments} attachments (fonti); replacing it would discard them. Update targets and weights instead."), ConflictCodes.HasData);
            await db.Plans.Where(p => p.Id == existingId).ExecuteDeleteAsync(ct);
            audit.PlanRemoved(existingId);
        }

        plan.Organization = organization;
        // A large plan's rows are written in bulk, untracked (PlanRows): same rows, same transaction, a fraction of the time.
        await PlanRows.StoreAsync(db, audit, plan, ct);
        // The whole document as imported is the evidence of what the plan was; this save records it, with the rows written.
        audit.Record(existing is null ? "PlanImported" : "PlanReplaced", "Plan", plan.Id, plan.Code, plan.Id, orgCode, after: request.Document);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportPlanResult(plan.Id, plan.Code, orgCode, warnings);
    }

    /// <summary>
    /// A replacement rewrites targets, weights, tree and policy in place, with no act: refused once the plan's record binds
    /// it (a year validated, a closure standing, the plan adopted), naming what binds it.
    /// </summary>
    /// <summary>Why the stored plan cannot be replaced, with the code of the refusal; null when it can.</summary>
    private async Task<(string Why, string Code)?> ReplacementRefusalAsync(Guid planId, CancellationToken ct)
    {
        var stored = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.Code, p.Status, p.AdoptionAct, p.AdoptedOn }).SingleAsync(ct);
        var freeze = await PlanRecord.FreezeAsync(db, planId, ct);
        if (freeze.Replacement() is { } frozen)
            return (frozen, freeze.PlanWideChange() is null ? ConflictCodes.PeriodClosed : ConflictCodes.YearValidated);
        if (stored.Status == PlanStatus.Draft) return null;
        return (Say.It($"Il piano '{stored.Code}' non è in bozza (adottato con {stored.AdoptionAct} il {stored.AdoptedOn:yyyy-MM-dd}): non si sostituisce; " +
                       "si modifica con atti (PATCH dei suoi indicatori e nodi, o POST .../reprogramming, con atto, data e motivazione), che ne conservano la storia.",
                       $"Plan '{stored.Code}' is {stored.Status} (adopted by {stored.AdoptionAct} on {stored.AdoptedOn:yyyy-MM-dd}): it is not replaced; " +
                       "change it by acts (PATCH its indicators and nodes, or POST .../reprogramming, with act, date and reason), which keep its history."),
                ConflictCodes.PlanNotDraft);
    }
}

public sealed class ImportPlanEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/plans/import", async (PlanDocument? document, bool? replace, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new ImportPlan(document, replace ?? false), ct);
                return Results.Created($"/api/plans/{result.Id}", result);
            })
            .WithName(nameof(ImportPlan)).RequireAuthorization(Policies.EditPlans).WithTags("Plans")
            .WithSummary("Import a plan document (atomic; 409 on a duplicate unless replace=true)")
            .Produces<ImportPlanResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
}
