using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Domain.Periods;
using Performance.Domain.Plans;
using Performance.Domain.Guidelines;
using Performance.Domain.PublicValue;

namespace Performance.Api.Hosting;

/// <summary>
/// The OpenAPI contract as clients need it, applied centrally so every endpoint — also one added later — gets it
/// without touching its own file: the two security schemes on every authenticated operation, every error response the
/// pipeline can give (401/403/429 from authentication and rate limiting, 400/413/415 from binding and body limits, 409
/// on writes), If-Match/ETag headers, binary bodies as binary, enumerations, and the descriptions and examples of
/// <see cref="ApiCatalog"/>. An operation missing from the catalog stays without a description: the Spectral gate
/// (tools/contract) then fails, which is how a new endpoint's author is told to document it.
/// </summary>
public static class ApiContract
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static OpenApiOptions AddPerformanceContract(this OpenApiOptions options)
    {
        options.AddPerformanceSchemaNames();
        options.AddSchemaTransformer(DescribeSchema);
        options.AddOperationTransformer(DescribeOperation);
        options.AddDocumentTransformer(DescribeDocument);
        return options;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Performance API";
        document.Info.Description = ApiCatalog.Description;
        document.Info.Contact = new OpenApiContact { Name = "Performance maintainers (see the repository README: issues and contributions)" };
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        // Relative, so the served document equals the committed one and Swagger UI calls the host it was opened from.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The service that serves this document (its origin)" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthenticationHandler.Header,
                Description = "An API key (only its SHA-256 is configured, in Auth:ApiKeys). The demo keys are in the README, e.g. demo-viewer-key.",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "An OIDC access token (Auth:Jwt:Authority, Audience) with the role, org and structures claims.",
            },
        };
        DescribeProblems(document);
        // Bodies declared as IFormFile are rewritten as binary by the operation transformer: drop the orphan schema.
        document.Components.Schemas?.Remove(nameof(IFormFile));
        document.Tags = document.Tags is null ? null : new HashSet<OpenApiTag>(document.Tags.Select(t => new OpenApiTag
        {
            Name = t.Name, Description = ApiCatalog.Tags.TryGetValue(t.Name ?? "", out var said) ? said : t.Description,
        }));
        return Task.CompletedTask;
    }

    /// <summary>Every error answer carries the stable <c>code</c> (and the request's trace id): the schemas say so.</summary>
    private static void DescribeProblems(OpenApiDocument document)
    {
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            if (document.Components?.Schemas is not { } schemas || !schemas.TryGetValue(name, out var found) || found is not OpenApiSchema schema) continue;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[Problems.CodeKey] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable machine-readable code of the error, the same in every language (docs/errors.md): " +
                              string.Join(", ", Problems.Codes) + ". Branch on it; title and detail are for people (Italian, or English with Accept-Language: en).",
            };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, as in the request log." };
            schema.Required = new HashSet<string> { Problems.CodeKey };
            schema.Description = name == "ProblemDetails"
                ? "An error answer (RFC 9457, application/problem+json): nothing was stored. Branch on status and code; title and detail say it to people."
                : "An error answer that lists what is wrong (RFC 9457, application/problem+json) under errors: nothing was stored.";
            foreach (var (field, said) in ProblemFields)
                if (schema.Properties.TryGetValue(field, out var property) && property is OpenApiSchema described) described.Description ??= said;
        }
    }

    // The RFC 9457 members as this service fills them (Problems.Complete).
    private static readonly (string Field, string Description)[] ProblemFields =
    [
        ("type", "A URI naming the kind of problem (the RFC 9110 section of the status); code is the precise one."),
        ("title", "The status in a few words, for people (Italian, or English with Accept-Language: en)."),
        ("status", "The HTTP status code, repeated in the body."),
        ("detail", "What is wrong in this request and what to do, for people (Italian, or English with Accept-Language: en)."),
        ("instance", "Not set by this service."),
        ("errors", "Every problem found, by where it is: a JSON path of the request (actuals[3].value) or a place in an uploaded file (sheet, row, column and cell), each with its messages."),
    ];

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var path = "/" + (context.Description.RelativePath ?? "");
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return Task.CompletedTask;
        var doc = operation.OperationId is { } id ? ApiCatalog.Operations.GetValueOrDefault(id) : null;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= new OpenApiResponses();

        if (doc is not null) operation.Description ??= doc.Description;
        if (metadata.OfType<Paging.PagedList>().Any()) DescribePaging(operation);
        DescribeParameters(operation, doc);

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            ];
            AddProblem(operation, document, StatusCodes.Status401Unauthorized, "No credentials, or an unknown key or invalid token.");
            AddProblem(operation, document, StatusCodes.Status403Forbidden, "The caller's role may not do this.");
            AddProblem(operation, document, StatusCodes.Status429TooManyRequests, "Too many requests from this key (RateLimiting:PermitsPerMinute); see Retry-After.");
        }
        AddProblem(operation, document, StatusCodes.Status503ServiceUnavailable,
            "The database does not take the request for now (too many connections at once, a restart, a SQLite file locked by another program); send it again after Retry-After.");

        var body = operation.RequestBody;
        var method = context.Description.HttpMethod ?? "GET";
        if (body is not null)
        {
            if (body is OpenApiRequestBody concrete) concrete.Required = true;
            DescribeBinaryBody(body);
            AddProblem(operation, document, StatusCodes.Status413PayloadTooLarge,
                "The body or an uploaded file goes past a limit (Limits:MaxRequestBodyBytes, Uploads:*); nothing is stored.");
            AddProblem(operation, document, StatusCodes.Status415UnsupportedMediaType, "The body's media type or charset is not accepted (JSON is UTF-8 only).");
        }
        if (body is not null || operation.Parameters is { Count: > 0 })
            AddProblem(operation, document, StatusCodes.Status400BadRequest, "The request is not valid: every error by JSON path, parameter or file cell.", validation: true);
        if (!HttpMethods.IsGet(method) && doc is not { ReadOnly: true })
            AddProblem(operation, document, StatusCodes.Status409Conflict,
                "The change conflicts with the stored state (a closed period, a validated figure, a duplicate) or with a concurrent change.");

        foreach (var response in operation.Responses.Values)
            foreach (var media in response.Content?.Values ?? [])
                if (media.Schema is OpenApiSchema { Format: "byte" } bytes) bytes.Format = "binary";

        var updates = operation.Responses.ContainsKey("428");
        if (updates)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match", In = ParameterLocation.Header, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "The ETag of the resource as last read (GET); without it the answer is 428, with a stale one 412 and nothing changes.",
                Example = JsonValue.Create("\"3f2a9c0e5b7d4e6f8a1b2c3d4e5f6a7b\""),
            });
        }
        if ((updates || doc is { ETag: true }) && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            okResponse.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The resource's version: send it back in If-Match to update it.", Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        // Score reads (PlanModel.ScoreETags): a weak ETag of the plan's state and the request; If-None-Match → 304.
        if (operation.Responses.TryGetValue("304", out var notModified) && notModified is OpenApiResponse unchanged)
        {
            unchanged.Description = "Nothing changed since the read whose ETag was sent in If-None-Match: no body.";
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match", In = ParameterLocation.Header, Required = false, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "The ETag of an earlier answer to the same request: 304 without a body while the plan, the caller and the language are unchanged.",
                Example = JsonValue.Create("W/\"9c0e5b7d4e6f8a1b2c3d4e5f6a7b3f2a\""),
            });
            if (operation.Responses.TryGetValue("200", out var scored) && scored is OpenApiResponse scoredResponse)
            {
                scoredResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                scoredResponse.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "A weak tag of the plan's state (its change position), the request, the caller, the language and the day: send it back in If-None-Match.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }
        if (doc is not null) AddExamples(operation, doc);
        return Task.CompletedTask;
    }

    private static void DescribeParameters(OpenApiOperation operation, OperationDoc? doc)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            var name = parameter.Name ?? "";
            parameter.Description ??= doc?.Parameters?.GetValueOrDefault(name) ?? ApiCatalog.Parameters.GetValueOrDefault($"{parameter.In}:{name}");
            if (doc?.RequiredQuery?.Contains(name) == true) parameter.Required = true;
            if (parameter.Schema is not OpenApiSchema schema) continue;
            if (name == "format") Enumerate(schema, ApiCatalog.Formats);
            if (name == "period") Enumerate(schema, parameter.In == ParameterLocation.Query ? ApiCatalog.YearPeriods : ApiCatalog.Periods);
        }
    }

    /// <summary>Uploads are files: a multipart part named <c>file</c>, or the file itself as the body.</summary>
    private static void DescribeBinaryBody(IOpenApiRequestBody body)
    {
        foreach (var (type, media) in body.Content ?? new Dictionary<string, OpenApiMediaType>())
        {
            if (media.Schema is not OpenApiSchemaReference { Reference.Id: nameof(IFormFile) }) continue;
            var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A CSV (UTF-8, ';' or ',') or XLSX file." };
            media.Schema = type == "multipart/form-data"
                ? new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = file }, Required = new HashSet<string> { "file" } }
                : file;
        }
    }

    /// <summary>A paged list: its two query parameters and the Link header that announces the next page.</summary>
    private static void DescribePaging(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Paging.LimitParameter, In = ParameterLocation.Query,
            Description = $"How many items per page, 1 to {Paging.MaxLimit} (default {Paging.DefaultLimit}).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Paging.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(Paging.DefaultLimit) },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Paging.CursorParameter, In = ParameterLocation.Query,
            Description = "Where the page starts: the cursor of the previous page's Link rel=\"next\" (opaque; omit it for the first page).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        if (operation.Responses!.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            okResponse.Headers["Link"] = new OpenApiHeader
            {
                Description = "RFC 8288: <url>; rel=\"next\" when more items follow (the same request with the next cursor); absent on the last page.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description, bool validation = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing))
        {
            if (existing is OpenApiResponse { Description: var d } r && (d is null || d == ReasonPhrase(status))) r.Description = description;
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(validation ? "HttpValidationProblemDetails" : "ProblemDetails", document),
                },
            },
        };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static void AddExamples(OpenApiOperation operation, OperationDoc doc)
    {
        if (ApiExamples.For(operation.OperationId!) is not { } example) return;
        if (example["request"] is { } request && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
            json.Example = request.DeepClone();
        foreach (var (status, response) in operation.Responses!)
            if (example[status] is { } answer && response.Content?.TryGetValue("application/json", out var media) == true)
                media.Example = answer.DeepClone();
    }

    private static void Enumerate(OpenApiSchema schema, IEnumerable<string> values)
    {
        var nullable = schema.Type is { } type && type.HasFlag(JsonSchemaType.Null);
        // A nullable property's enum names null too, or null would not validate against it.
        schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)), .. nullable ? new[] { (JsonNode)null! } : []];
    }

    /// <summary>
    /// Instants and periods are written by the service's own converters (<see cref="UtcDateTimeConverter"/>,
    /// the period's), so the generator cannot see that they are strings and leaves the schema without a type: say it.
    /// </summary>
    private static void TypeWhatAConverterWrites(OpenApiSchema schema, Type type)
    {
        if (schema.Type is not null) return;
        var value = Nullable.GetUnderlyingType(type) ?? type;
        if (value != typeof(DateTime) && value != typeof(Period)) return;
        schema.Type = JsonSchemaType.String | (value == type ? 0 : JsonSchemaType.Null);
        if (value == typeof(DateTime)) schema.Format = "date-time";
    }

    /// <summary>Periods, kinds and formats that travel as strings still have a closed set of values: say which.</summary>
    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        TypeWhatAConverterWrites(schema, context.JsonTypeInfo.Type);
        var property = context.JsonPropertyInfo;
        if (property is not null && schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && schema.Enum is not { Count: > 0 })
        {
            var values = (property.DeclaringType.Name, property.Name) switch
            {
                (_, "period") => ApiCatalog.Periods,
                (nameof(PlanModel.NodeDocument), "kind") => Enum.GetNames<NodeKind>(),
                (nameof(PlanModel.StructureDocument), "kind") => Enum.GetNames<StructureKind>(),
                (nameof(PlanModel.GuidelineDocument), "kind") => Enum.GetNames<GuidelineKind>(),
                (nameof(PlanModel.ReprogrammingDocument), "kind") => Enum.GetNames<ReprogrammingKind>(),
                (_, "format") when property.DeclaringType.Name.StartsWith("Upload", StringComparison.Ordinal) => ApiCatalog.Formats,
                _ => null,
            };
            if (values is not null) Enumerate(schema, values);
        }
        // A consuntivo names its year and period: the types say so, the handler still answers a 400 when they are missing.
        if (context.JsonTypeInfo.Type == typeof(Features.Actuals.ActualEntry) && schema.Properties is { } properties)
        {
            schema.Required ??= new HashSet<string>();
            foreach (var name in new[] { "year", "period" })
            {
                schema.Required.Add(name);
                if (properties.TryGetValue(name, out var p) && p is OpenApiSchema { Type: { } t } required) required.Type = t & ~JsonSchemaType.Null;
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>What the catalog says about one operation (by its operationId, the endpoint's WithName).</summary>
public sealed record OperationDoc(
    string Description,
    IReadOnlyDictionary<string, string>? Parameters = null,
    string[]? RequiredQuery = null,
    bool ETag = false,
    bool ReadOnly = false);

internal static class ApiExamples
{
    private static readonly Lazy<JsonObject> All = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Performance.Api.Hosting.ApiExamples.json")
            ?? throw new InvalidOperationException("ApiExamples.json is not embedded.");
        return JsonNode.Parse(stream)!.AsObject();
    });

    public static JsonObject? For(string operationId) => All.Value[operationId] as JsonObject;
}
