using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Audit;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>The act that decides a change of an adopted plan: its number, the date it takes effect and why.</summary>
public sealed record PlanAct(string Act, DateOnly Date, string Reason)
{
    /// <summary>How the audit trail states it (as a reprogramming does).</summary>
    public string AuditReason => $"{Act}: {Reason}";
}

/// <summary>
/// What the plan's status allows a change of its targets, weights, tree or policy (docs/workflow.md): free in Draft;
/// with an act and a reason once Adopted (recorded as a reprogramming where the timeline can replay it); never in a year
/// the OIV validated, nor for the targets of a year a closure covers. Checked and written under the plan's lock.
/// </summary>
public static class PlanRecord
{
    /// <summary>
    /// Takes the plan's lock, then reads the plan's status and what is frozen as committed by then: a validation, closure
    /// or adoption committed meanwhile is seen, and none commits before this transaction ends.
    /// </summary>
    public static async Task<(IDbContextTransaction Transaction, PlanFreeze Freeze)> BeginChangeAsync(PerformanceDbContext db, Plan plan, CancellationToken ct)
    {
        var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        try
        {
            await db.Entry(plan).ReloadAsync(ct);
            return (transaction, await FreezeAsync(db, plan.Id, ct));
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public static async Task<PlanFreeze> FreezeAsync(PerformanceDbContext db, Guid planId, CancellationToken ct) => new(
        await db.YearValidations.AsNoTracking().Where(v => v.PlanId == planId).ToListAsync(ct),
        await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == planId && c.ReopenedAt == null).ToListAsync(ct));

    /// <summary>A 409 naming the validation or closure when the change is frozen.</summary>
    public static void Refuse(string? why, string code = ConflictCodes.YearValidated)
    {
        if (why is not null) throw new ConflictException(why, code);
    }

    /// <summary>The code of a refused change to a year's targets: a standing closure of the year, else its validation.</summary>
    public static string FreezeCode(PlanFreeze freeze, int year) =>
        freeze.TargetChange(year) is not null && freeze.ValidationOf(year) is null ? ConflictCodes.PeriodClosed : ConflictCodes.YearValidated;

    /// <summary>
    /// The act an adopted plan's change needs (act and reason required; the date, default today, a day of the plan's
    /// years), each error under its field; null for a draft, whose changes need none.
    /// </summary>
    public static PlanAct? ActFor(Plan plan, string? act, DateOnly? date, string? reason, DateOnly today, ValidationErrors errors)
    {
        RefuseClosed(plan);
        // A DELETE's act and reason come in the query, which the rule on JSON text (JsonInput) never reads: the same rule
        // here, or a NUL reaches the audit trail (a 500 on PostgreSQL) and a U+FFFF its exports.
        foreach (var (path, text) in new[] { ("act", act), ("reason", reason) })
            if (ValidationRules.UnstorableProblem(text) is { } unstorable) errors.Add(path, unstorable);
        // A draft's reason goes to the audit trail as it is; an adopted plan's after its act: either way it must fit.
        CheckReasonLength(plan.Status == PlanStatus.Adopted ? act : null, reason, errors);
        if (plan.Status != PlanStatus.Adopted) return null;
        var before = errors.Count;
        var adopted = Say.It($"Il piano '{plan.Code}' è stato adottato con {plan.AdoptionAct} il {plan.AdoptedOn:yyyy-MM-dd}: ogni modifica richiede", $"Plan '{plan.Code}' was adopted by {plan.AdoptionAct} on {plan.AdoptedOn:yyyy-MM-dd}: every change needs");
        RequireAct(act, Say.It($"{adopted} l'atto che la dispone (per esempio \"Det. DG n. 190/2024\").", $"{adopted} the act that decides it (e.g. \"Det. DG n. 190/2024\")."), errors);
        if (Reasons.Problem(reason) is { } problem) errors.Add("reason", Say.It($"{adopted} una motivazione. {problem}", $"{adopted} a reason. {problem}"));
        var effective = date ?? today;
        if (!plan.CoversYear(effective.Year))
            errors.Add("date", Say.It($"L'atto ha effetto dal {effective:yyyy-MM-dd}, fuori dal periodo del piano ({plan.StartYear}-{plan.EndYear}): indicarne la data.", $"The act takes effect on {effective:yyyy-MM-dd}, outside the plan ({plan.StartYear}-{plan.EndYear}): give its date."));
        return errors.Count > before ? null : new PlanAct(act!.Trim(), effective, reason!.Trim());
    }

    /// <summary>
    /// A closed plan's cycle is over (docs/workflow.md, "Plan status"): its tree, targets, weights and policy no longer
    /// change, by act or otherwise — a 409 before anything is read from the body.
    /// </summary>
    public static void RefuseClosed(Plan plan)
    {
        if (plan.Status == PlanStatus.Closed)
            throw new ConflictException(Say.It($"Il piano '{plan.Code}' è chiuso: il ciclo è concluso, e albero, target, pesi e politica di valutazione non si modificano più.",
                $"Plan '{plan.Code}' is closed: its cycle is over, and its tree, targets, weights and scoring policy no longer change."), ConflictCodes.WorkflowState);
    }

    /// <summary>The longest text the audit trail keeps as a change's reason (the column of <c>AuditEntry.Reason</c>).</summary>
    public const int MaxAuditReasonLength = ValidationRules.MaxTextLength;

    /// <summary>
    /// A reason is stored in columns of <see cref="MaxAuditReasonLength"/> characters, and the audit trail keeps it after
    /// its act as "{act}: {reason}": the reason gets what the act leaves, so a long reason is a 400 here, not a failed
    /// write on an engine that enforces the length. <paramref name="act"/> is null when the reason is kept alone.
    /// </summary>
    public static void CheckReasonLength(string? act, string? reason, ValidationErrors errors, string path = "reason")
    {
        if (reason is null) return;
        // An act too long has its own error; the reason is then measured against the longest act allowed.
        var actLength = Reasons.IsBlank(act) ? 0 : Math.Min(act!.Length, MaxActLength) + 2;
        var room = MaxAuditReasonLength - actLength;
        if (reason.Length <= room) return;
        errors.Add(path, actLength == 0
            ? Say.It($"La motivazione può contenere al massimo {room} caratteri.", $"The reason must be at most {room} characters.")
            : Say.It($"Con l'atto ({actLength - 2} caratteri) la motivazione può contenere al massimo {room} caratteri: il registro delle modifiche conserva \"atto: motivazione\" in {MaxAuditReasonLength} caratteri.",
                $"With its act ({actLength - 2} characters) the reason must be at most {room} characters: the audit trail keeps \"act: reason\" in {MaxAuditReasonLength} characters."));
    }

    /// <summary>The longest act (the column of <c>Reprogramming.Act</c> and <c>Plan.AdoptionAct</c>).</summary>
    public const int MaxActLength = 500;

    /// <summary>What a longer act is told.</summary>
    public static string ActTooLong => Say.It($"L'atto può contenere al massimo {MaxActLength} caratteri.", $"The act must be at most {MaxActLength} characters.");

    /// <summary>An act (adoption, reopening, a change): present, at most 500 characters; <paramref name="missing"/> says which act.</summary>
    public static void RequireAct(string? act, string missing, ValidationErrors errors, string path = "act")
    {
        if (Reasons.IsBlank(act)) errors.Add(path, missing);
        else if (act!.Length > MaxActLength) errors.Add(path, ActTooLong);
    }

    /// <summary>
    /// The act that adopts a plan, by POST .../adopt or in an imported document: its number, and its date, which is not in
    /// the future (an act is recorded once adopted) nor after the plan's last year.
    /// </summary>
    public static void CheckAdoption(string? act, DateOnly? date, int endYear, DateOnly today, ValidationErrors errors,
        string actPath, string datePath, string actMissing, string dateMissing)
    {
        RequireAct(act, actMissing, errors, actPath);
        if (date is not { } on) errors.Add(datePath, dateMissing);
        else if (on > today) errors.Add(datePath, Say.It($"{on:yyyy-MM-dd} è nel futuro: registrare l'atto una volta adottato.", $"{on:yyyy-MM-dd} is in the future: record the act once it is adopted."));
        else if (endYear > 0 && on.Year > endYear) errors.Add(datePath, Say.It($"{on:yyyy-MM-dd} è successiva all'ultimo anno del piano ({endYear}).", $"{on:yyyy-MM-dd} is after the plan's last year ({endYear})."));
    }

    /// <summary>Adds a reprogramming after the plan's others (acts of the same day apply in the order they were recorded).</summary>
    public static async Task AddAsync(PerformanceDbContext db, Plan plan, Reprogramming change, CancellationToken ct)
    {
        // After the stored acts and those added in this change but not saved yet.
        var stored = await db.Reprogrammings.Where(r => r.PlanId == plan.Id).MaxAsync(r => (int?)r.SortOrder, ct) ?? -1;
        var pending = db.ChangeTracker.Entries<Reprogramming>().Where(e => e.State == EntityState.Added && e.Entity.PlanId == plan.Id)
            .Select(e => e.Entity.SortOrder).DefaultIfEmpty(-1).Max();
        change.PlanId = plan.Id;
        change.SortOrder = 1 + Math.Max(stored, pending);
        db.Reprogrammings.Add(change);
    }
}
