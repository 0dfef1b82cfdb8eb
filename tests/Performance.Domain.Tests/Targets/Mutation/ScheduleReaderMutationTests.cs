using Performance.Domain.Targets;
using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>Year labels of a schedule (docs/targets.md, "Schedules"): which words, separators and years make one.</summary>
public sealed class ScheduleReaderMutationTests
{
    [Theory]
    // The labels of one cell use the word of its first label; another word is prose of the first year's target.
    [InlineData("Anno 2025: >= 80% target 2026: >= 85%", "refused@31: the end of the target (one comparison per target)")]
    [InlineData("Anno 2025: 80% 2026: 85%", "refused@15: the end of the target")]
    // Years 1900-2100.
    [InlineData("Anno 1900: >= 80%", "Schedule 1900 {Numeric AtLeast 80 Percent \"%\"}")]
    [InlineData("Anno 2100: >= 80%", "Schedule 2100 {Numeric AtLeast 80 Percent \"%\"}")]
    // After a word: a colon, a dash between spaces, or directly the comparison (which stays the year's operator).
    [InlineData("Anno 2025 - 80% ; Anno 2026 - 85%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"} !OperatorInferred !OperatorInferred")]
    [InlineData("Anno 2025 -80%", "refused@10: an operator before the quantity")]
    [InlineData("Target 2025 = 80%", "Schedule 2025 {Numeric Equal 80 Percent \"%\"}")]
    [InlineData("Anno 2025 80%", "refused@10: an operator before the quantity")]
    // The dash or the comparison may be glued to the year (docs/targets.md: "then `:`, a dash, or directly the comparison");
    // a dash glued on both sides joins two years or a year and a number, and is no label.
    [InlineData("Anno 2025- 80%; Anno 2026- 85%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"} !OperatorInferred !OperatorInferred")]
    [InlineData("Anno 2025>= 80% Anno 2026>= 85%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"}")]
    [InlineData("Obiettivo 2025≥ 80% Obiettivo 2026≥ 85%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"}")]
    [InlineData("Anno 2025>= 80%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"}")]
    [InlineData("Anno 2024-2026", "Milestone !MilestoneWithoutCue")]
    [InlineData("anno 2024/25", "Milestone !MilestoneWithoutCue")]
    [InlineData("Anno 2025-80%", "refused@12: the end of the target (a unit without its number)")]
    // A label starts after a space, ';', ',' or '|'; not after '('.
    [InlineData("2025: 80%;2026: 85%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"} !OperatorInferred !OperatorInferred")]
    [InlineData("2025: 80% (2026: 85%)", "refused@17: the end of the target (a second number cannot be scored)")]
    [InlineData("2025: 80% 2026: 2027: 85%", "refused@15: a target for 2026")]
    public void Year_labels(string text, string expected) => Reading.Check(text, expected);

    // A single glued label is a schedule of one year: the target is that year's only, not every year's.
    [Fact]
    public void A_single_glued_label_gives_the_target_of_its_year_only()
    {
        var target = TargetParser.Parse("Anno 2025>= 80%", Polarity.HigherIsBetter, 2025);
        Assert.Equal(TargetKind.Schedule, target.Kind);
        Assert.Equal((TargetKind.Numeric, TargetOperator.AtLeast, 80m), (target.ForYear(2025)!.Kind, target.ForYear(2025)!.Operator, target.ForYear(2025)!.Value));
        Assert.Null(target.ForYear(2026));
    }
}
