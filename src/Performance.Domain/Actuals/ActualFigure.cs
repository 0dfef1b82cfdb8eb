using Performance.Domain.Plans;

namespace Performance.Domain.Actuals;

/// <summary>
/// What a consuntivo says, for deciding that a re-sent row is the same as the current revision (docs/workflow.md,
/// "Unchanged rows"): the figure (value, numerator, denominator, done, completion, completion date) and its texts (note,
/// justification). Numbers compare by value (1.50 = 1.5), a blank text as no text. The reported-on date and a correction
/// reason are not part of it: sending the same figure again, another day, does not report it again.
/// </summary>
public sealed record ActualFigure(
    decimal? Value, decimal? Numerator, decimal? Denominator, bool? Done, decimal? Completion, DateOnly? CompletedOn, string? Note, string? Justification)
{
    public static ActualFigure Of(Actual a) => new(a.Value, a.Numerator, a.Denominator, a.Done, a.Completion, a.CompletedOn, Text(a.Note), Text(a.Justification));

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
