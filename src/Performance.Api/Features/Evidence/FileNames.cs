using System.Globalization;
using System.Text;

namespace Performance.Api.Features.Evidence;

/// <summary>
/// The name a client gave a file, made safe to keep and to send back in <c>Content-Disposition</c>: no directories (only the
/// last segment of any path, '/' or '\'), no control or invisible format characters (bidirectional overrides that disguise
/// "gpj.exe" as "exe.jpg" included), none of &lt;&gt;:"|?*, no leading or trailing dots and spaces, no device names, at most
/// <see cref="MaxLength"/> characters with the extension kept. It is only ever a label: files are stored under their id.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 200;

    private static readonly HashSet<string> Devices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitize(string? name, string contentType)
    {
        var last = (name ?? "").Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var clean = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator) continue;
            clean.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }
        var result = clean.ToString().Trim().Trim('.', ' ');
        if (result.Length == 0) return "allegato" + ContentSniffer.Extension(contentType);
        if (Devices.Contains(Path.GetFileNameWithoutExtension(result))) result = "_" + result;
        if (result.Length <= MaxLength) return result;

        var extension = Path.GetExtension(result);
        if (extension.Length > 16) extension = "";
        var stem = result[..(MaxLength - extension.Length)];
        if (char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
        return stem.TrimEnd('.', ' ') + extension;
    }
}
