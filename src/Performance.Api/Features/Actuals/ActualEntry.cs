using Performance.Api.Infrastructure;
using Performance.Domain.Periods;
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
    string? Reason = null);

public sealed record ActualResponse(
    Guid Id, string Indicator, string? Structure, int Year, string Period, int Revision, decimal? Value, decimal? Numerator,
    decimal? Denominator, bool? Done, decimal? Completion, DateOnly? CompletedOn, string? Note, string? Justification,
    ActualStatus Status, DateTime RecordedAt, string? RecordedBy, string? CorrectionReason = null, string? ReturnReason = null,
    string? ReviewedBy = null, DateTime? ReviewedAt = null)
{
    public static ActualResponse From(Actual a, string indicatorCode, string? structureCode) => new(
        a.Id, indicatorCode, structureCode, a.Year, a.Period, a.Revision, a.Value, a.Numerator, a.Denominator, a.Done, a.Completion,
        a.CompletedOn, a.Note, a.Justification, a.Status, a.RecordedAt, a.RecordedBy, a.CorrectionReason, a.ReturnReason, a.ReviewedBy, a.ReviewedAt);
}

/// <summary>The checks every consuntivo passes, single or bulk, each error under its JSON path.</summary>
public static class ActualRules
{
    /// <summary>Beyond this, figures are typing errors, and products of them would overflow decimal arithmetic.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000_000m;

    public static Actual? Validate(
        ActualEntry entry, Indicator indicator, Plan plan, ScoringPolicy policy,
        IReadOnlyDictionary<string, Guid> structures, string path, ErrorCollector errors,
        Func<Indicator, int, ParsedTarget?>? targetFor = null)
    {
        var before = errors.Count;
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";

        if (entry.Year is not { } year) errors.Add(At("year"), "The year is required.");
        else if (!plan.CoversYear(year)) errors.Add(At("year"), $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear}).");
        if (!Period.TryParse(entry.Period, out var period))
            errors.Add(At("period"), $"'{entry.Period}' is not a period: use Y, S1-S2, T1-T3, Q1-Q4, M01-M12 or F1-F4.");

        var hasRatio = entry.Numerator is not null || entry.Denominator is not null;
        if (entry.Value is null && !hasRatio && entry.Done is null && entry.Completion is null)
            errors.Add(At("value"), "Give a value, a numerator and denominator, or a milestone state (done / completion).");
        if (hasRatio && (entry.Numerator is null || entry.Denominator is null))
            errors.Add(At(entry.Numerator is null ? "numerator" : "denominator"), "Numerator and denominator go together.");
        // A denominator of 0 is a period with no cases: the year's ratio of sums stays defined (issue 20, docs/numbers.md).
        foreach (var (field, number) in new[] { ("value", entry.Value), ("numerator", entry.Numerator), ("denominator", entry.Denominator) })
            if (number is { } n && Math.Abs(n) > MaxMagnitude) errors.Add(At(field), $"{n} is out of range (at most ±{MaxMagnitude:0}).");
        if (entry.Completion is < 0 or > 100) errors.Add(At("completion"), "Completion is a percentage between 0 and 100.");
        if (entry.Note is { Length: > 4000 }) errors.Add(At("note"), "The note must be at most 4000 characters.");
        if (entry.Justification is { Length: > 4000 }) errors.Add(At("justification"), "The justification must be at most 4000 characters.");
        if (entry.Reason is { Length: > 4000 }) errors.Add(At("reason"), "The reason must be at most 4000 characters.");
        Guid? structureId = null;
        if (entry.Structure is { } code)
        {
            if (structures.TryGetValue(code, out var id)) structureId = id;
            else errors.Add(At("structure"), $"Unknown structure code '{code}' in plan '{plan.Code}'.");
        }
        if (errors.Count > before) return null;

        var target = (targetFor ?? TargetFor)(indicator, entry.Year!.Value);
        if (target is not null) CheckAgainstTarget(entry, indicator, target, period, policy, At, errors);
        if (errors.Count > before) return null;

        return new Actual
        {
            IndicatorId = indicator.Id, StructureId = structureId, ScopeId = structureId ?? Guid.Empty, Year = entry.Year!.Value,
            Period = period.Code, Value = entry.Value, Numerator = entry.Numerator, Denominator = entry.Denominator, Done = entry.Done,
            Completion = entry.Completion, CompletedOn = entry.CompletedOn, Note = entry.Note, Justification = entry.Justification,
            CorrectionReason = string.IsNullOrWhiteSpace(entry.Reason) ? null : entry.Reason.Trim(),
        };
    }

    public static ParsedTarget? TargetFor(Indicator indicator, int year) =>
        indicator.Targets.FirstOrDefault(t => t.Year == year) is { } t && ParsedTargets.TryParse(t.Text, indicator.Polarity, year, out var parsed, out _)
            ? parsed
            : null;

    private static void CheckAgainstTarget(ActualEntry entry, Indicator indicator, ParsedTarget target, Period period, ScoringPolicy policy,
        Func<string, string> at, ErrorCollector errors)
    {
        var milestone = IndicatorScorer.IsMilestone(target);
        if (milestone && entry.Done is null && entry.Completion is null)
            errors.Add(at("done"), $"The target '{target.Text}' is a milestone: report done (true/false) or completion (0-100).");
        if (!milestone && (entry.Done is not null || entry.Completion is not null))
            errors.Add(at("done"), $"The target '{target.Text}' is numeric: report a value (or numerator and denominator), not done/completion.");
        if (milestone || !policy.JustificationRequiredWhenMissed || !string.IsNullOrWhiteSpace(entry.Justification)) return;

        // A partial flow (one month of a yearly sum) is not comparable with the year's target; every other entry is.
        if (indicator.Aggregation == Aggregation.Sum && period.Kind != PeriodKind.Year) return;
        var figure = entry.Value ?? (entry.Denominator is { } d and not 0 ? entry.Numerator * 100 / d : null);
        if (figure is { } f && !IndicatorScorer.IsMet(target, f))
            errors.Add(at("justification"), $"{f} misses the target '{target.Text}': the plan's policy requires a justification.");
    }
}
