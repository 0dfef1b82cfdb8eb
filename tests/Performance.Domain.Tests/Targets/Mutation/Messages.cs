using Performance.Domain.Language;
using Performance.Domain.Targets;
using Performance.Domain.Tests.Targets.WordTables;

namespace Performance.Domain.Tests.Targets.Mutation;

/// <summary>
/// A reading's messages in one language, whole: "refused@position: expected" for a refusal (the full text of what was
/// expected, not its start as in <see cref="Reading"/>), or each warning as " !Code: message" after the reading. Each
/// call runs in its own Task.Run so the language it sets never leaks into other tests (which read English).
/// </summary>
public static class Messages
{
    public static Polarity? PolarityOf(string code) => code switch
    {
        "H" => Polarity.HigherIsBetter,
        "L" => Polarity.LowerIsBetter,
        "M" => Polarity.Milestone,
        "-" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "H, L, M or -"),
    };

    public static string In(Domain.Language.Language language, string text, Polarity? polarity = Reading.DefaultPolarity, int? year = Reading.DefaultYear) =>
        Task.Run(() =>
        {
            Say.Language = language;
            if (!TargetParser.TryParse(text, polarity, year, out var target, out var error))
            {
                return $"refused@{error.Position}: {error.Expected}";
            }
            return TargetCorpusTests.Describe(target) + string.Concat(target.Warnings.Select(w => $" !{w.Code}: {w.Message}"));
        }).GetAwaiter().GetResult();

    public static void Check(string text, string italian, string english, Polarity? polarity = Reading.DefaultPolarity, int? year = Reading.DefaultYear)
    {
        Assert.Equal(italian, In(Domain.Language.Language.Italian, text, polarity, year));
        Assert.Equal(english, In(Domain.Language.Language.English, text, polarity, year));
    }
}
