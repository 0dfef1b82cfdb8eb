using System.Globalization;
using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Xunit.Abstractions;

namespace Performance.Domain.Tests.Oracle;

/// <summary>
/// Every presented figure of the engine (actual, achievement, score, met, status, deviations, justification, node
/// scores and lights), by both paths (explained and figures only), equals the exact oracle's figure rounded half away
/// from zero to 2 decimals, on thousands of random plans. Seeds 1..N by default (deterministic);
/// <c>ORACLE_CASES=n</c> runs more, <c>ORACLE_SEED_START=s</c> moves the window, <c>ORACLE_SEED=s</c> replays one case.
/// </summary>
public sealed class OraclePropertyTests(ITestOutputHelper output)
{
    private const int DefaultCases = 2_500;

    [Fact]
    public void Engine_presents_exactly_what_the_oracle_computes()
    {
        var (start, cases) = Seeds();
        var report = new OracleReport();
        for (var seed = start; seed < start + cases; seed++)
            Compare(seed, report);
        output.WriteLine(report.Summary(start, cases));
        if (cases == 1) output.WriteLine(Describe(new PlanGenerator(new Random(start)).Next()));
        Assert.True(report.Failures == 0, report.Summary(start, cases));
        Assert.True(report.Indicators > cases, $"only {report.Indicators} indicators compared");
    }

    private static (int Start, int Cases) Seeds()
    {
        static int? Env(string name) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        return Env("ORACLE_SEED") is { } one ? (one, 1) : (Env("ORACLE_SEED_START") ?? 1, Env("ORACLE_CASES") ?? DefaultCases);
    }

    private static void Compare(int seed, OracleReport report)
    {
        var plan = new PlanGenerator(new Random(seed)).Next();
        var expected = OracleScorer.Node(plan.Root, plan.Policy, plan.View, code => plan.Frequencies.GetValueOrDefault(code, PeriodKind.Year));
        foreach (var explain in new[] { true, false })
        {
            var path = explain ? "explained" : "fast";
            NodeScore actual;
            try
            {
                actual = TreeScorer.Score(plan.Root, plan.Policy, plan.View with { Explain = explain });
            }
            catch (Exception e)
            {
                report.Fail(seed, path, "exception", e.GetType().Name + ": " + e.Message);
                continue;
            }
            CompareNode(seed, path, expected, actual, report);
        }
    }

    /// <summary>The generated plan as text, printed when one seed is replayed.</summary>
    private static string Describe(GeneratedPlan plan)
    {
        var lines = new List<string> { $"policy {plan.Policy} bands [{string.Join(", ", plan.Policy.Bands)}]", $"view {plan.View}" };
        void Walk(ScoringNode n, string indent)
        {
            lines.Add($"{indent}node {n.Code} w={n.Weight}");
            foreach (var i in n.Indicators)
            {
                lines.Add($"{indent}  {i.Code} w={i.Weight} frequency={plan.Frequencies.GetValueOrDefault(i.Code)} " +
                          (i.Input is not { } x ? $"no target ({i.MissingReason})"
                              : $"{x.Target.Text} [{x.Target.Kind} {x.Target.Operator} {x.Target.Value} {x.Target.Lower}..{x.Target.Upper} {x.Target.DueDate}] {x.Aggregation} {x.Polarity} cap={x.CapOverride} formula={x.FormulaOverride} year={x.Year}"));
                foreach (var a in i.Input?.Actuals ?? []) lines.Add($"{indent}    {a}");
            }
            foreach (var c in n.Children) Walk(c, indent + "  ");
        }
        Walk(plan.Root, "");
        return string.Join(Environment.NewLine, lines);
    }

    private static void CompareNode(int seed, string path, OracleNode o, NodeScore e, OracleReport report)
    {
        report.Nodes++;
        report.Check(seed, path, $"node {e.Code} score", o.Score?.Present(), Rounding.Present(e.Score), o.Score);
        report.Check(seed, path, $"node {e.Code} status", o.Status, e.Status);
        for (var i = 0; i < e.Indicators.Count; i++)
        {
            var (oi, ei) = (o.Indicators[i], e.Indicators[i]);
            report.Indicators++;
            var at = $"indicator {ei.Code} in {e.Code}";
            if (oi is null || ei.Evaluation is null)
            {
                report.Check(seed, path, at + " evaluated", oi is null, ei.Evaluation is null);
                continue;
            }
            var ev = ei.Evaluation;
            report.Check(seed, path, at + " actual", oi.Actual?.Present(), Rounding.Present(ev.Actual), oi.Actual);
            report.Check(seed, path, at + " achievement", oi.Achievement?.Present(), Rounding.Present(ev.Achievement), oi.Achievement);
            report.Check(seed, path, at + " score", oi.Score?.Present(), Rounding.Present(ev.Score), oi.Score);
            report.Check(seed, path, at + " met", oi.Met, ev.Met);
            report.Check(seed, path, at + " status", oi.Status, ev.Status);
            report.Check(seed, path, at + " justification", oi.JustificationRequired, ev.JustificationRequired);
            report.Check(seed, path, at + " deviation present", oi.HasDeviation, ev.Deviation is not null);
            if (ev.Deviation is { } d && oi.HasDeviation)
            {
                report.Check(seed, path, at + " deviation relative", oi.Relative?.Present(), Rounding.Present(d.Relative), oi.Relative);
                report.Check(seed, path, at + " deviation points", oi.Points?.Present(), Rounding.Present(d.Points), oi.Points);
                report.Check(seed, path, at + " deviation ratio", oi.Ratio?.Present(), Rounding.Present(d.Ratio), oi.Ratio);
                report.Check(seed, path, at + " deviation difference", oi.Difference?.Present(), Rounding.Present(d.Difference), oi.Difference);
            }
        }
        for (var c = 0; c < e.Children.Count; c++) CompareNode(seed, path, o.Children[c], e.Children[c], report);
    }
}

/// <summary>Counts what was compared and what disagreed, by figure; keeps the first disagreements with their seeds.</summary>
internal sealed class OracleReport
{
    private readonly Dictionary<string, int> _byFigure = [];
    private readonly List<string> _examples = [];
    private readonly HashSet<int> _seeds = [];
    public int Failures { get; private set; }
    public int Indicators { get; set; }
    public int Nodes { get; set; }
    public int Figures { get; private set; }

    public void Check<T>(int seed, string path, string what, T expected, T actual, Rational? exact = null)
    {
        Figures++;
        if (EqualityComparer<T>.Default.Equals(expected, actual)) return;
        Fail(seed, path, what, $"oracle {expected}{(exact is { } x ? $" (exact {x})" : string.Empty)}, engine {actual}");
    }

    public void Fail(int seed, string path, string what, string detail)
    {
        Failures++;
        _seeds.Add(seed);
        // Group by the kind of figure: the last words of "indicator I3 in P.1 deviation ratio".
        var words = what.Split(' ');
        var figure = words[0] == "indicator" ? string.Join(' ', words.Skip(4)) : words[0] == "node" ? "node " + string.Join(' ', words.Skip(2)) : what;
        _byFigure[$"{path} {figure}"] = _byFigure.GetValueOrDefault($"{path} {figure}") + 1;
        if (_examples.Count < 25) _examples.Add($"seed {seed} ({path}) {what}: {detail}");
    }

    public string Summary(int start, int cases) =>
        $"seeds {start}..{start + cases - 1}: {Indicators} indicator evaluations, {Nodes} node scores, {Figures} figures compared, " +
        $"{Failures} disagreements in {_seeds.Count} plans" +
        (Failures == 0 ? string.Empty :
            Environment.NewLine + string.Join(Environment.NewLine, _byFigure.OrderByDescending(p => p.Value).Select(p => $"  {p.Key}: {p.Value}")) +
            Environment.NewLine + "first disagreements (replay one with ORACLE_SEED=<seed>):" + Environment.NewLine +
            string.Join(Environment.NewLine, _examples.Select(e => "  " + e)));
}
