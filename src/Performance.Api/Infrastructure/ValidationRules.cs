using FluentValidation;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// The rules every request validator shares. Validation has one shape in this service: a request whose rules need only
/// the request (required fields, formats, lengths) has a FluentValidation validator next to it, run by the pipeline
/// before the handler; a request with rules that need stored state (a year of this plan, a code that must exist) is
/// checked by its handler and the domain in one pass, so that one answer lists every error. Either way the errors are
/// <see cref="ValidationError"/>s by JSON path (and file location), in the same 400.
/// </summary>
public static class ValidationRules
{
    public const int MaxTextLength = Domain.Actuals.ActualRules.MaxTextLength;

    /// <summary>A free text (note, reason) of at most 4000 characters, under its JSON name.</summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(t => t is null || t.Length <= MaxTextLength).WithMessage(_ => Say.It($"Il campo {field} può contenere al massimo {MaxTextLength} caratteri.", $"The {field} must be at most {MaxTextLength} characters.")).OverridePropertyName(field);

    /// <summary>A reason the rules require: present, and saying why in words (<see cref="Domain.Audit.Reasons"/>).</summary>
    public static IRuleBuilderOptions<T, string?> Reason<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(t => Domain.Audit.Reasons.Problem(t, field) is null).WithMessage((_, t) => Domain.Audit.Reasons.Problem(t, field)!).OverridePropertyName(field);

    /// <summary>
    /// The position of the first character no text of this service may hold, or -1. The workbooks it writes are XML 1.0,
    /// which has no place for control characters other than tab and line breaks, for U+FFFE and U+FFFF, or for half of a
    /// surrogate pair (and PostgreSQL none for NUL): a title that held one broke every export of its plan. One rule for every
    /// text input, JSON or file.
    /// </summary>
    public static int ForbiddenCharacter(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and < '\uD800' or '\t' or '\n' or '\r' or >= '\uE000' and <= '\uFFFD') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    public static string ForbiddenCharacterMessage(string text, int index) =>
        Say.It($"Il testo contiene il carattere U+{(int)text[index]:X4} alla posizione {index + 1}, che non si può salvare né esportare: non sono ammessi i caratteri di controllo diversi da tabulazione e a capo, U+FFFE, U+FFFF e i surrogati spaiati.", $"The text has the character U+{(int)text[index]:X4} at position {index + 1}, which cannot be stored or exported: control characters " +
        "other than tab and line breaks, U+FFFE, U+FFFF and unpaired surrogates are not allowed.");

    /// <summary>Why the text cannot be stored (<see cref="ForbiddenCharacterMessage"/>), or null when it can (or is null).</summary>
    public static string? UnstorableProblem(string? text) =>
        text is not null && ForbiddenCharacter(text) is var index and >= 0 ? ForbiddenCharacterMessage(text, index) : null;

    /// <summary>A value from the request as a message may quote it: never a megabyte of it.</summary>
    public static string Excerpt(string text, int max = 40) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)] + "…"; // never half a character
}
