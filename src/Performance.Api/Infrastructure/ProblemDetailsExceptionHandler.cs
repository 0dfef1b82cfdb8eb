using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Performance.Api.Infrastructure;

/// <summary>The one place where exceptions become ProblemDetails. Unexpected errors never echo their message.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        RequestValidationException e => Validation(e.ByKey(), e.Message),
        FileLimitException e => Validation(new Dictionary<string, string[]> { ["file"] = [e.Message] },
            "The file goes past a limit of this service; nothing was stored.", StatusCodes.Status413PayloadTooLarge),
        ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
        Domain.Plans.WorkflowException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        PreconditionRequiredException e => Problem(StatusCodes.Status428PreconditionRequired, "Precondition required", e.Message),
        PreconditionFailedException e => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", e.Message),
        DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed",
            "The resource was changed by someone else; read it again and retry with the new ETag."),
        // Only a real conflict between writers is a 409; any other database failure is a fault (500, logged, nothing leaked).
        DbUpdateException e when DatabaseErrors.IsConflict(e) => Problem(StatusCodes.Status409Conflict, "Conflict",
            "The change conflicts with data stored concurrently (for example the same revision or code); retry."),
        BadHttpRequestException { InnerException: ForbiddenCharacterException text } => Validation(
            new Dictionary<string, string[]> { [text.FullPath] = [text.Message] }, "A text of the request has a character that is not allowed."),
        BadHttpRequestException { InnerException: JsonException json } => Validation(
            new Dictionary<string, string[]> { [BodyPath(json.Path)] = [JsonMessage(json)] }, "The request body is not valid JSON for this endpoint."),
        BadHttpRequestException e => Problem(e.StatusCode, "Bad request", e.Message),
        JsonException json => Validation(new Dictionary<string, string[]> { [BodyPath(json.Path)] = [JsonMessage(json)] },
            "The request body is not valid JSON for this endpoint."),
        // PostgreSQL cannot hold some characters (NUL) in text: that is the caller's input, not a server fault.
        System.Data.Common.DbException { SqlState: "22021" or "22P05" } => Validation(
            new Dictionary<string, string[]> { ["body"] = ["A text contains a character that cannot be stored (such as NUL)."] },
            "The request contains characters that are not allowed."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it has been logged."),
    };

    private static ProblemDetails Validation(IDictionary<string, string[]> errors, string detail, int status = StatusCodes.Status400BadRequest) =>
        new ValidationProblemDetails(errors)
        {
            Status = status, Title = status == StatusCodes.Status400BadRequest ? "Invalid request" : "Payload too large", Detail = detail,
        };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static string BodyPath(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    // System.Text.Json messages name .NET types; say what is wrong in the caller's terms, with line and position.
    private static string JsonMessage(JsonException json)
    {
        var where = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return $"Unknown property: this request has no such field, and an unknown field is refused rather than ignored{where}.";
        return json.InnerException is FormatException or OverflowException || json.Message.Contains("could not be converted")
            ? $"The value has the wrong type or is out of range{where}."
            : $"Malformed JSON{where}.";
    }
}
