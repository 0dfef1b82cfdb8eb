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
