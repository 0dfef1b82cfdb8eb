using Microsoft.Net.Http.Headers;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: the entity's app-managed Version is its ETag; an update must send it back in
/// If-Match, so an edit made on a stale read is refused (412) instead of silently overwriting someone else's.
/// </summary>
public static class Concurrency
{
    public static string ETag(Guid version) => $"\"{version:N}\"";

    public static Guid RequireIfMatch(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header))
            throw new PreconditionRequiredException(Say.It("Per modificare la risorsa invia il suo ETag in If-Match (leggilo prima con GET).", "Send the resource's ETag in If-Match to update it (read it first with GET)."));
        return Guid.TryParseExact(header.Trim().Trim('"').Replace("W/", "").Trim('"'), "N", out var version)
            ? version
            : throw new PreconditionFailedException(Say.It($"If-Match '{header}' non è un ETag rilasciato da questo servizio.", $"If-Match '{header}' is not an ETag issued by this service."));
    }

    /// <param name="what">The resource in the caller's language (Say.It), e.g. "Indicatore 'I1'".</param>
    public static void Check(Guid current, Guid expected, string what)
    {
        if (current != expected)
            throw new PreconditionFailedException(Say.It($"{what}: è cambiato qualcosa dopo la tua lettura (l'ETag attuale è {ETag(current)}); rileggi e riprova.", $"{what} was changed since you read it (ETag {ETag(current)} is current); read it again and retry."));
    }

    public static IResult WithETag<T>(this T body, HttpContext http, Guid version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Ok(body);
    }

    /// <summary>A created resource: 201 at its location, with its ETag (what an update sends back in If-Match).</summary>
    public static IResult CreatedWithETag<T>(this T body, HttpContext http, string location, string etag)
    {
        http.Response.Headers.ETag = etag;
        return Results.Created(location, body);
    }

    /// <summary>What a write under If-Match answers besides success: 400 by path, 404, 409 (the plan's record), 412 (stale), 428 (no If-Match).</summary>
    public static RouteHandlerBuilder ProducesGuardedWriteProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}

/// <summary>428: an update came without If-Match.</summary>
public sealed class PreconditionRequiredException(string message) : Exception(message);
