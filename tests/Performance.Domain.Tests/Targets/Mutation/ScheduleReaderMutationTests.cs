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
    // A label starts after a space, ';', ',' or '|'; not after '('.
    [InlineData("2025: 80%;2026: 85%", "Schedule 2025 {Numeric AtLeast 80 Percent \"%\"} 2026 {Numeric AtLeast 85 Percent \"%\"} !OperatorInferred !OperatorInferred")]
    [InlineData("2025: 80% (2026: 85%)", "refused@17: the end of the target (a second number cannot be scored)")]
    [InlineData("2025: 80% 2026: 2027: 85%", "refused@15: a target for 2026")]
    public void Year_labels(string text, string expected) => Reading.Check(text, expected);
}
