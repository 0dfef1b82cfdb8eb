using System.Text.Json;

namespace Performance.Domain.Tests.Data;

/// <summary>Reads Data/inps-2024-reference.json (figures of the INPS Relazione sulla Performance 2024).</summary>
internal static class InpsReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "inps-2024-reference.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Areas => Root.GetProperty("valueAreas").EnumerateArray();

    public static IEnumerable<JsonElement> Guidelines => Root.GetProperty("guidelines").EnumerateArray();

    public static IEnumerable<JsonElement> GeneralObjectives => Root.GetProperty("generalObjectives").EnumerateArray();

    public static decimal Dec(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static string? OptStr(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
