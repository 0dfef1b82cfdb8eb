using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// "n.d.", "n.a.", "—", "-", "non previsto [per il 2025]", "non applicabile", and unfilled template placeholders
/// ("gg. …", "xx%", "entro il xx/xx/xxxx"): no target this year. Such an indicator is reported and never scored.
/// </summary>
internal static class NoTargetReader
{
    // Unit and operator words a template leaves around the blank ("gg. …", ">= xx %", "n. __"); "gg." needs no entry of
    // its own, since a period is a placeholder mark.
    private static readonly string[] TemplateWords =
        ["giorni lavorativi", "giorni", "gg", "ore", "euro", "eur", "€", "%", "‰", "n.", "n°", "nr", "punti", "entro il", "entro",
            "almeno", ">", "<", "=", "≥", "≤"];

    public static bool TryRead(ParseContext ctx, out ParsedTarget target)
    {
        var c = ctx.C;
        var body = string.Join(' ', c.Lower[c.Pos..c.End].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        target = new ParsedTarget(TargetKind.NoTarget, TargetOperator.None, null, null, null, TargetUnit.None, null, null, ctx.Original);
        if (CueWords.NoTargetForms.Contains(body)) return true;
        if (CueWords.MatchAny(c, c.Pos, CueWords.NoTargetPhrases) is { } phrase)
        {
            c.Pos = phrase.End;
            Prose.CheckTrailing(ctx);
            return true;
        }
        if (IsPlaceholder(ctx.Original))
        {
            ctx.Warn(TargetWarnings.Placeholder, Say.It("un segnaposto del modello non compilato: letto come nessun target per l'anno", "an unfilled template placeholder: read as no target this year"));
            return true;
        }
        return false;
    }

    private static bool IsPlaceholder(string text)
    {
        var s = text.ToLowerInvariant();
        foreach (var word in TemplateWords) s = s.Replace(word, " ", StringComparison.Ordinal);
        s = string.Concat(s.Where(ch => !char.IsWhiteSpace(ch)));
        return s.Length > 0
            && s.All(ch => CueWords.PlaceholderChars.Contains(ch) || ch is '/' or '-')
            && (s.Contains('…') || s.Contains("xx", StringComparison.Ordinal) || s.Contains('_') || s.Contains('?') || s.Contains("..", StringComparison.Ordinal));
    }
}
