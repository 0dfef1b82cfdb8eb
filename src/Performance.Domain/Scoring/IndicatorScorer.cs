using Performance.Domain.Language;
using Performance.Domain.Targets;

namespace Performance.Domain.Scoring;

/// <summary>
/// Scores one indicator for one year (docs/scoring.md): aggregate the actuals, compute the raw achievement with the
/// operator's formula, decide met from the operator exactly, apply the policy (threshold, bands, cap, floor),
/// derive status and deviation, and explain every step. Pure: no I/O, no clock, no rounding.
/// </summary>
public static class IndicatorScorer
{
    public static IndicatorEvaluation Evaluate(IndicatorInput input, ScoringPolicy policy, DateOnly? asOf = null) =>
        Evaluate(input, policy, new ScoringView(asOf));

    /// <summary>
    /// One implementation for both paths: with <see cref="ScoringView.Explain"/> off no step, text or list is built
    /// (every explanation write is behind a null check), so the figures cannot differ between the two.
    /// </summary>
    public static IndicatorEvaluation Evaluate(IndicatorInput input, ScoringPolicy policy, ScoringView view)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(view);
        view = DueBy(input.Target, view);

        var target = input.Target;
        var cap = input.CapOverride ?? policy.Cap;
        var formula = input.FormulaOverride ?? policy.LowerIsBetter;
        var milestone = IsMilestone(target);
        // Milestones carry state (done / SAL), not a flow: the latest entry is what counts.
        var rule = milestone ? Aggregation.Last : input.Aggregation;
        var trace = view.Explain ? new AggregationTrace() : null;
        var figure = PeriodAggregator.Run(input.Actuals, rule, input.Year, view, input.Frequency, trace);

        List<ExplanationStep>? steps = null;
        var explanation = Explanation.NotRequested;
        if (trace is not null)
        {
            var aggregated = trace.ToResult(figure, rule);
            steps =
            [
                new(ExplanationSteps.Target, DescribeTarget(target), target.Value),
                new(ExplanationSteps.Aggregation,
                    $"{rule} ({aggregated.Basis}{(aggregated.Granularity.HasValue ? ", " + aggregated.Granularity.Value : string.Empty)}): {aggregated.Calculation}",
                    aggregated.Value),
            ];
            explanation = new Explanation(steps)
            {
                IndicatorCode = input.Code,
                TargetText = target.Text,
                Target = target,
                Polarity = input.Polarity,
                AggregationRule = rule,
                AggregationBasis = aggregated.Basis,
                ActualsUsed = aggregated.Used.Select(a => ExplainedActual.From(a)).ToList(),
                ActualsIgnored = aggregated.Ignored.Select(i => ExplainedActual.From(i.Actual, i.Reason)).ToList(),
                Cap = cap,
                LowerIsBetterFormula = formula,
            };
        }

        return milestone
            ? EvaluateMilestone(target, policy, cap, figure, steps, explanation)
            : EvaluateNumeric(input, policy, cap, formula, figure, steps, explanation);
    }

    /// <summary>
    /// A value to reach by a date ("100% entro il 30/06") is scored as the figure known on that date: only periods ending
    /// by the due date count (as with asOf), so a value reached later does not meet it.
    /// </summary>
    private static ScoringView DueBy(ParsedTarget target, ScoringView view) =>
        target.DueDate is { } due && !IsMilestone(target) && (view.AsOf is not { } asOf || due < asOf) ? view with { AsOf = due } : view;

    public static bool IsMilestone(ParsedTarget target) =>
        target.Kind is TargetKind.Milestone or TargetKind.Deadline || target.Operator == TargetOperator.Done;

    /// <summary>
    /// Whether the target gives something to compare with: a milestone, a number, or a range with a bound. Without
    /// one ("n.d.", no value) the indicator is reported and never scored, and a roll-up leaves it out even when
    /// missing figures count as 0 (<see cref="MissingRule.Zero"/> is for indicators with a target and no consuntivo).
    /// </summary>
    public static bool HasTarget(ParsedTarget target) =>
        IsMilestone(target) ||
        (target.Operator == TargetOperator.Between ? target.Lower is not null || target.Upper is not null : target.Value is not null);

    /// <summary>
    /// Met follows the operator exactly: 38 vs "&gt; 38" is not met, 38 vs "&gt;= 38" is. A target with nothing to compare
    /// with (no target this year, a relative target not yet resolved, a schedule) cannot be missed.
    /// </summary>
    public static bool IsMet(ParsedTarget target, decimal actual) =>
        target.Operator == TargetOperator.None || !HasTarget(target) || IsMet(target, Quotient.Of(actual));

    private static bool IsMet(ParsedTarget target, Quotient actual) => target.Operator switch
    {
        TargetOperator.AtLeast => actual.CompareTo(Required(target.Value)) >= 0,
        TargetOperator.MoreThan => actual.CompareTo(Required(target.Value)) > 0,
        TargetOperator.AtMost => actual.CompareTo(Required(target.Value)) <= 0,
        TargetOperator.LessThan => actual.CompareTo(Required(target.Value)) < 0,
        TargetOperator.Equal => actual.CompareTo(Required(target.Value)) == 0,
        TargetOperator.Between => (!target.Lower.HasValue || actual.CompareTo(target.Lower.Value) >= 0) &&
                                  (!target.Upper.HasValue || actual.CompareTo(target.Upper.Value) <= 0),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Operator, "not a numeric operator"),
    };

    private static IndicatorEvaluation EvaluateNumeric(
        IndicatorInput input, ScoringPolicy policy, decimal? cap, LowerIsBetterFormula formula,
        AggregatedFigure figure, List<ExplanationStep>? steps, Explanation explanation)
    {
        var target = input.Target;
        if (!HasTarget(target))
            return Missing(figure.Value, steps is null ? null : Say.It("il target non ha un valore con cui confrontare il consuntivo", "the target has no value to compare with"), steps, explanation);
        var quotient = figure.Quotient;
        if (!quotient.HasValue)
            return Missing(null, steps is null ? null : figure.Basis == AggregationBasis.Forecast
                    ? Say.It("nessun consuntivo per l'anno (previsione)", "no actual for the year (forecast)")
                    : Say.It("nessun consuntivo per l'anno", "no actual for the year"),
                steps, explanation);

        var a = quotient.Value;
        var actual = a.Value;
        steps?.Add(new(ExplanationSteps.Actual, $"A = {a.WithValue()}", actual));
        var text = steps is null ? null : new FormulaText();
        var achievement = Achievements.Compute(target, a, formula, cap, text);
        steps?.Add(new(ExplanationSteps.Achievement, text!.Formula, achievement.Value, null, text.Calculation));

        var score = PolicyApplication.Apply(achievement, policy, cap, steps);
        var met = IsMet(target, a);
        steps?.Add(new(ExplanationSteps.Met, DescribeMet(target, actual, met), null));

        var deviation = DeviationFor(target, input.Polarity, a);
        steps?.Add(new(ExplanationSteps.Deviation,
            Say.It($"relativo {N(deviation.Relative)}%, in punti {N(deviation.Points)}, rapporto {N(deviation.Ratio)}, differenza {N(deviation.Difference)}",
                $"relative {N(deviation.Relative)}%, points {N(deviation.Points)}, ratio {N(deviation.Ratio)}, difference {N(deviation.Difference)}"),
            deviation.Relative));

        var status = Status(met, achievement, policy, steps);
        return new(actual, achievement.Value, score.Value, met, status, deviation,
            steps is null ? explanation : explanation with { Formula = text!.Formula, Calculation = text.Calculation },
            policy.JustificationRequiredWhenMissed && !met) { ExactScore = score };
    }

    /// <summary>
    /// Done → 100 (a deadline also needs CompletedOn ≤ DueDate when the date is known; without it, done counts as on
    /// time); otherwise the completion % (SAL) when given (a bare Value is read as that %); Done = false → 0.
    /// Met only when done (on time), or completion ≥ 100.
    /// </summary>
    private static IndicatorEvaluation EvaluateMilestone(
        ParsedTarget target, ScoringPolicy policy, decimal? cap,
        AggregatedFigure figure, List<ExplanationStep>? steps, Explanation explanation)
    {
        var entry = figure.Latest;
        if (entry is null)
            return Missing(null, steps is null ? null : Say.It("nessun consuntivo per l'anno", "no actual for the year"), steps, explanation);

        decimal achievement;
        bool met;
        var text = steps is null ? null : new FormulaText();
        var completion = entry.Completion ?? entry.Value;
        if (entry.Done == true)
        {
            var (due, on) = (target.DueDate, entry.CompletedOn);
            if (due.HasValue && on.HasValue && on.Value > due.Value)
            {
                (achievement, met) = (0m, false);
                text?.Set(Say.It("completata dopo la scadenza → 0", "done after the deadline → 0"),
                    Say.It($"completata il {on.Value:yyyy-MM-dd} > scadenza {due.Value:yyyy-MM-dd} → 0", $"completed {on.Value:yyyy-MM-dd} > due {due.Value:yyyy-MM-dd} → 0"));
            }
            else
            {
                (achievement, met) = (100m, true);
                text?.Set(due.HasValue ? Say.It("completata entro la scadenza → 100", "done by the deadline → 100") : Say.It("completata → 100", "done → 100"),
                    !due.HasValue ? Say.It($"completata ({entry.Period.Code}) → 100", $"done ({entry.Period.Code}) → 100")
                    : on.HasValue ? Say.It($"completata il {on.Value:yyyy-MM-dd} ≤ scadenza {due.Value:yyyy-MM-dd} → 100", $"completed {on.Value:yyyy-MM-dd} ≤ due {due.Value:yyyy-MM-dd} → 100")
                    : Say.It($"completata, senza data di completamento (considerata entro il {due.Value:yyyy-MM-dd}) → 100",
                        $"done, no completion date given (assumed by {due.Value:yyyy-MM-dd}) → 100"));
            }
        }
        else if (completion.HasValue)
        {
            var pct = completion.Value;
            (achievement, met) = (pct, pct >= 100m);
            text?.Set(Say.It("% di completamento (SAL)", "completion % (SAL)"),
                Say.It($"completamento {N(pct)}% ({entry.Period.Code}) → {N(pct)}", $"completion {N(pct)}% ({entry.Period.Code}) → {N(pct)}"));
        }
        else if (entry.Done == false)
        {
            (achievement, met) = (0m, false);
            text?.Set(Say.It("non completata → 0", "not done → 0"), Say.It($"non completata ({entry.Period.Code}) → 0", $"not done ({entry.Period.Code}) → 0"));
        }
        else
        {
            return Missing(null, steps is null ? null : Say.It("né completamento né percentuale di avanzamento (SAL) inseriti", "no done flag or completion entered"),
                steps, explanation);
        }

        steps?.Add(new(ExplanationSteps.Achievement, text!.Formula, achievement, null, text.Calculation));
        var score = PolicyApplication.Apply(Quotient.Of(achievement), policy, cap, steps);
        steps?.Add(new(ExplanationSteps.Met, met ? Say.It("milestone raggiunta", "milestone achieved") : Say.It("milestone non raggiunta", "milestone not achieved"), null));
        var status = Status(met, Quotient.Of(achievement), policy, steps);
        return new(achievement, achievement, score.Value, met, status, null,
            steps is null ? explanation : explanation with { Formula = text!.Formula, Calculation = text.Calculation },
            policy.JustificationRequiredWhenMissed && !met) { ExactScore = score };
    }

    private static IndicatorEvaluation Missing(
        decimal? actual, string? why, List<ExplanationStep>? steps, Explanation explanation)
    {
        steps?.Add(new(ExplanationSteps.Missing, why + Say.It(": non valutato", ": not scored"), null));
        steps?.Add(new(ExplanationSteps.Status, GreyMissing, null));
        return new(actual, null, null, null, ScoreStatus.Grey, null, explanation);
    }

    private static ScoreStatus Status(bool met, Quotient achievement, ScoringPolicy policy, List<ExplanationStep>? steps)
    {
        var status = met ? ScoreStatus.Green : achievement.CompareTo(policy.YellowFrom) >= 0 ? ScoreStatus.Yellow : ScoreStatus.Red;
        steps?.Add(new(ExplanationSteps.Status, status switch
        {
            ScoreStatus.Green => Say.It("Verde: target raggiunto", "Green: target met"),
            ScoreStatus.Yellow => Say.It($"Giallo: non raggiunto, grado di raggiungimento {N(achievement.Value)} ≥ {N(policy.YellowFrom)}",
                $"Yellow: not met, achievement {N(achievement.Value)} ≥ {N(policy.YellowFrom)}"),
            _ => Say.It($"Rosso: non raggiunto, grado di raggiungimento {N(achievement.Value)} < {N(policy.YellowFrom)}",
                $"Red: not met, achievement {N(achievement.Value)} < {N(policy.YellowFrom)}"),
        }, null));
        return status;
    }

    /// <summary>
    /// The operator decides which way is good (a "≤" target is lower-is-better whatever the label says);
    /// "exactly" uses the indicator's polarity; a range is measured against the bound it violates (0 inside).
    /// </summary>
    private static Deviation DeviationFor(ParsedTarget target, Polarity polarity, Quotient actual)
    {
        switch (target.Operator)
        {
            case TargetOperator.AtLeast or TargetOperator.MoreThan:
                return Deviations.Compute(target.Value!.Value, actual, Polarity.HigherIsBetter, target.Unit);
            case TargetOperator.AtMost or TargetOperator.LessThan:
                return Deviations.Compute(target.Value!.Value, actual, Polarity.LowerIsBetter, target.Unit);
            case TargetOperator.Equal:
                return Deviations.Compute(target.Value!.Value, actual, polarity, target.Unit);
            default:
                if (target.Lower.HasValue && actual.CompareTo(target.Lower.Value) < 0)
                    return Deviations.Compute(target.Lower.Value, actual, Polarity.HigherIsBetter, target.Unit);
                if (target.Upper.HasValue && actual.CompareTo(target.Upper.Value) > 0)
                    return Deviations.Compute(target.Upper.Value, actual, Polarity.LowerIsBetter, target.Unit);
                return new Deviation(0m, target.Unit == TargetUnit.Percent ? 0m : null, null, 0m);
        }
    }

    private static string DescribeTarget(ParsedTarget t)
    {
        var what = t.Kind switch
        {
            TargetKind.Range => $"{t.Operator} [{N(t.Lower)}, {N(t.Upper)}]",
            TargetKind.Deadline => Say.It($"completata entro il {t.DueDate:yyyy-MM-dd}", $"done by {t.DueDate:yyyy-MM-dd}"),
            TargetKind.Milestone => Say.It("completata", "done"),
            _ => $"{t.Operator} {N(t.Value)}",
        };
        var due = t.DueDate is { } d && !IsMilestone(t)
            ? Say.It($", entro il {d:yyyy-MM-dd}: contano solo i periodi che terminano entro quella data", $", due by {d:yyyy-MM-dd}: only periods ending by then count")
            : string.Empty;
        return $"\"{t.Text}\" → {t.Kind} {what} {t.Unit}".TrimEnd() + due;
    }

    private static string DescribeMet(ParsedTarget t, decimal a, bool met)
    {
        var comparison = t.Operator switch
        {
            TargetOperator.AtLeast => $"A = {N(a)} ≥ T = {N(t.Value)}",
            TargetOperator.MoreThan => $"A = {N(a)} > T = {N(t.Value)}",
            TargetOperator.AtMost => $"A = {N(a)} ≤ T = {N(t.Value)}",
            TargetOperator.LessThan => $"A = {N(a)} < T = {N(t.Value)}",
            TargetOperator.Equal => $"A = {N(a)} = T = {N(t.Value)}",
            _ => $"{N(t.Lower)} ≤ A = {N(a)} ≤ {N(t.Upper)}",
        };
        return $"{comparison}: {(met ? Say.It("vero → raggiunto", "true → met") : Say.It("falso → non raggiunto", "false → not met"))}";
    }

    private static decimal Required(decimal? value) =>
        value ?? throw new InvalidOperationException("The target has no value.");

    /// <summary>The status step of an indicator that is not scored (also said by the API for one without a target).</summary>
    public static string GreyMissing => Say.It("Grigio: dato mancante", "Grey: missing");

    private static string N(decimal? v) => NumberText.Format(v);
}
