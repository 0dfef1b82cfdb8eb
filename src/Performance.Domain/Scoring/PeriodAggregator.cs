using System.Buffers;
using Performance.Domain.Language;
using Performance.Domain.Periods;

namespace Performance.Domain.Scoring;

/// <summary>
/// Turns an indicator's entries for one year into the year's figure, without double counting (docs/numbers.md):
/// <list type="number">
/// <item>one entry per period: the highest revision (then the latest RecordedAt) wins (<see cref="Revisions"/>);</item>
/// <item>forecasts F1–F4 are never mixed with actuals (see <see cref="ScoringView"/>);</item>
/// <item>asOf keeps only periods ending on or before it (year-to-date); it does not apply to forecasts, which are
/// whole-year projections;</item>
/// <item>a <c>Y</c> entry is the final consuntivo and wins over every period entry;</item>
/// <item>otherwise, never both: the entries of the indicator's declared frequency come first, then the others from the
/// longest period to the shortest, and an entry sharing a month with one already taken is left out. So a declared
/// period uses its own entry when present, else the finer entries inside it;</item>
/// <item>the rule then combines the entries taken: Sum, Average (over the declared periods), Last, or RatioOfSums
/// (Σ num / Σ den × 100, defined whenever Σ den ≠ 0, whatever a single period's denominator).</item>
/// </list>
/// The figure is kept as one quotient (e.g. Σ num × 100 / Σ den) so its division happens last. Every entry left out is
/// reported with its reason. One implementation serves both paths: the trace (explanation) is filled only when asked.
/// </summary>
public static class PeriodAggregator
{
    public static AggregationResult Aggregate(
        IEnumerable<PeriodActual> actuals, Aggregation rule, int year = 0, DateOnly? asOf = null) =>
        Aggregate(actuals, rule, year, new ScoringView(asOf));

    public static AggregationResult Aggregate(
        IEnumerable<PeriodActual> actuals, Aggregation rule, int year, ScoringView view, PeriodKind frequency = PeriodKind.Year)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        var trace = new AggregationTrace();
        var figure = Run(actuals as IReadOnlyList<PeriodActual> ?? actuals.ToList(), rule, year, view, frequency, trace);
        return trace.ToResult(figure, rule);
    }

    /// <summary>
    /// The figure only, exactly as <see cref="Aggregate(IEnumerable{PeriodActual}, Aggregation, int, ScoringView, PeriodKind)"/>
    /// computes it, without building any explanation. <see cref="AggregatedFigure.Latest"/> is what
    /// <see cref="AggregationResult.Latest"/> would be.
    /// </summary>
    public static AggregatedFigure AggregateFigure(
        IReadOnlyList<PeriodActual> actuals, Aggregation rule, int year, ScoringView view, PeriodKind frequency = PeriodKind.Year) =>
        Run(actuals, rule, year, view, frequency, null);

    internal static AggregatedFigure Run(
        IReadOnlyList<PeriodActual> actuals, Aggregation rule, int year, ScoringView view, PeriodKind frequency, AggregationTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        ArgumentNullException.ThrowIfNull(view);
        if (frequency is PeriodKind.Forecast || !Enum.IsDefined(frequency))
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A declared frequency is Y, S, T, Q or M.");
        if (!Enum.IsDefined(rule)) throw new ArgumentOutOfRangeException(nameof(rule), rule, null);

        var n = actuals.Count;
        // [0, n): the latest revision of each period; [n, 2n): the entries that can make the figure.
        var buffer = ArrayPool<PeriodActual>.Shared.Rent(Math.Max(1, 2 * n));
        try
        {
            var count = Revisions.LatestPerPeriod(actuals, buffer.AsSpan(0, n));
            trace?.Superseded(actuals, buffer.AsSpan(0, count));
            if (view.Forecast.HasValue)
                return FromForecast(buffer.AsSpan(0, count), view.Forecast.Value, rule,
                    Say.It($"valutazione sulla previsione F{view.Forecast.Value}", $"scoring as forecast F{view.Forecast.Value}"), trace);

            var y = year != 0 ? year : view.AsOf?.Year ?? 0;
            var usable = 0;
            PeriodActual? annual = null, latestForecast = null;
            for (var i = 0; i < count; i++)
            {
                var a = buffer[i];
                if (!a.Period.IsValid) continue;
                if (a.Period.IsForecast)
                {
                    if (a.HasData && (latestForecast is null || a.Period.Index > latestForecast.Period.Index)) latestForecast = a;
                    continue;
                }
                if (view.AsOf.HasValue && a.Period.End(y) > view.AsOf.Value)
                {
                    trace?.Ignore(a, Say.It($"il periodo termina il {a.Period.End(y):yyyy-MM-dd}, dopo asOf {view.AsOf.Value:yyyy-MM-dd}",
                        $"period ends {a.Period.End(y):yyyy-MM-dd}, after asOf {view.AsOf.Value:yyyy-MM-dd}"));
                    continue;
                }
                if (!a.HasData)
                {
                    trace?.Ignore(a, Say.It("nessun valore inserito", "no value entered"));
                    continue;
                }
                buffer[n + usable++] = a;
                if (a.Period.Kind == PeriodKind.Year) annual ??= a;
            }

            if (usable == 0 && view.FallbackToLatestForecast && latestForecast is not null)
                return FromForecast(buffer.AsSpan(0, count), latestForecast.Period.Index, rule,
                    Say.It("nessun consuntivo: usata l'ultima previsione", "no actuals: latest forecast used"), trace);
            trace?.IgnoreForecasts(buffer.AsSpan(0, count));
            if (usable == 0)
            {
                trace?.Describe(null, Say.It("nessun consuntivo", "no actual"));
                return new(null, AggregationBasis.None, null);
            }

            var entries = buffer.AsSpan(n, usable);
            if (annual is not null)
            {
                foreach (var a in entries)
                    if (!ReferenceEquals(a, annual)) trace?.Ignore(a, Say.It("sostituito dal consuntivo annuale Y", "superseded by the annual consuntivo Y"));
                return Single(annual, rule, AggregationBasis.Final, Say.It("consuntivo annuale", "annual consuntivo"), trace);
            }
            return Combine(entries, rule, frequency, trace);
        }
        finally
        {
            Array.Clear(buffer, 0, Math.Max(1, 2 * n));
            ArrayPool<PeriodActual>.Shared.Return(buffer);
        }
    }

    private static AggregatedFigure FromForecast(
        ReadOnlySpan<PeriodActual> latest, int index, Aggregation rule, string why, AggregationTrace? trace)
    {
        PeriodActual? chosen = null;
        foreach (var a in latest)
            if (a.Period.IsValid && a.Period.IsForecast && a.Period.Index == index && a.HasData) chosen = a;
        if (trace is not null)
        {
            foreach (var a in latest)
            {
                if (!a.Period.IsValid || ReferenceEquals(a, chosen)) continue;
                trace.Ignore(a, !a.Period.IsForecast ? Say.It($"consuntivo: non combinato con le previsioni ({why})", $"actual: not mixed with forecasts ({why})")
                    : a.Period.Index == index ? Say.It("nessun valore inserito", "no value entered") : Say.It($"altra previsione ({why})", $"other forecast ({why})"));
            }
        }
        if (chosen is null)
        {
            trace?.Describe(PeriodKind.Forecast, Say.It($"nessuna previsione F{index}", $"no forecast F{index}"));
            return new(null, AggregationBasis.Forecast, null);
        }
        return Single(chosen, rule, AggregationBasis.Forecast, Say.It($"previsione F{index}, {why}", $"forecast F{index}, {why}"), trace);
    }

    /// <summary>One entry stands for the whole year; a rate still prefers its own numerator/denominator.</summary>
    private static AggregatedFigure Single(
        PeriodActual entry, Aggregation rule, AggregationBasis basis, string label, AggregationTrace? trace)
    {
        trace?.Use(entry);
        var kind = entry.Period.Kind;
        if (rule == Aggregation.RatioOfSums && entry.HasRatio)
        {
            var (num, den) = (entry.Numerator!.Value, entry.Denominator!.Value);
            trace?.Parts(num, den);
            if (den == 0)
            {
                trace?.Describe(kind, Say.It($"{label} {entry.Period.Code}: denominatore pari a 0, tasso non definito", $"{label} {entry.Period.Code}: denominator is 0, rate undefined"));
                return new(null, basis, entry);
            }
            var rate = Rate(num, den);
            if (!rate.HasValue)
            {
                trace?.Describe(kind, Say.It($"{label} {entry.Period.Code}: {N(num)} / {N(den)} × 100 è fuori dall'intervallo dei decimali: non calcolabile",
                    $"{label} {entry.Period.Code}: {N(num)} / {N(den)} × 100 is beyond the decimal range: not computable"));
                return new(null, basis, entry);
            }
            trace?.Describe(kind, Say.It($"{label} {entry.Period.Code}: numeratore / denominatore × 100 = {N(num)} / {N(den)} × 100 = {N(rate.Value.Value)}",
                $"{label} {entry.Period.Code}: numerator / denominator × 100 = {N(num)} / {N(den)} × 100 = {N(rate.Value.Value)}"));
            return new(rate.Value, basis, entry);
        }
        trace?.Describe(kind, $"{label} {entry.Period.Code} = {N(entry.Value)}");
        return new(entry.Value, basis, entry);
    }

    /// <summary>
    /// Never both: the declared frequency's entries first, then the other kinds from the longest period to the
    /// shortest; an entry sharing a month with one taken is left out. The entries taken are combined in month order.
    /// </summary>
    private static AggregatedFigure Combine(ReadOnlySpan<PeriodActual> entries, Aggregation rule, PeriodKind frequency, AggregationTrace? trace)
    {
        var slots = ArrayPool<PeriodActual?>.Shared.Rent(13); // by first month
        try
        {
            Array.Clear(slots, 0, 13);
            var covered = 0;
            Take(entries, frequency, slots, ref covered, trace);
            foreach (var kind in ByLength)
                if (kind != frequency) Take(entries, kind, slots, ref covered, trace);
            return rule switch
            {
                Aggregation.Last => Last(slots, trace),
                Aggregation.Sum => Sum(slots, trace),
                Aggregation.Average => Average(slots, frequency, trace),
                _ => RatioOfSums(slots, trace),
            };
        }
        finally
        {
            Array.Clear(slots, 0, 13);
            ArrayPool<PeriodActual?>.Shared.Return(slots);
        }
    }

    private static readonly PeriodKind[] ByLength = [PeriodKind.Semester, PeriodKind.FourMonth, PeriodKind.Quarter, PeriodKind.Month];

    private static void Take(ReadOnlySpan<PeriodActual> entries, PeriodKind kind, PeriodActual?[] slots, ref int covered, AggregationTrace? trace)
    {
        foreach (var a in entries)
        {
            if (a.Period.Kind != kind) continue;
            var mask = MonthMask(a.Period);
            if ((covered & mask) != 0)
            {
                trace?.Ignore(a, Say.It($"mesi già contati in {Overlapping(slots, mask)}: mai entrambi", $"months already counted in {Overlapping(slots, mask)}: never both"));
                continue;
            }
            covered |= mask;
            slots[FirstMonth(a.Period)] = a;
        }
    }

    private static string Overlapping(PeriodActual?[] slots, int mask)
    {
        var codes = new List<string>();
        for (var m = 1; m <= 12; m++)
        {
            var s = slots[m];
            if (s is not null && (MonthMask(s.Period) & mask) != 0) codes.Add(s.Period.Code);
        }
        return string.Join(", ", codes);
    }

    private static int FirstMonth(Period p) => (p.Index - 1) * Period.MonthsPerPeriod(p.Kind) + 1;

    /// <summary>Bit m−1 set for every month m the period spans.</summary>
    private static int MonthMask(Period p) => ((1 << Period.MonthsPerPeriod(p.Kind)) - 1) << (FirstMonth(p) - 1);

    private static AggregatedFigure Last(PeriodActual?[] slots, AggregationTrace? trace)
    {
        PeriodActual? last = null;
        for (var m = 12; m >= 1 && last is null; m--) last = slots[m];
        if (trace is not null)
        {
            for (var m = 1; m <= 12; m++)
            {
                var a = slots[m];
                if (a is not null && !ReferenceEquals(a, last)) trace.Ignore(a, Say.It($"regola Last: si usa l'ultimo periodo, {last!.Period.Code}", $"rule Last: the latest period {last!.Period.Code} is used"));
            }
            trace.Use(last!);
            trace.Describe(last!.Period.Kind, Say.It($"ultimo periodo {last.Period.Code} = {N(last.Value)}", $"last period {last.Period.Code} = {N(last.Value)}"));
        }
        return new(last!.Value, AggregationBasis.Periods, last);
    }

    private static AggregatedFigure Sum(PeriodActual?[] slots, AggregationTrace? trace)
    {
        var sum = 0m;
        PeriodActual? latest = null;
        for (var m = 1; m <= 12; m++)
        {
            if (!Valued(slots[m], trace, out var a, out var v)) continue;
            sum += v;
            latest = a;
        }
        if (latest is null)
        {
            trace?.Describe(null, Say.It("nessun valore inserito", "no value entered"));
            return new(null, AggregationBasis.Periods, null);
        }
        trace?.Describe(trace.UsedKind, $"{trace.Codes(" + ")} = {trace.Values(" + ")} = {N(sum)}");
        return new(sum, AggregationBasis.Periods, latest);
    }

    /// <summary>An entry taken with a value (reported as used); one without a value is reported as ignored.</summary>
    private static bool Valued(PeriodActual? slot, AggregationTrace? trace, out PeriodActual entry, out decimal value)
    {
        (entry, value) = (slot!, 0m);
        if (slot is null) return false;
        if (!slot.Value.HasValue)
        {
            trace?.Ignore(slot, Say.It("nessun valore inserito", "no value entered"));
            return false;
        }
        trace?.Use(slot);
        value = slot.Value.Value;
        return true;
    }

    /// <summary>
    /// The mean over the declared periods: a declared period counts once, with its own entry or the mean of the finer
    /// entries inside it; an entry not inside one declared period (coarser, or across two) counts for the declared
    /// periods it spans (its months ÷ the declared period's months). Kept as one quotient:
    /// N = Σ sum_g·(L/c_g)·s + Σ v_o·months_o·L, D = (G·s + Σ months_o)·L with L = lcm of the group sizes c_g and
    /// s = the declared period's months when some entry counts by months (else 1).
    /// </summary>
    private static AggregatedFigure Average(PeriodActual?[] slots, PeriodKind frequency, AggregationTrace? trace)
    {
        var size = Period.MonthsPerPeriod(frequency);
        Span<decimal> sums = stackalloc decimal[12];
        Span<int> counts = stackalloc int[12];
        sums.Clear();
        counts.Clear();
        decimal otherSum = 0m;
        int otherMonths = 0, groups = 0, lcm = 1;
        PeriodActual? latest = null;
        for (var m = 1; m <= 12; m++)
        {
            if (!Valued(slots[m], trace, out var a, out var v)) continue;
            latest = a;
            var months = Period.MonthsPerPeriod(a.Period.Kind);
            var declared = (m - 1) / size;
            if (months <= size && declared == (m + months - 2) / size)
            {
                if (counts[declared]++ == 0) groups++;
                sums[declared] += v;
                continue;
            }
            otherSum += v * months;
            otherMonths += months;
        }
        if (latest is null)
        {
            trace?.Describe(null, Say.It("nessun valore inserito", "no value entered"));
            return new(null, AggregationBasis.Periods, null);
        }

        foreach (var c in counts)
            if (c > 0) lcm = Lcm(lcm, c);
        var scale = otherMonths == 0 ? 1 : size;
        var numerator = otherSum * lcm;
        for (var g = 0; g < 12; g++)
            if (counts[g] > 0) numerator += sums[g] * (lcm / counts[g]) * scale;
        var mean = Quotient.Over(numerator, (groups * scale + otherMonths) * (decimal)lcm);
        trace?.Describe(trace.UsedKind, AverageText(slots, frequency, mean, trace));
        return new(mean, AggregationBasis.Periods, latest);
    }

    private static int Lcm(int a, int b)
    {
        var (x, y) = (a, b);
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }

    /// <summary>"(Q1 + Q2) / 2 = (10 + 20) / 2 = 15", or per declared period when finer or coarser entries are mixed in.</summary>
    private static string AverageText(PeriodActual?[] slots, PeriodKind frequency, Quotient mean, AggregationTrace trace)
    {
        var size = Period.MonthsPerPeriod(frequency);
        var used = trace.UsedEntries;
        var oneGroup = used.All(a => Period.MonthsPerPeriod(a.Period.Kind) <= size && (FirstMonth(a.Period) - 1) / size == (FirstMonth(used[0].Period) - 1) / size);
        var plain = oneGroup || used.All(a => a.Period.Kind == frequency);
        if (plain)
            return $"({trace.Codes(" + ")}) / {used.Count} = ({trace.Values(" + ")}) / {used.Count} = {N(mean.Value)}";

        // Mixed: each declared period's figure first, then the weighted mean of the terms.
        var parts = new List<string>();
        var terms = new List<(string Label, string Value, decimal Weight)>();
        for (var g = 0; g < 12 / size; g++)
        {
            var inside = used.Where(a => Period.MonthsPerPeriod(a.Period.Kind) <= size
                                         && (FirstMonth(a.Period) - 1) / size == g
                                         && (FirstMonth(a.Period) + Period.MonthsPerPeriod(a.Period.Kind) - 2) / size == g).ToList();
            if (inside.Count == 0) continue;
            if (inside.Count == 1) { terms.Add((inside[0].Period.Code, N(inside[0].Value), 1m)); continue; }
            var code = new Period(frequency, g + 1).Code;
            var v = inside.Sum(a => a.Value!.Value) / inside.Count;
            parts.Add($"{code} = ({string.Join(" + ", inside.Select(a => a.Period.Code))}) / {inside.Count} = ({string.Join(" + ", inside.Select(a => N(a.Value)))}) / {inside.Count} = {N(v)}");
            terms.Add((code, N(v), 1m));
        }
        foreach (var a in used.Where(a => !(Period.MonthsPerPeriod(a.Period.Kind) <= size
                                            && (FirstMonth(a.Period) - 1) / size == (FirstMonth(a.Period) + Period.MonthsPerPeriod(a.Period.Kind) - 2) / size)))
            terms.Add((a.Period.Code, N(a.Value), (decimal)Period.MonthsPerPeriod(a.Period.Kind) / size));
        var weights = terms.Sum(t => t.Weight);
        string Term(string label, decimal w) => w == 1m ? label : $"{N(w)} × {label}";
        parts.Add(Say.It($"media sui periodi {frequency}: ", $"mean over the {frequency} periods: ") + $"({string.Join(" + ", terms.Select(t => Term(t.Label, t.Weight)))}) / {N(weights)} = " +
                  $"({string.Join(" + ", terms.Select(t => Term(t.Value, t.Weight)))}) / {N(weights)} = {N(mean.Value)}");
        return string.Join("; ", parts);
    }

    private static AggregatedFigure RatioOfSums(PeriodActual?[] slots, AggregationTrace? trace)
    {
        decimal num = 0m, den = 0m;
        int withRatio = 0, taken = 0;
        PeriodActual? latest = null, only = null;
        for (var m = 1; m <= 12; m++)
        {
            var a = slots[m];
            if (a is null) continue;
            taken++;
            only = a;
            if (!a.HasRatio) continue;
            num += a.Numerator!.Value;
            den += a.Denominator!.Value;
            withRatio++;
            latest = a;
        }
        if (withRatio == 0)
        {
            // A lone rate can stand as entered; several rates cannot be combined without their parts.
            if (taken == 1) return Single(only!, Aggregation.RatioOfSums, AggregationBasis.Periods, Say.It("periodo unico", "single period"), trace);
            if (trace is not null)
            {
                for (var m = 1; m <= 12; m++)
                {
                    var a = slots[m];
                    if (a is not null) trace.Ignore(a, Say.It("un tasso senza numeratore/denominatore: le percentuali non si mediano mai", "a rate without numerator/denominator: percentages are never averaged"));
                }
                trace.Describe(null, Say.It("nessun numeratore/denominatore inserito: i tassi di più periodi non si possono combinare",
                    "no numerator/denominator entered: rates of several periods cannot be combined"));
            }
            return new(null, AggregationBasis.Periods, null);
        }

        if (trace is not null)
        {
            for (var m = 1; m <= 12; m++)
            {
                var a = slots[m];
                if (a is null) continue;
                if (a.HasRatio) trace.Use(a);
                else trace.Ignore(a, Say.It("nessun numeratore/denominatore: le percentuali non si mediano mai", "no numerator/denominator: percentages are never averaged"));
            }
            trace.Parts(num, den);
        }
        var nums = trace?.Join(a => a.Numerator);
        var dens = trace?.Join(a => a.Denominator);
        if (den == 0)
        {
            trace?.Describe(trace.UsedKind, Say.It($"Σ denominatori = {dens} = 0: tasso non definito", $"Σ denominator = {dens} = 0: rate undefined"));
            return new(null, AggregationBasis.Periods, latest);
        }
        var rate = Rate(num, den);
        if (!rate.HasValue)
        {
            trace?.Describe(trace.UsedKind, Say.It($"Σ numeratori / Σ denominatori × 100 = {N(num)} / {N(den)} × 100 è fuori dall'intervallo dei decimali: non calcolabile",
                $"Σ numerator / Σ denominator × 100 = {N(num)} / {N(den)} × 100 is beyond the decimal range: not computable"));
            return new(null, AggregationBasis.Periods, latest);
        }
        trace?.Describe(trace.UsedKind,
            Say.It($"Σ numeratori / Σ denominatori × 100 = ({nums}) / ({dens}) × 100 = {N(num)} / {N(den)} × 100 = {N(rate.Value.Value)}",
                $"Σ numerator / Σ denominator × 100 = ({nums}) / ({dens}) × 100 = {N(num)} / {N(den)} × 100 = {N(rate.Value.Value)}"));
        return new(rate.Value, AggregationBasis.Periods, latest);
    }

    /// <summary>num × 100 / den (den ≠ 0) as one quotient; null when the rate is beyond the decimal range (absurd parts).</summary>
    private static Quotient? Rate(decimal num, decimal den)
    {
        try
        {
            return Quotient.Over(num * 100m, den).Checked();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string N(decimal? v) => NumberText.Format(v);
}

/// <summary>
/// The year's figure without its explanation (<see cref="PeriodAggregator.AggregateFigure"/>): the value, what it rests
/// on, and the entry of the latest period used (what milestones read).
/// </summary>
public readonly record struct AggregatedFigure(decimal? Value, AggregationBasis Basis, PeriodActual? Latest)
{
    internal AggregatedFigure(Quotient exact, AggregationBasis basis, PeriodActual? latest) : this(exact.Value, basis, latest) =>
        Exact = exact;

    /// <summary>The figure as numerator ÷ denominator, its division not yet done (null when missing).</summary>
    internal Quotient? Exact { get; init; } = null;

    /// <summary>The exact figure when known, else the value as a quotient over 1.</summary>
    internal Quotient? Quotient => Exact ?? (Value.HasValue ? Scoring.Quotient.Of(Value.Value) : null);
}
