using Performance.Domain.Language;

namespace Performance.Domain.Scoring;

/// <summary>
/// Applies the scoring policy to a raw achievement, in this order: threshold (below → 0, and no band can lift it),
/// bands, cap, floor 0. Each step that is configured is recorded, hit or not, with before/after.
/// The achievement stays a quotient: comparisons cross-multiply and an interpolated band divides once, last.
/// </summary>
public static class PolicyApplication
{
    /// <param name="steps">Where each step is explained; null to compute the score alone (no step, no text is built).</param>
    public static decimal Apply(decimal achievement, ScoringPolicy policy, decimal? cap, List<ExplanationStep>? steps) =>
        Apply(Quotient.Of(achievement), policy, cap, steps).Value;

    internal static Quotient Apply(Quotient achievement, ScoringPolicy policy, decimal? cap, List<ExplanationStep>? steps)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var mark = steps?.Count ?? 0;
        try
        {
            return Exact(achievement, policy, cap, steps);
        }
        catch (OverflowException) when (!achievement.IsExactDecimal)
        {
            // A product left the decimal range: the same steps with the achievement divided out first.
            steps?.RemoveRange(mark, steps.Count - mark);
            return Exact(Quotient.Of(achievement.Value), policy, cap, steps);
        }
    }

    private static Quotient Exact(Quotient achievement, ScoringPolicy policy, decimal? cap, List<ExplanationStep>? steps)
    {
        var score = achievement;
        if (policy.Threshold.HasValue)
        {
            var threshold = policy.Threshold.Value;
            if (score.CompareTo(threshold) < 0)
            {
                steps?.Add(new(ExplanationSteps.Threshold,
                    Say.It($"grado di raggiungimento {N(score.Value)} < soglia {N(threshold)} → 0", $"achievement {N(score.Value)} < threshold {N(threshold)} → 0"),
                    0m, score.Value));
                steps?.Add(new(ExplanationSteps.Score, Say.It("punteggio = 0 (sotto soglia)", "score = 0 (below threshold)"), 0m));
                return Quotient.Of(0m);
            }

            steps?.Add(new(ExplanationSteps.Threshold,
                Say.It($"grado di raggiungimento {N(score.Value)} ≥ soglia {N(threshold)}: non applicata", $"achievement {N(score.Value)} ≥ threshold {N(threshold)}: not hit"),
                score.Value, score.Value));
        }

        if (policy.Bands.Count > 0)
        {
            var banded = Band(score, policy.Bands, policy.BandMode, steps is null ? null : new FormulaText());
            score = banded.Score;
            steps?.Add(new(ExplanationSteps.Band, banded.Text!.Formula, score.Value, achievement.Value,
                banded.Text.Calculation.Length == 0 ? null : banded.Text.Calculation));
        }

        if (cap.HasValue)
        {
            var c = cap.Value;
            if (score.CompareTo(c) > 0)
            {
                steps?.Add(new(ExplanationSteps.Cap, Say.It($"{N(score.Value)} > tetto {N(c)} → {N(c)}", $"{N(score.Value)} > cap {N(c)} → {N(c)}"), c, score.Value));
                score = Quotient.Of(c);
            }
            else
            {
                steps?.Add(new(ExplanationSteps.Cap, Say.It($"{N(score.Value)} ≤ tetto {N(c)}: non applicato", $"{N(score.Value)} ≤ cap {N(c)}: not hit"), score.Value, score.Value));
            }
        }
        else
        {
            steps?.Add(new(ExplanationSteps.Cap, Say.It("nessun tetto", "uncapped"), score.Value, score.Value));
        }

        if (score.Sign < 0)
        {
            steps?.Add(new(ExplanationSteps.Floor, $"{N(score.Value)} < 0 → 0", 0m, score.Value));
            score = Quotient.Of(0m);
        }

        steps?.Add(new(ExplanationSteps.Score, Say.It($"punteggio = {N(score.Value)}", $"score = {N(score.Value)}"), score.Value));
        return score;
    }

    /// <summary>
    /// Step: the score of the band [From, To) holding the achievement. Interpolated: linear from this band's score
    /// at From to the next band's score (next by From) at To; the open-ended last band stays flat.
    /// An achievement no band covers scores 0.
    /// </summary>
    public static decimal Band(
        decimal achievement, IReadOnlyList<ScoreBand> bands, BandMode mode, out string description,
        out string? calculation)
    {
        var text = new FormulaText();
        var value = Band(Quotient.Of(achievement), bands, mode, text).Score.Value;
        (description, calculation) = (text.Formula, text.Calculation.Length == 0 ? null : text.Calculation);
        return value;
    }

    /// <summary><see cref="Band(decimal, IReadOnlyList{ScoreBand}, BandMode, out string, out string?)"/>'s score alone.</summary>
    public static decimal BandValue(decimal achievement, IReadOnlyList<ScoreBand> bands, BandMode mode) =>
        Band(Quotient.Of(achievement), bands, mode, null).Score.Value;

    private static (Quotient Score, FormulaText? Text) Band(Quotient x, IReadOnlyList<ScoreBand> bands, BandMode mode, FormulaText? text)
    {
        var ordered = bands.OrderBy(b => b.From).ToList();
        var i = ordered.FindIndex(b => x.CompareTo(b.From) >= 0 && (!b.To.HasValue || x.CompareTo(b.To.Value) < 0));
        if (i < 0)
        {
            text?.Set(Say.It($"nessuna fascia comprende {N(x.Value)} → 0", $"no band covers {N(x.Value)} → 0"), string.Empty);
            return (Quotient.Of(0m), text);
        }

        var band = ordered[i];
        var range = $"[{N(band.From)}, {(band.To is null ? "∞" : N(band.To))})";
        if (mode == BandMode.Step || band.To is null || i == ordered.Count - 1)
        {
            text?.Set(Say.It($"{N(x.Value)} nella fascia {range} → {N(band.Score)}", $"{N(x.Value)} in band {range} → {N(band.Score)}")
                      + (mode == BandMode.Interpolated ? Say.It(" (ultima fascia: costante)", " (last band: flat)") : string.Empty),
                string.Empty);
            return (Quotient.Of(band.Score), text);
        }

        // s + (x − From) / (To − From) × (s_next − s), with x = n / d: (s·w·d + (n − From·d)·(s_next − s)) / (w·d), w = To − From.
        var (next, width) = (ordered[i + 1], band.To.Value - band.From);
        var value = Quotient.Over(
            band.Score * width * x.Denominator + (x.Numerator - band.From * x.Denominator) * (next.Score - band.Score),
            width * x.Denominator).Checked();
        text?.Set(Say.It($"{N(x.Value)} nella fascia {range}: interpolato tra {N(band.Score)} e {N(next.Score)} → {N(value.Value)}",
                $"{N(x.Value)} in band {range}: interpolated between {N(band.Score)} and {N(next.Score)} → {N(value.Value)}"),
            $"s + (x − From) / (To − From) × (s_next − s) = {N(band.Score)} + ({N(x.Value)} − {N(band.From)}) / ({N(band.To)} − {N(band.From)}) × ({N(next.Score)} − {N(band.Score)}) = {N(value.Value)}");
        return (value, text);
    }

    private static string N(decimal? v) => NumberText.Format(v);
}
