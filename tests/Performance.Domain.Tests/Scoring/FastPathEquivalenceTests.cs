using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// Scoring without the explanation (<see cref="ScoringView.Explain"/> = false, what scorecards use) must give exactly
/// the figures of the explained path: compared on many seeded random inputs that reach every branch (revisions and
/// ties, invalid periods, forecasts, asOf, annual entries, granularities and declared frequencies, rates with zero
/// denominators, milestones and deadlines, negative and zero targets, caps, thresholds, bands, both lower-is-better
/// formulas), plus the exact edges random inputs rarely hit (a task done on its due date, a period ending on asOf,
/// T = 0 with A = 0, exactly with T = 0, a half cent, a declared quarter before its month).
/// </summary>
public sealed class FastPathEquivalenceTests
{
    // FASTPATH_CASES lowers it for mutation runs (thousands of reruns); the default is what CI runs.
    private static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("FASTPATH_CASES"), System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 20_000;

    [Fact]
    public void Indicator_figures_are_identical_with_and_without_the_explanation()
    {
        var random = new Random(4242);
        var compared = 0;
        for (var n = 0; n < Cases; n++)
        {
            var input = RandomInput(random);
            var policy = RandomPolicy(random);
            var view = RandomView(random);
            var (explained, explainedError) = Try(() => IndicatorScorer.Evaluate(input, policy, view));
            var (fast, fastError) = Try(() => IndicatorScorer.Evaluate(input, policy, view with { Explain = false }));
            Assert.Equal(explainedError?.GetType(), fastError?.GetType());
            if (explained is null) continue;
            Assert.NotNull(fast);
            var context = $"case {n}: {input.Target.Text} {input.Aggregation} {view}";
            Assert.True(explained.Actual == fast.Actual, context + $" actual {explained.Actual} vs {fast.Actual}");
            Assert.True(explained.Achievement == fast.Achievement, context + $" achievement {explained.Achievement} vs {fast.Achievement}");
            Assert.True(explained.Score == fast.Score, context + $" score {explained.Score} vs {fast.Score}");
            Assert.True(explained.Met == fast.Met, context + " met");
            Assert.True(explained.Status == fast.Status, context + " status");
            Assert.True(explained.Deviation == fast.Deviation, context + $" deviation {explained.Deviation} vs {fast.Deviation}");
            Assert.True(explained.JustificationRequired == fast.JustificationRequired, context + " justification");
            // Same digits, not only the same number: 100 and 100.00 are equal decimals but present differently.
            Assert.Equal(explained.Actual?.ToString(), fast.Actual?.ToString());
            Assert.Equal(explained.Achievement?.ToString(), fast.Achievement?.ToString());
            Assert.Equal(explained.Score?.ToString(), fast.Score?.ToString());
            Assert.NotEmpty(explained.Explanation.Steps);
            Assert.Same(Explanation.NotRequested, fast.Explanation);
            compared++;
        }
        Assert.True(compared > Cases / 2, $"only {compared} cases scored");
    }

    [Fact]
    public void Aggregated_figure_is_the_explained_aggregation_s()
    {
        var random = new Random(1717);
        for (var n = 0; n < Cases; n++)
        {
            var actuals = RandomActuals(random, random.Next(4) == 0);
            var rule = (Aggregation)random.Next(4);
            var view = RandomView(random);
            var year = random.Next(3) == 0 ? 0 : 2024;
            var frequency = (PeriodKind)random.Next(5);
            var explained = PeriodAggregator.Aggregate(actuals, rule, year, view, frequency);
            var fast = PeriodAggregator.AggregateFigure(actuals, rule, year, view, frequency);
            Assert.True(explained.Value == fast.Value, $"case {n}: {explained.Calculation} vs {fast.Value}");
            Assert.Equal(explained.Value?.ToString(), fast.Value?.ToString());
            Assert.Equal(explained.Basis, fast.Basis);
            Assert.Same(explained.Latest, fast.Latest);
        }
    }

    [Fact]
    public void Whole_tree_scores_identically_with_and_without_the_explanation()
    {
        var random = new Random(99);
        for (var n = 0; n < 200; n++)
        {
            var root = RandomNode(random, depth: 0, code: "P");
            var policy = RandomPolicy(random) with { Missing = random.Next(2) == 0 ? MissingRule.Exclude : MissingRule.Zero };
            var view = RandomView(random);
            NodeScore explained, fast;
            try { explained = TreeScorer.Score(root, policy, view); }
            catch (Exception e) when (e is OverflowException or ArgumentException) { continue; }
            fast = TreeScorer.Score(root, policy, view with { Explain = false });
            AssertSameTree(explained, fast);
        }
    }

    // Keyed by name, with the theory fed the names only: xUnit then runs each edge as its own test case (non-serializable
    // rows run as one case with several results, which Stryker cannot attribute coverage to: docs/mutation.md).
    private static readonly Dictionary<string, (IndicatorInput Input, ScoringView View, decimal? Achievement, bool? Met)> EdgeCases = new()
    {
        { "task done on its due date", (new("D", Targets.Deadline(new DateOnly(2024, 6, 30)), Polarity.Milestone, Aggregation.Last,
            [new PeriodActual(Period.Quarter(2), null, Done: true, CompletedOn: new DateOnly(2024, 6, 30))], Year: 2024), ScoringView.Actuals, 100m, true) },
        { "task done a day late", (new("D", Targets.Deadline(new DateOnly(2024, 6, 30)), Polarity.Milestone, Aggregation.Last,
            [new PeriodActual(Period.Quarter(2), null, Done: true, CompletedOn: new DateOnly(2024, 7, 1))], Year: 2024), ScoringView.Actuals, 0m, false) },
        { "period ending on asOf", (Targets.Input(Targets.AtLeast(10), Aggregation.Sum, Targets.At("Q1", 4), Targets.At("Q2", 6)),
            new ScoringView(new DateOnly(2024, 6, 30)), 100m, true) },
        { "period ending the day after asOf", (Targets.Input(Targets.AtLeast(10), Aggregation.Sum, Targets.At("Q1", 4), Targets.At("Q2", 6)),
            new ScoringView(new DateOnly(2024, 6, 29)), 40m, false) },
        { "T = 0 with A = 0, inverse ratio", (Targets.Input(Targets.AtMost(0), 0m, cap: 120m), ScoringView.Actuals, 100m, true) },
        { "T = 0 with A = 0, at least", (Targets.Input(Targets.AtLeast(0), 0m), ScoringView.Actuals, 100m, true) },
        { "exactly with T = 0", (Targets.Input(Targets.Exactly(0), 0m), ScoringView.Actuals, 100m, true) },
        { "exactly with T = 0, A ≠ 0", (Targets.Input(Targets.Exactly(0), 0.5m), ScoringView.Actuals, 0m, false) },
        { "half cent", (Targets.Input(Targets.AtMost(10, TargetUnit.Percent), Aggregation.RatioOfSums, new PeriodActual(Period.Annual, null, 16, 141)),
            ScoringView.Actuals, 88.125m, false) },
        { "declared quarter before its month", (Targets.Input(Targets.AtMost(45, TargetUnit.None), Aggregation.Average, Targets.At("Q2", 51.3m), Targets.At("M05", 47.496m))
            with { Frequency = PeriodKind.Quarter }, ScoringView.Actuals, 4500m / 51.3m, false) },
    };

    public static TheoryData<string> Edges => [.. EdgeCases.Keys];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Exact_edges_score_the_same_on_both_paths(string edge)
    {
        var (input, view, achievement, met) = EdgeCases[edge];
        var explained = IndicatorScorer.Evaluate(input, ScoringPolicy.Default with { Cap = null }, view);
        var fast = IndicatorScorer.Evaluate(input, ScoringPolicy.Default with { Cap = null }, view with { Explain = false });
        Assert.True(achievement == explained.Achievement, $"{edge}: {explained.Achievement}");
        Assert.Equal(met, explained.Met);
        Assert.Equal(explained with { Explanation = Explanation.NotRequested }, fast);
    }

    private static void AssertSameTree(NodeScore a, NodeScore b)
    {
        Assert.Equal(a.Code, b.Code);
        Assert.Equal(a.Score, b.Score);
        Assert.Equal(a.Score?.ToString(), b.Score?.ToString());
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.RollUp.Contributions, b.RollUp.Contributions);
        Assert.Equal(a.Indicators.Count, b.Indicators.Count);
        for (var i = 0; i < a.Indicators.Count; i++)
        {
            var (x, y) = (a.Indicators[i], b.Indicators[i]);
            Assert.Equal(x.Code, y.Code);
            Assert.Equal(x.MissingReason, y.MissingReason);
            Assert.Equal(x.Evaluation is null, y.Evaluation is null);
            if (x.Evaluation is null) continue;
            Assert.Equal(x.Evaluation with { Explanation = Explanation.NotRequested }, y.Evaluation);
        }
        Assert.Equal(a.Children.Count, b.Children.Count);
        for (var i = 0; i < a.Children.Count; i++) AssertSameTree(a.Children[i], b.Children[i]);
    }

    private static ScoringNode RandomNode(Random r, int depth, string code)
    {
        var indicators = Enumerable.Range(0, r.Next(depth == 0 ? 1 : 0, 5))
            .Select(i => new ScoringIndicator($"{code}.I{i}", r.Next(4), r.Next(8) == 0 ? null : RandomInput(r), r.Next(8) == 0 ? "No target." : null))
            .ToList();
        var children = depth >= 2 ? [] : Enumerable.Range(0, r.Next(4)).Select(c => RandomNode(r, depth + 1, $"{code}.{c}")).ToList();
        return new ScoringNode(code, r.Next(4), indicators, children);
    }

    private static (T? Result, Exception? Error) Try<T>(Func<T> f) where T : class
    {
        try { return (f(), null); }
        catch (Exception e) { return (null, e); }
    }

    private static readonly decimal[] Numbers =
        [0m, 1m, -1m, 0.5m, 2.25m, 10m, 12.50m, 38m, 80m, 90m, 95.5m, 99.99m, 100m, 100.00m, 110m, 150m, -20m, 1_000m, 1e-20m, 79_228_162_514m, 3m, 7m];

    private static decimal Number(Random r) =>
        r.Next(3) == 0 ? Numbers[r.Next(Numbers.Length)] : Math.Round((decimal)(r.NextDouble() * 200 - 20), r.Next(4));

    private static decimal? MaybeNumber(Random r, int nullOneIn = 4) => r.Next(nullOneIn) == 0 ? null : Number(r);

    private static readonly Period[] Periods =
    [
        Period.Annual, Period.Semester(1), Period.Semester(2), Period.FourMonth(1), Period.FourMonth(3), Period.Quarter(1),
        Period.Quarter(2), Period.Quarter(3), Period.Quarter(4), Period.Month(1), Period.Month(2), Period.Month(3), Period.Month(6),
        Period.Month(7), Period.Month(11), Period.Month(12), Period.Forecast(1), Period.Forecast(2), Period.Forecast(3), Period.Forecast(4),
        new(PeriodKind.Month, 13), new(PeriodKind.Quarter, 0),
    ];

    private static List<PeriodActual> RandomActuals(Random r, bool milestone)
    {
        var count = r.Next(0, 16);
        var monthsOnly = r.Next(2) == 0;
        var list = new List<PeriodActual>(count);
        var baseTime = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var period = monthsOnly && r.Next(6) != 0 ? Period.Month(r.Next(1, 13)) : Periods[r.Next(Periods.Length)];
            var revision = r.Next(1, 4);
            DateTime? recordedAt = r.Next(4) == 0 ? null : baseTime.AddDays(r.Next(0, 3));
            PeriodActual a;
            if (milestone)
            {
                a = new PeriodActual(period, r.Next(5) == 0 ? Number(r) : null, Done: r.Next(3) switch { 0 => true, 1 => false, _ => null },
                    Completion: r.Next(3) == 0 ? null : r.Next(0, 101), Revision: revision, RecordedAt: recordedAt,
                    CompletedOn: r.Next(2) == 0 ? null : new DateOnly(2024, r.Next(1, 13), 15));
            }
            else
            {
                var ratio = r.Next(3) == 0;
                a = new PeriodActual(period, r.Next(6) == 0 ? null : Number(r),
                    ratio ? MaybeNumber(r, 6) : null, ratio ? (r.Next(6) == 0 ? 0m : MaybeNumber(r, 6)) : null,
                    Revision: revision, RecordedAt: recordedAt);
            }
            list.Add(a);
        }
        return list;
    }

    private static ParsedTarget RandomTarget(Random r)
    {
        var unit = (TargetUnit)r.Next(6);
        switch (r.Next(10))
        {
            case 0:
                return new ParsedTarget(TargetKind.Milestone, TargetOperator.Done, null, null, null, TargetUnit.None, null, null, "realizzazione");
            case 1:
                var due = new DateOnly(2024, r.Next(1, 13), 1);
                return new ParsedTarget(TargetKind.Deadline, TargetOperator.Done, null, null, null, TargetUnit.None, null,
                    r.Next(5) == 0 ? null : due, $"entro il {due:dd/MM/yyyy}");
            case 2:
            case 3:
                var lower = MaybeNumber(r, 5);
                var upper = lower is { } l && r.Next(3) != 0 ? l + Math.Abs(Number(r)) : MaybeNumber(r, 5);
                return new ParsedTarget(TargetKind.Range, TargetOperator.Between, null, lower, upper, unit, null, ValueDue(r), $"tra {lower} e {upper}");
            default:
                var op = (TargetOperator)r.Next(5);
                var value = MaybeNumber(r, 12);
                return new ParsedTarget(TargetKind.Numeric, op, value, null, null, unit, null, ValueDue(r), $"{op} {value}");
        }
    }

    /// <summary>A value to reach by a date ("100% entro il 30/06") now and then: only the periods ending by then count.</summary>
    private static DateOnly? ValueDue(Random r) => r.Next(4) == 0 ? new DateOnly(2024, r.Next(1, 13), r.Next(2) == 0 ? 1 : 28) : null;

    private static IndicatorInput RandomInput(Random r)
    {
        var target = RandomTarget(r);
        var milestone = IndicatorScorer.IsMilestone(target) && r.Next(5) != 0;
        return new IndicatorInput("I", target, (Polarity)r.Next(3), (Aggregation)r.Next(4), RandomActuals(r, milestone),
            r.Next(4) == 0 ? MaybeNumber(r, 3) : null,
            r.Next(4) == 0 ? (LowerIsBetterFormula)r.Next(2) : null,
            r.Next(4) == 0 ? 0 : 2024)
        {
            Frequency = (PeriodKind)r.Next(5), // Year, Semester, FourMonth, Quarter, Month
        };
    }

    private static ScoringPolicy RandomPolicy(Random r)
    {
        var bands = new List<ScoreBand>();
        if (r.Next(3) == 0)
        {
            var from = (decimal)r.Next(0, 60);
            for (var b = 0; b < r.Next(1, 5); b++)
            {
                var to = from + r.Next(1, 40);
                bands.Add(new ScoreBand(from, r.Next(5) == 0 ? null : to, r.Next(0, 121)));
                from = to;
            }
            bands.Reverse();
        }
        return new ScoringPolicy
        {
            Cap = r.Next(3) switch { 0 => null, 1 => 100m, _ => 120m },
            LowerIsBetter = (LowerIsBetterFormula)r.Next(2),
            Threshold = r.Next(3) == 0 ? r.Next(0, 80) : null,
            Bands = bands,
            BandMode = (BandMode)r.Next(2),
            YellowFrom = r.Next(2) == 0 ? 90m : 75.5m,
            JustificationRequiredWhenMissed = r.Next(2) == 0,
        };
    }

    private static ScoringView RandomView(Random r) => r.Next(6) switch
    {
        0 => new ScoringView(Forecast: r.Next(1, 5)),
        1 => new ScoringView(AsOf: new DateOnly(2024, r.Next(1, 13), r.Next(1, 29))),
        2 => new ScoringView(FallbackToLatestForecast: true),
        3 => new ScoringView(AsOf: new DateOnly(2024, r.Next(1, 13), 28), FallbackToLatestForecast: true),
        _ => new ScoringView(),
    };
}
