using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// Italian numbers (<c>ItalianNumber</c>) on what the 2026-12-03 mutation run of <c>Targets/**</c> left unguarded: a comma
/// after a number that is punctuation, not a decimal separator, and the refusals of a malformed or too large number said
/// whole in both languages. docs/targets.md, "Numbers and units" (a malformed group is an error, never a guess).
/// </summary>
public sealed class ItalianNumberMutationTests
{
    [Theory]
    [InlineData("≤ 30, come da regolamento", "Numeric AtMost 30 None")]
    // Taken as a separator, the punctuation would make "1,5," a malformed thousands group and "2,5." a decimal with
    // "5" grouping thousands.
    [InlineData("≤ 1,5, come da regolamento", "Numeric AtMost 1.5 None")]
    [InlineData(">= 2,5. Da verificare", "Numeric AtLeast 2.5 None")]
    public void A_separator_not_followed_by_a_figure_ends_the_number(string text, string expected) => Reading.Check(text, expected);

    [Theory]
    [InlineData(">= 1.23.4", "HigherIsBetter", 2025,
        "\">= 1.23.4\": alla posizione 4 serve un numero in formato italiano (1.234,56) o semplice (1234.56)",
        "\">= 1.23.4\": expected a number in Italian (1.234,56) or plain (1234.56) format at position 4")]
    [InlineData(">= 123456789012345678901234567890", "HigherIsBetter", 2025,
        "\">= 123456789012345678901234567890\": alla posizione 4 serve un numero nei limiti ammessi",
        "\">= 123456789012345678901234567890\": expected a number within range at position 4")]
    [InlineData(">= 99999999999999999999999999999", "HigherIsBetter", 2025,
        "\">= 99999999999999999999999999999\": alla posizione 4 serve un numero nei limiti ammessi",
        "\">= 99999999999999999999999999999\": expected a number within range at position 4")]

    public void A_malformed_or_too_large_number_is_refused_in_the_callers_language(
        string text, string polarity, int? year, string italian, string english) => Messages.CheckWhole(text, polarity, year, italian, english);
}
