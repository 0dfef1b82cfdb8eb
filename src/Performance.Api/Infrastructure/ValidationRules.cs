using FluentValidation;

namespace Performance.Api.Infrastructure;

/// <summary>
/// The rules every request validator shares. Validation has one shape in this service: a request whose rules need only
/// the request (required fields, formats, lengths) has a FluentValidation validator next to it, run by the pipeline
/// before the handler; a request with rules that need stored state (a year of this plan, a code that must exist) is
/// checked by its handler and the domain in one pass, so that one answer lists every error. Either way the errors are
/// <see cref="ValidationError"/>s by JSON path (and file location), in the same 400.
/// </summary>
public static class ValidationRules
{
    public const int MaxTextLength = Domain.Actuals.ActualRules.MaxTextLength;

    /// <summary>A free text (note, reason) of at most 4000 characters, under its JSON name.</summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(t => t is null || t.Length <= MaxTextLength).WithMessage($"The {field} must be at most {MaxTextLength} characters.").OverridePropertyName(field);

    /// <summary>A reason the rules require: present, and saying why in words (<see cref="Domain.Audit.Reasons"/>).</summary>
    public static IRuleBuilderOptions<T, string?> Reason<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(t => Domain.Audit.Reasons.Problem(t, field) is null).WithMessage((_, t) => Domain.Audit.Reasons.Problem(t, field)!).OverridePropertyName(field);
}
