using System.Globalization;
using Performance.Domain.Targets;
using Xunit.Abstractions;

namespace Performance.Domain.Tests.Targets;

/// <summary>
/// Target cells as published plans write them (Corpus/targets.tsv: text, polarity, year, expected reading, source). Each is
/// read exactly as expected, or refused with a position; a text read as something else fails the test.
/// </summary>
public sealed class TargetCorpusTests(ITestOutputHelper output)
{
    private const string Refused = "refused";

    public sealed record Row(int Line, string Text, Polarity? Polarity, int? Year, string Expected, string Source)
    {
        public override string ToString() => $"line {Line}: {Text}";
    }

    public static IReadOnlyList<Row> Rows { get; } = Load();

    public static TheoryData<int> Lines => [.. Rows.Select(r => r.Line)];

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_text_is_read_as_expected_or_refused_with_a_position(int line)
    {
        var row = Rows.Single(r => r.Line == line);

        if (TargetParser.TryParse(row.Text, row.Polarity, row.Year, out var target, out var error))
        {
            Assert.True(row.Expected != Refused, $"{row}: expected refused, read as {Describe(target)}");
            Assert.Equal(row.Expected, Describe(target));
        }
        else
        {
            Assert.InRange(error.Position, 0, row.Text.Length);
            Assert.False(string.IsNullOrWhiteSpace(error.Expected));
        }
    }

    [Fact]
    public void The_corpus_is_large_sourced_and_mostly_read()
    {
        Assert.True(Rows.Count >= 150, $"only {Rows.Count} texts");
        Assert.All(Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), r.ToString()));
        Assert.Equal(Rows.Count, Rows.Select(r => r.Text).Distinct().Count());

        var readRight = 0;
        var refusedRightly = 0;
        var refusedReadable = new List<Row>();
        foreach (var row in Rows)
        {
            var parsed = TargetParser.TryParse(row.Text, row.Polarity, row.Year, out var target, out _);
            if (row.Expected == Refused && !parsed) refusedRightly++;
            else if (parsed && Describe(target!) == row.Expected) readRight++;
            else if (!parsed) refusedReadable.Add(row);
        }
        var readable = Rows.Count(r => r.Expected != Refused);
        output.WriteLine($"{Rows.Count} texts: {readRight} of {readable} readable texts read right, {refusedRightly} of " +
            $"{Rows.Count - readable} unreadable texts refused, {refusedReadable.Count} readable texts refused, 0 misread");
        foreach (var row in refusedReadable) output.WriteLine($"refused: {row}");

        // A floor, not a target: the parser must not get worse at reading real plans (measured when the corpus was built).
        Assert.True(readRight * 100 >= readable * 85, $"{readRight} of {readable} read right");
        Assert.Equal(Rows.Count - readable, refusedRightly);
    }

    /// <summary>The reading in the corpus notation (docs/targets.md, "The corpus").</summary>
    public static string Describe(ParsedTarget t)
    {
        var unit = t.Unit == TargetUnit.None && t.UnitLabel is null ? "None" : $"{t.Unit}{(t.UnitLabel is { } l ? $" \"{l}\"" : "")}";
        var due = t.DueDate is { } d ? $" due {d:yyyy-MM-dd}" : "";
        return t.Kind switch
        {
            TargetKind.Numeric => $"Numeric {t.Operator} {N(t.Value)} {unit}{due}",
            TargetKind.Range => $"Range {N(t.Lower)}..{N(t.Upper)} {unit}{due}",
            TargetKind.Deadline => $"Deadline {t.DueDate:yyyy-MM-dd}",
            TargetKind.Relative => $"Relative {t.Operator} {t.Change!.Direction} {(t.Change.Amount is { } a ? N(a) : "-")} {t.Change.Unit} ref " +
                $"{(t.Reference!.Baseline ? "baseline" + (t.Reference.Year is { } y ? $" {y}" : "") : t.Reference.Year!.Value.ToString(CultureInfo.InvariantCulture))}" +
                (unit == "None" ? "" : " " + unit),
            TargetKind.Schedule => "Schedule " + string.Join(" ", t.ByYear!.Select(kv => $"{kv.Key} {{{Describe(kv.Value)}}}")),
            _ => t.Kind.ToString(),
        };
    }

    private static string N(decimal? value) => value!.Value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static List<Row> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Targets", "Corpus", "targets.tsv");
        var rows = new List<Row>();
        var line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var cells = raw.Split('\t');
            Assert.True(cells.Length == 5, $"corpus line {line}: {cells.Length} columns");
            rows.Add(new Row(
                line,
                cells[0],
                cells[1].Length == 0 ? null : Enum.Parse<Polarity>(cells[1]),
                cells[2].Length == 0 ? null : int.Parse(cells[2], CultureInfo.InvariantCulture),
                cells[3],
                cells[4]));
        }
        return rows;
    }
}
