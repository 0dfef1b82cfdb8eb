using Performance.Domain.Audit;
using Performance.Domain.Language;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Actuals;

/// <summary>A consuntivo as someone entered it, its structure already resolved; not yet a revision.</summary>
public sealed record ActualInput(
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
    Guid? StructureId = null,
    string? Reason = null,
    DateOnly? ReportedOn = null);

/// <summary>A broken rule of an input, under the input's own field name (<c>value</c>, <c>period</c>...).</summary>
public sealed record RuleViolation(string Field, string Message);

/// <summary>
/// The checks every consuntivo passes before it is admitted (docs/workflow.md): a year of the plan, a known period, one
/// kind of figure that fits the indicator's target (a value or ratio for numbers, done/completion for milestones), sane
/// magnitudes, and a justification when the plan's policy asks for one and the figure misses its target.
/// </summary>
public static class ActualRules
{
    /// <summary>Beyond this, figures are typing errors, and products of them would overflow decimal arithmetic.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000_000m;

    public const int MaxTextLength = 4000;

    /// <param name="today">The reporting office's date: the default reporting date, and the latest one allowed.</param>
    /// <returns>The new revision (not yet numbered), or null when <paramref name="violations"/> got at least one entry.</returns>
    public static Actual? Validate(ActualInput entry, Indicator indicator, Plan plan, ScoringPolicy policy, ParsedTarget? target,
        DateTime recordedAt, DateOnly today, ICollection<RuleViolation> violations)
    {
        var before = violations.Count;
        void Add(string field, string message) => violations.Add(new RuleViolation(field, message));

        if (entry.Year is not { } year) Add("year", Say.It("L'anno è obbligatorio.", "The year is required."));
        else if (!plan.CoversYear(year)) Add("year", Say.It($"L'anno {year} non rientra nel piano ({plan.StartYear}-{plan.EndYear}).", $"Year {year} is outside the plan ({plan.StartYear}-{plan.EndYear})."));
        if (!Period.TryParse(entry.Period, out var period))
            Add("period", Say.It($"'{entry.Period}' non è un periodo: usare Y, S1-S2, T1-T3, Q1-Q4, M01-M12 o F1-F4.", $"'{entry.Period}' is not a period: use Y, S1-S2, T1-T3, Q1-Q4, M01-M12 or F1-F4."));

        var hasRatio = entry.Numerator is not null || entry.Denominator is not null;
        if (entry.Value is null && !hasRatio && entry.Done is null && entry.Completion is null)
            Add("value", Say.It("Indicare un valore, un numeratore e un denominatore, oppure lo stato di una milestone (done / completion).", "Give a value, a numerator and denominator, or a milestone state (done / completion)."));
        if (hasRatio && (entry.Numerator is null || entry.Denominator is null))
            Add(entry.Numerator is null ? "numerator" : "denominator", Say.It("Numeratore e denominatore vanno indicati insieme.", "Numerator and denominator go together."));
        // Accepted, a ratio on an indicator that does not add up ratios would never be scored: refuse it instead.
        if (hasRatio && indicator.Aggregation != Aggregation.RatioOfSums)
            Add("numerator", Say.It($"L'indicatore '{indicator.Code}' aggrega i suoi periodi come {indicator.Aggregation}: numeratore e denominatore valgono per i tassi " +
                $"aggregati come {Aggregation.RatioOfSums}; indicare il valore.", $"Indicator '{indicator.Code}' aggregates its periods as {indicator.Aggregation}: numerator and denominator are for rates " + $"aggregated as {Aggregation.RatioOfSums}; report the value."));
        // A denominator of 0 is a period with no cases: the year's ratio of sums stays defined (docs/numbers.md).
        foreach (var (field, number) in new[] { ("value", entry.Value), ("numerator", entry.Numerator), ("denominator", entry.Denominator) })
            if (number is { } n && Math.Abs(n) > MaxMagnitude) Add(field, Say.It($"{n} è fuori intervallo (al massimo ±{MaxMagnitude:0}).", $"{n} is out of range (at most ±{MaxMagnitude:0})."));
        if (entry.Completion is < 0 or > 100) Add("completion", Say.It("Il completamento (completion) è una percentuale tra 0 e 100.", "Completion is a percentage between 0 and 100."));
        foreach (var (field, text) in new[] { ("note", entry.Note), ("justification", entry.Justification), ("reason", entry.Reason) })
            if (text is { Length: > MaxTextLength }) Add(field, Say.It($"Il campo {field} può contenere al massimo {MaxTextLength} caratteri.", $"The {field} must be at most {MaxTextLength} characters."));
        // A reason, when given, corrects a figure: it must say why (a blank one is no reason at all).
        if (!Reasons.IsBlank(entry.Reason) && entry.Reason!.Length <= MaxTextLength && Reasons.Problem(entry.Reason) is { } reason) Add("reason", reason);
        var reportedOn = entry.ReportedOn ?? today;
        if (reportedOn > today) Add("reportedOn", Say.It($"{reportedOn:yyyy-MM-dd} è una data futura: un consuntivo si rendiconta entro la data odierna ({today:yyyy-MM-dd}).", $"{reportedOn:yyyy-MM-dd} is in the future: a consuntivo is reported on or before today ({today:yyyy-MM-dd})."));
        else if (entry.Year is { } y && plan.CoversYear(y) && reportedOn.Year < y)
            Add("reportedOn", Say.It($"{reportedOn:yyyy-MM-dd} è anteriore al {y}: un consuntivo del {y} non può essere stato rendicontato in quella data.", $"{reportedOn:yyyy-MM-dd} is before {y}: a consuntivo of {y} cannot have been reported then."));
        if (violations.Count > before) return null;

        if (target is not null) CheckAgainstTarget(entry, indicator, target, period, policy, Add);
        if (violations.Count > before) return null;

        return new Actual
        {
            IndicatorId = indicator.Id, StructureId = entry.StructureId, ScopeId = entry.StructureId ?? Guid.Empty, Year = entry.Year!.Value,
            Period = period.Code, Value = entry.Value, Numerator = entry.Numerator, Denominator = entry.Denominator, Done = entry.Done,
            Completion = entry.Completion, CompletedOn = entry.CompletedOn, Note = entry.Note, Justification = entry.Justification,
            CorrectionReason = Reasons.IsBlank(entry.Reason) ? null : entry.Reason!.Trim(), RecordedAt = recordedAt, ReportedOn = reportedOn,
        };
    }

    /// <summary>
    /// The indicator's target of the year as written in the plan, parsed (a schedule's entry for the year); null when it
    /// has none, it does not parse, or it says there is no target this year ("n.d.").
    /// </summary>
    public static ParsedTarget? TargetFor(Indicator indicator, int year) =>
        indicator.Targets.FirstOrDefault(t => t.Year == year) is { } t && ParsedTargets.TryParse(t.Text, indicator.Polarity, year, out var parsed, out _)
            && parsed.ForYear(year) is { Kind: not TargetKind.NoTarget } own
            ? own
            : null;

    private static void CheckAgainstTarget(ActualInput entry, Indicator indicator, ParsedTarget target, Period period, ScoringPolicy policy,
        Action<string, string> add)
    {
        var milestone = IndicatorScorer.IsMilestone(target);
        if (milestone && entry.Done is null && entry.Completion is null)
            add("done", Say.It($"Il target '{target.Text}' è una milestone: indicare done (true/false) o completion (0-100).", $"The target '{target.Text}' is a milestone: report done (true/false) or completion (0-100)."));
        if (!milestone && (entry.Done is not null || entry.Completion is not null))
            add("done", Say.It($"Il target '{target.Text}' è numerico: indicare un valore (o numeratore e denominatore), non done/completion.", $"The target '{target.Text}' is numeric: report a value (or numerator and denominator), not done/completion."));
        if (milestone || !policy.JustificationRequiredWhenMissed || !string.IsNullOrWhiteSpace(entry.Justification)) return;

        // A partial flow (one month of a yearly sum) is not comparable with the year's target; every other entry is.
        if (indicator.Aggregation == Aggregation.Sum && period.Kind != PeriodKind.Year) return;
        var figure = entry.Value ?? (entry.Denominator is { } d and not 0 ? entry.Numerator * 100 / d : null);
        if (figure is { } f && !IndicatorScorer.IsMet(target, f))
            add("justification", Say.It($"{f} non raggiunge il target '{target.Text}': la politica di valutazione del piano richiede una giustificazione.", $"{f} misses the target '{target.Text}': the plan's policy requires a justification."));
    }
}
