using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Oracle;

/// <summary>One generated case: a tree, the plan's policy, the view it is scored with, each indicator's declared frequency.</summary>
internal sealed record GeneratedPlan(ScoringNode Root, ScoringPolicy Policy, ScoringView View, IReadOnlyDictionary<string, PeriodKind> Frequencies);

/// <summary>
/// Random plans aimed at the edges: figures designed to land exactly on 100, on the threshold, on band edges, on
/// yellowFrom, on the cap and on half cents (88,125), through every aggregation rule; plus plain random entries of mixed
/// granularities with revisions, finals, forecasts, entries without data, zero denominators and asOf cut-offs.
/// </summary>
internal sealed class PlanGenerator(Random r)
{
    private const int Year = 2024;
    private int _next;
    private ScoringPolicy _policy = ScoringPolicy.Default;
    private readonly Dictionary<string, PeriodKind> _frequencies = [];

    private static readonly decimal[] NiceTargets = [1m, 2m, 4m, 5m, 8m, 10m, 20m, 25m, 40m, 50m, 80m, 100m, 12.5m, 0.5m, 45m, 90m, 3m, 7m, 1.013m, 171.54m];
    private static readonly decimal[] HalfCents = [88.125m, 96.605m, 50.005m, 99.995m, 100.005m, 74.995m, 89.995m, 0.005m, 120.125m, 107.005m];
    private static readonly decimal[] Weights = [0m, 1m, 1m, 1m, 2m, 3m, 0.5m, 1.5m, 10m];
    private static readonly PeriodKind[] Kinds = [PeriodKind.Year, PeriodKind.Semester, PeriodKind.FourMonth, PeriodKind.Quarter, PeriodKind.Month];

    public GeneratedPlan Next()
    {
        _next = 0;
        _frequencies.Clear();
        _policy = Policy();
        var root = Node("P", 0);
        return new GeneratedPlan(root, _policy, View(), new Dictionary<string, PeriodKind>(_frequencies));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[r.Next(items.Count)];
    private bool OneIn(int n) => r.Next(n) == 0;

    private ScoringNode Node(string code, int depth)
    {
        var indicators = new List<ScoringIndicator>();
        for (var i = r.Next(depth == 0 ? 0 : 1, 5); i > 0; i--) indicators.Add(Indicator());
        var children = new List<ScoringNode>();
        if (depth < 3)
            for (var c = r.Next(depth == 0 ? 1 : 0, depth == 0 ? 4 : 3); c > 0; c--) children.Add(Node($"{code}.{children.Count + 1}", depth + 1));
        return new ScoringNode(code, Pick(Weights), indicators, children);
    }

    // ---------------- policy and view ----------------

    private ScoringPolicy Policy()
    {
        IReadOnlyList<ScoreBand> bands = r.Next(4) switch
        {
            0 => [new(0, 50, 0), new(50, 75, 50), new(75, 100, 75), new(100, null, 100)],
            1 => [new(60, 80, 40), new(80, 88.125m, 70), new(88.125m, 110, 95), new(110, 130, 120)],
            2 => RandomBands(),
            _ => [],
        };
        if (OneIn(3)) bands = bands.Reverse().ToList(); // the engine orders them itself
        return new ScoringPolicy
        {
            Cap = Pick<decimal?>([null, 100m, 100m, 120m, 107m, 150m, 88.125m]),
            LowerIsBetter = OneIn(2) ? LowerIsBetterFormula.InverseRatio : LowerIsBetterFormula.Reflected,
            Missing = OneIn(2) ? MissingRule.Exclude : MissingRule.Zero,
            Threshold = Pick<decimal?>([null, null, 50m, 60m, 80m, 88.125m, 0m]),
            Bands = bands,
            BandMode = OneIn(2) ? BandMode.Step : BandMode.Interpolated,
            YellowFrom = Pick([90m, 90m, 75.5m, 88.125m, 100m]),
            JustificationRequiredWhenMissed = OneIn(2),
        };
    }

    private List<ScoreBand> RandomBands()
    {
        var bands = new List<ScoreBand>();
        decimal from = r.Next(0, 60);
        for (var b = r.Next(1, 5); b > 0; b--)
        {
            var to = from + r.Next(1, 40) + (OneIn(3) ? 0.125m : 0m);
            bands.Add(new ScoreBand(from, b == 1 && OneIn(2) ? null : to, r.Next(0, 121) + (OneIn(4) ? 0.5m : 0m)));
            from = OneIn(5) ? to + r.Next(1, 10) : to; // sometimes a gap no band covers
        }
        return bands;
    }

    private ScoringView View() => r.Next(10) switch
    {
        0 => new ScoringView(Forecast: r.Next(1, 5)),
        1 or 2 => new ScoringView(AsOf: PeriodEnd()),
        3 => new ScoringView(AsOf: new DateOnly(Year, r.Next(1, 13), r.Next(1, 29))),
        4 => new ScoringView(FallbackToLatestForecast: true),
        5 => new ScoringView(AsOf: PeriodEnd(), FallbackToLatestForecast: true),
        _ => ScoringView.Actuals,
    };

    private DateOnly PeriodEnd()
    {
        var month = Pick([1, 2, 3, 4, 6, 8, 9, 12]);
        return new DateOnly(Year, month, DateTime.DaysInMonth(Year, month));
    }

    // ---------------- indicators ----------------

    private ScoringIndicator Indicator()
    {
        var code = $"I{++_next}";
        var weight = Pick(Weights);
        if (OneIn(10)) return new ScoringIndicator(code, weight, null, $"No target for {Year}.");
        var frequency = Pick(Kinds);
        _frequencies[code] = frequency;
        var target = Target();
        var rule = (Aggregation)r.Next(4);
        var cap = OneIn(6) ? Pick<decimal?>([null, 100m, 120m, 130m]) : null;
        LowerIsBetterFormula? formula = OneIn(6) ? (OneIn(2) ? LowerIsBetterFormula.InverseRatio : LowerIsBetterFormula.Reflected) : null;
        var polarity = target.Operator switch
        {
            TargetOperator.AtMost or TargetOperator.LessThan => Polarity.LowerIsBetter,
            TargetOperator.Done => Polarity.Milestone,
            _ => OneIn(3) ? Polarity.LowerIsBetter : Polarity.HigherIsBetter,
        };
        var actuals = OracleScorer.IsMilestone(target)
            ? MilestoneEntries(target)
            : OneIn(2) ? Designed(target, rule, frequency, cap ?? _policy.Cap, formula ?? _policy.LowerIsBetter) : RandomEntries(rule);
        AddNoise(actuals);
        return new ScoringIndicator(code, weight, new IndicatorInput(code, target, polarity, rule, actuals, cap, formula, OneIn(8) ? 0 : Year) { Frequency = frequency });
    }

    private ParsedTarget Target()
    {
        var unit = OneIn(2) ? TargetUnit.Percent : (TargetUnit)r.Next(6);
        decimal T() => r.Next(6) switch
        {
            0 => 0m,
            1 => -Pick(NiceTargets),
            2 => Math.Round((decimal)r.NextDouble() * 150m, r.Next(0, 3)),
            _ => Pick(NiceTargets),
        };
        switch (r.Next(14))
        {
            case 0:
                return new ParsedTarget(TargetKind.Milestone, TargetOperator.Done, null, null, null, TargetUnit.None, null, null, "SI");
            case 1:
                var due = new DateOnly(Year, r.Next(1, 13), r.Next(1, 29));
                return new ParsedTarget(TargetKind.Deadline, TargetOperator.Done, null, null, null, TargetUnit.None, null, OneIn(6) ? null : due, $"entro il {due:dd/MM/yyyy}");
            case 2:
            case 3:
                decimal? lower = OneIn(5) ? null : T();
                decimal? upper = OneIn(5) && lower is not null ? null : (lower ?? 0m) + Math.Abs(T());
                return new ParsedTarget(TargetKind.Range, TargetOperator.Between, null, lower, upper, unit, null, null, $"tra {lower} e {upper}");
            case 4 when OneIn(4):
                return new ParsedTarget(TargetKind.Numeric, TargetOperator.AtLeast, null, null, null, unit, null, null, "n.d.");
            default:
                var op = (TargetOperator)r.Next(5);
                return new ParsedTarget(TargetKind.Numeric, op, T(), null, null, unit, null, null, $"{op} T");
        }
    }

    /// <summary>An achievement worth hitting exactly: the policy's edges, 100, half cents.</summary>
    private decimal Edge()
    {
        var edges = new List<decimal>(HalfCents) { 100m, 90m, 75.5m, _policy.YellowFrom };
        if (_policy.Threshold is { } th) edges.Add(th);
        if (_policy.Cap is { } cap) edges.Add(cap);
        foreach (var b in _policy.Bands)
        {
            edges.Add(b.From);
            if (b.To is { } to) edges.Add(to);
        }
        return Pick(edges);
    }

    /// <summary>
    /// Entries whose year figure makes the achievement land on <see cref="Edge"/> (exactly when the arithmetic allows),
    /// entered at the declared frequency (or as the final Y) and combined by the rule.
    /// </summary>
    private List<PeriodActual> Designed(ParsedTarget target, Aggregation rule, PeriodKind frequency, decimal? cap, LowerIsBetterFormula formula)
    {
        var k = Math.Max(Edge(), 0.005m); // T / A = 0 has no A
        var t = target.Operator == TargetOperator.Between ? target.Lower ?? target.Upper ?? 1m : target.Value ?? 1m;
        var periods = Periods(frequency);
        if (t <= 0) return Spread(Math.Round((decimal)r.NextDouble() * 20m - 5m, 2), rule, periods);
        switch (target.Operator)
        {
            case TargetOperator.AtMost or TargetOperator.LessThan when formula == LowerIsBetterFormula.InverseRatio:
                // T / A × 100 = k with A = Σnum / Σden × 100: Σden = k × Σnum / T, so a rate of sums hits k exactly.
                if (rule == Aggregation.RatioOfSums)
                {
                    var num = (decimal)r.Next(1, 300);
                    return SpreadRatio(num, Real(k * num / t), periods);
                }
                return Spread(Real(t * 100m / k), rule, periods);
            case TargetOperator.AtMost or TargetOperator.LessThan:
                return Spread(t * (200m - k) / 100m, rule, periods);
            case TargetOperator.Equal:
                return Spread(t + (OneIn(2) ? 1 : -1) * t * (100m - Math.Min(k, 100m)) / 100m, rule, periods);
            case TargetOperator.Between when target.Upper is { } u && OneIn(2):
                return Spread(u + r.Next(0, 20), rule, periods);
            default:
                return Spread(t * k / 100m, rule, periods);
        }
    }

    /// <summary>
    /// A figure as people enter it: at most 6 decimals. With 28 significant digits (a division's full decimal
    /// expansion) an exact value can sit within 10⁻²⁶ of a half cent, which no decimal result can present right.
    /// </summary>
    private static decimal Real(decimal v) => Math.Round(v, 6);

    private List<Period> Periods(PeriodKind kind)
    {
        if (OneIn(4)) return [Period.Annual];
        var count = kind switch { PeriodKind.Year => 1, PeriodKind.Semester => 2, PeriodKind.FourMonth => 3, PeriodKind.Quarter => 4, _ => 12 };
        var all = Enumerable.Range(1, count).Select(i => new Period(kind, i)).ToList();
        return all.Take(r.Next(1, count + 1)).ToList();
    }

    /// <summary>Entries whose figure under <paramref name="rule"/> is exactly <paramref name="figure"/>.</summary>
    private List<PeriodActual> Spread(decimal figure, Aggregation rule, List<Period> periods)
    {
        if (rule == Aggregation.RatioOfSums)
        {
            var den = (decimal)r.Next(1, 400);
            return SpreadRatio(figure * den / 100m, den, periods);
        }
        var n = periods.Count;
        var values = new decimal[n];
        for (var i = 0; i < n - 1; i++) values[i] = Math.Round((decimal)r.NextDouble() * 2m * Math.Abs(figure) + 1m, 2);
        values[n - 1] = rule switch
        {
            Aggregation.Sum => figure - values.Take(n - 1).Sum(),
            Aggregation.Average => figure * n - values.Take(n - 1).Sum(),
            _ => figure,
        };
        return periods.Select((p, i) => new PeriodActual(p, values[i])).ToList();
    }

    /// <summary>Numerators and denominators adding up to the given sums; some periods have no cases (denominator 0).</summary>
    private List<PeriodActual> SpreadRatio(decimal num, decimal den, List<Period> periods)
    {
        var list = new List<PeriodActual>();
        decimal restNum = num, restDen = den;
        for (var i = 0; i < periods.Count - 1; i++)
        {
            var zero = OneIn(4);
            var n = zero ? 0m : Math.Round(restNum * (decimal)r.NextDouble(), 0);
            var d = zero ? 0m : Math.Round(restDen * (decimal)r.NextDouble(), 0);
            list.Add(new PeriodActual(periods[i], d == 0 ? null : Real(n / d * 100m), n, d));
            (restNum, restDen) = (restNum - n, restDen - d);
        }
        list.Add(new PeriodActual(periods[^1], null, restNum, restDen));
        return list;
    }

    private List<PeriodActual> RandomEntries(Aggregation rule)
    {
        var list = new List<PeriodActual>();
        for (var i = r.Next(0, 8); i > 0; i--) list.Add(RandomEntry(RandomPeriod(), rule));
        return list;
    }

    private Period RandomPeriod()
    {
        var kind = Pick(Kinds);
        var count = kind switch { PeriodKind.Year => 1, PeriodKind.Semester => 2, PeriodKind.FourMonth => 3, PeriodKind.Quarter => 4, _ => 12 };
        return new Period(kind, r.Next(1, count + 1));
    }

    private decimal Value() => r.Next(5) switch
    {
        0 => Pick(NiceTargets),
        1 => -Math.Round((decimal)r.NextDouble() * 10m, 1),
        2 => 0m,
        _ => Math.Round((decimal)r.NextDouble() * 150m, r.Next(0, 4)),
    };

    private PeriodActual RandomEntry(Period period, Aggregation rule)
    {
        if (rule == Aggregation.RatioOfSums && !OneIn(4))
        {
            var den = OneIn(5) ? 0m : r.Next(1, 200);
            var num = Math.Round(den * (decimal)r.NextDouble() * 1.2m, 0);
            return new PeriodActual(period, OneIn(3) ? Value() : null, num, den);
        }
        return new PeriodActual(period, OneIn(10) ? null : Value());
    }

    private List<PeriodActual> MilestoneEntries(ParsedTarget target)
    {
        var list = new List<PeriodActual>();
        for (var i = r.Next(0, 4); i > 0; i--)
        {
            DateOnly? on = target.DueDate is { } due && !OneIn(4) ? due.AddDays(r.Next(-1, 2)) : OneIn(2) ? new DateOnly(Year, r.Next(1, 13), 15) : null;
            list.Add(new PeriodActual(RandomPeriod(), OneIn(5) ? Pick([50m, 100m, 88.125m]) : null,
                Done: r.Next(3) switch { 0 => true, 1 => false, _ => null },
                Completion: OneIn(2) ? null : Pick<decimal>([0m, 50m, 75.5m, 88.125m, 90m, 99.995m, 100m]),
                CompletedOn: on));
        }
        return list;
    }

    /// <summary>What real data adds: superseded revisions, a final Y, forecasts, overlapping entries, empty entries, bad periods.</summary>
    private void AddNoise(List<PeriodActual> list)
    {
        var baseTime = new DateTime(Year, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        if (list.Count > 0 && OneIn(4))
        {
            var a = Pick(list);
            // An older revision (lower number, or same number recorded earlier) that must lose; or a newer one that wins.
            list.Insert(r.Next(list.Count + 1), OneIn(2)
                ? a with { Value = (a.Value ?? 0) + 7, Revision = 0 }
                : a with { Value = (a.Value ?? 0) - 3, Revision = a.Revision + 1, RecordedAt = baseTime.AddDays(r.Next(3)) });
        }
        if (list.Count > 0 && OneIn(6))
        {
            var a = Pick(list);
            list.Add(a with { Value = (a.Value ?? 1) * 2, RecordedAt = baseTime.AddDays(-1) });
        }
        if (OneIn(8)) list.Add(new PeriodActual(Period.Annual, Value()));
        if (OneIn(5)) list.Add(new PeriodActual(Period.Forecast(r.Next(1, 5)), Value()));
        if (OneIn(6)) list.Add(RandomEntry(RandomPeriod(), Aggregation.Sum));
        if (OneIn(12)) list.Add(new PeriodActual(RandomPeriod(), null));
        if (OneIn(25)) list.Add(new PeriodActual(new Period(PeriodKind.Quarter, 5), 10m));
    }
}
