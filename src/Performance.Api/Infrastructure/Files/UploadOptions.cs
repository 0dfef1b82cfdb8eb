namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// The <c>Uploads</c> section: how much an uploaded file (CSV or XLSX, multipart or raw body) may make the service read,
/// decompress, hold and spend. Each limit reached is a 413 naming it; the defaults let a 200,000-row consuntivi file and
/// the INPS plan workbook through with room to spare. The body itself is bounded by <c>Limits:MaxRequestBodyBytes</c>.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Excel's own sheet bounds: no spreadsheet program writes past them.</summary>
    public const int SheetRows = 1_048_576, SheetColumns = 16_384;

    // ---- multipart ----
    /// <summary>Parts of a multipart body (the file and a few fields).</summary>
    public int MaxFormParts { get; set; } = 16;
    /// <summary>Bytes of the headers of one part.</summary>
    public int MaxPartHeaderBytes { get; set; } = 16 * 1024;

    // ---- the zip container of an XLSX ----
    /// <summary>Entries of the zip (an Excel workbook has a few dozen).</summary>
    public int MaxZipEntries { get; set; } = 1_000;
    /// <summary>Decompressed bytes of one part the service reads (a 200,000-row consuntivi sheet written with inline strings is 147 MiB).</summary>
    public long MaxPartBytes { get; set; } = 256L * 1024 * 1024;
    /// <summary>Decompressed bytes of all the parts read from one file.</summary>
    public long MaxUncompressedBytes { get; set; } = 512L * 1024 * 1024;
    /// <summary>Decompressed size over compressed size of a part larger than 1 MiB; real sheets stay far below, zip bombs far above.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    // ---- the content of a sheet or CSV ----
    /// <summary>Rows of one sheet or CSV file.</summary>
    public int MaxRows { get; set; } = SheetRows;
    /// <summary>Columns of a row, so also the cells a row may have and the highest column a cell may be in.</summary>
    public int MaxColumns { get; set; } = 1_024;
    /// <summary>Cells of the whole file, counted as the width of each row (what is held in memory).</summary>
    public long MaxCells { get; set; } = 20_000_000;
    /// <summary>Characters of one cell (Excel's own limit is 32,767).</summary>
    public int MaxCellCharacters { get; set; } = 32_767;
    /// <summary>Nesting of XML elements (a sheet needs 7).</summary>
    public int MaxXmlDepth { get; set; } = 32;
    /// <summary>Entries of the shared-string table of a workbook.</summary>
    public int MaxSharedStrings { get; set; } = 2_000_000;
    /// <summary>Characters of all the shared strings together.</summary>
    public long MaxSharedStringCharacters { get; set; } = 64_000_000;
    /// <summary>Time to read a file, from its first byte to its last row.</summary>
    public TimeSpan MaxReadTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where request bodies are spooled while they are read; empty = the system's temporary folder.</summary>
    public string SpoolDirectory { get; set; } = "";

    public string SpoolPath => string.IsNullOrWhiteSpace(SpoolDirectory) ? Path.GetTempPath() : SpoolDirectory;

    public static IEnumerable<string> Problems(UploadOptions o)
    {
        var counts = new (string Key, long Value)[]
        {
            (nameof(MaxFormParts), o.MaxFormParts), (nameof(MaxPartHeaderBytes), o.MaxPartHeaderBytes), (nameof(MaxZipEntries), o.MaxZipEntries),
            (nameof(MaxPartBytes), o.MaxPartBytes), (nameof(MaxUncompressedBytes), o.MaxUncompressedBytes),
            (nameof(MaxCompressionRatio), o.MaxCompressionRatio), (nameof(MaxRows), o.MaxRows), (nameof(MaxColumns), o.MaxColumns),
            (nameof(MaxCells), o.MaxCells), (nameof(MaxCellCharacters), o.MaxCellCharacters), (nameof(MaxXmlDepth), o.MaxXmlDepth),
            (nameof(MaxSharedStrings), o.MaxSharedStrings), (nameof(MaxSharedStringCharacters), o.MaxSharedStringCharacters),
        };
        foreach (var (key, value) in counts)
            if (value <= 0) yield return $"{Section}:{key} must be a positive number.";
        if (o.MaxRows > SheetRows) yield return $"{Section}:MaxRows cannot exceed {SheetRows:N0}, the rows of a worksheet.";
        if (o.MaxColumns > SheetColumns) yield return $"{Section}:MaxColumns cannot exceed {SheetColumns:N0}, the columns of a worksheet (A to XFD).";
        // A zip needs ZIP64 past 65,535 entries; no workbook under the body limit does.
        if (o.MaxZipEntries >= ushort.MaxValue) yield return $"{Section}:MaxZipEntries must be below {ushort.MaxValue:N0}.";
        if (o.MaxXmlDepth < 8) yield return $"{Section}:MaxXmlDepth must be at least 8: a worksheet nests its cells 7 deep.";
        if (o.MaxReadTime <= TimeSpan.Zero) yield return $"{Section}:MaxReadTime must be a positive time span (hh:mm:ss).";
        if (o.SpoolDirectory.Length > 0 && !Path.IsPathFullyQualified(o.SpoolDirectory))
            yield return $"{Section}:SpoolDirectory must be an absolute path (or empty for the system's temporary folder).";
    }
}
