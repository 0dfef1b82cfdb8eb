using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Performance.Domain.Language;
using Performance.Domain.Targets;

namespace Performance.Api.Infrastructure;

/// <summary>
/// A relative target's <c>reference</c> as the API names it (docs/model.md): the reference year as a number (<c>2023</c>), or the
/// string <c>"baseline"</c> when the text refers to the indicator's declared baseline — also when it names the baseline's
/// year ("rispetto alla baseline 2021": the year stays in <c>text</c> and in the score's explanation).
/// </summary>
public sealed class TargetReferenceJsonConverter : JsonConverter<TargetReference>
{
    public const string Baseline = "baseline";

    public override TargetReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new TargetReference(reader.GetInt32(), false),
        JsonTokenType.String when reader.GetString() == Baseline => new TargetReference(null, true),
        _ => throw new JsonException(Say.It($"Un riferimento è un anno oppure \"{Baseline}\".", $"A reference is a year or \"{Baseline}\".")),
    };

    public override void Write(Utf8JsonWriter writer, TargetReference value, JsonSerializerOptions options)
    {
        if (value.Baseline || value.Year is not { } year) writer.WriteStringValue(Baseline);
        else writer.WriteNumberValue(year);
    }

    /// <summary>The OpenAPI schema to match: a year or "baseline", not the record's fields.</summary>
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type != typeof(TargetReference)) return Task.CompletedTask;
        schema.Type = null;
        schema.Format = null;
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.Description = $"The reference year (2023), or \"{Baseline}\": the indicator's declared baseline.";
        schema.OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(Baseline)] },
        ];
        return Task.CompletedTask;
    }
}
