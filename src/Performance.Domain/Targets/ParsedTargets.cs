using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// <see cref="TargetParser.TryParse"/> behind a bounded, thread-safe memo. Parsing is a pure function of
/// (text, polarity, year) and <see cref="ParsedTarget"/> is immutable, so a remembered result is always the result a
/// fresh parse would give: nothing to invalidate when plans change. Plans repeat a few target texts thousands of times
/// (every scorecard, every bulk load re-reads them); the memo forgets everything when it reaches <see cref="Capacity"/>.
/// </summary>
public static class ParsedTargets
{
    public const int Capacity = 50_000;

    private static readonly ConcurrentDictionary<(string Text, Polarity? Polarity, int? Year, Language.Language Language), (ParsedTarget? Target, TargetParseException? Error)> Memo = new();

    public static bool TryParse(
        string text,
        Polarity? polarity,
        int? year,
        [NotNullWhen(true)] out ParsedTarget? target,
        [NotNullWhen(false)] out TargetParseException? error)
    {
        if (text is null) return TargetParser.TryParse(text!, polarity, year, out target, out error);
        // The messages of a failure and the warnings are in the caller's language: one memo entry per language.
        var key = (text, polarity, year, Say.Language);
        if (!Memo.TryGetValue(key, out var result))
        {
            result = TargetParser.TryParse(text, polarity, year, out var parsed, out var failure) ? (parsed, null) : (null, failure);
            if (Memo.Count >= Capacity) Memo.Clear();
            Memo.TryAdd(key, result);
        }
        if (result.Target is { } t) { (target, error) = (t, null); return true; }
        (target, error) = (null, result.Error!);
        return false;
    }
}
