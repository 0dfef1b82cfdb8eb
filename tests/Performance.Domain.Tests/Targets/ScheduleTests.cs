using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>One target per year in one cell: kind Schedule with each year's target read with that year.</summary>
public sealed class ScheduleTests
{
    [Fact]
    public void Reads_one_target_per_year()
    {
        const string text = "Anno 2025: >= 80% Anno 2026: >= 85% Anno 2027: >= 90%";

        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.Schedule, t.Kind);
        Assert.Equal(TargetOperator.None, t.Operator);
        Assert.Null(t.Value);
        Assert.Equal([2025, 2026, 2027], t.ByYear!.Keys);
        Assert.Equal([80m, 85m, 90m], t.ByYear.Values.Select(y => y.Value!.Value));
        Assert.All(t.ByYear.Values, y => Assert.Equal((TargetKind.Numeric, TargetOperator.AtLeast, TargetUnit.Percent), (y.Kind, y.Operator, y.Unit)));
        Assert.Equal(">= 85%", t.ByYear[2026].Text);
        Assert.Equal(text, t.Text);
    }

    [Theory]
    [InlineData("2025: 80%; 2026: 85%")]
    [InlineData("Anno 2025 - 80% ; Anno 2026 - 85%")]
    [InlineData("anno 2025 >= 80%, anno 2026 >= 85%")]
    [InlineData("Target 2025: 80% | Target 2026: 85%")]
    public void Reads_the_usual_separators(string text)
    {
        var t = TargetParser.Parse(text, Polarity.HigherIsBetter);

        Assert.Equal(TargetKind.Schedule, t.Kind);
        Assert.Equal(new Dictionary<int, decimal> { [2025] = 80m, [2026] = 85m }, t.ByYear!.ToDictionary(kv => kv.Key, kv => kv.Value.Value!.Value));
    }

    [Fact]
    public void Each_year_is_read_with_its_own_year()
    {
        var t = TargetParser.Parse("Anno 2025: entro il 30/06 Anno 2026: Incremento del 10% rispetto all'anno precedente");

        Assert.Equal(new DateOnly(2025, 6, 30), t.ByYear![2025].DueDate);
        Assert.Equal(2025, t.ByYear[2026].Reference!.Year);
        Assert.Same(t.ByYear[2026], t.ForYear(2026));
        Assert.Null(t.ForYear(2024));
    }

    [Fact]
    public void Warnings_of_each_year_are_on_the_year_and_on_the_schedule()
    {
        var t = TargetParser.Parse("2025: 80%; 2026: 85%", Polarity.HigherIsBetter);

        Assert.Equal(TargetWarnings.OperatorInferred, Assert.Single(t.ByYear![2025].Warnings).Code);
        Assert.Equal(2, t.Warnings.Count);
        Assert.StartsWith("2025: ", t.Warnings[0].Message);
    }

    [Theory]
    [InlineData("Anno 2025: >= abc Anno 2026: >= 85%", 14, "a number")]
    [InlineData("Anno 2025: >= 80% Anno 2025: >= 85%", 18, "a year not already given")]
    [InlineData("Anno 2025: Anno 2026: >= 85%", 10, "a target for 2025")]
    [InlineData("2025: 80%; 2026: 85%", 6, "polarity")]
    public void Errors_point_into_the_whole_text(string text, int position, string expected)
    {
        var ex = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text));

        Assert.Equal(text, ex.Text);
        Assert.Equal(position, ex.Position);
        Assert.Contains(expected, ex.Expected);
    }

    [Theory]
    // Years inside a target are not labels.
    [InlineData("entro il 2025", TargetKind.Deadline)]
    [InlineData(">= 80% nel triennio 2021-2023", TargetKind.Numeric)]
    [InlineData("Attuazione nel triennio 2020-2022", TargetKind.Milestone)]
    [InlineData("Target: >= 80% nel triennio", TargetKind.Numeric)]
    public void A_year_is_a_label_only_at_the_start_with_its_separator(string text, TargetKind kind)
    {
        Assert.Equal(kind, TargetParser.Parse(text, null, 2021).Kind);
    }
}
