using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>The one place where exceptions become ProblemDetails. Unexpected errors never echo their message.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("The database did not take the request on {Path}: {Reason}", http.Request.Path, exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = "5";
        }
        else if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        RequestValidationException e => Validation(e.ByKey(), e.Message, e.Status, e.Status == 400 ? Problems.ValidationFailed : ConflictCodes.WorkflowState),
        FileLimitException e => Validation(new Dictionary<string, string[]> { ["file"] = [e.Message] },
            Say.It("Il file supera un limite di questo servizio; non è stato salvato nulla.", "The file goes past a limit of this service; nothing was stored."),
            StatusCodes.Status413PayloadTooLarge, Problems.FileLimit),
        ForbiddenException e => Problems.With(StatusCodes.Status403Forbidden, e.Message),
        NotFoundException e => Problems.With(StatusCodes.Status404NotFound, e.Message),
        Domain.Plans.WorkflowException e => Problems.With(StatusCodes.Status409Conflict, e.Message, ConflictCodes.WorkflowState),
        ConflictException e => Problems.With(StatusCodes.Status409Conflict, e.Message, e.Code),
        PreconditionRequiredException e => Problems.With(StatusCodes.Status428PreconditionRequired, e.Message),
        PreconditionFailedException e => Problems.With(StatusCodes.Status412PreconditionFailed, e.Message),
        DbUpdateConcurrencyException => Problems.With(StatusCodes.Status412PreconditionFailed,
            Say.It("La risorsa è stata modificata da altri: rileggila e riprova con il nuovo ETag.",
                "The resource was changed by someone else; read it again and retry with the new ETag.")),
        // A database that takes no request for now is a 503 to retry, not a fault of the service or the request.
        _ when DatabaseErrors.IsUnavailable(exception) => Problems.With(StatusCodes.Status503ServiceUnavailable,
            Say.It("Il database non accetta la richiesta in questo momento (troppe connessioni insieme, un riavvio, o un altro programma che tiene il file bloccato): riprova tra qualche secondo.",
                "The database does not take the request at the moment (too many connections at once, a restart, or another program holding the file locked): retry in a few seconds.")),
        // Only a real conflict between writers is a 409; any other database failure is a fault (500, logged, nothing leaked).
        DbUpdateException e when DatabaseErrors.IsConflict(e) => Problems.With(StatusCodes.Status409Conflict,
            Say.It("La modifica è in conflitto con dati salvati nello stesso momento (per esempio la stessa revisione o lo stesso codice): riprova.",
                "The change conflicts with data stored concurrently (for example the same revision or code); retry."), ConflictCodes.ConcurrentChange),
        BadHttpRequestException { InnerException: ForbiddenCharacterException text } => Validation(
            new Dictionary<string, string[]> { [text.FullPath] = [text.Message] },
            Say.It("Un testo della richiesta contiene un carattere non ammesso.", "A text of the request has a character that is not allowed."), code: Problems.ForbiddenCharacter),
        BadHttpRequestException { InnerException: JsonException json } => Json(json),
        BadHttpRequestException e when ParameterBindingProblems.Explain(e) is { } parameter =>
            Validation(parameter, ParameterBindingProblems.Detail, e.StatusCode, Problems.InvalidRequest),
        BadHttpRequestException e => Problems.With(e.StatusCode, FrameworkBodyProblem(e) ?? e.Message),
        JsonException json => Json(json),
        // PostgreSQL cannot hold some characters (NUL) in text: that is the caller's input, not a server fault, whether a
        // lookup or a save finds it (the inputs known to carry one are refused before, under their own names).
        System.Data.Common.DbException { SqlState: "22021" or "22P05" } => UnstorableText(),
        DbUpdateException { InnerException: System.Data.Common.DbException { SqlState: "22021" or "22P05" } } => UnstorableText(),
        _ => Problems.With(StatusCodes.Status500InternalServerError,
            Say.It("Errore imprevisto: è stato registrato.", "An unexpected error occurred; it has been logged.")),
    };

    private static ProblemDetails UnstorableText() => Validation(
        new Dictionary<string, string[]> { ["body"] = [Say.It("Un testo contiene un carattere che non si può salvare (come NUL).", "A text contains a character that cannot be stored (such as NUL).")] },
        Say.It("La richiesta contiene caratteri non ammessi.", "The request contains characters that are not allowed."), code: Problems.ForbiddenCharacter);

    // The server refusing a body past its limit as the bytes arrive (chunked) says so in English; ours are already in the
    // caller's language. (A body cut short or too slow gets no answer at all: the client is gone.)
    private static string? FrameworkBodyProblem(BadHttpRequestException e) =>
        e.Message.StartsWith("Request body too large", StringComparison.Ordinal)
            ? Problems.BodyTooLarge
            : null;

    private static ProblemDetails Validation(IDictionary<string, string[]> errors, string detail, int status = StatusCodes.Status400BadRequest, string code = Problems.ValidationFailed)
    {
        var problem = new ValidationProblemDetails(errors) { Status = status, Detail = detail };
        problem.Extensions[Problems.CodeKey] = code;
        return problem;
    }

    private static ProblemDetails Json(JsonException json) =>
        Validation(new Dictionary<string, string[]> { [BodyPath(json.Path)] = [JsonMessage(json)] },
            Say.It("Il corpo della richiesta non è un JSON valido per questa operazione.", "The request body is not valid JSON for this endpoint."),
            code: IsUnknownProperty(json) ? Problems.UnknownProperty : Problems.InvalidJson);

    private static bool IsUnknownProperty(JsonException json) => json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal);

    private static string BodyPath(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    // System.Text.Json messages name .NET types; say what is wrong in the caller's terms, with line and position.
    private static string JsonMessage(JsonException json)
    {
        var (riga, where) = json.LineNumber is { } line
            ? ($" (riga {line + 1}, posizione {json.BytePositionInLine + 1})", $" (line {line + 1}, position {json.BytePositionInLine + 1})")
            : ("", "");
        if (IsUnknownProperty(json))
            return Say.It($"Proprietà sconosciuta: questa richiesta non ha un campo con questo nome, e un campo sconosciuto è rifiutato anziché ignorato{riga}.",
                $"Unknown property: this request has no such field, and an unknown field is refused rather than ignored{where}.");
        return json.InnerException is FormatException or OverflowException || json.Message.Contains("could not be converted")
            ? Say.It($"Il valore ha il tipo sbagliato o è fuori intervallo{riga}.", $"The value has the wrong type or is out of range{where}.")
            : Say.It($"JSON malformato{riga}.", $"Malformed JSON{where}.");
    }
}
