namespace Performance.Domain.Scoring;

/// <summary>
/// Applies the scoring policy to a raw achievement, in this order: threshold (below → 0, and no band can lift it),
/// bands, cap, floor 0. Each step that is configured is recorded, hit or not, with before/after.
/// </summary>
public static class PolicyApplication
{
    /// <param name="steps">Where each step is explained; null to compute the score alone (no step, no text is built).</param>
    public static decimal Apply(decimal achievement, ScoringPolicy policy, decimal? cap, List<ExplanationStep>? steps)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var score = achievement;

        if (policy.Threshold is { } threshold)
        {
            if (score < threshold)
            {
                steps?.Add(new(ExplanationSteps.Threshold,
                    $"achievement {N(score)} < threshold {N(threshold)} → 0", 0m, score));
                steps?.Add(new(ExplanationSteps.Score, "score = 0 (below threshold)", 0m));
                return 0m;
            }

            steps?.Add(new(ExplanationSteps.Threshold,
                $"achievement {N(score)} ≥ threshold {N(threshold)}: not hit", score, score));
        }

        if (policy.Bands.Count > 0)
        {
            if (steps is null)
            {
                score = BandValue(score, policy.Bands, policy.BandMode);
            }
            else
            {
                var banded = Band(score, policy.Bands, policy.BandMode, out var description, out var calculation);
                steps.Add(new(ExplanationSteps.Band, description, banded, score, calculation));
                score = banded;
            }
        }

        if (cap is { } c)
        {
            if (score > c)
            {
                steps?.Add(new(ExplanationSteps.Cap, $"{N(score)} > cap {N(c)} → {N(c)}", c, score));
                score = c;
            }
            else
            {
                steps?.Add(new(ExplanationSteps.Cap, $"{N(score)} ≤ cap {N(c)}: not hit", score, score));
            }
        }
        else
        {
            steps?.Add(new(ExplanationSteps.Cap, "uncapped", score, score));
        }

        if (score < 0)
        {
            steps?.Add(new(ExplanationSteps.Floor, $"{N(score)} < 0 → 0", 0m, score));
            score = 0m;
        }

        steps?.Add(new(ExplanationSteps.Score, $"score = {N(score)}", score));
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
        var ordered = bands.OrderBy(b => b.From).ToList();
        var i = ordered.FindIndex(b => b.Contains(achievement));
        calculation = null;
        if (i < 0)
        {
            description = $"no band covers {N(achievement)} → 0";
            return 0m;
        }

        var band = ordered[i];
        var range = $"[{N(band.From)}, {(band.To is null ? "∞" : N(band.To))})";
        if (mode == BandMode.Step || band.To is null || i == ordered.Count - 1)
        {
            description = $"{N(achievement)} in band {range} → {N(band.Score)}" +
                          (mode == BandMode.Interpolated ? " (last band: flat)" : string.Empty);
            return band.Score;
        }

        var next = ordered[i + 1];
        var to = band.To.Value;
        var value = band.Score + (achievement - band.From) / (to - band.From) * (next.Score - band.Score);
        description = $"{N(achievement)} in band {range}: interpolated between {N(band.Score)} and {N(next.Score)} → {N(value)}";
        calculation = $"s + (x − From) / (To − From) × (s_next − s) = {N(band.Score)} + ({N(achievement)} − {N(band.From)}) / ({N(to)} − {N(band.From)}) × ({N(next.Score)} − {N(band.Score)}) = {N(value)}";
        return value;
    }

    /// <summary><see cref="Band"/>'s score alone, with the same band choice and arithmetic.</summary>
    public static decimal BandValue(decimal achievement, IReadOnlyList<ScoreBand> bands, BandMode mode)
    {
        var ordered = bands.OrderBy(b => b.From).ToList();
        var i = ordered.FindIndex(b => b.Contains(achievement));
        if (i < 0) return 0m;
        var band = ordered[i];
        if (mode == BandMode.Step || band.To is null || i == ordered.Count - 1) return band.Score;
        var next = ordered[i + 1];
        var to = band.To.Value;
        return band.Score + (achievement - band.From) / (to - band.From) * (next.Score - band.Score);
    }

    private static string N(decimal? v) => NumberText.Format(v);
}
