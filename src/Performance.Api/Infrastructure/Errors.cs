namespace Performance.Api.Infrastructure;

// Expected failures are thrown as these and mapped once, by ProblemDetailsExceptionHandler, to RFC 9457 responses.

/// <summary>404: the resource does not exist (or is not visible to the caller).</summary>
public sealed class NotFoundException(string what, string key) : Exception($"{what} '{key}' was not found.");

/// <summary>403: authenticated, but this role or scope may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>409: the request conflicts with the current state (duplicate code, closed period...).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>412: If-Match named a version that is no longer current.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>400 with field errors keyed by JSON path (e.g. "nodes[2].indicators[0].targets.2021").</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "The request has validation errors.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects every error of a request before failing, so a caller fixes all of them in one round.</summary>
public sealed class ErrorCollector
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;
    public int Count => _errors.Values.Sum(v => v.Count);

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list)) _errors[path] = list = [];
        list.Add(message);
    }

    /// <summary>The first error as "path: message", for one-line summaries.</summary>
    public string First() => _errors.Select(e => $"{e.Key}: {e.Value[0]}").FirstOrDefault() ?? "";

    public void ThrowIfAny(string? detail = null)
    {
        if (HasErrors) throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), detail);
    }
}
