using System.Globalization;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>Relative targets (docs/targets.md): a change against a reference year or the baseline, and its resolution to a number.</summary>
public sealed class RelativeTargetTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // text, amount ("" = none), change unit, direction, operator, reference year (0 = none), baseline
    [InlineData("+8% rispetto al 2023", "8", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("+ 8% rispetto al 2023", "8", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("-10% rispetto al 2022", "10", ChangeUnit.Percent, ChangeDirection.Decrease, TargetOperator.AtMost, 2022, false)]
    [InlineData("Incremento del 15% rispetto alla baseline", "15", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Aumento del 25% rispetto alla baseline.", "25", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Riduzione del 10% dei tempi rispetto al 2022", "10", ChangeUnit.Percent, ChangeDirection.Decrease, TargetOperator.AtMost, 2022, false)]
    [InlineData("riduzione del 5% di RAM, CPU e Storage rispetto alla baseline.", "5", ChangeUnit.Percent, ChangeDirection.Decrease, TargetOperator.AtMost, 0, true)]
    [InlineData("Incremento del numero di autenticazioni del 50% rispetto alla baseline.", "50", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Incremento, rispetto alla baseline, di almeno altri 450 servizi qualificati.", "450", ChangeUnit.Absolute, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Ulteriori 300 imprese rispetto alla baseline", "300", ChangeUnit.Absolute, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Incremento di 5 punti percentuali rispetto alla baseline", "5", ChangeUnit.Absolute, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Incremento del 10% sulla baseline individuata nel target 2024", "10", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Incremento, rispetto alla baseline 2021, di almeno 40 PA", "40", ChangeUnit.Absolute, ChangeDirection.Increase, TargetOperator.AtLeast, 2021, true)]
    [InlineData("Incremento del 20% rispetto ai valori definiti nella baseline", "20", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 0, true)]
    [InlineData("Incremento almeno del 10% rispetto al valore 2023", "10", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("Incremento del 10% del valore 2023", "10", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("Incremento del 10% rispetto all'anno precedente", "10", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2024, false)]
    [InlineData("Incremento rispetto al 2023", "", ChangeUnit.Absolute, ChangeDirection.Increase, TargetOperator.MoreThan, 2023, false)]
    [InlineData("Riduzione rispetto alla baseline", "", ChangeUnit.Absolute, ChangeDirection.Decrease, TargetOperator.LessThan, 0, true)]
    [InlineData("mantenimento del livello 2024", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2024, false)]
    [InlineData("Mantenimento del valore dell'anno precedente", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2024, false)]
    [InlineData("non inferiore al valore 2023", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2023, false)]
    [InlineData(">= valore 2023", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2023, false)]
    [InlineData("≤ baseline", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtMost, 0, true)]
    [InlineData("superiore al dato dell'anno precedente", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.MoreThan, 2024, false)]
    [InlineData(">= +5% rispetto al 2023", "5", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("Incremento pari al 25% rispetto al 2023", "25", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("Incremento pari almeno al 25% rispetto al 2023", "25", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("-0% rispetto al 2023", "0", ChangeUnit.Percent, ChangeDirection.Decrease, TargetOperator.AtMost, 2023, false)]
    [InlineData("in linea con il 2023", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2023, false)]
    [InlineData("mantenimento del 2024", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2024, false)]
    [InlineData("+5% vs 2023", "5", ChangeUnit.Percent, ChangeDirection.Increase, TargetOperator.AtLeast, 2023, false)]
    [InlineData("Valore 2024 >= valore 2023", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2023, false)]
    [InlineData("Non inferiore all'anno precedente", "", ChangeUnit.Absolute, ChangeDirection.Maintain, TargetOperator.AtLeast, 2024, false)]
    public void Reads_the_change_and_its_reference(
        string text, string amount, ChangeUnit unit, ChangeDirection direction, TargetOperator op, int year, bool baseline)
    {
        var t = TargetParser.Parse(text, null, 2025);

        Assert.Equal(TargetKind.Relative, t.Kind);
        Assert.Null(t.Value);
        Assert.Equal(new TargetChange(amount.Length == 0 ? null : D(amount), unit, direction), t.Change);
        Assert.Equal(new TargetReference(year == 0 ? null : year, baseline), t.Reference);
        Assert.Equal(op, t.Operator);
        Assert.Equal(text, t.Text);
    }

    [Fact]
    public void An_absolute_change_keeps_its_unit_label()
    {
        var t = TargetParser.Parse("Ulteriori 200 PA, rispetto alla baseline, attivano Web Analytics Italia.");

        Assert.Equal((TargetUnit.Count, "PA"), (t.Unit, t.UnitLabel));
        var points = TargetParser.Parse("+5 punti percentuali rispetto al 2023");
        Assert.Equal((ChangeUnit.Absolute, TargetUnit.Percent), (points.Change!.Unit, points.Unit));
    }

    [Fact]
    public void Maintain_follows_the_polarity_and_says_so_when_there_is_none()
    {
        var lower = TargetParser.Parse("mantenimento del livello 2024", Polarity.LowerIsBetter);
        Assert.Equal(TargetOperator.AtMost, lower.Operator);
        Assert.Empty(lower.Warnings);

        var none = TargetParser.Parse("mantenimento del livello 2024");
        Assert.Equal(TargetOperator.AtLeast, none.Operator);
        Assert.Equal(TargetWarnings.MaintainAssumedHigherIsBetter, Assert.Single(none.Warnings).Code);
    }

    [Theory]
    [InlineData("Miglioramento del 5% rispetto al 2023", Polarity.HigherIsBetter, ChangeDirection.Increase)]
    [InlineData("Miglioramento del 5% rispetto al 2023", Polarity.LowerIsBetter, ChangeDirection.Decrease)]
    public void Improvement_goes_the_way_the_polarity_says(string text, Polarity polarity, ChangeDirection direction)
    {
        Assert.Equal(direction, TargetParser.Parse(text, polarity).Change!.Direction);
    }

    [Fact]
    public void A_change_against_the_polarity_is_read_with_a_warning()
    {
        var t = TargetParser.Parse("Incremento del 10% rispetto al 2023", Polarity.LowerIsBetter);

        Assert.Equal(ChangeDirection.Increase, t.Change!.Direction);
        Assert.Equal(TargetWarnings.ChangeAgainstPolarity, Assert.Single(t.Warnings).Code);
    }

    [Theory]
    // A change needs a reference, a reference needs a change: never one of them dropped.
    [InlineData("Riduzione del 10%", 14, "an operator before the quantity")]
    [InlineData("+8%", 0, "a reference for the change")]
    [InlineData("Incremento dei servizi", 0, "a change with its size and reference")]
    [InlineData("Mantenimento", 12, "a reference for \"mantenimento\"")]
    [InlineData("rispetto al 2023", 0, "a change before the reference")]
    [InlineData("8% rispetto al 2023", 3, "a change before the reference")]
    [InlineData(">= 8% rispetto al 2023", 6, "a change before the reference")]
    [InlineData("Incremento del 10% rispetto al target 2024", 31, "a reference year or the baseline")]
    [InlineData("Incremento del 10% rispetto alla media del triennio", 33, "a reference year or the baseline")]
    [InlineData("Incremento del 10% rispetto all'anno precedente", 32, "a plan year")]
    [InlineData("Incremento di 10 PA, di cui 4 comuni", 21, "\"di cui\"")]
    [InlineData("Aumento del 15% per ogni amministrazione rispetto al 2024", 16, "\"per ogni\"")]
    [InlineData("+20.000 servizi per un totale di almeno 280.000", 16, "\"per un totale\"")]
    [InlineData("Incremento del 5% e del 10% rispetto al 2023", 24, "one change per target")]
    [InlineData("Incremento del 5% rispetto al 2023 e alla baseline", 42, "one reference per target")]
    [InlineData("Riduzione del 120% rispetto al 2023", 14, "a reduction of at most 100%")]
    [InlineData("Ulteriori 5% rispetto al 2023", 10, "\"punti percentuali\"")]
    [InlineData("Dimezzamento rispetto al 2023", 0, "the change as a percentage")]
    [InlineData("Miglioramento del 5% rispetto al 2023", 0, "polarity")]
    [InlineData("non inferiore al 2023", 17, "\"valore 2023\"")]
    // "incremento al 90%" is a value to reach, not a change of 90%: refused, never read as +90%.
    [InlineData("Incremento al 90%", 14, "a value to reach is written with an operator")]
    [InlineData("Riduzione a 30 giorni rispetto al 2023", 12, "a value to reach is written with an operator")]
    [InlineData("mantenimento del 90%", 17, "a value to keep is written with an operator")]
    [InlineData("Aumento fino al 90% rispetto al 2023", 8, "one comparison per target")]
    [InlineData("Incremento del 5% al mese rispetto al 2023", 16, "a change over the year")]
    public void Refuses_a_change_it_cannot_read_whole(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text));

        Assert.Contains(expected, ex.Expected);
        Assert.Equal(position, ex.Position);
    }

    [Fact]
    public void A_milestone_polarity_is_refused_for_a_relative_target()
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse("Incremento del 5% rispetto al 2023", Polarity.Milestone));
        Assert.Contains("polarity", ex.Expected);
    }

    // ---- Resolution against the reference value B ----

    [Theory]
    [InlineData("+8% rispetto al 2023", "1200", TargetOperator.AtLeast, "1296", "baseline 2023 = 1.200 → target = 1.200 × 1,08 = 1.296")]
    [InlineData("Riduzione del 10% rispetto al 2022", "1200", TargetOperator.AtMost, "1080", "baseline 2022 = 1.200 → target = 1.200 × 0,9 = 1.080")]
    [InlineData("Ulteriori 300 imprese rispetto al 2023", "1200", TargetOperator.AtLeast, "1500", "baseline 2023 = 1.200 → target = 1.200 + 300 = 1.500")]
    [InlineData("Riduzione di 30 giorni rispetto al 2023", "120.5", TargetOperator.AtMost, "90.5", "baseline 2023 = 120,5 → target = 120,5 − 30 = 90,5")]
    [InlineData("Incremento di 5 punti percentuali rispetto al 2023", "62.3", TargetOperator.AtLeast, "67.3", "baseline 2023 = 62,3 → target = 62,3 + 5 = 67,3")]
    [InlineData("Incremento rispetto al 2023", "1200", TargetOperator.MoreThan, "1200", "baseline 2023 = 1.200 → target = 1.200")]
    [InlineData("non inferiore al valore 2023", "0.875", TargetOperator.AtLeast, "0.875", "baseline 2023 = 0,875 → target = 0,875")]
    [InlineData("+12,5% rispetto al 2023", "1000", TargetOperator.AtLeast, "1125", "baseline 2023 = 1.000 → target = 1.000 × 1,125 = 1.125")]
    public void Resolves_against_the_reference_at_full_precision(string text, string b, TargetOperator op, string value, string explanation)
    {
        var relative = TargetParser.Parse(text, Polarity.HigherIsBetter);

        var r = RelativeTargets.Resolve(relative, Polarity.HigherIsBetter, D(b));

        Assert.True(r.IsScorable);
        Assert.Equal(TargetKind.Numeric, r.Target!.Kind);
        Assert.Equal(op, r.Target.Operator);
        Assert.Equal(D(value), r.Target.Value);
        Assert.Equal(explanation, r.Explanation);
        Assert.Equal(text, r.Target.Text);
    }

    [Fact]
    public void Full_precision_means_no_rounding_of_the_computed_target()
    {
        var relative = TargetParser.Parse("+7% rispetto al 2023");

        var r = RelativeTargets.Resolve(relative, Polarity.HigherIsBetter, 333.33m);

        Assert.Equal(356.6631m, r.Target!.Value);
        Assert.Equal("baseline 2023 = 333,33 → target = 333,33 × 1,07 = 356,6631", r.Explanation);
    }

    [Fact]
    public void The_documented_example_scores_a_hundred_when_the_actual_equals_the_computed_target()
    {
        // docs/targets.md: B(2023) = 1.200, "+8% rispetto al 2023" → T = 1.296; A = 1.296 → met.
        var r = RelativeTargets.Resolve(TargetParser.Parse("+8% rispetto al 2023"), Polarity.HigherIsBetter, 1200m);

        Assert.True(Performance.Domain.Scoring.IndicatorScorer.IsMet(r.Target!, 1296m));
        Assert.False(Performance.Domain.Scoring.IndicatorScorer.IsMet(r.Target!, 1295.99m));
    }

    [Theory]
    [InlineData("+8% rispetto al 2023", null, "baseline 2023 missing")]
    [InlineData("Incremento del 15% rispetto alla baseline", 2021, "baseline 2021 missing")]
    [InlineData("Incremento del 15% rispetto alla baseline", null, "baseline missing")]
    public void Without_a_reference_value_it_is_not_scorable_and_says_why(string text, int? baselineYear, string reason)
    {
        var r = RelativeTargets.Resolve(TargetParser.Parse(text), Polarity.HigherIsBetter, null, baselineYear);

        Assert.False(r.IsScorable);
        Assert.Null(r.Target);
        Assert.Equal(reason, r.Explanation);
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, TargetOperator.AtLeast)]
    [InlineData(Polarity.LowerIsBetter, TargetOperator.AtMost)]
    public void Maintain_without_a_written_operator_takes_it_from_the_polarity_when_resolved(Polarity polarity, TargetOperator op)
    {
        var r = RelativeTargets.Resolve(TargetParser.Parse("mantenimento del livello 2024"), polarity, 42m);

        Assert.Equal(op, r.Target!.Operator);
        Assert.Equal(42m, r.Target.Value);
    }

    [Fact]
    public void A_reference_too_large_for_the_change_is_not_scorable_rather_than_an_overflow()
    {
        var r = RelativeTargets.Resolve(TargetParser.Parse("+50% rispetto al 2023"), Polarity.HigherIsBetter, decimal.MaxValue);

        Assert.False(r.IsScorable);
        Assert.Contains("out of range", r.Explanation);
    }

    [Fact]
    public void Only_relative_targets_resolve()
    {
        Assert.Throws<ArgumentException>(() => RelativeTargets.Resolve(TargetParser.Parse(">= 80%"), Polarity.HigherIsBetter, 1m));
    }
}
