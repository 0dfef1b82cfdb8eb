using System.Globalization;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Files;

/// <summary>
/// What reading one uploaded file may still cost: time since it started, bytes decompressed, cells held. The readers
/// charge it as they go, so a hostile file is stopped by the first limit it reaches, with a 413 naming that limit.
/// One per file, used by one request.
/// </summary>
public sealed class FileBudget(UploadOptions limits, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _bytes;
    private long _cells;
    private int _ticks;

    public UploadOptions Limits => limits;

    /// <summary>A limit reached: what went past it, the limit and its configuration key.</summary>
    public static FileLimitException Over(string what, string key, long limit) =>
        new(Say.It($"{what}: il limite è {limit.ToString("N0", CultureInfo.InvariantCulture)} ({UploadOptions.Section}:{key}).", $"{what}: the limit is {limit.ToString("N0", CultureInfo.InvariantCulture)} ({UploadOptions.Section}:{key})."));

    public void CheckTime()
    {
        if (time.GetElapsedTime(_started) > limits.MaxReadTime)
            throw new FileLimitException(
                Say.It($"La lettura del file richiede più di {limits.MaxReadTime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({UploadOptions.Section}:{nameof(UploadOptions.MaxReadTime)}); inviare un file più piccolo.", $"Reading the file takes longer than {limits.MaxReadTime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s " +
                $"({UploadOptions.Section}:{nameof(UploadOptions.MaxReadTime)}); send a smaller file."));
    }

    /// <summary>One step of reading (an XML node, a CSV record); the clock is looked at every thousand of them.</summary>
    public void Tick()
    {
        if ((++_ticks & 1023) == 0) CheckTime();
    }

    public void AddDecompressed(int bytes)
    {
        _bytes += bytes;
        if (_bytes > limits.MaxUncompressedBytes)
            throw Over(Say.It("La cartella di lavoro, decompressa, supera i byte consentiti", "The workbook decompresses to more bytes than allowed"), nameof(UploadOptions.MaxUncompressedBytes), limits.MaxUncompressedBytes);
    }

    /// <summary>
    /// One more row, held as <paramref name="width"/> cells; <paramref name="number"/> is how the file numbers it. Rows are
    /// counted as they come, so a file of empty rows is stopped too.
    /// </summary>
    public void AddRow(int count, int number, int width)
    {
        if (count > limits.MaxRows) throw Over(Say.It("Il file ha più righe di quelle consentite", "The file has more rows than allowed"), nameof(UploadOptions.MaxRows), limits.MaxRows);
        if (width > limits.MaxColumns)
            throw Over(Say.It($"La riga {number} ha più colonne di quelle consentite", $"Row {number} has more columns than allowed"), nameof(UploadOptions.MaxColumns), limits.MaxColumns);
        _cells += width;
        if (_cells > limits.MaxCells) throw Over(Say.It("Il file ha più celle di quelle consentite", "The file has more cells than allowed"), nameof(UploadOptions.MaxCells), limits.MaxCells);
    }
}
