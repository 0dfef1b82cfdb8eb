using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Oracle;

/// <summary>What the oracle says an indicator shows. Null figures are missing (grey).</summary>
internal sealed record OracleIndicator(
    Rational? Actual, Rational? Achievement, Rational? Score, bool? Met, ScoreStatus Status,
    Rational? Relative, Rational? Points, Rational? Ratio, Rational? Difference, bool HasDeviation,
    bool JustificationRequired, bool Applicable);

internal sealed record OracleNode(string Code, Rational? Score, ScoreStatus Status, bool Applicable,
    IReadOnlyList<OracleIndicator?> Indicators, IReadOnlyList<OracleNode> Children);

/// <summary>
/// The scoring rules of docs/scoring.md, docs/targets.md and docs/numbers.md, written again from the text, over exact rationals, as plainly as
/// possible and without calling any engine code (only the domain's input records are read). Every division is exact.
/// </summary>
internal static class OracleScorer
{
    // ---------------- periods ----------------

    /// <summary>First and last month of a period (forecasts and the year span the whole year).</summary>
    public static (int First, int Last) Months(Period p)
    {
        var length = Length(p.Kind);
        if (p.Kind is PeriodKind.Year or PeriodKind.Forecast) return (1, 12);
        var first = (p.Index - 1) * length + 1;
        return (first, first + length - 1);
    }

    public static int Length(PeriodKind kind) => kind switch
    {
        PeriodKind.Year or PeriodKind.Forecast => 12,
        PeriodKind.Semester => 6,
        PeriodKind.FourMonth => 4,
        PeriodKind.Quarter => 3,
        _ => 1,
    };

    private static int Count(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => 1,
        PeriodKind.Semester => 2,
        PeriodKind.FourMonth => 3,
        PeriodKind.Quarter => 4,
        PeriodKind.Month => 12,
        _ => 4,
    };

    private static bool Valid(Period p) => p.Index >= 1 && p.Index <= Count(p.Kind) && Enum.IsDefined(p.Kind);

    private static DateOnly EndOf(Period p, int year)
    {
        var last = Months(p).Last;
        return new DateOnly(year, last, DateTime.DaysInMonth(year, last));
    }

    private static bool HasData(PeriodActual a) =>
        a.Value is not null || (a.Numerator is not null && a.Denominator is not null) || a.Done is not null || a.Completion is not null;

    private static bool HasRatio(PeriodActual a) => a.Numerator is not null && a.Denominator is not null;

    // ---------------- the year's figure ----------------

    /// <summary>The year's figure and the entry milestones read (the latest used).</summary>
    public sealed record Figure(Rational? Value, PeriodActual? Latest);

    public static Figure Aggregate(IReadOnlyList<PeriodActual> entries, Aggregation rule, int year, ScoringView view, PeriodKind frequency)
    {
        // 1. Latest revision of each period: highest revision, then latest recorded; on a full tie the first entered.
        var latest = new List<PeriodActual>();
        foreach (var e in entries)
        {
            var i = latest.FindIndex(w => w.Period == e.Period);
            if (i < 0) { latest.Add(e); continue; }
            var w = latest[i];
            var newer = e.Revision > w.Revision ||
                        (e.Revision == w.Revision && (e.RecordedAt ?? DateTime.MinValue) > (w.RecordedAt ?? DateTime.MinValue));
            if (newer) latest[i] = e;
        }
        latest.RemoveAll(a => !Valid(a.Period));

        var forecasts = latest.Where(a => a.Period.Kind == PeriodKind.Forecast).ToList();
        if (view.Forecast is { } n)
        {
            var f = forecasts.FirstOrDefault(a => a.Period.Index == n && HasData(a));
            return f is null ? new(null, null) : Single(f, rule);
        }

        // 2. Actuals known by asOf (periods that end on or before it) and carrying data.
        var y = year != 0 ? year : view.AsOf?.Year ?? 0;
        var actuals = latest.Where(a => a.Period.Kind != PeriodKind.Forecast)
            .Where(a => view.AsOf is not { } asOf || EndOf(a.Period, y) <= asOf)
            .Where(HasData)
            .ToList();
        if (actuals.Count == 0)
        {
            var fallback = forecasts.Where(HasData).OrderBy(a => a.Period.Index).LastOrDefault();
            return view.FallbackToLatestForecast && fallback is not null ? Single(fallback, rule) : new(null, null);
        }

        // 3. The final consuntivo overrides everything.
        if (actuals.FirstOrDefault(a => a.Period.Kind == PeriodKind.Year) is { } final) return Single(final, rule);

        // 4. Never both: the declared frequency's entries first, then the others from the longest period to the
        //    shortest; an entry sharing a month with one already taken is left out.
        var taken = new List<PeriodActual>();
        var covered = new bool[13];
        foreach (var a in actuals.OrderBy(a => a.Period.Kind == frequency ? 0 : 1).ThenByDescending(a => Length(a.Period.Kind)))
        {
            var (first, last) = Months(a.Period);
            var free = true;
            for (var m = first; m <= last; m++) free &= !covered[m];
            if (!free) continue;
            for (var m = first; m <= last; m++) covered[m] = true;
            taken.Add(a);
        }
        taken = taken.OrderBy(a => Months(a.Period).First).ToList();

        switch (rule)
        {
            case Aggregation.Last:
                return new(taken[^1].Value is { } v ? Rational.From(v) : null, taken[^1]);
            case Aggregation.Sum:
            {
                var withValue = taken.Where(a => a.Value is not null).ToList();
                if (withValue.Count == 0) return new(null, null);
                var sum = Rational.Zero;
                foreach (var a in withValue) sum += Rational.From(a.Value!.Value);
                return new(sum, withValue[^1]);
            }
            case Aggregation.Average:
                return Average(taken.Where(a => a.Value is not null).ToList(), frequency);
            default:
            {
                var parts = taken.Where(HasRatio).ToList();
                if (parts.Count == 0) return taken.Count == 1 ? Single(taken[0], rule) : new(null, null);
                Rational num = Rational.Zero, den = Rational.Zero;
                foreach (var a in parts)
                {
                    num += Rational.From(a.Numerator!.Value);
                    den += Rational.From(a.Denominator!.Value);
                }
                return new(den.IsZero ? null : num / den * Rational.Hundred, parts[^1]);
            }
        }
    }

    /// <summary>
    /// The mean over the periods of the declared frequency: a declared period's figure is its own entry or the mean of
    /// the finer entries inside it; an entry not inside one declared period (coarser, or across two) counts for the
    /// declared periods it spans (its months ÷ the declared period's months).
    /// </summary>
    private static Figure Average(List<PeriodActual> used, PeriodKind frequency)
    {
        if (used.Count == 0) return new(null, null);
        var size = Length(frequency);
        var groups = new Dictionary<int, List<Rational>>();
        Rational total = Rational.Zero, weights = Rational.Zero;
        foreach (var a in used)
        {
            var (first, last) = Months(a.Period);
            var declared = (first - 1) / size;
            var inside = declared == (last - 1) / size && Length(a.Period.Kind) <= size;
            if (inside)
            {
                if (!groups.TryGetValue(declared, out var list)) groups[declared] = list = [];
                list.Add(Rational.From(a.Value!.Value));
                continue;
            }
            var w = new Rational(Length(a.Period.Kind), size);
            total += w * Rational.From(a.Value!.Value);
            weights += w;
        }
        foreach (var list in groups.Values)
        {
            var sum = Rational.Zero;
            foreach (var v in list) sum += v;
            total += sum / list.Count;
            weights += 1;
        }
        return new(total / weights, used[^1]);
    }

    private static Figure Single(PeriodActual a, Aggregation rule)
    {
        if (rule == Aggregation.RatioOfSums && HasRatio(a))
        {
            var den = Rational.From(a.Denominator!.Value);
            return new(den.IsZero ? null : Rational.From(a.Numerator!.Value) / den * Rational.Hundred, a);
        }
        return new(a.Value is { } v ? Rational.From(v) : null, a);
    }

    // ---------------- one indicator ----------------

    public static bool IsMilestone(ParsedTarget t) =>
        t.Kind is TargetKind.Milestone or TargetKind.Deadline || t.Operator == TargetOperator.Done;

    /// <summary>A target one can compare with: a milestone, a numeric value, or a range with a bound.</summary>
    public static bool HasTarget(ParsedTarget t) =>
        IsMilestone(t) || (t.Operator == TargetOperator.Between ? t.Lower is not null || t.Upper is not null : t.Value is not null);

    public static OracleIndicator Indicator(IndicatorInput input, ScoringPolicy policy, ScoringView view, PeriodKind frequency)
    {
        var target = input.Target;
        var cap = input.CapOverride ?? policy.Cap;
        var formula = input.FormulaOverride ?? policy.LowerIsBetter;
        var milestone = IsMilestone(target);
        var figure = Aggregate(input.Actuals, milestone ? Aggregation.Last : input.Aggregation, input.Year, view, frequency);
        var applicable = HasTarget(target);

        if (milestone)
        {
            if (figure.Latest is not { } e) return Missing(null, applicable);
            Rational achievement;
            bool met;
            var completion = e.Completion ?? e.Value;
            if (e.Done == true)
            {
                var late = target.DueDate is { } due && e.CompletedOn is { } on && on > due;
                (achievement, met) = late ? (Rational.Zero, false) : (Rational.Hundred, true);
            }
            else if (completion is { } pct) (achievement, met) = (Rational.From(pct), pct >= 100m);
            else if (e.Done == false) (achievement, met) = (Rational.Zero, false);
            else return Missing(null, applicable);
            var score = ApplyPolicy(achievement, policy, cap);
            return new(achievement, achievement, score, met, Light(met, achievement, policy), null, null, null, null, false,
                policy.JustificationRequiredWhenMissed && !met, applicable);
        }

        if (!applicable) return Missing(figure.Value, false);
        if (figure.Value is not { } a) return Missing(null, true);

        var value = target.Operator switch
        {
            TargetOperator.AtLeast or TargetOperator.MoreThan => AtLeast(a, R(target.Value)),
            TargetOperator.AtMost or TargetOperator.LessThan => AtMost(a, R(target.Value), formula, cap),
            TargetOperator.Equal => Exactly(a, R(target.Value)),
            _ => Range(a, target.Lower, target.Upper, formula, cap),
        };
        var isMet = target.Operator switch
        {
            TargetOperator.AtLeast => a >= R(target.Value),
            TargetOperator.MoreThan => a > R(target.Value),
            TargetOperator.AtMost => a <= R(target.Value),
            TargetOperator.LessThan => a < R(target.Value),
            TargetOperator.Equal => a == R(target.Value),
            _ => (target.Lower is not { } l || a >= Rational.From(l)) && (target.Upper is not { } u || a <= Rational.From(u)),
        };
        var (rel, pts, ratio, diff) = Deviation(target, input.Polarity, a);
        return new(a, value, ApplyPolicy(value, policy, cap), isMet, Light(isMet, value, policy), rel, pts, ratio, diff, true,
            policy.JustificationRequiredWhenMissed && !isMet, true);
    }

    private static OracleIndicator Missing(Rational? actual, bool applicable) =>
        new(actual, null, null, null, ScoreStatus.Grey, null, null, null, null, false, false, applicable);

    private static Rational R(decimal? v) => Rational.From(v!.Value);

    private static ScoreStatus Light(bool met, Rational achievement, ScoringPolicy policy) =>
        met ? ScoreStatus.Green : achievement >= Rational.From(policy.YellowFrom) ? ScoreStatus.Yellow : ScoreStatus.Red;

    // ---------------- achievement formulas (docs/scoring.md, docs/numbers.md) ----------------

    public static Rational AtLeast(Rational a, Rational t)
    {
        if (t.IsZero) return a.Sign >= 0 ? Rational.Hundred : Rational.Zero;
        if (t.Sign < 0) return Rational.Hundred + (a - t) / t.Abs() * Rational.Hundred;
        return a / t * Rational.Hundred;
    }

    public static Rational AtMost(Rational a, Rational t, LowerIsBetterFormula formula, decimal? cap)
    {
        if (formula == LowerIsBetterFormula.Reflected)
        {
            if (t.IsZero) return a.Sign <= 0 ? Rational.Hundred : Rational.Zero;
            if (t.Sign < 0) return Rational.Max(Rational.Zero, Rational.Hundred + (t - a) / t.Abs() * Rational.Hundred);
            return Rational.Max(Rational.Zero, (t + t - a) / t * Rational.Hundred);
        }
        if (t.Sign < 0) return Rational.Hundred + (t - a) / t.Abs() * Rational.Hundred;
        if (a.Sign > 0) return t / a * Rational.Hundred;
        if (a.IsZero && t.IsZero) return Rational.Hundred;
        return cap is { } c ? Rational.From(c) : Rational.Hundred; // A ≤ 0 ≤ T: as good as it gets
    }

    public static Rational Exactly(Rational a, Rational t)
    {
        if (t.IsZero) return a.IsZero ? Rational.Hundred : Rational.Zero;
        return Rational.Max(Rational.Zero, Rational.Hundred - (a - t).Abs() / t.Abs() * Rational.Hundred);
    }

    private static Rational Range(Rational a, decimal? lower, decimal? upper, LowerIsBetterFormula formula, decimal? cap)
    {
        if (lower is { } l && a < Rational.From(l)) return AtLeast(a, Rational.From(l));
        if (upper is { } u && a > Rational.From(u)) return AtMost(a, Rational.From(u), formula, cap);
        return Rational.Hundred;
    }

    // ---------------- policy: threshold, bands, cap, floor ----------------

    public static Rational ApplyPolicy(Rational achievement, ScoringPolicy policy, decimal? cap)
    {
        if (policy.Threshold is { } th && achievement < Rational.From(th)) return Rational.Zero;
        var score = achievement;
        if (policy.Bands.Count > 0)
        {
            var bands = policy.Bands.OrderBy(b => b.From).ToList();
            var i = bands.FindIndex(b => score >= Rational.From(b.From) && (b.To is null || score < Rational.From(b.To.Value)));
            if (i < 0) score = Rational.Zero;
            else if (policy.BandMode == BandMode.Step || bands[i].To is null || i == bands.Count - 1) score = Rational.From(bands[i].Score);
            else
            {
                var (from, to, s, next) = (Rational.From(bands[i].From), Rational.From(bands[i].To!.Value), Rational.From(bands[i].Score), Rational.From(bands[i + 1].Score));
                score = s + (score - from) / (to - from) * (next - s);
            }
        }
        if (cap is { } c && score > Rational.From(c)) score = Rational.From(c);
        return score.Sign < 0 ? Rational.Zero : score;
    }

    // ---------------- deviation ----------------

    private static (Rational? Relative, Rational? Points, Rational? Ratio, Rational? Difference) Deviation(ParsedTarget target, Polarity polarity, Rational a)
    {
        switch (target.Operator)
        {
            case TargetOperator.AtLeast or TargetOperator.MoreThan: return Deviate(R(target.Value), a, true, target.Unit);
            case TargetOperator.AtMost or TargetOperator.LessThan: return Deviate(R(target.Value), a, false, target.Unit);
            case TargetOperator.Equal: return Deviate(R(target.Value), a, polarity != Polarity.LowerIsBetter, target.Unit);
            default:
                if (target.Lower is { } l && a < Rational.From(l)) return Deviate(Rational.From(l), a, true, target.Unit);
                if (target.Upper is { } u && a > Rational.From(u)) return Deviate(Rational.From(u), a, false, target.Unit);
                return (Rational.Zero, target.Unit == TargetUnit.Percent ? Rational.Zero : null, null, Rational.Zero);
        }
    }

    private static (Rational?, Rational?, Rational?, Rational?) Deviate(Rational t, Rational a, bool higherIsBetter, TargetUnit unit)
    {
        var difference = a - t;
        Rational? relative = null, ratio = null;
        if (!t.IsZero)
        {
            relative = (higherIsBetter ? difference : -difference) / t.Abs() * Rational.Hundred;
            ratio = a / t;
        }
        return (relative, unit == TargetUnit.Percent ? difference : null, ratio, difference);
    }

    // ---------------- the tree ----------------

    /// <summary>
    /// A node: Σ wᵢ·sᵢ / Σ wᵢ over its indicators and child nodes with weight &gt; 0 and a score; under MissingRule.Zero
    /// an applicable child without score counts as 0, a child with no target (nothing applicable) never counts.
    /// Nothing scored: no score.
    /// </summary>
    public static OracleNode Node(ScoringNode node, ScoringPolicy policy, ScoringView view, Func<string, PeriodKind> frequencyOf)
    {
        var items = new List<(decimal Weight, Rational? Score, bool Applicable)>();
        var indicators = new List<OracleIndicator?>();
        foreach (var i in node.Indicators)
        {
            var o = i.Input is null ? null : Indicator(i.Input, policy, view, frequencyOf(i.Code));
            indicators.Add(o);
            items.Add((i.Weight, o?.Score, o?.Applicable ?? false));
        }
        var children = node.Children.Select(c => Node(c, policy, view, frequencyOf)).ToList();
        foreach (var (c, child) in node.Children.Zip(children)) items.Add((c.Weight, child.Score, child.Applicable));

        var counted = items.Where(x => x.Weight > 0 && (x.Score is not null || (policy.Missing == MissingRule.Zero && x.Applicable))).ToList();
        Rational? score = null;
        if (counted.Any(x => x.Score is not null))
        {
            Rational sum = Rational.Zero, weights = Rational.Zero;
            foreach (var x in counted)
            {
                sum += Rational.From(x.Weight) * (x.Score ?? Rational.Zero);
                weights += Rational.From(x.Weight);
            }
            score = sum / weights;
        }
        var status = score is not { } s ? ScoreStatus.Grey
            : s >= Rational.Hundred ? ScoreStatus.Green
            : s >= Rational.From(policy.YellowFrom) ? ScoreStatus.Yellow : ScoreStatus.Red;
        var applicable = items.Any(x => x.Weight > 0 && x.Applicable);
        return new(node.Code, score, status, applicable, indicators, children);
    }
}
