using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

// Expected failures are thrown as these and mapped once, by ProblemDetailsExceptionHandler, to RFC 9457 responses.

/// <summary>404: the resource does not exist (or is not visible to the caller).</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    // The key is echoed as sent, up to 100 characters: a path segment can be thousands long.
    public NotFoundException(string what, string key) : this(Missing(what, ValidationRules.Excerpt(key, 100))) { }

    private static string Missing(string what, string shown) =>
        Say.It($"{Italian.GetValueOrDefault(what, what)} '{shown}' inesistente o non visibile.", $"{what} '{shown}' was not found.");

    // The things a caller looks up by key, in the Italian the message is written in.
    private static readonly Dictionary<string, string> Italian = new(StringComparer.Ordinal)
    {
        ["Plan"] = "Piano", ["Indicator"] = "Indicatore", ["Node"] = "Nodo", ["Closure"] = "Chiusura", ["Sample"] = "Campione",
        ["Forzatura"] = "Forzatura", ["Consuntivo"] = "Consuntivo", ["Attachment"] = "Allegato", ["Structure"] = "Struttura", ["Value area"] = "Ambito di valore",
        ["Consuntivo in the sample"] = "Consuntivo del campione", ["Validation document"] = "Documento di validazione",
        ["Organization"] = "Ente", ["Webhook"] = "Webhook",
    };
}

/// <summary>403: authenticated, but this role or scope may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>409: the request conflicts with the current state (duplicate code, closed period...); <paramref name="code"/>
/// is the stable code clients branch on (docs/errors.md).</summary>
public sealed class ConflictException(string message, string code = ConflictCodes.Conflict) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The stable codes of 409 answers (docs/errors.md): a client tells a closed period from a validated year without reading text.</summary>
public static class ConflictCodes
{
    public const string Conflict = "conflict";
    public const string YearValidated = "year_validated";
    public const string PeriodClosed = "period_closed";
    public const string UnderReview = "figure_under_review";
    public const string FigureValidated = "figure_validated";
    public const string RevisionSuperseded = "revision_superseded";
    public const string AlreadyExists = "already_exists";
    public const string HasData = "has_data";
    public const string PlanNotDraft = "plan_not_draft";
    public const string WorkflowState = "workflow_state";
    public const string ConcurrentChange = "concurrent_change";
    public const string PendingDecisions = "pending_decisions";
    public const string AlreadyRemoved = "already_removed";
}

/// <summary>413: an uploaded file goes past a limit of the <c>Uploads</c> section; the message names the limit and its key.</summary>
public sealed class FileLimitException(string message) : Exception(message);

/// <summary>412: If-Match named a version that is no longer current.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>Where in a file a problem is: the sheet (null for CSV), the data row (1 = the first row under the header), the column's header and the cell.</summary>
/// <param name="Sheet">The sheet's name (e.g. <c>Indicatori</c>); null for a CSV file and for a consuntivi file, which is one table.</param>
/// <param name="Row">The data row: 1 is the first row under the header; null for a place that is no cell.</param>
/// <param name="Column">The column's header as the file has it (or as the template names it when the file lacks that column).</param>
/// <param name="Cell">The cell's address, e.g. <c>H13</c>; null when the file has no column for the field.</param>
/// <param name="Label">For a place that is no cell (e.g. a field of the plan), its name; the other fields are then null.</param>
public sealed record FileLocation(string? Sheet, int? Row, string? Column, string? Cell, string? Label = null)
{
    /// <summary><c>Indicatori, riga 12, colonna "Target 2021" (cella H13)</c>, <c>riga 7</c>, or the label of a place that is no cell.</summary>
    public override string ToString()
    {
        if (Label is not null) return Label;
        var parts = new List<string>(3);
        if (Sheet is not null) parts.Add(Sheet);
        if (Row is { } row) parts.Add($"riga {row}");
        if (Column is not null) parts.Add(Cell is null ? $"colonna \"{Column}\"" : $"colonna \"{Column}\" (cella {Cell})");
        else if (Cell is not null) parts.Add($"cella {Cell}");
        return string.Join(", ", parts);
    }
}

/// <summary>
/// One problem of a request: its JSON path in the request (<c>actuals[17].value</c>, <c>nodes[2].indicators[0].targets.2021</c>)
/// and, when the request was read from a file, where that part of the file is. Produced once, rendered by whoever answers.
/// </summary>
public sealed record ValidationError(string Path, string Message, FileLocation? Location = null)
{
    /// <summary>The key people read: the place in the file when there is one, else the JSON path.</summary>
    public string Key => Location?.ToString() ?? Path;
}

/// <summary>400 with every problem of the request (all of them, so a caller fixes them in one round).</summary>
public sealed class RequestValidationException(IReadOnlyList<ValidationError> errors, string? detail = null)
    : Exception(detail ?? Say.It("La richiesta contiene errori: sono elencati per campo in errors.", "The request has validation errors."))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    /// <summary>400 for bad input; 409 when every item is well formed but the stored state refuses some (a bulk review).</summary>
    public int Status { get; init; } = 400;

    /// <summary>Errors grouped by key, in the order they were found: the ProblemDetails <c>errors</c> member.</summary>
    public IDictionary<string, string[]> ByKey() =>
        Errors.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    public static RequestValidationException For(string field, string message) => new([new ValidationError(field, message)]);
}

/// <summary>
/// Collects every error of a request before failing, so a caller fixes all of them in one round. Given a locator (a request
/// read from a file), each error also records where its JSON path is in the file.
/// </summary>
public sealed class ValidationErrors(Func<string, FileLocation?>? locate = null)
{
    private readonly List<ValidationError> _errors = [];

    public bool HasErrors => _errors.Count > 0;
    public int Count => _errors.Count;
    public IReadOnlyList<ValidationError> All => _errors;

    public void Add(string path, string message) => _errors.Add(new ValidationError(path, message, locate?.Invoke(path)));

    public void Add(ValidationError error) => _errors.Add(error);

    public void AddRange(IEnumerable<ValidationError> errors) => _errors.AddRange(errors);

    /// <summary>The first error as "where: message", for one-line summaries.</summary>
    public string First() => _errors.Count == 0 ? "" : $"{_errors[0].Key}: {_errors[0].Message}";

    public void ThrowIfAny(string? detail = null)
    {
        if (HasErrors) throw new RequestValidationException(_errors.ToList(), detail);
    }
}
