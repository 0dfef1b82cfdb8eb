using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// <c>RelativeTargets.Resolve</c> on what the 2026-12-03 mutation run of <c>Targets/**</c> left unguarded: the year the
/// text names is the reference's (a declared baseline's year only fills in when the text names none), the computed
/// target keeps the change, the reference, the inferred operator and the warnings it was read with, and what is not a
/// relative target is refused with a reason. docs/targets.md, "Computing the target".
/// </summary>
public sealed class RelativeTargetsMutationTests
{
    [Fact]
    public void The_year_the_text_names_is_the_references_even_when_a_baseline_year_is_passed()
    {
        var r = RelativeTargets.Resolve(TargetParser.Parse("+8% rispetto al 2023"), Polarity.HigherIsBetter, 1200m, referenceYear: 2021);

        Assert.Equal("baseline 2023 = 1.200 → target = 1.200 × 1,08 = 1.296", r.Explanation);
        Assert.Equal(1296m, r.Target!.Value);
    }

    [Fact]
    public void The_computed_target_keeps_the_change_the_reference_and_the_warnings_of_the_text()
    {
        // "mantenimento" without a polarity: at least the reference, inferred, with its warning (docs/targets.md).
        var parsed = TargetParser.Parse("Mantenimento del valore 2023", polarity: null, year: 2025);
        var r = RelativeTargets.Resolve(parsed, Polarity.HigherIsBetter, 42m);

        var t = r.Target!;
        Assert.Equal(TargetKind.Numeric, t.Kind);
        Assert.Equal(TargetOperator.AtLeast, t.Operator);
        Assert.Equal(42m, t.Value);
        Assert.Equal(new TargetChange(null, ChangeUnit.Absolute, ChangeDirection.Maintain), t.Change);
        Assert.Equal(new TargetReference(2023, Baseline: false), t.Reference);
        Assert.True(t.OperatorInferred);
        Assert.Equal(["MaintainAssumedHigherIsBetter"], t.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Only_a_relative_target_is_resolved()
    {
        var e = Assert.Throws<ArgumentException>(() => RelativeTargets.Resolve(TargetParser.Parse(">= 80%"), Polarity.HigherIsBetter, 1m));
        Assert.StartsWith("Only a relative target can be resolved against a reference.", e.Message, StringComparison.Ordinal);
        Assert.Equal("target", e.ParamName);

        Assert.Throws<ArgumentNullException>(() => RelativeTargets.Resolve(null!, Polarity.HigherIsBetter, 1m));
    }
}
