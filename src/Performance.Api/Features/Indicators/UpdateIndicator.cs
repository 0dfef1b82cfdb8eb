using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Indicators;

/// <summary>
/// Changes an indicator's weight, targets and metadata under optimistic concurrency. Absent (null) fields stay as they
/// are; in <c>targets</c> a year mapped to null removes that year's target. New targets must parse. Once the plan is
/// adopted a change needs an act and a reason (<c>act</c>, <c>date</c>, <c>reason</c>): its targets and weight are then
/// recorded as reprogramming acts effective from the date (the stored plan keeps its original values, <c>asOf</c> shows
/// both). Nothing that scores a validated year changes, nor the targets of a year a closure covers (409).
/// </summary>
public sealed record UpdateIndicator(string Indicator, Guid IfMatch, UpdateIndicatorBody Body) : IRequest<IndicatorResponse>;

/// <summary>What to change in an indicator; absent fields stay as they are (send the ETag as If-Match).</summary>
/// <param name="Weight">Its weight in its node's roll-up (0–1,000,000; 0 = reported, not scored).</param>
/// <param name="Targets">Targets by year as written (<c>{ "2024": "almeno 90%" }</c>); a year mapped to null removes its target.</param>
/// <param name="Polarity">HigherIsBetter, LowerIsBetter or Milestone.</param>
/// <param name="Unit">Percent, Days, Euro, Hours, Count or None.</param>
/// <param name="Type">Outcome, Impatto, Strategico, Operativo, Efficacia, Efficienza, Qualita or Output.</param>
/// <param name="Formula">Modalità di calcolo.</param>
/// <param name="Source">Fonte dei dati.</param>
/// <param name="Frequency">Monthly, Quarterly, FourMonthly, Semiannual or Annual.</param>
/// <param name="Aggregation">Sum, Average, Last or RatioOfSums.</param>
/// <param name="Cap">Its own cap on the score (positive).</param>
/// <param name="Baseline">The declared starting point (year and figure).</param>
/// <param name="Reason">Why: required once the plan is adopted (with the act and its date), kept with the change.</param>
/// <param name="Act">Once the plan is adopted: the act that makes the change (e.g. <c>Determina n. 45/2024</c>).</param>
/// <param name="Date">Once the plan is adopted: the day the change takes effect (scores as of an earlier day keep the old values).</param>
public sealed record UpdateIndicatorBody(
    string? Name = null, decimal? Weight = null, Dictionary<string, string?>? Targets = null, string? Polarity = null, string? Unit = null,
    string? Type = null, string? Formula = null, string? Source = null, string? Frequency = null, string? Aggregation = null,
    decimal? Cap = null, BaselineResponse? Baseline = null, string? Reason = null, string? Act = null, DateOnly? Date = null);

public sealed class UpdateIndicatorValidator : AbstractValidator<UpdateIndicator>
{
    public UpdateIndicatorValidator()
    {
        RuleFor(x => x.Body.Weight).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1_000_000).OverridePropertyName("weight");
        RuleFor(x => x.Body.Cap).GreaterThan(0).OverridePropertyName("cap");
        RuleFor(x => x.Body.Name).NotEmpty().MaximumLength(2000).When(x => x.Body.Name is not null).OverridePropertyName("name");
        RuleFor(x => x.Body.Formula).MaximumLength(2000).OverridePropertyName("formula");
        RuleFor(x => x.Body.Source).MaximumLength(2000).OverridePropertyName("source");
        RuleFor(x => x.Body.Reason).MaximumLength(4000).OverridePropertyName("reason");
        EnumRule<Polarity>(x => x.Body.Polarity, "polarity");
        EnumRule<TargetUnit>(x => x.Body.Unit, "unit");
        EnumRule<IndicatorType>(x => x.Body.Type, "type");
        EnumRule<Frequency>(x => x.Body.Frequency, "frequency");
        EnumRule<Aggregation>(x => x.Body.Aggregation, "aggregation");
    }

    private void EnumRule<T>(System.Linq.Expressions.Expression<Func<UpdateIndicator, string?>> field, string name) where T : struct, Enum =>
        RuleFor(field).Must(v => v is null || EnumText.TryParse<T>(v, out _))
            .WithMessage(_ => Say.It($"Deve essere uno tra {string.Join(", ", Enum.GetNames<T>())}.", $"Must be one of {string.Join(", ", Enum.GetNames<T>())}.")).OverridePropertyName(name);
}

public sealed class UpdateIndicatorHandler(PerformanceDbContext db, AuditTrail audit, TimeProvider time) : IRequestHandler<UpdateIndicator, IndicatorResponse>
{
    public async Task<IndicatorResponse> Handle(UpdateIndicator request, CancellationToken ct)
    {
        var (found, plan) = await db.FindIndicatorInPlanAsync(request.Indicator, ct);
        var (transaction, freeze) = await PlanRecord.BeginChangeAsync(db, plan, ct);
        await using var _ = transaction;
        var indicator = await db.Indicators.Include(i => i.Node).Include(i => i.Targets).SingleAsync(i => i.Id == found.Id, ct);
        Concurrency.Check(indicator.Version, request.IfMatch, Say.It($"Indicatore '{indicator.Code}'", $"Indicator '{indicator.Code}'"));
        var body = request.Body;
        var errors = new ValidationErrors();
        var act = PlanRecord.ActFor(plan, body.Act, body.Date, body.Reason, time.TodayInItaly(), errors);
        errors.ThrowIfAny();
        var before = Snapshot(indicator);
        // What the plan says now (earlier acts applied): a field sent unchanged is no change.
        var now = new PlanTimeline(await db.Reprogrammings.AsNoTracking().Where(r => r.IndicatorId == indicator.Id).ToListAsync(ct), DateOnly.MaxValue);
        var targets = (body.Targets ?? []).Where(t => !int.TryParse(t.Key, out var y) || now.TargetText(indicator, y) != t.Value?.Trim())
            .ToDictionary(t => t.Key, t => t.Value);
        var weightChange = body.Weight is { } w && w != now.WeightOf(indicator) ? w : (decimal?)null;
        foreach (var key in targets.Keys)
            if (int.TryParse(key, out var year))
                PlanRecord.Refuse(freeze.TargetChange(year) ?? (act is null ? null : freeze.ChangeFrom(act.Date)), PlanRecord.FreezeCode(freeze, year));
        var scoringChange = body.Polarity is not null || body.Unit is not null || body.Frequency is not null || body.Aggregation is not null
            || body.Cap is not null || body.Baseline is not null || body.Type is not null;
        if (weightChange is not null || scoringChange)
            PlanRecord.Refuse(act is null || scoringChange ? freeze.PlanWideChange() : freeze.ChangeFrom(act.Date));

        if (body.Name is not null) indicator.Name = body.Name.Trim();
        if (act is null && weightChange is { } weight) indicator.Weight = weight;
        if (body.Formula is not null) indicator.Formula = body.Formula;
        if (body.Source is not null) indicator.Source = body.Source;
        if (body.Cap is { } cap) indicator.Cap = cap;
        if (body.Polarity is not null) indicator.Polarity = Parse<Polarity>(body.Polarity);
        if (body.Unit is not null) indicator.Unit = Parse<TargetUnit>(body.Unit);
        if (body.Type is not null) indicator.Type = Parse<IndicatorType>(body.Type);
        if (body.Frequency is not null) indicator.Frequency = Parse<Frequency>(body.Frequency);
        if (body.Aggregation is not null) indicator.Aggregation = Parse<Aggregation>(body.Aggregation);
        if (body.Baseline is not null) (indicator.BaselineYear, indicator.BaselineValue) = (body.Baseline.Year, body.Baseline.Value);
        if (act is null) ApplyTargets(db, indicator, plan, targets);
        else await RecordActsAsync(indicator, plan, act, targets, weightChange, ct);

        indicator.Version = Guid.NewGuid();
        audit.Record("IndicatorUpdated", "Indicator", indicator.Id, indicator.Code, plan.Id, plan.Organization.Code, before,
            act is null ? Snapshot(indicator) : new { Stored = Snapshot(indicator), Acts = new { Targets = targets, Weight = weightChange, act.Act, act.Date } },
            act?.AuditReason ?? body.Reason, indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await new GetIndicatorHandler(db).Handle(new GetIndicator(indicator.Id.ToString()), ct);
    }

    /// <summary>An adopted plan's new targets and weight: reprogramming acts from the act's date, each target parsed for its year.</summary>
    private async Task RecordActsAsync(Indicator indicator, Plan plan, PlanAct act, Dictionary<string, string?> targets, decimal? weight, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var changes = new List<Reprogramming>();
        Reprogramming Change(ReprogrammingKind kind) => new()
        {
            Kind = kind, Node = indicator.Node, NodeId = indicator.NodeId, Indicator = indicator, IndicatorId = indicator.Id, Act = act.Act,
            EffectiveDate = act.Date, Reason = act.Reason, RecordedAt = time.UtcNow(),
        };
        foreach (var (key, text) in targets)
        {
            var path = $"targets.{key}";
            if (!int.TryParse(key, out var year) || !plan.CoversYear(year)) errors.Add(path, Say.It($"Le chiavi dei target devono essere anni del piano ({plan.StartYear}-{plan.EndYear}).", $"Target keys must be years of the plan ({plan.StartYear}-{plan.EndYear})."));
            else if (string.IsNullOrWhiteSpace(text)) errors.Add(path, Say.It("Il target di un piano adottato si rivede con un atto, non si elimina: indicare il target rivisto.", "An adopted plan's target is revised by an act, not removed: give the revised target."));
            else if (text.Length > 500) errors.Add(path, Say.It("Un target può contenere al massimo 500 caratteri.", "A target must be at most 500 characters."));
            else if (!TargetParser.TryParse(text, indicator.Polarity, year, out var revised, out var error)) errors.Add(path, error.Message);
            else if (revised.ForYear(year) is null) errors.Add(path, Say.It($"Il calendario non prevede un target per il {year}, l'anno che rivede.", $"The schedule has no target for {year}, the year it revises."));
            else
            {
                var change = Change(ReprogrammingKind.ReviseTarget);
                (change.Year, change.Target) = (year, text.Trim());
                changes.Add(change);
            }
        }
        errors.ThrowIfAny();
        if (weight is { } w)
        {
            var change = Change(ReprogrammingKind.ChangeWeight);
            change.Weight = w;
            changes.Add(change);
        }
        foreach (var change in changes) await PlanRecord.AddAsync(db, plan, change, ct);
    }

    /// <summary>Every target (new and kept) must parse with the indicator's polarity as it now stands.</summary>
    private static void ApplyTargets(PerformanceDbContext db, Indicator indicator, Plan plan, Dictionary<string, string?>? targets)
    {
        var errors = new ValidationErrors();
        foreach (var (key, text) in targets ?? [])
        {
            var path = $"targets.{key}";
            if (!int.TryParse(key, out var year) || !plan.CoversYear(year)) { errors.Add(path, Say.It($"Le chiavi dei target devono essere anni del piano ({plan.StartYear}-{plan.EndYear}).", $"Target keys must be years of the plan ({plan.StartYear}-{plan.EndYear}).")); continue; }
            var existing = indicator.Targets.FirstOrDefault(t => t.Year == year);
            if (text is null) { if (existing is not null) indicator.Targets.Remove(existing); continue; }
            if (text.Length > 500) { errors.Add(path, Say.It("Un target può contenere al massimo 500 caratteri.", "A target must be at most 500 characters.")); continue; }
            if (existing is null)
            {
                var added = new IndicatorTarget { IndicatorId = indicator.Id, Year = year, Text = text.Trim() };
                indicator.Targets.Add(added);
                // Its key is set client-side: without this EF takes it for an existing row and updates nothing (a 412).
                db.Entry(added).State = EntityState.Added;
            }
            else existing.Text = text.Trim();
        }
        foreach (var target in indicator.Targets)
            if (!TargetParser.TryParse(target.Text, indicator.Polarity, target.Year, out _, out var error))
                errors.Add($"targets.{target.Year}", error!.Message);
        errors.ThrowIfAny();
    }

    private static object Snapshot(Indicator i) => new
    {
        i.Name, i.Weight, i.Polarity, i.Unit, i.Type, i.Formula, i.Source, i.Frequency, i.Aggregation, i.Cap, i.BaselineYear, i.BaselineValue,
        Targets = i.Targets.OrderBy(t => t.Year).ToDictionary(t => t.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.Text),
    };

    private static T Parse<T>(string value) where T : struct, Enum => Enum.Parse<T>(value.Trim(), ignoreCase: true);
}

public sealed class UpdateIndicatorEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPatch("/api/indicators/{indicator}", async (string indicator, UpdateIndicatorBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(new UpdateIndicator(indicator, Concurrency.RequireIfMatch(http.Request), body), ct);
                return response.WithETag(http, Guid.ParseExact(response.ETag.Trim('"'), "N"));
            })
            .WithName(nameof(UpdateIndicator)).RequireAuthorization(Policies.EditPlans).WithTags("Indicators").WithSummary("Update an indicator's weight, targets and metadata (If-Match required)")
            .Produces<IndicatorResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
