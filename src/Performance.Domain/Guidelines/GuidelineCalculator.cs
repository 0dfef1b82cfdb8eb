namespace Performance.Domain.Guidelines;

/// <summary>LGG attuazione and OGE results (INPS Relazione 2024, «Attuazione delle Linee Guida Gestionali», «Obiettivi Generali di Ente», Allegato 1; docs/public-value-and-lgg.md).</summary>
public static class GuidelineCalculator
{
    public const decimal Full = 100m;

    public static GuidelineResult Compute(GuidelineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Number <= 0)
            throw new ArgumentException($"LGG number must be positive (got {input.Number}).", nameof(input));
        if (input.Projects is null)
            throw new ArgumentException($"LGG {input.Number} has no project list.", nameof(input));

        var measured = new List<decimal>();
        foreach (var p in input.Projects)
        {
            if (p is null)
                throw new ArgumentException($"LGG {input.Number} has a null project.", nameof(input));
            if (p.Realization < 0)
                throw new ArgumentException(
                    $"LGG {input.Number}: project '{p.Code}' has a negative realization ({p.Realization}).", nameof(input));
            // A project's realization is capped at 100 by definition; cap here too so an over-100 value fed from
            // elsewhere cannot make up for another project's delay.
            if (p.Realization is { } r)
                measured.Add(Math.Min(Full, r));
        }

        decimal? attuazione = measured.Count == 0 ? null : Math.Min(Full, measured.Sum() / measured.Count);
        var required = attuazione < Full;
        var missing = required && string.IsNullOrWhiteSpace(input.Justification);

        decimal? result = null;
        var partial = false;
        if (input.Kind == GuidelineKind.OGE)
        {
            // Simple mean of the two components, uncapped (87,50 & 115,57 → 101,535).
            (result, partial) = (attuazione, input.IndicatorScore) switch
            {
                ({ } a, { } i) => ((a + i) / 2m, false),
                ({ } a, null) => (a, true),
                (null, { } i) => (i, true),
                _ => ((decimal?)null, false),
            };
        }

        return new GuidelineResult(
            input.Number,
            input.Title,
            input.Kind,
            attuazione,
            input.IndicatorScore,
            result,
            required,
            missing,
            input.Justification,
            input.Projects)
        {
            Programmes = input.Programmes ?? [],
            ProjectsMeasured = measured.Count,
            ResultPartial = partial,
        };
    }

    public static IReadOnlyList<GuidelineResult> Compute(IReadOnlyList<GuidelineInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var numbers = new HashSet<int>();
        var results = new List<GuidelineResult>(inputs.Count);
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            if (!numbers.Add(input.Number))
                throw new ArgumentException($"LGG {input.Number} appears more than once.", nameof(inputs));
            results.Add(Compute(input));
        }
        return results;
    }

    public static GuidelineSummary Summarize(IReadOnlyList<GuidelineResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new GuidelineSummary(
            results.Count,
            results.Count(r => r.Kind == GuidelineKind.OGE),
            results.Count(r => r.Kind == GuidelineKind.OSP),
            results.Count(r => r.Attuazione >= Full),
            results.Count(r => r.Attuazione < Full),
            results.Count(r => r.Attuazione is null),
            results.Count(r => r.JustificationMissing));
    }
}
