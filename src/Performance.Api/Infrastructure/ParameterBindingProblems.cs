using System.Text.RegularExpressions;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// A query, route or header parameter the framework could not bind: its own message names a .NET type
/// (<c>Failed to bind parameter "Nullable&lt;int&gt; year" from "abc".</c>) in English. Said again in the caller's terms —
/// the parameter's name as the key under <c>errors</c>, and what a valid value looks like.
/// </summary>
public static partial class ParameterBindingProblems
{
    // Longer echoes of the sent value are cut: the answer says which value, not the whole of a hostile one.
    private const int EchoLength = 40;

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ ]+)" was not provided from (?<source>query string|route|header)\.$""")]
    private static partial Regex NotProvided();

    /// <summary>Parameter → its messages, when the message is one of the framework's binding failures; otherwise null.</summary>
    public static IDictionary<string, string[]>? Explain(BadHttpRequestException exception)
    {
        if (FailedToBind().Match(exception.Message) is { Success: true } failed)
            return One(failed.Groups["name"].Value, Expected(Underlying(failed.Groups["type"].Value), Echo(failed.Groups["value"].Value)));
        if (NotProvided().Match(exception.Message) is { Success: true } missing)
            return One(missing.Groups["name"].Value, Say.It("Il parametro è obbligatorio.", "This parameter is required."));
        return null;
    }

    public static string Detail => Say.It(
        "Un parametro della richiesta non ha un valore valido: è indicato in errors, con il formato atteso.",
        "A parameter of the request has no valid value; it is named under errors, with the expected format.");

    private static Dictionary<string, string[]> One(string name, string message) => new() { [name] = [message] };

    private static string Underlying(string type) =>
        type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type["Nullable<".Length..^1] : type;

    private static string Echo(string value) => value.Length <= EchoLength ? value : value[..EchoLength] + "…";

    private static string Expected(string type, string value) => type switch
    {
        "int" or "long" or "short" => Say.It($"'{value}' non è un numero intero (per esempio 2024).", $"'{value}' is not a whole number (for example 2024)."),
        "decimal" or "double" => Say.It($"'{value}' non è un numero (per esempio 12.5).", $"'{value}' is not a number (for example 12.5)."),
        "bool" => Say.It($"'{value}' non è un valore valido: scrivi true o false.", $"'{value}' is not a valid value: write true or false."),
        "DateOnly" => Say.It($"'{value}' non è una data valida: scrivila AAAA-MM-GG (per esempio 2024-12-31).",
            $"'{value}' is not a valid date: write it as YYYY-MM-DD (for example 2024-12-31)."),
        "DateTimeOffset" or "DateTime" => Say.It($"'{value}' non è un istante valido: scrivilo in ISO 8601 (per esempio 2024-12-31T10:00:00Z).",
            $"'{value}' is not a valid instant: write it in ISO 8601 (for example 2024-12-31T10:00:00Z)."),
        "Guid" => Say.It($"'{value}' non è un identificativo valido (un GUID, per esempio 3f2504e0-4f89-11d3-9a0c-0305e82c3301).",
            $"'{value}' is not a valid identifier (a GUID, for example 3f2504e0-4f89-11d3-9a0c-0305e82c3301)."),
        _ when EnumValues.Value.TryGetValue(type, out var values) => Say.It($"'{value}' non è un valore ammesso: i valori sono {values}.",
            $"'{value}' is not an allowed value: the values are {values}."),
        _ => Say.It($"'{value}' non è un valore valido per questo parametro.", $"'{value}' is not a valid value for this parameter."),
    };

    // The enumerations parameters can be bound to, by the short name the framework prints; a name two assemblies share
    // is left out rather than listed with the wrong values.
    private static readonly Lazy<Dictionary<string, string>> EnumValues = new(() =>
        new[] { typeof(ParameterBindingProblems).Assembly, typeof(Say).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => t.IsEnum && t.IsPublic)
            .GroupBy(t => t.Name).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => string.Join(", ", Enum.GetNames(g.Single())), StringComparer.Ordinal));
}
