using System.Globalization;
using System.Text;
using Performance.Domain.Language;

namespace Performance.Domain.Audit;

/// <summary>
/// A reason the rules ask for (returning a consuntivo, correcting a validated one, reopening a closed period) must say why
/// in words: at least <see cref="MinLetters"/> letters. Spaces, punctuation, digits and invisible characters (a zero-width
/// space, a BOM, a direction mark) do not count, so ".", "-" or a zero-width space is no reason.
/// </summary>
public static class Reasons
{
    public const int MinLetters = 3;

    /// <summary>Nothing but spaces, control and invisible (format) characters: no reason was given.</summary>
    public static bool IsBlank(string? text) =>
        text is null || text.EnumerateRunes().All(r => Rune.IsWhiteSpace(r) || Rune.IsControl(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.Format);

    public static int Letters(string text) => text.EnumerateRunes().Count(Rune.IsLetter);

    /// <summary>Null when <paramref name="text"/> is a reason; else why not, for the field named <paramref name="field"/>.</summary>
    public static string? Problem(string? text, string field = "reason") =>
        IsBlank(text) ? Say.It($"La motivazione ({field}) è obbligatoria.", $"A {field} is required.")
        : Letters(text!) < MinLetters ? Say.It($"La motivazione ({field}) deve spiegare il perché a parole: almeno {MinLetters} lettere (spazi, punteggiatura, cifre e caratteri invisibili non contano).", $"The {field} must say why in words: at least {MinLetters} letters (spaces, punctuation, digits and invisible characters do not count).")
        : null;
}
