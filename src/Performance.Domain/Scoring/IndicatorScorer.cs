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

    public static IndicatorEvaluation Evaluate(IndicatorInput input, ScoringPolicy policy, ScoringView view)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(view);
        view = DueBy(input.Target, view);
        if (!view.Explain) return EvaluateFigures(input, policy, view);

        var target = input.Target;
        var cap = input.CapOverride ?? policy.Cap;
        var formula = input.FormulaOverride ?? policy.LowerIsBetter;
        var milestone = IsMilestone(target);
        var steps = new List<ExplanationStep>
        {
            new(ExplanationSteps.Target, DescribeTarget(target), target.Value),
        };

        // Milestones carry state (done / SAL), not a flow: the latest entry is what counts.
        var rule = milestone ? Aggregation.Last : input.Aggregation;
        var aggregated = PeriodAggregator.Aggregate(input.Actuals, rule, input.Year, view);
        steps.Add(new(ExplanationSteps.Aggregation,
            $"{rule} ({aggregated.Basis}{(aggregated.Granularity is { } g ? ", " + g : string.Empty)}): {aggregated.Calculation}",
            aggregated.Value));

        var explanation = new Explanation(steps)
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

        return milestone
            ? EvaluateMilestone(input, policy, cap, aggregated, steps, explanation)
            : EvaluateNumeric(input, policy, cap, formula, aggregated, steps, explanation);
    }

    /// <summary>
    /// The evaluation without its explanation (<see cref="ScoringView.Explain"/> off): the same steps in the same order
    /// with the same arithmetic as the explained path, minus every text and list.
    /// </summary>
    private static IndicatorEvaluation EvaluateFigures(IndicatorInput input, ScoringPolicy policy, ScoringView view)
    {
        var target = input.Target;
        var cap = input.CapOverride ?? policy.Cap;
        var formula = input.FormulaOverride ?? policy.LowerIsBetter;
        var milestone = IsMilestone(target);
        var rule = milestone ? Aggregation.Last : input.Aggregation;
        var aggregated = PeriodAggregator.AggregateFigure(input.Actuals, rule, input.Year, view);
        var none = Explanation.NotRequested;

        if (milestone)
        {
            if (aggregated.Latest is not { } entry) return new(null, null, null, null, ScoreStatus.Grey, null, none);
            decimal achievement;
            bool met;
            var completion = entry.Completion ?? entry.Value;
            if (entry.Done == true)
                (achievement, met) = target.DueDate is { } due && entry.CompletedOn is { } on && on > due ? (0m, false) : (100m, true);
            else if (completion is { } pct)
                (achievement, met) = (pct, pct >= 100m);
            else if (entry.Done == false)
                (achievement, met) = (0m, false);
            else
                return new(null, null, null, null, ScoreStatus.Grey, null, none);

            var milestoneScore = PolicyApplication.Apply(achievement, policy, cap, null);
            return new(achievement, achievement, milestoneScore, met, StatusOf(met, achievement, policy), null, none,
                policy.JustificationRequiredWhenMissed && !met);
        }

        var incomplete = target.Operator == TargetOperator.Between
            ? target.Lower is null && target.Upper is null
            : target.Value is null;
        if (incomplete) return new(aggregated.Value, null, null, null, ScoreStatus.Grey, null, none);
        if (aggregated.Value is not { } actual) return new(null, null, null, null, ScoreStatus.Grey, null, none);

        var value = target.Operator switch
        {
            TargetOperator.AtLeast or TargetOperator.MoreThan => Achievements.AtLeastValue(actual, target.Value!.Value),
            TargetOperator.AtMost or TargetOperator.LessThan => Achievements.AtMostValue(actual, target.Value!.Value, formula, cap),
            TargetOperator.Equal => Achievements.ExactlyValue(actual, target.Value!.Value),
            TargetOperator.Between => Achievements.RangeValue(actual, target.Lower, target.Upper, formula, cap),
            _ => throw new ArgumentOutOfRangeException(nameof(input), target.Operator, null),
        };
        var score = PolicyApplication.Apply(value, policy, cap, null);
        var isMet = IsMet(target, actual);
        var deviation = DeviationFor(target, input.Polarity, actual);
        return new(actual, value, score, isMet, StatusOf(isMet, value, policy), deviation, none,
            policy.JustificationRequiredWhenMissed && !isMet);
    }

    /// <summary>
    /// A value to reach by a date ("100% entro il 30/06") is scored as the figure known on that date: only periods ending
    /// by the due date count (as with asOf), so a value reached later does not meet it.
    /// </summary>
    private static ScoringView DueBy(ParsedTarget target, ScoringView view) =>
        target.DueDate is { } due && !IsMilestone(target) && (view.AsOf is not { } asOf || due < asOf) ? view with { AsOf = due } : view;

    private static ScoreStatus StatusOf(bool met, decimal achievement, ScoringPolicy policy) =>
        met ? ScoreStatus.Green : achievement >= policy.YellowFrom ? ScoreStatus.Yellow : ScoreStatus.Red;

    public static bool IsMilestone(ParsedTarget target) =>
        target.Kind is TargetKind.Milestone or TargetKind.Deadline || target.Operator == TargetOperator.Done;

    /// <summary>
    /// Met follows the operator exactly: 38 vs "&gt; 38" is not met, 38 vs "&gt;= 38" is. A target with nothing to compare
    /// with (no target this year, a relative target not yet resolved, a schedule) cannot be missed.
    /// </summary>
    public static bool IsMet(ParsedTarget target, decimal actual) => target.Operator switch
    {
        TargetOperator.None => true,
        not TargetOperator.Between when target.Value is null => true,
        TargetOperator.AtLeast => actual >= Required(target.Value),
        TargetOperator.MoreThan => actual > Required(target.Value),
        TargetOperator.AtMost => actual <= Required(target.Value),
        TargetOperator.LessThan => actual < Required(target.Value),
        TargetOperator.Equal => actual == Required(target.Value),
        TargetOperator.Between => (target.Lower is not { } l || actual >= l) && (target.Upper is not { } u || actual <= u),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Operator, "not a numeric operator"),
    };

    private static IndicatorEvaluation EvaluateNumeric(
        IndicatorInput input, ScoringPolicy policy, decimal? cap, LowerIsBetterFormula formula,
        AggregationResult aggregated, List<ExplanationStep> steps, Explanation explanation)
    {
        var target = input.Target;
        var incomplete = target.Operator == TargetOperator.Between
            ? target.Lower is null && target.Upper is null
            : target.Value is null;
        if (incomplete)
            return Missing(aggregated.Value, "the target has no value to compare with", steps, explanation);
        if (aggregated.Value is not { } actual)
            return Missing(null, "no actual for the year" + (aggregated.Basis == AggregationBasis.Forecast ? " (forecast)" : string.Empty),
                steps, explanation);

        steps.Add(new(ExplanationSteps.Actual, $"A = {N(actual)}", actual));
        var result = target.Operator switch
        {
            TargetOperator.AtLeast or TargetOperator.MoreThan => Achievements.AtLeast(actual, target.Value!.Value),
            TargetOperator.AtMost or TargetOperator.LessThan => Achievements.AtMost(actual, target.Value!.Value, formula, cap),
            TargetOperator.Equal => Achievements.Exactly(actual, target.Value!.Value),
            TargetOperator.Between => Achievements.Range(actual, target.Lower, target.Upper, formula, cap),
            _ => throw new ArgumentOutOfRangeException(nameof(input), target.Operator, null),
        };
        steps.Add(new(ExplanationSteps.Achievement, result.Formula, result.Value, null, result.Calculation));

        var score = PolicyApplication.Apply(result.Value, policy, cap, steps);
        var met = IsMet(target, actual);
        steps.Add(new(ExplanationSteps.Met, DescribeMet(target, actual, met), null));

        var deviation = DeviationFor(target, input.Polarity, actual);
        if (deviation is not null)
            steps.Add(new(ExplanationSteps.Deviation,
                $"relative {N(deviation.Relative)}%, points {N(deviation.Points)}, ratio {N(deviation.Ratio)}, difference {N(deviation.Difference)}",
                deviation.Relative));

        var status = Status(met, result.Value, policy, steps);
        return new(actual, result.Value, score, met, status, deviation,
            explanation with { Formula = result.Formula, Calculation = result.Calculation },
            policy.JustificationRequiredWhenMissed && !met);
    }

    /// <summary>
    /// Done → 100 (a deadline also needs CompletedOn ≤ DueDate when the date is known; without it, done counts as on
    /// time); otherwise the completion % (SAL) when given (a bare Value is read as that %); Done = false → 0.
    /// Met only when done (on time), or completion ≥ 100.
    /// </summary>
    private static IndicatorEvaluation EvaluateMilestone(
        IndicatorInput input, ScoringPolicy policy, decimal? cap,
        AggregationResult aggregated, List<ExplanationStep> steps, Explanation explanation)
    {
        var target = input.Target;
        if (aggregated.Latest is not { } entry)
            return Missing(null, "no actual for the year", steps, explanation);

        decimal achievement;
        bool met;
        string formula, calculation;
        var completion = entry.Completion ?? entry.Value;
        if (entry.Done == true)
        {
            if (target.DueDate is { } due && entry.CompletedOn is { } on && on > due)
            {
                (achievement, met) = (0m, false);
                formula = "done after the deadline → 0";
                calculation = $"completed {on:yyyy-MM-dd} > due {due:yyyy-MM-dd} → 0";
            }
            else
            {
                (achievement, met) = (100m, true);
                formula = target.DueDate is null ? "done → 100" : "done by the deadline → 100";
                calculation = target.DueDate is { } d
                    ? entry.CompletedOn is { } c
                        ? $"completed {c:yyyy-MM-dd} ≤ due {d:yyyy-MM-dd} → 100"
                        : $"done, no completion date given (assumed by {d:yyyy-MM-dd}) → 100"
                    : $"done ({entry.Period.Code}) → 100";
            }
        }
        else if (completion is { } pct)
        {
            (achievement, met) = (pct, pct >= 100m);
            formula = "completion % (SAL)";
            calculation = $"completion {N(pct)}% ({entry.Period.Code}) → {N(pct)}";
        }
        else if (entry.Done == false)
        {
            (achievement, met) = (0m, false);
            formula = "not done → 0";
            calculation = $"not done ({entry.Period.Code}) → 0";
        }
        else
        {
            return Missing(null, "no done flag or completion entered", steps, explanation);
        }

        steps.Add(new(ExplanationSteps.Achievement, formula, achievement, null, calculation));
        var score = PolicyApplication.Apply(achievement, policy, cap, steps);
        steps.Add(new(ExplanationSteps.Met, met ? "milestone achieved" : "milestone not achieved", null));
        var status = Status(met, achievement, policy, steps);
        return new(achievement, achievement, score, met, status, null,
            explanation with { Formula = formula, Calculation = calculation },
            policy.JustificationRequiredWhenMissed && !met);
    }

    private static IndicatorEvaluation Missing(
        decimal? actual, string why, List<ExplanationStep> steps, Explanation explanation)
    {
        steps.Add(new(ExplanationSteps.Missing, why + ": not scored", null));
        steps.Add(new(ExplanationSteps.Status, "Grey: missing", null));
        return new(actual, null, null, null, ScoreStatus.Grey, null, explanation);
    }

    private static ScoreStatus Status(bool met, decimal achievement, ScoringPolicy policy, List<ExplanationStep> steps)
    {
        var (status, why) = met
            ? (ScoreStatus.Green, "Green: target met")
            : achievement >= policy.YellowFrom
                ? (ScoreStatus.Yellow, $"Yellow: not met, achievement {N(achievement)} ≥ {N(policy.YellowFrom)}")
                : (ScoreStatus.Red, $"Red: not met, achievement {N(achievement)} < {N(policy.YellowFrom)}");
        steps.Add(new(ExplanationSteps.Status, why, null));
        return status;
    }

    /// <summary>
    /// The operator decides which way is good (a "≤" target is lower-is-better whatever the label says);
    /// "exactly" uses the indicator's polarity; a range is measured against the bound it violates (0 inside).
    /// </summary>
    private static Deviation? DeviationFor(ParsedTarget target, Polarity polarity, decimal actual)
    {
        switch (target.Operator)
        {
            case TargetOperator.AtLeast or TargetOperator.MoreThan:
                return Deviations.Compute(target.Value!.Value, actual, Polarity.HigherIsBetter, target.Unit);
            case TargetOperator.AtMost or TargetOperator.LessThan:
                return Deviations.Compute(target.Value!.Value, actual, Polarity.LowerIsBetter, target.Unit);
            case TargetOperator.Equal:
                return Deviations.Compute(target.Value!.Value, actual, polarity, target.Unit);
            case TargetOperator.Between:
                if (target.Lower is { } l && actual < l)
                    return Deviations.Compute(l, actual, Polarity.HigherIsBetter, target.Unit);
                if (target.Upper is { } u && actual > u)
                    return Deviations.Compute(u, actual, Polarity.LowerIsBetter, target.Unit);
                return new Deviation(0m, target.Unit == TargetUnit.Percent ? 0m : null, null, 0m);
            default:
                return null;
        }
    }

    private static string DescribeTarget(ParsedTarget t)
    {
        var what = t.Kind switch
        {
            TargetKind.Range => $"{t.Operator} [{N(t.Lower)}, {N(t.Upper)}]",
            TargetKind.Deadline => $"done by {t.DueDate:yyyy-MM-dd}",
            TargetKind.Milestone => "done",
            _ => $"{t.Operator} {N(t.Value)}",
        };
        var due = t.DueDate is { } d && !IsMilestone(t) ? $", due by {d:yyyy-MM-dd}: only periods ending by then count" : string.Empty;
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
        return $"{comparison}: {(met ? "true → met" : "false → not met")}";
    }

    private static decimal Required(decimal? value) =>
        value ?? throw new InvalidOperationException("The target has no value.");

    private static string N(decimal? v) => NumberText.Format(v);
}
