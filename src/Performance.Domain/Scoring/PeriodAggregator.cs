using System.Buffers;
using Performance.Domain.Periods;

namespace Performance.Domain.Scoring;

/// <summary>
/// Turns an indicator's entries for one year into the year's figure, without double counting:
/// <list type="number">
/// <item>one entry per period: the highest revision (then the latest RecordedAt) wins;</item>
/// <item>forecasts F1–F4 are never mixed with actuals (see <see cref="ScoringView"/>);</item>
/// <item>asOf keeps only periods ending on or before it (year-to-date); it does not apply to forecasts, which are
/// whole-year projections;</item>
/// <item>a <c>Y</c> entry is the final consuntivo and wins over every period entry;</item>
/// <item>otherwise ONE granularity is used, the finest present (months, then quarters, four-months, semesters),
/// because coarser entries would repeat what the finer ones already hold;</item>
/// <item>the rule then combines the chosen entries: Sum, Average, Last, or RatioOfSums (Σ num / Σ den × 100).</item>
/// </list>
/// Every entry left out is reported with its reason.
/// </summary>
public static class PeriodAggregator
{
    public static AggregationResult Aggregate(
        IEnumerable<PeriodActual> actuals, Aggregation rule, int year = 0, DateOnly? asOf = null) =>
        Aggregate(actuals, rule, year, new ScoringView(asOf));

    public static AggregationResult Aggregate(
        IEnumerable<PeriodActual> actuals, Aggregation rule, int year, ScoringView view)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        ArgumentNullException.ThrowIfNull(view);
        var ignored = new List<IgnoredActual>();
        var latest = LatestRevisions(actuals, ignored);

        var forecasts = latest.Where(a => a.Period.IsForecast).OrderBy(a => a.Period.Index).ToList();
        var periods = latest.Where(a => !a.Period.IsForecast).ToList();

        if (view.Forecast is { } wanted)
            return FromForecast(forecasts, periods, wanted, rule, ignored, $"scoring as forecast F{wanted}");

        if (view.AsOf is { } asOf)
        {
            var y = year != 0 ? year : asOf.Year;
            foreach (var a in periods.Where(a => a.Period.End(y) > asOf).ToList())
            {
                periods.Remove(a);
                ignored.Add(new(a, $"period ends {a.Period.End(y):yyyy-MM-dd}, after asOf {asOf:yyyy-MM-dd}"));
            }
        }

        foreach (var a in periods.Where(a => !a.HasData).ToList())
        {
            periods.Remove(a);
            ignored.Add(new(a, "no value entered"));
        }

        if (periods.Count == 0 && view.FallbackToLatestForecast && forecasts.Any(f => f.HasData))
        {
            var last = forecasts.Last(f => f.HasData).Period.Index;
            return FromForecast(forecasts, periods, last, rule, ignored, "no actuals: latest forecast used");
        }

        foreach (var f in forecasts)
            ignored.Add(new(f, "forecast: never mixed with actuals"));

        if (periods.Count == 0)
            return new(null, rule, AggregationBasis.None, null, [], ignored, "no actual");

        var annual = periods.FirstOrDefault(a => a.Period.Kind == PeriodKind.Year);
        if (annual is not null)
        {
            foreach (var a in periods.Where(a => a != annual))
                ignored.Add(new(a, "superseded by the annual consuntivo Y"));
            return Single(annual, rule, AggregationBasis.Final, PeriodKind.Year, ignored, "annual consuntivo");
        }

        // PeriodKind is ordered Year < Semester < FourMonth < Quarter < Month: the maximum is the finest.
        var granularity = periods.Max(a => a.Period.Kind);
        var chosen = periods.Where(a => a.Period.Kind == granularity).OrderBy(a => a.Period.Index).ToList();
        foreach (var a in periods.Where(a => a.Period.Kind != granularity))
            ignored.Add(new(a, $"granularity {a.Period.Kind}: {granularity} entries are used, so it would be counted twice"));

        return Combine(chosen, rule, granularity, ignored);
    }

    private static List<PeriodActual> LatestRevisions(IEnumerable<PeriodActual> actuals, List<IgnoredActual> ignored)
    {
        var kept = new List<PeriodActual>();
        foreach (var group in actuals.GroupBy(a => a.Period))
        {
            var ordered = group
                .OrderByDescending(a => a.Revision)
                .ThenByDescending(a => a.RecordedAt ?? DateTime.MinValue)
                .ToList();
            var winner = ordered[0];
            if (!winner.Period.IsValid)
            {
                ignored.AddRange(ordered.Select(a => new IgnoredActual(a, "invalid period")));
                continue;
            }

            kept.Add(winner);
            ignored.AddRange(ordered.Skip(1).Select(a =>
                new IgnoredActual(a, $"superseded by revision {winner.Revision} of {winner.Period.Code}")));
        }

        return kept;
    }

    private static AggregationResult FromForecast(
        List<PeriodActual> forecasts, List<PeriodActual> periods, int index, Aggregation rule,
        List<IgnoredActual> ignored, string why)
    {
        foreach (var a in periods)
            ignored.Add(new(a, $"actual: not mixed with forecasts ({why})"));
        var chosen = forecasts.FirstOrDefault(f => f.Period.Index == index && f.HasData);
        foreach (var f in forecasts.Where(f => f != chosen))
            ignored.Add(new(f, f.Period.Index == index ? "no value entered" : $"other forecast ({why})"));
        if (chosen is null)
            return new(null, rule, AggregationBasis.Forecast, PeriodKind.Forecast, [], ignored, $"no forecast F{index}");
        return Single(chosen, rule, AggregationBasis.Forecast, PeriodKind.Forecast, ignored, $"forecast F{index}, {why}");
    }

    /// <summary>One entry stands for the whole year; a rate still prefers its own numerator/denominator.</summary>
    private static AggregationResult Single(
        PeriodActual entry, Aggregation rule, AggregationBasis basis, PeriodKind granularity,
        List<IgnoredActual> ignored, string label)
    {
        if (rule == Aggregation.RatioOfSums && entry.HasRatio)
        {
            if (entry.Denominator == 0)
                return new(null, rule, basis, granularity, [entry], ignored,
                    $"{label} {entry.Period.Code}: denominator is 0, rate undefined", entry.Numerator, entry.Denominator);
            var rate = entry.Numerator!.Value / entry.Denominator!.Value * 100m;
            return new(rate, rule, basis, granularity, [entry], ignored,
                $"{label} {entry.Period.Code}: numerator / denominator × 100 = {N(entry.Numerator)} / {N(entry.Denominator)} × 100 = {N(rate)}",
                entry.Numerator, entry.Denominator);
        }

        return new(entry.Value, rule, basis, granularity, [entry], ignored,
            $"{label} {entry.Period.Code} = {N(entry.Value)}");
    }

    private static AggregationResult Combine(
        List<PeriodActual> chosen, Aggregation rule, PeriodKind granularity, List<IgnoredActual> ignored)
    {
        switch (rule)
        {
            case Aggregation.Last:
            {
                var last = chosen[^1];
                foreach (var a in chosen.Take(chosen.Count - 1))
                    ignored.Add(new(a, $"rule Last: the latest period {last.Period.Code} is used"));
                return new(last.Value, rule, AggregationBasis.Periods, granularity, [last], ignored,
                    $"last period {last.Period.Code} = {N(last.Value)}");
            }

            case Aggregation.Sum:
            case Aggregation.Average:
            {
                var used = WithValue(chosen, ignored);
                if (used.Count == 0)
                    return new(null, rule, AggregationBasis.Periods, granularity, [], ignored, "no value entered");
                var sum = used.Sum(a => a.Value!.Value);
                var codes = string.Join(" + ", used.Select(a => a.Period.Code));
                var numbers = string.Join(" + ", used.Select(a => N(a.Value)));
                if (rule == Aggregation.Sum)
                    return new(sum, rule, AggregationBasis.Periods, granularity, used, ignored,
                        $"{codes} = {numbers} = {N(sum)}");
                var mean = sum / used.Count;
                return new(mean, rule, AggregationBasis.Periods, granularity, used, ignored,
                    $"({codes}) / {used.Count} = ({numbers}) / {used.Count} = {N(mean)}");
            }

            case Aggregation.RatioOfSums:
                return RatioOfSums(chosen, granularity, ignored);

            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }
    }

    private static AggregationResult RatioOfSums(
        List<PeriodActual> chosen, PeriodKind granularity, List<IgnoredActual> ignored)
    {
        const Aggregation rule = Aggregation.RatioOfSums;
        var withRatio = chosen.Where(a => a.HasRatio).ToList();
        if (withRatio.Count == 0)
        {
            // A lone rate can stand as entered; several rates cannot be combined without their parts.
            if (chosen.Count == 1)
                return Single(chosen[0], rule, AggregationBasis.Periods, granularity, ignored, "single period");
            foreach (var a in chosen)
                ignored.Add(new(a, "a rate without numerator/denominator: percentages are never averaged"));
            return new(null, rule, AggregationBasis.Periods, granularity, [], ignored,
                "no numerator/denominator entered: rates of several periods cannot be combined");
        }

        foreach (var a in chosen.Where(a => !a.HasRatio))
            ignored.Add(new(a, "no numerator/denominator: percentages are never averaged"));

        var num = withRatio.Sum(a => a.Numerator!.Value);
        var den = withRatio.Sum(a => a.Denominator!.Value);
        var nums = string.Join(" + ", withRatio.Select(a => N(a.Numerator)));
        var dens = string.Join(" + ", withRatio.Select(a => N(a.Denominator)));
        if (den == 0)
            return new(null, rule, AggregationBasis.Periods, granularity, withRatio, ignored,
                $"Σ denominator = {dens} = 0: rate undefined", num, den);
        var rate = num / den * 100m;
        return new(rate, rule, AggregationBasis.Periods, granularity, withRatio, ignored,
            $"Σ numerator / Σ denominator × 100 = ({nums}) / ({dens}) × 100 = {N(num)} / {N(den)} × 100 = {N(rate)}",
            num, den);
    }

    private static List<PeriodActual> WithValue(List<PeriodActual> chosen, List<IgnoredActual> ignored)
    {
        foreach (var a in chosen.Where(a => a.Value is null))
            ignored.Add(new(a, "no value entered"));
        return chosen.Where(a => a.Value is not null).ToList();
    }

    /// <summary>
    /// The figure only, exactly as <see cref="Aggregate(IEnumerable{PeriodActual}, Aggregation, int, ScoringView)"/>
    /// computes it (same winners, same order of the sums, same rules), without the explanation: no calculation text,
    /// no used/ignored lists, no LINQ. <see cref="AggregatedFigure.Latest"/> is what <see cref="AggregationResult.Latest"/> would be.
    /// </summary>
    public static AggregatedFigure AggregateFigure(IReadOnlyList<PeriodActual> actuals, Aggregation rule, int year, ScoringView view)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        ArgumentNullException.ThrowIfNull(view);
        var n = actuals.Count;
        if (n == 0)
            return view.Forecast is not null ? new(null, AggregationBasis.Forecast, null) : new(null, AggregationBasis.None, null);

        var kept = ArrayPool<PeriodActual>.Shared.Rent(n);
        try
        {
            // 1. One entry per period, periods in order of first appearance (as GroupBy): the highest revision, then
            //    the latest RecordedAt; on a full tie the earlier entry stays (the stable sort of the explained path).
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var a = actuals[i];
                var j = 0;
                while (j < count && kept[j].Period != a.Period) j++;
                if (j == count) { kept[count++] = a; continue; }
                var w = kept[j];
                if (a.Revision > w.Revision || (a.Revision == w.Revision && (a.RecordedAt ?? DateTime.MinValue) > (w.RecordedAt ?? DateTime.MinValue)))
                    kept[j] = a;
            }

            // Invalid periods are dropped whole; forecasts are looked at apart.
            var live = 0;
            for (var i = 0; i < count; i++)
                if (kept[i].Period.IsValid) kept[live++] = kept[i];
            count = live;

            if (view.Forecast is { } wanted)
                return ForecastFigure(kept, count, wanted, rule);

            DateOnly? asOf = view.AsOf;
            var y = asOf is { } d && year == 0 ? d.Year : year;
            var periods = 0;
            PeriodActual? latestForecast = null; // the forecast with data of the highest index
            PeriodActual? annual = null;
            var granularity = PeriodKind.Year;
            for (var i = 0; i < count; i++)
            {
                var a = kept[i];
                if (a.Period.IsForecast)
                {
                    if (a.HasData && (latestForecast is null || a.Period.Index > latestForecast.Period.Index)) latestForecast = a;
                    continue;
                }
                if (asOf is { } cut && a.Period.End(y) > cut) continue;
                if (!a.HasData) continue;
                kept[periods++] = a; // compacts in place: periods <= i
                if (a.Period.Kind == PeriodKind.Year) annual ??= a;
                if (a.Period.Kind > granularity) granularity = a.Period.Kind;
            }

            if (periods == 0)
            {
                if (view.FallbackToLatestForecast && latestForecast is not null)
                    return SingleFigure(latestForecast, rule, AggregationBasis.Forecast);
                return new(null, AggregationBasis.None, null);
            }

            if (annual is not null) return SingleFigure(annual, rule, AggregationBasis.Final);

            // The finest granularity present, its entries in period order (indexes are unique within a kind).
            var maxIndex = Period.CountPerYear(granularity);
            var slots = ArrayPool<PeriodActual?>.Shared.Rent(maxIndex + 1);
            try
            {
                Array.Clear(slots, 0, maxIndex + 1);
                var chosen = 0;
                for (var i = 0; i < periods; i++)
                    if (kept[i].Period.Kind == granularity) { slots[kept[i].Period.Index] = kept[i]; chosen++; }
                return CombineFigure(slots, maxIndex, chosen, rule);
            }
            finally
            {
                Array.Clear(slots, 0, maxIndex + 1);
                ArrayPool<PeriodActual?>.Shared.Return(slots);
            }
        }
        finally
        {
            Array.Clear(kept, 0, n);
            ArrayPool<PeriodActual>.Shared.Return(kept);
        }
    }

    /// <summary>The forecast Fn among the kept entries, when it has data.</summary>
    private static AggregatedFigure ForecastFigure(PeriodActual[] kept, int count, int index, Aggregation rule)
    {
        for (var i = 0; i < count; i++)
        {
            var f = kept[i];
            if (f.Period.IsForecast && f.Period.Index == index && f.HasData) return SingleFigure(f, rule, AggregationBasis.Forecast);
        }
        return new(null, AggregationBasis.Forecast, null);
    }

    private static AggregatedFigure SingleFigure(PeriodActual entry, Aggregation rule, AggregationBasis basis)
    {
        if (rule == Aggregation.RatioOfSums && entry.HasRatio)
        {
            if (entry.Denominator == 0) return new(null, basis, entry);
            return new(entry.Numerator!.Value / entry.Denominator!.Value * 100m, basis, entry);
        }
        return new(entry.Value, basis, entry);
    }

    private static AggregatedFigure CombineFigure(PeriodActual?[] slots, int maxIndex, int chosen, Aggregation rule)
    {
        switch (rule)
        {
            case Aggregation.Last:
            {
                for (var k = maxIndex; k >= 1; k--)
                    if (slots[k] is { } last) return new(last.Value, AggregationBasis.Periods, last);
                throw new InvalidOperationException("no period chosen");
            }

            case Aggregation.Sum:
            case Aggregation.Average:
            {
                var sum = 0m;
                var used = 0;
                PeriodActual? latest = null;
                for (var k = 1; k <= maxIndex; k++)
                {
                    if (slots[k] is not { Value: { } v } a) continue;
                    sum += v;
                    used++;
                    latest = a;
                }
                if (used == 0) return new(null, AggregationBasis.Periods, null);
                return new(rule == Aggregation.Sum ? sum : sum / used, AggregationBasis.Periods, latest);
            }

            case Aggregation.RatioOfSums:
            {
                decimal num = 0m, den = 0m;
                var withRatio = 0;
                PeriodActual? latest = null, only = null;
                for (var k = 1; k <= maxIndex; k++)
                {
                    if (slots[k] is not { } a) continue;
                    only = a;
                    if (!a.HasRatio) continue;
                    num += a.Numerator!.Value;
                    den += a.Denominator!.Value;
                    withRatio++;
                    latest = a;
                }
                if (withRatio == 0)
                    return chosen == 1 ? SingleFigure(only!, Aggregation.RatioOfSums, AggregationBasis.Periods) : new(null, AggregationBasis.Periods, null);
                if (den == 0) return new(null, AggregationBasis.Periods, latest);
                return new(num / den * 100m, AggregationBasis.Periods, latest);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }
    }

    private static string N(decimal? v) => NumberText.Format(v);
}

/// <summary>
/// The year's figure without its explanation (<see cref="PeriodAggregator.AggregateFigure"/>): the value, what it rests
/// on, and the entry of the latest period used (what milestones read).
/// </summary>
public readonly record struct AggregatedFigure(decimal? Value, AggregationBasis Basis, PeriodActual? Latest);
