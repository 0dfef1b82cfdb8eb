namespace Performance.Domain.Targets;

/// <summary>
/// A reading position in a target text. Look-ups use a case-folded copy of the same length,
/// so every position (and every error position) indexes the original text.
/// </summary>
internal sealed class TargetCursor
{
    private const string ComparisonChars = "<>=≥≤⩾⩽≧≦≠";

    public TargetCursor(string text)
    {
        Text = text;
        // Folding char by char keeps the length identical to the original (string.ToLower may not promise that).
        Lower = string.Create(text.Length, text, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++) span[i] = char.ToLowerInvariant(t[i]);
        });
        var end = text.Length;
        // A trailing period is punctuation, never part of the target ("Almeno 2 bandi.").
        while (end > 0 && (IsSpace(text[end - 1]) || text[end - 1] == '.')) end--;
        End = end;
        SkipSpaces();
    }

    public string Text { get; }
    public string Lower { get; }

    /// <summary>Exclusive end of the meaningful text (trailing spaces and periods dropped).</summary>
    public int End { get; }

    public int Pos { get; set; }

    public bool AtEnd => Pos >= End;
    public char Current => At(Pos);

    /// <summary>The folded char at p, or '\0' outside the meaningful text: look-ahead never throws.</summary>
    public char At(int p) => p >= 0 && p < End ? Lower[p] : '\0';

    public static bool IsSpace(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    // Only ASCII digits: char.IsDigit accepts other scripts that decimal parsing would reject.
    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsComparison(char c) => ComparisonChars.Contains(c);

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '`' or '\u02BC';

    public static bool IsDash(char c) => c is '-' or '\u2013' or '\u2014' or '\u2212' or '÷';

    public void SkipSpaces() => Pos = SkipSpacesFrom(Pos);

    public int SkipSpacesFrom(int p)
    {
        while (p < End && IsSpace(Lower[p])) p++;
        return p;
    }

    /// <summary>Where the spaces just before p begin (p itself when none): the end of the word before.</summary>
    public int SkipSpacesBefore(int p)
    {
        while (p > 0 && IsSpace(Lower[p - 1])) p--;
        return p;
    }

    public bool IsBoundary(int p) => p >= End || !char.IsLetterOrDigit(Lower[p]);

    /// <summary>
    /// Matches a lower-case phrase at p: ' ' stands for any run of spaces, '\'' for any apostrophe.
    /// A phrase ending in a letter must end on a word boundary. Returns the end position, or -1.
    /// </summary>
    public int Match(int p, string phrase)
    {
        foreach (var ch in phrase)
        {
            if (ch == ' ')
            {
                if (!IsSpace(At(p))) return -1;
                p = SkipSpacesFrom(p);
            }
            else if (ch == '\'')
            {
                if (!IsApostrophe(At(p))) return -1;
                p++;
            }
            else
            {
                if (At(p) != ch) return -1;
                p++;
            }
        }
        return char.IsLetterOrDigit(phrase[^1]) && !IsBoundary(p) ? -1 : p;
    }

    public bool TryMatch(string phrase)
    {
        var end = Match(Pos, phrase);
        if (end < 0) return false;
        Pos = end;
        return true;
    }

    /// <summary>Tries the phrases in order (callers list longer ones first); returns the one that matched.</summary>
    public string? TryMatchAny(IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            if (TryMatch(phrase)) return phrase;
        }
        return null;
    }

    public int IndexOfComparison(int from)
    {
        for (var i = Math.Max(from, 0); i < End; i++)
        {
            if (IsComparison(Lower[i])) return i;
        }
        return -1;
    }

    /// <summary>The original text between two positions with spaces trimmed.</summary>
    public string Slice(int from, int to) => Trim(Text[from..to]);

    public static string Trim(string s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsSpace(s[a])) a++;
        while (b > a && IsSpace(s[b - 1])) b--;
        return s[a..b];
    }

    public TargetParseException Fail(int position, string expected) => new(Text, position, expected);
}
