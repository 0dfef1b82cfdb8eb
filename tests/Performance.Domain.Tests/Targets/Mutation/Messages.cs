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

    /// <summary>
    /// The refusal of <see cref="TargetParser"/>'s public entry point around a reader that fails with an unexpected
    /// exception, as "refused@position: expected" with the refused text in quotes before it, in one language.
    /// </summary>
    public static string FaultIn(Domain.Language.Language language, string? text, Exception fault) =>
        Task.Run(() =>
        {
            Say.Language = language;
            var error = Assert.Throws<TargetParseException>(() => TargetParser.Parse(text, Reading.DefaultPolarity, Reading.DefaultYear, (_, _, _) => throw fault));
            return $"\"{error.Text}\" refused@{error.Position}: {error.Expected}";
        }).GetAwaiter().GetResult();

    public static void Check(string text, string italian, string english, Polarity? polarity = Reading.DefaultPolarity, int? year = Reading.DefaultYear)
    {
        Assert.Equal(italian, In(Domain.Language.Language.Italian, text, polarity, year));
        Assert.Equal(english, In(Domain.Language.Language.English, text, polarity, year));
    }

    /// <summary>
    /// The refusal's whole message as the service returns it (the text, the position and what was expected), or the
    /// reading's warnings as "Code: message" joined by " | ", in one language (its own task: the language never leaks).
    /// </summary>
    public static string Whole(Domain.Language.Language language, string text, Polarity? polarity, int? year) =>
        Task.Run(() =>
        {
            Say.Language = language;
            return TargetParser.TryParse(text, polarity, year, out var target, out var error)
                ? string.Join(" | ", target.Warnings.Select(w => w.Code + ": " + w.Message))
                : error.Message;
        }).GetAwaiter().GetResult();

    /// <summary><see cref="Whole"/> in Italian and in English; <paramref name="polarity"/> is a <see cref="Polarity"/> name or "-" for none.</summary>
    public static void CheckWhole(string text, string polarity, int? year, string italian, string english)
    {
        Polarity? p = polarity == "-" ? null : Enum.Parse<Polarity>(polarity);
        Assert.Equal(italian, Whole(Domain.Language.Language.Italian, text, p, year));
        Assert.Equal(english, Whole(Domain.Language.Language.English, text, p, year));
    }
}
