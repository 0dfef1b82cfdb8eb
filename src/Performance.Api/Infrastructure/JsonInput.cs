using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// The one rule on text (<see cref="ValidationRules.ForbiddenCharacter"/>) at every JSON input: each object a request body
/// holds is checked as soon as it is read — its strings, lists of strings, dictionary keys and values, raw JSON members —
/// and the first offending member is a 400 under its JSON path (<c>nodes[0].title</c>). A type-info modifier rather than a
/// string converter: a custom converter would also blank every string schema of the OpenAPI document.
/// </summary>
public static class StorableText
{
    public static void Check(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var members = info.Properties.Where(p => p.Get is not null && MayHoldText(p.PropertyType)).Select(p => (p.Name, Get: p.Get!)).ToArray();
        if (members.Length == 0) return;
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var (name, get) in members) Check(name, get(value));
        };
    }

    private static bool MayHoldText(Type type) =>
        type == typeof(string) || type == typeof(JsonElement) || type == typeof(JsonElement?)
        || (type.IsGenericType && type.GetGenericArguments()[0] == typeof(string) && typeof(IEnumerable).IsAssignableFrom(type));

    private static void Check(string member, object? value)
    {
        switch (value)
        {
            case string text:
                Refuse(member, text);
                break;
            case JsonElement json when ForbiddenIn(json) is { } problem:
                throw new ForbiddenCharacterException(member, problem);
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    var key = entry.Key as string ?? "";
                    Refuse($"{member}.{key}", key);
                    if (entry.Value is string text) Refuse($"{member}.{key}", text);
                }
                break;
            case IEnumerable<string?> list:
                var index = 0;
                foreach (var item in list)
                {
                    if (item is not null) Refuse($"{member}[{index}]", item);
                    index++;
                }
                break;
        }
    }

    /// <summary>
    /// The problem of the first string or property name of a raw JSON value that holds a forbidden character, or null
    /// (its depth is bounded by the reader's, 64).
    /// </summary>
    public static string? ForbiddenIn(JsonElement json)
    {
        var pending = new Stack<JsonElement>([json]);
        while (pending.TryPop(out var element))
        {
            var texts = element.ValueKind switch
            {
                JsonValueKind.String => [element.GetString()!],
                JsonValueKind.Object => element.EnumerateObject().Select(p => p.Name),
                _ => [],
            };
            foreach (var text in texts)
                if (ValidationRules.UnstorableProblem(text) is { } problem) return problem;
            if (element.ValueKind == JsonValueKind.Array) foreach (var item in element.EnumerateArray()) pending.Push(item);
            if (element.ValueKind == JsonValueKind.Object) foreach (var property in element.EnumerateObject()) pending.Push(property.Value);
        }
        return null;
    }

    private static void Refuse(string member, string text)
    {
        if (ValidationRules.UnstorableProblem(text) is { } problem) throw new ForbiddenCharacterException(member, problem);
    }
}

/// <summary>A member of a JSON object (relative to the object the serializer names in <see cref="JsonException.Path"/>) whose text has a forbidden character.</summary>
public sealed class ForbiddenCharacterException(string member, string message) : JsonException(message)
{
    public string Member { get; } = member;

    /// <summary>The member's full JSON path, as every other error of the body is keyed: <c>nodes[0].title</c>.</summary>
    public string FullPath => Path is null or "$" ? Member : $"{Path.TrimStart('$', '.')}.{Member}";
}

/// <summary>
/// JSON is read in UTF-8 only (RFC 8259 §8.1: JSON exchanged between systems is UTF-8). A request that declares another
/// charset — or one that does not exist — is a 415 naming it, before anything is read; without this an unknown charset
/// made the framework throw (500) and a known one was transcoded into whatever it happened to mean.
/// </summary>
public static class JsonCharset
{
    public static IApplicationBuilder UseUtf8Json(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && IsJson(type) && type.Charset.HasValue)
        {
            var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value ?? "";
            if (!IsUtf8(charset))
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status415UnsupportedMediaType,
                        Detail = Say.It($"Il corpo è dichiarato come JSON con charset '{ValidationRules.Excerpt(charset)}'; il JSON si legge solo in UTF-8: inviare Content-Type: application/json (oppure application/json; charset=utf-8).", $"The body is declared as JSON in charset '{ValidationRules.Excerpt(charset)}'; JSON is read only in UTF-8: " +
                                 "send Content-Type: application/json (or application/json; charset=utf-8)."),
                    },
                });
                return;
            }
            // "utf8", "UTF-8" and "\"utf-8\"" are UTF-8 too, but the framework's reader knows only one spelling.
            type.Charset = "utf-8";
            http.Request.ContentType = type.ToString();
        }
        await next();
    });

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
    private static bool IsUtf8(string? charset) =>
        string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);

}
