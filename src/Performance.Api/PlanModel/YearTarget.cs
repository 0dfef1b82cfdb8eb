using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Api.PlanModel;

/// <summary>
/// What an indicator is scored against in a year (docs/scoring.md, "Targets beyond their text"): the year's text parsed,
/// a schedule's entry for that year, nothing for "n.d." (reported, never scored), and a relative target computed from
/// its reference value B (docs/targets.md): the indicator's figure for the reference year as that year's scorecard computes
/// it, else its declared baseline when the text names the baseline or the reference year is the baseline's year.
/// Without B the indicator is not scored and says why (never 0, never 100).
/// </summary>
/// <param name="Target">What the engine scores (a relative target already made numeric); null: not scored.</param>
/// <param name="MissingReason">Why it is not scored, when <paramref name="Target"/> is null.</param>
/// <param name="Written">The year's target as the text states it (a schedule's entry), when the text parses.</param>
/// <param name="Reference">For a relative target: how it was computed from B, or why it could not be.</param>
public sealed record YearTarget(ParsedTarget? Target, string? MissingReason, ParsedTarget? Written = null, ExplanationStep? Reference = null)
{
    /// <param name="text">The year's target text as the plan stands (revised targets applied), null when there is none.</param>
    /// <param name="figureOf">The indicator's figure for a year, as that year's scorecard computes it; null when none is stored.</param>
    public static YearTarget Of(Indicator indicator, string? text, int year, Func<int, decimal?> figureOf)
    {
        if (text is null) return new(null, Say.It($"Nessun target per il {year}.", $"No target for {year}."));
        if (!ParsedTargets.TryParse(text, indicator.Polarity, year, out var parsed, out var error))
            return new(null, Say.It($"Il target non è leggibile: {error.Message}", $"The target does not parse: {error.Message}"));
        if (parsed.ForYear(year) is not { } written)
            return new(null, Say.It($"Il calendario \"{parsed.Text}\" non prevede un target per il {year}.", $"The schedule \"{parsed.Text}\" has no target for {year}."));
        return written.Kind switch
        {
            TargetKind.NoTarget => new(null, Say.It($"Nessun target per il {year} (\"{written.Text}\"): l'indicatore è rendicontato, non valutato.", $"No target for {year} (\"{written.Text}\"): the indicator is reported, not scored."), written),
            TargetKind.Relative => Relative(indicator, written, figureOf),
            _ => new(written, null, written),
        };
    }

    /// <summary>The year whose figure the year's target refers to ("+8% rispetto al 2023" → 2023); null when it refers to none.</summary>
    public static int? ReferenceYear(Indicator indicator, string text, int year) =>
        ParsedTargets.TryParse(text, indicator.Polarity, year, out var parsed, out _) && parsed.ForYear(year) is { Kind: TargetKind.Relative } written
            ? ReferenceYear(indicator, written.Reference!)
            : null;

    private static int? ReferenceYear(Indicator indicator, TargetReference of) => of.Year ?? (of.Baseline ? indicator.BaselineYear : null);

    private static YearTarget Relative(Indicator indicator, ParsedTarget written, Func<int, decimal?> figureOf)
    {
        var of = written.Reference!;
        var year = ReferenceYear(indicator, of);
        var b = year is { } y ? figureOf(y) : null;
        string? source = b is null ? null
            : Say.It($"B = il dato {year} dell'indicatore ({indicator.Aggregation} dei suoi consuntivi {year})", $"B = the indicator's {year} figure ({indicator.Aggregation} of its {year} consuntivi)");
        if (b is null && (of.Baseline || (year is not null && year == indicator.BaselineYear)) && indicator.BaselineValue is { } declared)
        {
            b = declared;
            source = year is { } by
                ? Say.It($"B = il valore di baseline dichiarato ({indicator.BaselineYear}): nessun consuntivo registrato per il {by}",
                    $"B = the declared baseline value ({indicator.BaselineYear}): no consuntivo is stored for {by}")
                : Say.It("B = il valore di baseline dichiarato", "B = the declared baseline value");
        }

        var resolution = RelativeTargets.Resolve(written, PlanScoring.PolarityOf(indicator, written), b, year ?? indicator.BaselineYear);
        var step = new ExplanationStep(ExplanationSteps.Reference, resolution.Explanation, resolution.Target?.Value, b,
            source ?? (year is { } missing
                ? Say.It($"nessun consuntivo per il {missing} e nessuna baseline dichiarata per quell'anno", $"no consuntivo for {missing} and no declared baseline for that year")
                : Say.It("il testo si riferisce alla baseline e l'indicatore non ne dichiara", "the text refers to the baseline and the indicator declares none")));
        if (resolution.Target is { } computed) return new(computed, null, written, step);
        return new(null, b is null
            ? Say.It($"Il target relativo non si può calcolare: {step.Calculation} ({resolution.Explanation}).", $"The relative target cannot be computed: {step.Calculation} ({resolution.Explanation}).")
            : Say.It($"Il target relativo non si può calcolare ({resolution.Explanation}).", $"The relative target cannot be computed ({resolution.Explanation})."), written, step);
    }
}
