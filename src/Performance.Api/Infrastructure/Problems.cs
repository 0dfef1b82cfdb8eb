using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// What every error answer has in common, whoever wrote it (the exception handler, authentication, authorization, the
/// rate limiter, status code pages): a title in the caller's language and a stable machine-readable <c>code</c>, so a
/// client branches on the code and never parses text. The codes are listed in docs/errors.md.
/// </summary>
public static partial class Problems
{
    public const string CodeKey = "code";

    /// <summary>Status → (default code, Italian title, English title).</summary>
    private static readonly Dictionary<int, (string Code, string It, string En)> ByStatus = new()
    {
        [400] = (InvalidRequest, "Richiesta non valida", "Invalid request"),
        [401] = ("unauthenticated", "Autenticazione richiesta", "Authentication required"),
        [403] = ("forbidden", "Operazione non consentita", "Forbidden"),
        [404] = ("not_found", "Non trovato", "Not found"),
        [405] = ("method_not_allowed", "Metodo non consentito", "Method not allowed"),
        [409] = ("conflict", "Conflitto con lo stato attuale", "Conflict"),
        [412] = ("etag_mismatch", "Versione non più attuale", "Precondition failed"),
        [413] = ("payload_too_large", "Contenuto troppo grande", "Payload too large"),
        [415] = ("unsupported_media_type", "Formato non supportato", "Unsupported media type"),
        [428] = ("if_match_required", "Precondizione richiesta", "Precondition required"),
        [429] = ("rate_limited", "Troppe richieste", "Too many requests"),
        [500] = ("internal_error", "Errore interno", "Internal error"),
        [503] = ("service_unavailable", "Servizio momentaneamente non disponibile", "Service unavailable"),
    };

    /// <summary>Every code an answer can carry: the per-status defaults, the 409 codes, and the 400/413 specific ones.</summary>
    public static IEnumerable<string> Codes =>
        ByStatus.Values.Select(v => v.Code)
            .Concat(typeof(ConflictCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!))
            .Concat(SpecificCodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The codes of 400/413 answers that say more than their status.</summary>
    public const string InvalidRequest = "invalid_request", ValidationFailed = "validation_failed", UnknownProperty = "unknown_property", InvalidJson = "invalid_json",
        ForbiddenCharacter = "forbidden_character", FileLimit = "file_limit";

    private static readonly string[] SpecificCodes = [ValidationFailed, UnknownProperty, InvalidJson, ForbiddenCharacter, FileLimit];

    /// <summary>Applied to every ProblemDetails the service writes (<c>ProblemDetailsOptions.CustomizeProblemDetails</c>).</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (ByStatus.TryGetValue(status, out var known))
        {
            problem.Title = Say.It(known.It, known.En);
            problem.Extensions.TryAdd(CodeKey, known.Code);
        }
        else problem.Extensions.TryAdd(CodeKey, status >= 500 ? "internal_error" : InvalidRequest);
        problem.Detail = problem.Detail is { } detail ? QuotedInShort(detail) : DefaultDetail(status);
        if (problem is HttpValidationProblemDetails validation)
            foreach (var key in validation.Errors.Keys.ToList())
                validation.Errors[key] = [.. validation.Errors[key].Select(QuotedInShort)];
    }

    /// <summary>
    /// A message quotes the value it refuses ("Codice 'X' sconosciuto"); a value thousands of characters long (a path
    /// segment, a 100,000-character text) is quoted by its first 100, so a refusal stays readable and never grows with
    /// the attack. Only a quoted run over 200 characters is cut: the service's own words are never that long unquoted.
    /// </summary>
    public static string QuotedInShort(string message) =>
        message.Length <= 200 ? message : LongQuote().Replace(message, m => $"{m.Groups[1].Value}{ValidationRules.Excerpt(m.Groups[2].Value, 100)}{m.Groups[1].Value}");

    // An opening quote not after a letter or digit (not the apostrophe of "dell'anno"), a closing one not before either.
    [System.Text.RegularExpressions.GeneratedRegex("""(?<![\p{L}\p{N}])(['"])([^'"]{201,})\1(?![\p{L}\p{N}])""")]
    private static partial System.Text.RegularExpressions.Regex LongQuote();

    /// <summary>A body past <c>Limits:MaxRequestBodyBytes</c> refused by the server itself, as its bytes arrive.</summary>
    public static string BodyTooLarge => Say.It(
        "Il corpo della richiesta supera il limite di questo servizio (Limits:MaxRequestBodyBytes); non è stato salvato nulla.",
        "The request body is larger than this service accepts (Limits:MaxRequestBodyBytes); nothing was stored.");

    // Answers that no handler explains (the framework's own 401, 404 and 405) still say what to do.
    private static string? DefaultDetail(int status) => status switch
    {
        401 => Say.It("Servono credenziali: l'intestazione X-Api-Key con una chiave, oppure Authorization: Bearer con un token.",
            "Credentials are needed: the X-Api-Key header with a key, or Authorization: Bearer with a token."),
        404 => Say.It("Nessuna risorsa a questo indirizzo; l'elenco delle operazioni è in /openapi/v1.json (Swagger UI: /swagger).",
            "Nothing at this address; the operations are listed in /openapi/v1.json (Swagger UI: /swagger)."),
        415 => Say.It("Questa operazione non accetta un corpo di questo tipo: i tipi accettati sono nel suo requestBody in /openapi/v1.json.",
            "Unsupported Media Type: this operation does not take a body of this type; the accepted types are in its requestBody in /openapi/v1.json."),
        405 => Say.It("Questo indirizzo esiste ma non accetta questo metodo.", "This address exists but does not take this method."),
        // The server refusing a body as its bytes arrive (chunked, past Limits:MaxRequestBodyBytes) while the endpoint binds it.
        413 => BodyTooLarge,
        _ => null,
    };

    /// <summary>A ProblemDetails with a specific code (the title comes from its status).</summary>
    public static ProblemDetails With(int status, string detail, string? code = null)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail };
        if (code is not null) problem.Extensions[CodeKey] = code;
        return problem;
    }
}

/// <summary>
/// Italian by default, English on request: the first language of <c>Accept-Language</c> (by quality) that the service
/// speaks picks the language of messages, and nothing else — numbers in JSON and parsing never depend on it.
/// </summary>
public static class Languages
{
    public static IApplicationBuilder UseLanguages(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var language = Requested(context.Request.GetTypedHeaders().AcceptLanguage);
        Say.Language = language;
        var tag = language == Language.English ? "en" : "it";
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.ContentLanguage = tag;
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>English only when the caller prefers it to Italian; anything else (no header, other languages) is Italian.</summary>
    public static Language Requested(IList<StringWithQualityHeaderValue> acceptLanguage)
    {
        foreach (var entry in acceptLanguage.Where(e => (e.Quality ?? 1) > 0).OrderByDescending(e => e.Quality ?? 1))
        {
            var primary = entry.Value.Value?.Split('-')[0];
            if (string.Equals(primary, "it", StringComparison.OrdinalIgnoreCase)) return Language.Italian;
            if (string.Equals(primary, "en", StringComparison.OrdinalIgnoreCase)) return Language.English;
        }
        return Language.Italian;
    }
}
