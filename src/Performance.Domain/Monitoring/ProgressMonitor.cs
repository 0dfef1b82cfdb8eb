using Performance.Domain.Language;
using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Monitoring;

/// <summary>
/// Monitoraggio intermedio (docs/monitoring.md): how far each indicator is at the end of a period of the
/// year against where it should be, and where it is heading. Pure: the caller passes the engine's input (target already
/// resolved, latest revisions) and the policy.
/// </summary>
public static class ProgressMonitor
{
    public static NodeProgress Evaluate(ScoringNode node, Period period, int year, ScoringPolicy policy)
    {
        var indicators = node.Indicators.Select(i => i.Input is { } input
            ? Evaluate(input with { Year = year }, period, policy)
            : Unscored(i.Code, i.MissingReason ?? Say.It("Non valutato.", "Not scored."))).ToList();
        var children = node.Children.Select(c => Evaluate(c, period, year, policy)).ToList();
        var weighted = node.Indicators.Zip(indicators, (i, p) => (i.Weight, p.Progress))
            .Concat(node.Children.Zip(children, (c, p) => (c.Weight, p.Progress)))
            .Where(x => x.Progress is not null && x.Weight > 0).ToList();
        var totalWeight = weighted.Sum(x => x.Weight);
        // Capped at 100 so an indicator ahead of schedule cannot hide one behind it.
        decimal? progress = totalWeight == 0 ? null : weighted.Sum(x => x.Weight * Math.Min(100m, x.Progress!.Value)) / totalWeight;
        return new NodeProgress(node.Code, progress, progress is { } p ? policy.Monitoring.StatusOf(p) : null, indicators, children);
    }

    public static IndicatorProgress Evaluate(IndicatorInput input, Period period, ScoringPolicy policy)
    {
        if (input.Year == 0) throw new ArgumentException("The indicator's year is required to monitor it.", nameof(input));
        if (period.IsForecast || !period.IsValid) throw new ArgumentOutOfRangeException(nameof(period), period, "Monitor a period of the year (Y, S, T, Q or M).");
        var end = period.End(input.Year);
        return IndicatorScorer.IsMilestone(input.Target) ? Milestone(input, end, policy) : Numeric(input, period, end, policy);
    }

    private static IndicatorProgress Unscored(string code, string reason) =>
        new(code, null, null, null, "—", null, null, null, null, null, null, reason);

    private static IndicatorProgress Milestone(IndicatorInput input, DateOnly end, ScoringPolicy policy)
    {
        var target = input.Target;
        var due = target.DueDate ?? new DateOnly(input.Year, 12, 31);
        var start = new DateOnly(input.Year, 1, 1);
        // Multiplied first, divided last: full precision (1 January – 30 June 2024 is 100 × 182 / 366).
        var expected = due <= end ? 100m : 100m * (end.DayNumber - start.DayNumber + 1) / (due.DayNumber - start.DayNumber + 1);
        var calculation = due <= end
            ? Say.It($"milestone con scadenza {due:yyyy-MM-dd}, entro il {end:yyyy-MM-dd}: E = 100% di completamento",
                $"milestone due {due:yyyy-MM-dd}, on or before {end:yyyy-MM-dd}: E = 100% completion")
            : Say.It($"milestone con scadenza {due:yyyy-MM-dd}: E = 100% × giorni trascorsi ÷ giorni fino alla scadenza = {N(expected)}%",
                $"milestone due {due:yyyy-MM-dd}: E = 100% × days elapsed ÷ days to the due date = {N(expected)}%");
        var evaluation = IndicatorScorer.Evaluate(input, policy, new ScoringView(end) { Explain = false });
        if (evaluation.Achievement is not { } completion)
            return new(input.Code, null, expected, ExpectationMethod.MilestoneShare, calculation, null, null, null, null, null,
                due > end ? null : false, Say.It($"Nessun consuntivo per un periodo che termina entro il {end:yyyy-MM-dd}.", $"No consuntivo for a period ending by {end:yyyy-MM-dd}."));
        var progress = completion / expected * 100m;
        return new(input.Code, completion, expected, ExpectationMethod.MilestoneShare, calculation, progress,
            policy.Monitoring.StatusOf(progress), null, null, null, evaluation.Met == true || due > end);
    }

    private static IndicatorProgress Numeric(IndicatorInput input, Period period, DateOnly end, ScoringPolicy policy)
    {
        var target = input.Target;
        if (!IndicatorScorer.HasTarget(target)) return Unscored(input.Code,
            Say.It("Il target non ha un valore con cui confrontare il consuntivo.", "The target has no value to compare with."));
        var schedule = policy.Monitoring.ScheduleOf(input.Code);
        var (method, share, calculation, explicitValue) = Expectation(input, period, end, schedule);
        var expectedTarget = explicitValue is { } e
            ? target with { Kind = TargetKind.Numeric, Operator = Direction(target, input.Polarity), Value = e, Lower = null, Upper = null, DueDate = null }
            : target with { Value = share.Of(target.Value), Lower = share.Of(target.Lower), Upper = share.Of(target.Upper), DueDate = null };
        var expected = expectedTarget.Value ?? expectedTarget.Lower ?? expectedTarget.Upper;

        var evaluation = IndicatorScorer.Evaluate(input with { Target = expectedTarget }, policy, new ScoringView(end) { Explain = false });
        var (forecast, forecastMethod, forecastCalculation) = Forecast(input, period, end, ProjectionShare(input, end, schedule), evaluation.Actual);
        var reachable = forecast is { } f ? IndicatorScorer.IsMet(target with { DueDate = null }, f) : (bool?)null;
        if (evaluation.Achievement is not { } progress)
            return new(input.Code, null, expected, method, calculation, null, null, forecast, forecastMethod, forecastCalculation, reachable,
                Say.It($"Nessun consuntivo per un periodo che termina entro il {end:yyyy-MM-dd}.", $"No consuntivo for a period ending by {end:yyyy-MM-dd}."));
        return new(input.Code, evaluation.Actual, expected, method, calculation, progress, policy.Monitoring.StatusOf(progress),
            forecast, forecastMethod, forecastCalculation, reachable);
    }

    /// <summary>The expected value's rule: an explicit cumulative target, else a share of the yearly target (1 = all of it).</summary>
    private static (ExpectationMethod Method, Share Share, string Calculation, decimal? Explicit) Expectation(
        IndicatorInput input, Period period, DateOnly end, IndicatorSchedule schedule)
    {
        var target = input.Target;
        if (schedule.Targets.TryGetValue(input.Year, out var targets) && targets.TryGetValue(period, out var value))
            return (ExpectationMethod.PeriodTarget, Share.Whole, Say.It($"il target del piano per {period.Code} {input.Year}: E = {N(value)}", $"the plan's target for {period.Code} {input.Year}: E = {N(value)}"), value);
        var t = N(target.Value ?? target.Lower ?? target.Upper);
        if (target.DueDate is { } due)
        {
            if (due <= end || input.Aggregation != Aggregation.Sum)
                return (ExpectationMethod.DatedTarget, Share.Whole, Say.It($"\"{target.Text}\" (scadenza {due:yyyy-MM-dd}): E = T = {t}", $"\"{target.Text}\" (due {due:yyyy-MM-dd}): E = T = {t}"), null);
            return (ExpectationMethod.DatedTarget, new Share(end.Month, due.Month),
                Say.It($"Sum con scadenza {due:yyyy-MM-dd}: E = T × {end.Month}/{due.Month} mesi = {t} × {end.Month} ÷ {due.Month}",
                    $"Sum due {due:yyyy-MM-dd}: E = T × {end.Month}/{due.Month} months = {t} × {end.Month} ÷ {due.Month}"), null);
        }

        if (input.Aggregation != Aggregation.Sum)
            return (ExpectationMethod.YearTarget, Share.Whole, $"{input.Aggregation}: E = T = {t}", null);
        if (schedule.Profile.Count > 0)
        {
            var profiled = ProfileShare(schedule.Profile, input.Year, end);
            return (ExpectationMethod.SeasonalProfile, new Share(profiled, 100m),
                Say.It($"Sum con profilo stagionale: E = T × {N(profiled)}% (quote del profilo fino al {end:yyyy-MM-dd}) = {t} × {N(profiled)} ÷ 100",
                    $"Sum with a seasonal profile: E = T × {N(profiled)}% (profile shares up to {end:yyyy-MM-dd}) = {t} × {N(profiled)} ÷ 100"), null);
        }

        return (ExpectationMethod.ElapsedShare, new Share(end.Month, 12m), Say.It($"Sum: E = T × {end.Month}/12 mesi = {t} × {end.Month} ÷ 12", $"Sum: E = T × {end.Month}/12 months = {t} × {end.Month} ÷ 12"), null);
    }

    /// <summary>The share of the year a Sum indicator's year-to-date figure stands for: the profile's, else the calendar's.</summary>
    private static Share ProjectionShare(IndicatorInput input, DateOnly end, IndicatorSchedule schedule) =>
        schedule.Profile.Count > 0 ? new Share(ProfileShare(schedule.Profile, input.Year, end), 100m) : new Share(end.Month, 12m);

    /// <summary>The profile's cumulative share (%) by a date, a profile period straddling it counted by its months elapsed.</summary>
    public static decimal ProfileShare(IReadOnlyDictionary<Period, decimal> profile, int year, DateOnly end)
    {
        var share = 0m;
        foreach (var (period, percent) in profile)
        {
            var (from, to) = (period.Start(year), period.End(year));
            if (to <= end) share += percent;
            else if (from <= end)
                share += percent * (end.Month - from.Month + 1) / Period.MonthsPerPeriod(period.Kind);
        }
        return share;
    }

    private static (decimal? Value, ForecastMethod? Method, string? Calculation) Forecast(
        IndicatorInput input, Period period, DateOnly end, Share share, decimal? yearToDate)
    {
        // Fk is the forecast made at the end of quarter k: a scorecard at a period's end sees those made by then.
        for (var k = Math.Min(4, end.Month / 3); k >= 1; k--)
        {
            var entered = PeriodAggregator.AggregateFigure(input.Actuals, input.Aggregation, input.Year, new ScoringView(Forecast: k) { Explain = false }, input.Frequency);
            if (entered.Value is { } value)
                return (value, ForecastMethod.EnteredForecast, Say.It($"previsione F{k} inserita: {N(value)}", $"forecast F{k} entered: {N(value)}"));
        }

        if (yearToDate is not { } ytd) return (null, null, null);
        if (input.Aggregation != Aggregation.Sum)
            return (ytd, ForecastMethod.YearToDate, Say.It($"{input.Aggregation}: il dato progressivo a {period.Code} = {N(ytd)}", $"{input.Aggregation}: the year-to-date figure at {period.Code} = {N(ytd)}"));
        if (share.Part <= 0) return (null, null, Say.It("Sum: nessuna quota dell'anno è trascorsa nel profilo, nessuna proiezione", "Sum: no share of the year has elapsed in the profile, no projection"));
        var projected = ytd * share.Total / share.Part;
        return (projected, ForecastMethod.SumProjection,
            Say.It($"Sum: dato progressivo ÷ quota trascorsa = {N(ytd)} × {N(share.Total)} ÷ {N(share.Part)} = {N(projected)}",
                $"Sum: year-to-date ÷ elapsed share = {N(ytd)} × {N(share.Total)} ÷ {N(share.Part)} = {N(projected)}"));
    }

    private static TargetOperator Direction(ParsedTarget target, Polarity polarity) => target.Operator switch
    {
        TargetOperator.Between => polarity == Polarity.LowerIsBetter ? TargetOperator.AtMost : TargetOperator.AtLeast,
        var op => op,
    };

    private static string N(decimal? v) => NumberText.Format(v);

    /// <summary>Part ÷ Whole of the yearly target, kept as two numbers so a scaled value is multiplied first and divided last.</summary>
    private readonly record struct Share(decimal Part, decimal Total)
    {
        public static Share Whole => new(1m, 1m);

        public decimal? Of(decimal? value) => value * Part / Total;
    }
}
