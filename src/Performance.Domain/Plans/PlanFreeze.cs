using Performance.Domain.Language;

namespace Performance.Domain.Plans;

/// <summary>
/// What the record of a plan forbids a change to touch (docs/workflow.md). A year validated by the OIV is frozen: nothing
/// that scores it changes (consuntivi, targets, weights, tree, policy) until an Admin reopens it. A closure in force
/// freezes the consuntivi of its period and the targets of its year, which score that period.
/// </summary>
/// <param name="validations">The plan's year validations in force.</param>
/// <param name="closures">The plan's closures in force (not reopened).</param>
public sealed class PlanFreeze(IReadOnlyList<YearValidation> validations, IReadOnlyList<PeriodClosure> closures)
{
    public YearValidation? ValidationOf(int year) => validations.FirstOrDefault(v => v.Year == year);

    /// <summary>Why the year's targets cannot change: the year is validated, or a closure of it stands.</summary>
    public string? TargetChange(int year) =>
        ValidationOf(year) is { } v ? Describe(v)
        : FirstClosure(year) is { } c
            ? Describe(c, Say.It($"i target del {c.Year} ne determinano la valutazione e non possono cambiare finché la chiusura resta in vigore", $"the targets of {c.Year} score it and cannot change while it stands"))
            : null;

    /// <summary>
    /// Why a change effective from <paramref name="date"/> (an act) is refused: it applies to the scoring of that year and
    /// of every later one, so none of them may be validated.
    /// </summary>
    public string? ChangeFrom(DateOnly date) =>
        validations.Where(v => v.Year >= date.Year).OrderBy(v => v.Year).FirstOrDefault() is { } v ? Describe(v) : null;

    /// <summary>Why a change made in place (no date: weights, tree, policy as stored) is refused: it scores every year.</summary>
    public string? PlanWideChange() => validations.OrderBy(v => v.Year).FirstOrDefault() is { } v ? Describe(v) : null;

    /// <summary>Why the plan cannot be replaced by a new document (which rewrites every year): a validation or a closure in force.</summary>
    public string? Replacement() =>
        PlanWideChange() ?? (FirstClosure(null) is { } c ? Describe(c, Say.It("sostituire il piano riscriverebbe ciò che ne determina la valutazione", "replacing the plan would rewrite what scores it")) : null);

    private PeriodClosure? FirstClosure(int? year) =>
        closures.Where(c => (year is null || c.Year == year) && c.ReopenedAt is null).OrderBy(c => c.ClosedAt).FirstOrDefault();

    private static string Describe(PeriodClosure c, string consequence) =>
        Say.It($"Il periodo {c.Period} {c.Year} è chiuso (chiusura {c.Id} disposta da {c.ClosedBy} il {c.ClosedAt:yyyy-MM-dd}): {consequence}; solo un Admin può riaprirlo.",
            $"{c.Period} {c.Year} is closed (closure {c.Id} by {c.ClosedBy} on {c.ClosedAt:yyyy-MM-dd}): {consequence}; an Admin must reopen it.");

    public static string Describe(YearValidation v) =>
        Say.It($"L'anno {v.Year} è stato validato dall'OIV ({v.ValidatedBy} il {v.ValidatedAt:yyyy-MM-dd}) ed è bloccato: nulla di ciò che ne determina la valutazione può cambiare " +
            $"finché un Admin non lo riapre (POST .../years/{v.Year}/reopen con un atto e una motivazione) e l'OIV non lo valida di nuovo.",
            $"Year {v.Year} was validated by the OIV ({v.ValidatedBy} on {v.ValidatedAt:yyyy-MM-dd}) and is frozen: nothing that scores it may change " +
            $"until an Admin reopens it (POST .../years/{v.Year}/reopen with an act and a reason) and the OIV validates it again.");
}
