using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using static Performance.Domain.Tests.Scoring.Targets;

namespace Performance.Domain.Tests.Scoring;

/// <summary>
/// The explanation is part of the contract (an OIV recomputes every figure from it): one case per branch of every
/// formula, aggregation, policy step, met and status, rendered and compared with the reviewed text in
/// <c>Golden/explanations.txt</c>. A deliberate change of wording: run with <c>UPDATE_GOLDEN=1</c>, review the diff, commit.
/// </summary>
public sealed class ExplanationGoldenTests
{
    private static readonly ScoringPolicy Plain = ScoringPolicy.Default;
    private static readonly ScoringPolicy Open = ScoringPolicy.Default with { Cap = null };
    private static readonly ScoringView Year = ScoringView.Actuals;

    private static PeriodActual Parts(string period, decimal num, decimal den) => new(Period.Parse(period), null, num, den);

    private static PeriodActual Done(string period, bool? done, DateOnly? on = null, decimal? completion = null) =>
        new(Period.Parse(period), null, Done: done, Completion: completion, CompletedOn: on);

    private static IndicatorInput In(ParsedTarget t, Aggregation rule, params PeriodActual[] actuals) => Input(t, rule, actuals);

    private static readonly DateOnly Due = new(2024, 6, 30);
    private static readonly ParsedTarget Nd = new(TargetKind.Numeric, TargetOperator.AtLeast, null, null, null, TargetUnit.None, null, null, "n.d.");

    private static IEnumerable<(string Name, IndicatorInput Input, ScoringPolicy Policy, ScoringView View)> Cases()
    {
        // Achievement formulas.
        yield return ("at least", In(AtLeast(80), Aggregation.Sum, At("Q1", 20), At("Q2", 40)), Plain, Year);
        yield return ("at least, T = 0, A ≥ 0", Input(AtLeast(0), 5), Plain, Year);
        yield return ("at least, T = 0, A < 0", Input(AtLeast(0), -1), Plain, Year);
        yield return ("at least, T = 0, A = 0", Input(AtLeast(0), 0), Plain, Year);
        yield return ("at least, T < 0", Input(AtLeast(-10), -5), Open, Year);
        yield return ("at least, beyond the decimal range", Input(AtLeast(1e-20m), 79_228_162_514m), Open, Year);
        yield return ("more than, not met at equality", Input(MoreThan(38), 38), Plain, Year);
        yield return ("inverse ratio", Input(AtMost(5), 4), Open, Year);
        yield return ("inverse ratio, rate of sums", In(AtMost(10, TargetUnit.Percent), Aggregation.RatioOfSums, Parts("Q1", 7, 60), Parts("Q2", 9, 81)), Open, Year);
        yield return ("inverse ratio, T < 0", Input(AtMost(-10), -15), Open, Year);
        yield return ("inverse ratio, A = T = 0", Input(AtMost(0), 0, cap: 120), Plain, Year);
        yield return ("inverse ratio, A = 0 < T, capped", Input(AtMost(5), 0, cap: 120), Plain, Year);
        yield return ("inverse ratio, A < 0, uncapped", Input(AtMost(5), -1), Open, Year);
        yield return ("less than, met", Input(LessThan(3), 2.5m), Plain, Year);
        yield return ("reflected", Input(AtMost(5), 4, formula: LowerIsBetterFormula.Reflected), Open, Year);
        yield return ("reflected, floored", Input(AtMost(5), 11, formula: LowerIsBetterFormula.Reflected), Open, Year);
        yield return ("reflected, T = 0, A ≤ 0", Input(AtMost(0), 0, formula: LowerIsBetterFormula.Reflected), Open, Year);
        yield return ("reflected, T = 0, A > 0", Input(AtMost(0), 2, formula: LowerIsBetterFormula.Reflected), Open, Year);
        yield return ("reflected, T < 0", Input(AtMost(-10), -12, formula: LowerIsBetterFormula.Reflected), Open, Year);
        yield return ("reflected, T < 0, floored", Input(AtMost(-10), 5, formula: LowerIsBetterFormula.Reflected), Open, Year);
        yield return ("exactly", Input(Exactly(50), 45, polarity: Polarity.LowerIsBetter), Plain, Year);
        yield return ("exactly, T = 0", Input(Exactly(0), 0), Plain, Year);
        yield return ("exactly, T = 0, A ≠ 0", Input(Exactly(0), 1), Plain, Year);
        yield return ("range, below", Input(Between(80, 90), 60), Plain, Year);
        yield return ("range, above", Input(Between(80, 90), 100), Plain, Year);
        yield return ("range, inside", Input(Between(80, 90), 85), Plain, Year);
        yield return ("range, on the lower bound", Input(Between(80, 90), 80), Plain, Year);
        yield return ("range, on the upper bound", Input(Between(80, 90), 90), Plain, Year);
        yield return ("range, upper bound only", Input(Between(null, 90), 85), Plain, Year);
        yield return ("target without value", Input(Nd, 5), Plain, Year);
        yield return ("no actual", Input(AtLeast(80), (decimal?)null), Plain, Year);

        // Milestones and deadlines.
        yield return ("milestone done", In(Milestone(), Aggregation.Last, Done("Q2", true)), Plain, Year);
        yield return ("deadline done on the due date", In(Deadline(Due), Aggregation.Last, Done("Q2", true, Due)), Plain, Year);
        yield return ("deadline done without a date", In(Deadline(Due), Aggregation.Last, Done("Q2", true)), Plain, Year);
        yield return ("deadline done late", In(Deadline(Due), Aggregation.Last, Done("Q3", true, Due.AddDays(1))), Plain, Year);
        yield return ("milestone completion", In(Milestone(), Aggregation.Last, Done("Q1", null, completion: 40), Done("Q2", null, completion: 75)), Plain, Year);
        yield return ("milestone not done", In(Milestone(), Aggregation.Last, Done("Q2", false)), Plain, Year);
        yield return ("milestone without state", In(Milestone(), Aggregation.Last, new PeriodActual(Period.Quarter(2), null, 1, 2)), Plain, Year);
        yield return ("milestone, nothing entered", In(Milestone(), Aggregation.Last), Plain, Year);

        // Aggregation.
        yield return ("average", In(AtLeast(10), Aggregation.Average, At("Q1", 8), At("Q2", 12), At("Q3", 10)), Plain, Year);
        yield return ("average over declared quarters", In(AtLeast(50), Aggregation.Average, At("M01", 40), At("M02", 50), At("Q2", 51.3m)) with { Frequency = PeriodKind.Quarter }, Plain, Year);
        yield return ("average, months, a whole quarter and a lone month", In(AtLeast(50), Aggregation.Average, At("M01", 40), At("M02", 50), At("Q2", 60), At("M07", 30)) with { Frequency = PeriodKind.Quarter }, Plain, Year);
        yield return ("average, months of one quarter", In(AtLeast(50), Aggregation.Average, At("M04", 10), At("M05", 20)) with { Frequency = PeriodKind.Quarter }, Plain, Year);
        yield return ("average, a semester in a quarterly mean", In(AtLeast(20), Aggregation.Average, At("S1", 10), At("Q3", 40)) with { Frequency = PeriodKind.Quarter }, Plain, Year);
        yield return ("last", In(AtLeast(10), Aggregation.Last, At("Q3", 30), At("Q1", 10)), Plain, Year);
        yield return ("never both", In(AtLeast(30), Aggregation.Sum, At("M05", 1), At("Q2", 30), At("S1", 9)) with { Frequency = PeriodKind.Quarter }, Plain, Year);
        yield return ("never both, December declared", In(AtLeast(30), Aggregation.Sum, At("M12", 3), At("Q4", 30)) with { Frequency = PeriodKind.Month }, Plain, Year);
        yield return ("rate without parts, alone", In(AtLeast(80), Aggregation.RatioOfSums, At("Q1", 87.5m)), Plain, Year);
        yield return ("rates without parts", In(AtLeast(80), Aggregation.RatioOfSums, At("Q1", 90), At("Q2", 50)), Plain, Year);
        yield return ("rates, one without parts", In(AtLeast(80), Aggregation.RatioOfSums, Parts("Q1", 9, 10), At("Q2", 50)), Plain, Year);
        yield return ("rates summing to no cases", In(AtLeast(80), Aggregation.RatioOfSums, Parts("Q1", 0, 0), Parts("Q2", 0, 0)), Plain, Year);
        yield return ("annual rate", In(AtLeast(80), Aggregation.RatioOfSums, new PeriodActual(Period.Annual, 70, 3, 4)), Plain, Year);
        yield return ("annual rate without cases", In(AtLeast(80), Aggregation.RatioOfSums, Parts("Y", 1, 0)), Plain, Year);
        yield return ("rate beyond the decimal range", In(AtLeast(80), Aggregation.RatioOfSums, Parts("Q1", 1e15m, 1e-20m)), Plain, Year);
        yield return ("single rate beyond the decimal range", In(AtLeast(80), Aggregation.RatioOfSums, Parts("Y", 1e15m, 1e-20m)), Plain, Year);
        yield return ("final Y over the quarters", In(AtLeast(100), Aggregation.Sum, At("Q1", 10), At("Y", 95)), Plain, Year);
        yield return ("revisions, asOf, empty and invalid entries",
            In(AtLeast(100), Aggregation.Sum, At("Q1", 10), At("Q1", 12, revision: 2), At("Q2", null), At("Q3", 30),
                new PeriodActual(new Period(PeriodKind.Quarter, 9), 5), At("F1", 80)), Plain, new ScoringView(new DateOnly(2024, 6, 30)));
        yield return ("sum of entries without values", In(AtLeast(100), Aggregation.Sum, Parts("Q1", 1, 2)), Plain, Year);
        yield return ("average of entries without values", In(AtLeast(100), Aggregation.Average, Parts("Q1", 1, 2)), Plain, Year);
        yield return ("as forecast F3", In(AtMost(171.54m, TargetUnit.Euro), Aggregation.Last, At("F3", 173.36m), Y(155.54m), At("F1", 1)), Open, ScoringView.AsForecast(3));
        yield return ("as forecast F2, missing", In(AtLeast(10), Aggregation.Last, At("F3", 12), At("F2", null), Y(5)), Plain, ScoringView.AsForecast(2));
        yield return ("latest forecast as fallback", In(AtLeast(10), Aggregation.Last, At("F1", 8), At("F2", 9)), Plain, new ScoringView(FallbackToLatestForecast: true));
        yield return ("actuals beat the fallback", In(AtLeast(10), Aggregation.Last, At("Q1", 4), At("F2", 9)), Plain, new ScoringView(FallbackToLatestForecast: true));

        // Policy and status.
        var bands = new List<ScoreBand> { new(0, 50, 0), new(50, 75, 50), new(75, 100, 75), new(100, null, 100) };
        yield return ("threshold hit", Input(AtLeast(100), 40), Plain with { Threshold = 50 }, Year);
        yield return ("threshold not hit", Input(AtLeast(100), 60), Plain with { Threshold = 50 }, Year);
        yield return ("step band", Input(AtLeast(100), 80), Plain with { Bands = bands }, Year);
        yield return ("interpolated band", Input(AtLeast(100), 60), Plain with { Bands = bands, BandMode = BandMode.Interpolated }, Year);
        yield return ("interpolated, last band flat", Input(AtLeast(100), 130), Open with { Bands = bands, BandMode = BandMode.Interpolated }, Year);
        yield return ("no band covers", Input(AtLeast(100), 60), Plain with { Bands = [new(70, null, 100)] }, Year);
        yield return ("cap hit", Input(AtLeast(100), 130), Plain, Year);
        yield return ("floor", Input(AtLeast(-10), -25), Open, Year);
        yield return ("yellow", Input(AtLeast(100), 95), Plain with { JustificationRequiredWhenMissed = true }, Year);
        yield return ("red", Input(AtLeast(100), 60), Plain with { YellowFrom = 75.5m }, Year);
    }

    [Fact]
    public void Explanations_read_as_reviewed()
    {
        var text = new StringBuilder();
        foreach (var (name, input, policy, view) in Cases())
            Render(text, name, IndicatorScorer.Evaluate(input, policy, view));
        var actual = text.ToString().ReplaceLineEndings("\n");
        var path = Path.Combine(SourceDirectory(), "Golden", "explanations.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"Golden/explanations.txt line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}\n" +
                    "A deliberate change of wording: UPDATE_GOLDEN=1 dotnet test --filter ExplanationGoldenTests, review the diff, commit.");
    }

    private static void Render(StringBuilder s, string name, IndicatorEvaluation ev)
    {
        var e = ev.Explanation;
        s.Append("== ").Append(name).Append('\n');
        foreach (var step in e.Steps)
        {
            s.Append("  ").Append(step.Step).Append(": ").Append(step.Description);
            if (step.Value is { } v) s.Append(" | value ").Append(F(v));
            if (step.Before is { } b) s.Append(" | before ").Append(F(b));
            if (step.Calculation is { } c) s.Append(" | ").Append(c);
            s.Append('\n');
        }
        s.Append("  used: ").Append(string.Join(", ", e.ActualsUsed.Select(a => $"{a.Period} r{a.Revision}"))).Append('\n');
        foreach (var i in e.ActualsIgnored) s.Append("  ignored ").Append(i.Period).Append(" r").Append(i.Revision).Append(": ").Append(i.Reason).Append('\n');
        s.Append("  formula: ").Append(e.Formula).Append(" | calculation: ").Append(e.Calculation).Append('\n');
        s.Append("  basis ").Append(e.AggregationBasis).Append(", rule ").Append(e.AggregationRule).Append(", cap ").Append(F(e.Cap))
            .Append(", lower-is-better ").Append(e.LowerIsBetterFormula).Append('\n');
        s.Append("  shown: actual ").Append(F(Rounding.Present(ev.Actual))).Append(", achievement ").Append(F(Rounding.Present(ev.Achievement)))
            .Append(", score ").Append(F(Rounding.Present(ev.Score))).Append(", met ").Append(ev.Met?.ToString() ?? "—")
            .Append(", ").Append(ev.Status).Append(ev.JustificationRequired ? ", justification required" : string.Empty);
        if (ev.Deviation is { } d)
            s.Append(", deviation ").Append(F(Rounding.Present(d.Relative))).Append("% / ").Append(F(Rounding.Present(d.Points)))
                .Append(" pp / ratio ").Append(F(Rounding.Present(d.Ratio))).Append(" / ").Append(F(Rounding.Present(d.Difference)));
        s.Append('\n');
    }

    private static string F(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
