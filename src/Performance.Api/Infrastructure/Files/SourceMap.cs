using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// One table of a file as read: its sheet name (null for CSV and for the consuntivi sheet, which is the whole file to
/// its users), the row of its header and which column holds which field of the request built from it.
/// </summary>
public sealed class SheetLayout(string? name, Func<string, string?>? headerOf = null)
{
    public string? Name => name;
    public int HeaderRow { get; set; }
    public Dictionary<string, (int Column, string Header)> Columns { get; } = new(StringComparer.Ordinal);

    public string? Text(TableRow row, string field) => Columns.TryGetValue(field, out var c) ? row[c.Column] : null;

    /// <summary>True when the field has a column in this sheet, or one it could have had (its header is known).</summary>
    public bool Knows(string field) => Columns.ContainsKey(field) || headerOf?.Invoke(field) is not null;

    /// <summary>A row of the sheet (as the spreadsheet numbers it), and the field's column and cell when the sheet has it.</summary>
    public FileLocation Locate(int sheetRow, string? field)
    {
        var row = sheetRow - HeaderRow;
        if (field is null) return new FileLocation(name, row, null, null);
        if (Columns.TryGetValue(field, out var c)) return new FileLocation(name, row, c.Header, $"{OfficeFiles.ColumnName(c.Column)}{sheetRow}");
        return new FileLocation(name, row, headerOf?.Invoke(field), null);
    }
}

/// <summary>
/// Where each part of a request built from a file came from, keyed by the JSON path the request's validators report
/// (<c>actuals[17]</c>, <c>nodes[2].indicators[0]</c>). Validation errors are located through it when they are made, so
/// the JSON API and the file routes give the same errors, the latter by sheet, row, column and cell. Cells that could not
/// be read at all are collected here too; a validation error of a part that is missing because its cell was unreadable
/// is not reported twice.
/// </summary>
public sealed class SourceMap
{
    /// <summary>Past this, a file with a systematic mistake would answer with megabytes of errors; the count is still given.</summary>
    public const int MaxReportedErrors = 500;

    private sealed record Entry(SheetLayout? Sheet, int Row, string? Field, FileLocation? Fixed);

    private readonly Dictionary<string, Entry> _paths = new(StringComparer.Ordinal);
    private readonly List<ValidationError> _unreadable = [];

    public bool HasUnreadableCells => _unreadable.Count > 0;
    public int UnreadableCount => _unreadable.Count;

    /// <summary>The part at <paramref name="path"/> came from this row (and, for a single value, this field's column).</summary>
    public void Register(string path, SheetLayout sheet, int sheetRow, string? field = null) => _paths[path] = new Entry(sheet, sheetRow, field, null);

    /// <summary>The part at <paramref name="path"/> is no cell but has a name (a plan field with no row of its own).</summary>
    public void Register(string path, string label) => _paths[path] = new Entry(null, 0, null, new FileLocation(null, null, null, null, label));

    /// <summary>A cell that could not be converted (text where a number goes): reported as it is, without a JSON path.</summary>
    public void Unreadable(SheetLayout sheet, int sheetRow, string field, string message) => Unreadable(sheet.Locate(sheetRow, field), message);

    public void Unreadable(FileLocation location, string message) => _unreadable.Add(new ValidationError(location.ToString(), message, location));

    /// <summary>Where a JSON path of the request is in the file: its own entry, or the row of its closest registered parent.</summary>
    public FileLocation? Locate(string path)
    {
        if (_paths.TryGetValue(path, out var exact)) return Describe(exact, null);
        for (var cut = LastSeparator(path, path.Length); cut > 0; cut = LastSeparator(path, cut))
            if (_paths.TryGetValue(path[..cut], out var parent)) return Describe(parent, path[cut..].TrimStart('.'));
        return null;
    }

    /// <summary>A collector whose errors are located in this file as they are added.</summary>
    public ValidationErrors Errors() => new(Locate);

    /// <summary>
    /// The answer for a file that does not load: the unreadable cells and the given errors (minus those about a value
    /// whose cell was unreadable), in file order, at most <see cref="MaxReportedErrors"/> of them.
    /// </summary>
    public RequestValidationException Fail(IEnumerable<ValidationError> errors, Func<int, string> detail)
    {
        var all = _unreadable.Concat(errors.Where(e => e.Location is null || !_unreadable.Any(u => Covers(u.Location!, e.Location)))).ToList();
        var kept = all.OrderBy(e => e.Location?.Sheet ?? "", StringComparer.Ordinal).ThenBy(e => e.Location?.Row ?? 0).Take(MaxReportedErrors).ToList();
        var text = detail(all.Count);
        if (kept.Count < all.Count) text = Say.It($"{text} (sono elencati i primi {kept.Count})", $"{text} (the first {kept.Count} are listed)");
        return new RequestValidationException(kept, text);
    }

    // An unreadable cell covers errors about that cell and errors about its whole row (the row could not be built).
    private static bool Covers(FileLocation unreadable, FileLocation error) =>
        unreadable.Sheet == error.Sheet && unreadable.Row == error.Row && (error.Column is null || error.Column == unreadable.Column);

    private static FileLocation Describe(Entry entry, string? remainder)
    {
        if (entry.Fixed is not null) return entry.Fixed;
        var sheet = entry.Sheet!;
        if (entry.Field is not null || remainder is null) return sheet.Locate(entry.Row, entry.Field);
        // "targets.2021" and "baseline.year" are columns as they are; "structures[1]" is the column of the list.
        if (sheet.Knows(remainder)) return sheet.Locate(entry.Row, remainder);
        var plain = WithoutIndexes(remainder);
        if (sheet.Knows(plain)) return sheet.Locate(entry.Row, plain);
        var first = plain.Split('.')[0];
        return sheet.Locate(entry.Row, sheet.Knows(first) ? first : null);
    }

    private static string WithoutIndexes(string path)
    {
        var text = new System.Text.StringBuilder(path.Length);
        var inIndex = false;
        foreach (var c in path)
        {
            if (c == '[') inIndex = true;
            else if (c == ']') inIndex = false;
            else if (!inIndex) text.Append(c);
        }
        return text.ToString();
    }

    private static int LastSeparator(string path, int before)
    {
        for (var i = before - 1; i > 0; i--)
            if (path[i] is '.' or '[') return i;
        return -1;
    }
}
