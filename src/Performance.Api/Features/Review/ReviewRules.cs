using Performance.Api.Features.Actuals;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Review;

/// <summary>
/// One rule set for reviewing a consuntivo, one at a time or many in one call (docs/workflow.md, "Who does what"):
/// <list type="bullet">
/// <item>submit: a referente submits any draft of its structures; the office (ControlloGestione, Admin) submits the drafts
/// it entered, never a referente's (that one is the referente's to submit);</item>
/// <item>validate and return: the OIV, and never on a revision the same identity entered or submitted (four eyes).</item>
/// </list>
/// </summary>
public static class ReviewRules
{
    public static string Verb(ReviewAction action) => action switch
    {
        ReviewAction.Submit => "submitted",
        ReviewAction.Validate => "validated",
        _ => "returned",
    };

    /// <summary>Why this caller may not act on this revision (a 403 when alone), or null. <paramref name="referenti"/> is needed to submit.</summary>
    public static string? Refusal(Actual actual, ReviewAction action, AccessScope scope, ReferenteScope? referenti, Indicator indicator, string? structure) =>
        action switch
        {
            ReviewAction.Submit when scope.IsReferente => referenti!.Refusal(indicator, structure),
            ReviewAction.Submit when actual.RecordedAs == Roles.Referente =>
                Say.It($"La revisione {actual.Revision} di {indicator.Code} {actual.Period} {actual.Year} è stata inserita dal referente {actual.RecordedBy}: " +
                "la invia un referente della sua struttura, non l'ufficio.",
                $"Revision {actual.Revision} of {indicator.Code} {actual.Period} {actual.Year} was entered by referente {actual.RecordedBy}: " +
                "a referente of its structure submits it, not the office."),
            ReviewAction.Submit => null,
            _ => actual.FourEyesProblem(scope.Actor),
        };

    /// <summary>
    /// Why the revision's year, validated by the OIV, takes no review (a 409 naming the validation), or null: its figures are
    /// part of the validated record until an Admin reopens the year. A closure does not stop reviews: closing a period ends
    /// its entries, the figures entered are then submitted and validated.
    /// </summary>
    public static string? Frozen(Actual actual, PlanFreeze freeze) => freeze.ValidationOf(actual.Year) is { } v ? PlanFreeze.Describe(v) : null;

    /// <summary>Why the revision's state does not allow the action (a 409 when alone), or null.</summary>
    public static string? StateProblem(Actual actual, ReviewAction action) =>
        action == ReviewAction.Submit ? actual.SubmitProblem() : actual.ReviewProblem(Verb(action));

    /// <summary>The route segment and the authorization policy of each act, one table for the single and the bulk routes.</summary>
    public static (string Verb, string Policy) RouteOf(ReviewAction action) => action switch
    {
        ReviewAction.Submit => ("submit", Policies.RecordActuals),
        ReviewAction.Validate => ("validate", Policies.Validate),
        ReviewAction.Return => ("return", Policies.Validate),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Applies the action and records its audit entry (one per consuntivo, whatever the call).</summary>
    public static void Apply(PerformanceDbContext db, Actual actual, ReviewAction action, string? reason, Indicator indicator, string? structure, Plan plan,
        AuditTrail audit, AccessScope scope, DateTime now)
    {
        var before = actual.Status;
        switch (action)
        {
            case ReviewAction.Submit: actual.Submit(scope.Actor); break;
            case ReviewAction.Validate: actual.Validate(scope.Actor, now); break;
            case ReviewAction.Return: actual.Return(scope.Actor, reason ?? "", now); break;
        }
        // A return opens (or continues) the consuntivo's thread with its reason (docs/evidence.md), one by one or in bulk.
        if (action == ReviewAction.Return)
            db.Set<Comment>().Add(new Comment
            {
                PlanId = plan.Id, IndicatorId = indicator.Id, ActualId = actual.Id, Kind = CommentKind.Return, Text = actual.ReturnReason!,
                Author = scope.Actor, AuthorRole = scope.Role, At = actual.ReviewedAt!.Value,
            });
        // Announced to the organization's webhooks in the same save as the act (nothing when the act rolls back).
        WebhookOutbox.Record(db, now, action switch
        {
            ReviewAction.Submit => WebhookEventTypes.Submitted,
            ReviewAction.Validate => WebhookEventTypes.Validated,
            _ => WebhookEventTypes.Returned,
        }, plan, new
        {
            actual = actual.Id, indicator = indicator.Code, indicatorName = indicator.Name, structure, actual.Year, actual.Period,
            actual.Revision, status = actual.Status, by = scope.Actor, reason = action == ReviewAction.Return ? actual.ReturnReason : null,
        });
        audit.Record($"Actual{action}", "Actual", actual.Id, $"{indicator.Code} {actual.Year} {actual.Period} r{actual.Revision}", plan.Id,
            plan.Organization.Code, new { status = before }, new { status = actual.Status }, reason, indicator.Id);
    }
}
