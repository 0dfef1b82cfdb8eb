using Performance.Domain.Actuals;
using Performance.Domain.Language;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Language;

// The domain writes each message in both languages; the caller's language (an async-local value) picks one. Each case
// runs in its own Task.Run so the language it sets never leaks into other tests (which read English).
public sealed class ItalianMessagesTests
{
    [Fact]
    public async Task A_target_that_does_not_parse_is_explained_in_the_callers_language_even_once_remembered()
    {
        var italian = await In(Domain.Language.Language.Italian, () => ParseError(">= abc"));
        var english = await In(Domain.Language.Language.English, () => ParseError(">= abc"));
        var italianAgain = await In(Domain.Language.Language.Italian, () => ParseError(">= abc"));

        Assert.Equal("\">= abc\": alla posizione 4 serve un numero", italian);
        Assert.Equal("\">= abc\": expected a number at position 4", english);
        Assert.Equal(italian, italianAgain); // the memo of parsed targets keeps one entry per language
    }

    [Fact]
    public async Task A_closed_period_is_described_in_Italian_by_default()
    {
        var closure = new Domain.Plans.PeriodClosure
        {
            Id = Guid.Parse("11111111-2222-3333-4444-555555555555"), Year = 2024, Period = "S1", ClosedBy = "controllo@ente",
            ClosedAt = new DateTime(2024, 7, 20, 9, 0, 0, DateTimeKind.Utc),
        };
        var italian = await In(Domain.Language.Language.Italian, () => ActualAdmission.Describe(closure));
        var english = await In(Domain.Language.Language.English, () => ActualAdmission.Describe(closure));

        Assert.Equal("Il periodo S1 2024 è chiuso (chiusura 11111111-2222-3333-4444-555555555555 disposta da controllo@ente il 2024-07-20); " +
                     "solo un Admin può riaprirlo.", italian);
        Assert.Equal("S1 2024 is closed (closure 11111111-2222-3333-4444-555555555555 by controllo@ente on 2024-07-20); an Admin must reopen it.", english);
    }

    [Fact]
    public async Task A_relative_target_without_its_reference_or_out_of_range_says_so_in_the_callers_language()
    {
        string Missing() => RelativeTargets.Resolve(TargetParser.Parse("+8% rispetto al 2023"), Polarity.HigherIsBetter, null).Explanation;
        string OutOfRange() => RelativeTargets.Resolve(TargetParser.Parse("+50% rispetto al 2023"), Polarity.HigherIsBetter, decimal.MaxValue).Explanation;

        Assert.Equal("baseline 2023 mancante", await In(Domain.Language.Language.Italian, Missing));
        Assert.Equal("baseline 2023 missing", await In(Domain.Language.Language.English, Missing));
        Assert.EndsWith(": il target calcolato è fuori scala", await In(Domain.Language.Language.Italian, OutOfRange));
        Assert.EndsWith(": the computed target is out of range", await In(Domain.Language.Language.English, OutOfRange));
    }

    private static string ParseError(string text) =>
        ParsedTargets.TryParse(text, null, 2024, out _, out var error) ? "parsed" : error.Message;

    private static Task<string> In(Domain.Language.Language language, Func<string> speak) => Task.Run(() =>
    {
        Say.Language = language;
        return speak();
    });
}
