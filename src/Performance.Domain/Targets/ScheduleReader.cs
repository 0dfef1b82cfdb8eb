using Performance.Domain.Language;

namespace Performance.Domain.Targets;

/// <summary>
/// One target per year in one cell: "Anno 2025: &gt;= 80% Anno 2026: &gt;= 85% Anno 2027: &gt;= 90%", "2025: 80%; 2026: 85%".
/// Each year's text is read as a target of its own, with that year (so "entro il 30/06" takes it and "anno precedente"
/// is the year before it).
/// </summary>
internal static class ScheduleReader
{
    private static readonly string[] LabelWords = ["valore atteso", "annualità", "annualita", "obiettivo", "target", "anno"];

    private static readonly string SegmentSeparators = ";,|/-–—\u00A0 \t\r\n";

    private readonly record struct Label(int Start, int End, int Year, string? Word);

    public static bool TryRead(ParseContext ctx, out ParsedTarget schedule)
    {
        var c = ctx.C;
        schedule = null!;
        if (ReadLabel(c, c.Pos, word: null) is not { } first) return false;

        var labels = new List<Label> { first };
        for (var p = first.End; p < c.End; p++)
        {
            if (!IsBoundary(c, p)) continue;
            if (ReadLabel(c, p, first.Word ?? "") is { } next)
            {
                labels.Add(next);
                p = next.End - 1;
            }
        }

        var byYear = new SortedDictionary<int, ParsedTarget>();
        var warnings = new List<TargetWarning>();
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            var end = i + 1 < labels.Count ? labels[i + 1].Start : c.End;
            while (end > label.End && SegmentSeparators.Contains(c.Text[end - 1])) end--;
            if (byYear.ContainsKey(label.Year)) throw c.Fail(label.Start, Say.It($"un anno non già indicato ({label.Year} compare due volte)", $"a year not already given ({label.Year} is there twice)"));
            if (end <= c.SkipSpacesFrom(label.End)) throw c.Fail(label.End, Say.It($"un target per il {label.Year}", $"a target for {label.Year}"));
            var segment = ReadSegment(ctx, label, end);
            byYear[label.Year] = segment;
            warnings.AddRange(segment.Warnings.Select(w => w with { Message = $"{label.Year}: {w.Message}" }));
        }

        schedule = new ParsedTarget(TargetKind.Schedule, TargetOperator.None, null, null, null, TargetUnit.None, null, null, ctx.Original)
        {
            ByYear = new YearTargets(byYear),
            Warnings = warnings.Count == 0 ? ValueList<TargetWarning>.Empty : new ValueList<TargetWarning>(warnings),
        };
        return true;
    }

    private static ParsedTarget ReadSegment(ParseContext ctx, Label label, int end)
    {
        var c = ctx.C;
        try
        {
            var target = TargetParser.ParseCore(c.Text[label.End..end], ctx.Polarity, label.Year);
            if (target.Kind == TargetKind.Schedule) throw c.Fail(label.End, Say.It($"un solo target per il {label.Year}", $"one target for {label.Year}"));
            return target;
        }
        catch (TargetParseException ex) when (ex.Text != c.Text)
        {
            // Positions count in the whole text, as the user wrote it.
            throw c.Fail(label.End + ex.Position, ex.Expected);
        }
    }

    /// <summary>"Anno 2025:", "Anno 2025 -", "Anno 2025- ", "Anno 2025 &gt;=", "Anno 2025&gt;=", "2025:" at p; <paramref name="word"/> "" means no word, null any.</summary>
    private static Label? ReadLabel(TargetCursor c, int p, string? word)
    {
        var start = p;
        string? found = null;
        if (word != "")
        {
            var candidates = word is null ? LabelWords : [word];
            if (CueWords.MatchAny(c, p, candidates) is { } w)
            {
                found = w.Phrase;
                p = c.SkipSpacesFrom(w.End);
            }
            else if (word is not null)
            {
                return null;
            }
        }
        var ys = p;
        while (TargetCursor.IsDigit(c.At(p))) p++;
        if (p - ys != 4 || TargetCursor.IsDigit(c.At(ys - 1))) return null;
        var year = int.Parse(c.Lower.AsSpan(ys, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2100) return null;

        var q = c.SkipSpacesFrom(p);
        if (c.At(q) == ':') return new Label(start, q + 1, year, found);
        if (found is null) return null;
        // With a word the separator may be a dash before a space ("Anno 2025 - 80%", "Anno 2025- 80%") or directly the
        // comparison ("Anno 2025 >= 80%", "Anno 2025>= 80%"), but "Anno 2024-2026" and "anno 2024/25" are not labels.
        if (TargetCursor.IsDash(c.At(q)) && TargetCursor.IsSpace(c.At(q + 1))) return new Label(start, q + 1, year, found);
        return TargetCursor.IsComparison(c.At(q)) ? new Label(start, q, year, found) : null;
    }

    private static bool IsBoundary(TargetCursor c, int p) =>
        p > 0 && (TargetCursor.IsSpace(c.At(p - 1)) || c.At(p - 1) is ';' or ',' or '|') && char.IsLetterOrDigit(c.At(p));
}
