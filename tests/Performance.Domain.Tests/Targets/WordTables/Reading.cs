using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets.WordTables;

/// <summary>
/// One line for a parse result, so that a table row can say the whole expected reading in a string (rows stay
/// serializable: docs/mutation.md, "Theory rows are serializable"). A reading is written in the corpus notation
/// (<see cref="TargetCorpusTests.Describe"/>) followed by its warning codes, " !Code"; a refusal as
/// "refused@position: expected…" (0-based position, the start of the English message).
/// </summary>
public static class Reading
{
    /// <summary>The polarity and plan year every table row is read with unless it says otherwise.</summary>
    public const Polarity DefaultPolarity = Polarity.HigherIsBetter;

    public const int DefaultYear = 2025;

    public static string Of(string text, Polarity? polarity = DefaultPolarity, int? year = DefaultYear)
    {
        if (!TargetParser.TryParse(text, polarity, year, out var target, out var error))
        {
            return $"refused@{error.Position}: {error.Expected}";
        }
        return TargetCorpusTests.Describe(target) + string.Concat(target.Warnings.Select(w => " !" + w.Code));
    }

    /// <summary>A reading equals the expected one; a refusal matches its position and the start of its message.</summary>
    public static bool Matches(string actual, string expected) =>
        expected.StartsWith("refused@", StringComparison.Ordinal)
            ? actual.StartsWith(expected, StringComparison.Ordinal)
            : actual == expected;

    public static void Check(string text, string expected, Polarity? polarity = DefaultPolarity, int? year = DefaultYear)
    {
        var actual = Of(text, polarity, year);
        Assert.True(Matches(actual, expected), $"\"{text}\"\n  expected: {expected}\n  actual:   {actual}");
    }
}
