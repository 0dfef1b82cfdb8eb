using Performance.Api.Infrastructure;
using Performance.Domain.Actuals;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Actuals;

/// <summary>
/// One consuntivo as sent by a client, alone (POST /indicators/{i}/actuals) or as a bulk row (then with Indicator).
/// A value, a numerator/denominator pair (rates), or a milestone state (done / completion % / completed on).
/// Reason: why this revision corrects one the OIV validated (required then).
/// </summary>
/// <param name="Year">The plan year the figure belongs to (within the plan's years).</param>
/// <param name="Period">The period it covers, as the indicator's frequency asks: <c>Y</c> (the year), <c>S1</c>–<c>S2</c>,
/// <c>T1</c>–<c>T3</c> (four-month), <c>Q1</c>–<c>Q4</c>, <c>M01</c>–<c>M12</c>, or a year-end forecast <c>F1</c>–<c>F4</c>.</param>
/// <param name="Value">The figure, in the indicator's unit (a percentage as 85.5, not 0.855); the decimal separator is a point.</param>
/// <param name="Numerator">For a rate: the numerator (with <paramref name="Denominator"/>; the year's rate is the ratio of the sums).</param>
/// <param name="Denominator">For a rate: the denominator.</param>
/// <param name="Done">For a milestone (realizzazione, deadline): whether it was achieved.</param>
/// <param name="Completion">For a milestone: the completion (SAL) in %, 0–100.</param>
/// <param name="CompletedOn">For a deadline: the day it was achieved (a deadline is met only when done by its due date).</param>
/// <param name="Note">Free text kept with the figure (source, remarks).</param>
/// <param name="Justification">Why the target is missed; required when the plan's policy asks for one and the figure misses it.</param>
/// <param name="Structure">The structure's code, for an indicator reported per structure; absent for the indicator as a whole.</param>
/// <param name="Indicator">In a bulk load only: the indicator's code in the plan.</param>
/// <param name="Reason">Why this revision corrects one the OIV validated (required then, refused otherwise).</param>
/// <param name="ReportedOn">The day the figure was officially reported, when earlier than today (loading history; controllo di
/// gestione or Admin only). "As of" questions read it. Default: today.</param>
public sealed record ActualEntry(
    int? Year,
    string? Period,
    decimal? Value = null,
    decimal? Numerator = null,
    decimal? Denominator = null,
    bool? Done = null,
    decimal? Completion = null,
    DateOnly? CompletedOn = null,
    string? Note = null,
    string? Justification = null,
    string? Structure = null,
    string? Indicator = null,
    string? Reason = null,
    DateOnly? ReportedOn = null);

/// <summary>One stored revision of a consuntivo, as entered, with its place in the review workflow.</summary>
/// <param name="Id">The revision's id (the one to submit, review or attach evidence to).</param>
/// <param name="Indicator">The indicator's code in its plan.</param>
/// <param name="Structure">The structure's code when the figure is one structure's; null for the indicator as a whole.</param>
/// <param name="Year">The plan year the figure belongs to.</param>
/// <param name="Period">The period it covers (<c>Y</c>, <c>S1</c>, <c>Q3</c>, <c>M07</c>, a forecast <c>F2</c>, …).</param>
/// <param name="Value">The figure, in the indicator's unit.</param>
/// <param name="Numerator">For a rate: the numerator.</param>
/// <param name="Denominator">For a rate: the denominator.</param>
/// <param name="Done">For a milestone: whether it was achieved.</param>
/// <param name="Completion">For a milestone: the completion (SAL) in %.</param>
/// <param name="CompletedOn">For a deadline: the day it was achieved.</param>
/// <param name="Justification">Why the target is missed, as entered.</param>
/// <param name="Revision">1 for the first figure of this indicator, structure, year and period; each correction adds one.
/// The highest revision is the current figure; earlier ones stay readable.</param>
/// <param name="Status">Draft, Submitted, Validated (by the OIV) or Returned (with <paramref name="ReturnReason"/>).</param>
/// <param name="RecordedAt">When the service stored it (UTC).</param>
/// <param name="RecordedBy">Who entered it (the API key's name, or the token's name or subject).</param>
/// <param name="ReportedOn">The day the figure was officially reported: what "as of" questions read.</param>
/// <param name="CorrectionReason">Why this revision corrects a validated one.</param>
/// <param name="ReturnReason">The OIV's reason when it was returned.</param>
/// <param name="ReviewedBy">Who validated or returned it.</param>
/// <param name="ReviewedAt">When (UTC).</param>
/// <param name="SubmittedBy">Who submitted it for validation (never its reviewer: four eyes).</param>
public sealed record ActualResponse(
    Guid Id, string Indicator, string? Structure, int Year, string Period, int Revision, decimal? Value, decimal? Numerator,
    decimal? Denominator, bool? Done, decimal? Completion, DateOnly? CompletedOn, string? Note, string? Justification,
    ActualStatus Status, DateTime RecordedAt, string? RecordedBy, DateOnly ReportedOn, string? CorrectionReason = null, string? ReturnReason = null,
    string? ReviewedBy = null, DateTime? ReviewedAt = null, string? SubmittedBy = null)
{
    public static ActualResponse From(Actual a, string indicatorCode, string? structureCode) => new(
        a.Id, indicatorCode, structureCode, a.Year, a.Period, a.Revision, a.Value, a.Numerator, a.Denominator, a.Done, a.Completion,
        a.CompletedOn, a.Note, a.Justification, a.Status, a.RecordedAt, a.RecordedBy, a.ReportedOn, a.CorrectionReason, a.ReturnReason, a.ReviewedBy, a.ReviewedAt, a.SubmittedBy);
}

/// <summary>
/// A client's consuntivo through the domain's rules (<see cref="ActualRules"/>), single or bulk: the structure code is
/// resolved in the plan, and every violation is reported under the entry's JSON path.
/// </summary>
public static class ActualEntries
{
    /// <param name="clock">Now and today (the default reporting date); <paramref name="mayBackdate"/>: whether this caller may load a
    /// figure reported on an earlier day (the controllo di gestione loading history), never a later one.</param>
    public static Actual? Validate(
        ActualEntry entry, Indicator indicator, Plan plan, ScoringPolicy policy, IReadOnlyDictionary<string, Guid> structures,
        string path, ValidationErrors errors, (DateTime Now, DateOnly Today) clock, bool mayBackdate, Func<Indicator, int, ParsedTarget?>? targetFor = null)
    {
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        if (entry.ReportedOn < clock.Today && !mayBackdate)
            errors.Add(At("reportedOn"), Say.It("Solo il controllo di gestione (o un Admin) può caricare un consuntivo comunicato in un giorno precedente; omettere reportedOn.", "Only the controllo di gestione (or an Admin) may load a consuntivo reported on an earlier day; leave reportedOn out."));
        Guid? structureId = null;
        if (entry.Structure is { } code)
        {
            if (structures.TryGetValue(code, out var id)) structureId = id;
            else errors.Add(At("structure"), Say.It($"Codice di struttura '{code}' sconosciuto nel piano '{plan.Code}'.", $"Unknown structure code '{code}' in plan '{plan.Code}'."));
        }
        var target = entry.Year is { } year && plan.CoversYear(year) ? (targetFor ?? ActualRules.TargetFor)(indicator, year) : null;
        var violations = new List<RuleViolation>();
        var actual = ActualRules.Validate(new ActualInput(entry.Year, entry.Period, entry.Value, entry.Numerator, entry.Denominator, entry.Done,
                entry.Completion, entry.CompletedOn, entry.Note, entry.Justification, structureId, entry.Reason, entry.ReportedOn),
            indicator, plan, policy, target, clock.Now, clock.Today, violations);
        foreach (var v in violations) errors.Add(At(v.Field), v.Message);
        return (entry.Structure is not null && structureId is null) || (entry.ReportedOn < clock.Today && !mayBackdate) ? null : actual;
    }
}
