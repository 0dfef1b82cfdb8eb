using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// Every instant the service stores is UTC; some engines hand it back without its kind (SQLite). Answers always carry
/// the offset (<c>2024-07-15T10:00:00Z</c>), so a browser in Italy never reads it an hour off; incoming instants must
/// carry one too.
/// </summary>
public sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) || !HasOffset(text!))
            throw new JsonException(Say.It($"'{text}' non è un istante ISO-8601 con fuso orario (2024-07-15T10:00:00Z).", $"'{text}' is not an ISO-8601 instant with an offset (2024-07-15T10:00:00Z)."));
        return value.UtcDateTime;
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
