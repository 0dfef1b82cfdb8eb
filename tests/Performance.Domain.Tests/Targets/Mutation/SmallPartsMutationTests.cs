using Performance.Domain.Targets;
using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>NoTargetReader (placeholders), TargetCursor (invisible spaces), Operators (longest phrase first), ValueCollections.</summary>
public sealed class SmallPartsMutationTests
{
    // A placeholder is made only of placeholder marks, units and operators; a milestone ending in "?" or "..." is not one.
    [Theory]
    [InlineData("Approvazione del PIAO?", "Milestone")]
    [InlineData("Approvazione del regolamento...", "Milestone")]
    [InlineData(".", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    [InlineData("[ ]", "refused@0: a target (a comparison, a range, a deadline or a description)")]
    [InlineData("xx n%r", "refused@4: the end of the target (a unit without its number)")]
    public void Placeholders(string text, string expected) => Reading.Check(text, expected);

    // Zero-width spaces pasted from a document are spaces.
    [Theory]
    [InlineData(">=\u200B80%")]
    [InlineData(">=\u200C80%")]
    [InlineData(">=\u200D80%")]
    [InlineData(">=\u206080%")]
    [InlineData(">=\uFEFF80%")]
    public void An_invisible_space_is_a_space(string text) => Reading.Check(text, "Numeric AtLeast 80 Percent \"%\"");

    [Theory]
    [InlineData("maggiore o uguale al 90%", "Numeric AtLeast 90 Percent \"%\"")]
    [InlineData("pari o superiore al 90%", "Numeric AtLeast 90 Percent \"%\"")]
    public void The_longest_operator_phrase_wins(string text, string expected) => Reading.Check(text, expected);

    [Fact]
    public void A_value_list_equals_by_content_and_never_null()
    {
        var a = new ValueList<int>([1, 2, 3]);
        var b = new ValueList<int>([1, 2, 3]);
        var c = new ValueList<int>([3, 2, 1]);
        Assert.True(a.Equals(b));
        Assert.False(a.Equals((ValueList<int>?)null));
        Assert.False(a.Equals(c));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a.GetHashCode(), c.GetHashCode());
    }

    [Fact]
    public void Year_targets_equal_by_content_and_never_null()
    {
        var a = (YearTargets)TargetParser.Parse("Anno 2025: >= 80% Anno 2026: >= 85%", null, null).ByYear!;
        var b = (YearTargets)TargetParser.Parse("Anno 2025: >= 80% Anno 2026: >= 85%", null, null).ByYear!;
        var c = (YearTargets)TargetParser.Parse("Anno 2025: >= 80% Anno 2026: >= 90%", null, null).ByYear!;
        Assert.True(a.Equals(b));
        Assert.False(a.Equals((YearTargets?)null));
        Assert.False(a.Equals(c));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a.GetHashCode(), c.GetHashCode());
    }
}
