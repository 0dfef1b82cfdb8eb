namespace Performance.Api.Infrastructure;

/// <summary>Enum names from documents: case-insensitive, but never numbers ("1" is not a kind).</summary>
public static class EnumText
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed) && !char.IsDigit(trimmed[0]) && trimmed[0] != '-'
               && Enum.TryParse(trimmed, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
