using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>docs/targets.md: n.d., n.a., —, -, non previsto, non applicabile, unfilled placeholders mean no target this year.</summary>
public sealed class NoTargetTests
{
    [Theory]
    [InlineData("n.d.")]
    [InlineData("N.D.")]
    [InlineData("nd")]
    [InlineData("n/d")]
    [InlineData("n.a.")]
    [InlineData("N/A")]
    [InlineData("—")]
    [InlineData("–")]
    [InlineData("-")]
    [InlineData("--")]
    [InlineData("/")]
    [InlineData("non previsto")]
    [InlineData("Non prevista")]
    [InlineData("non applicabile")]
    [InlineData("Non pertinente")]
    [InlineData("non previsto per il 2025")]
    [InlineData("Non rilevato")]
    [InlineData("TBD")]
    [InlineData("nessuno")]
    public void Reads_no_target(string text)
    {
        var t = TargetParser.Parse(text, Polarity.HigherIsBetter, 2025);

        Assert.Equal(TargetKind.NoTarget, t.Kind);
        Assert.Equal(TargetOperator.None, t.Operator);
        Assert.Null(t.Value);
        Assert.Null(t.DueDate);
        Assert.Empty(t.Warnings);
        Assert.Equal(text, t.Text);
    }

    [Theory]
    [InlineData("gg. …")]
    [InlineData("…")]
    [InlineData("… %")]
    [InlineData(">= xx%")]
    [InlineData("XX giorni")]
    [InlineData("entro il xx/xx/xxxx")]
    [InlineData("n. __")]
    [InlineData("[…]")]
    public void Reads_an_unfilled_placeholder_as_no_target_with_a_warning(string text)
    {
        var t = TargetParser.Parse(text);

        Assert.Equal(TargetKind.NoTarget, t.Kind);
        Assert.Equal(TargetWarnings.Placeholder, Assert.Single(t.Warnings).Code);
    }

    [Theory]
    // Dots alone are punctuation: an empty cell, not a placeholder (the parser's first tests pin it).
    [InlineData("...")]
    // Words after "non previsto" are prose like any other: a number there is refused, not dropped.
    [InlineData("non previsto, target 80%")]
    [InlineData("n.d. 5")]
    public void Does_not_read_no_target_around_something_else(string text)
    {
        Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Polarity.HigherIsBetter));
    }

    [Theory]
    [InlineData("nd 2025")]
    [InlineData("Nessun obiettivo raggiunto")]
    public void A_word_like_a_no_target_form_inside_a_text_is_not_one(string text)
    {
        Assert.True(TargetParser.TryParse(text, Polarity.HigherIsBetter, 2025, out var t, out _) is false || t!.Kind != TargetKind.NoTarget,
            text);
    }
}
