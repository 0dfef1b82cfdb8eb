using MediatR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Features.Audit;

/// <summary>The audit trail, filterable by plan, indicator, user and time, newest first; only the caller's organization.</summary>
public sealed record ListAudit(string? Plan, string? Indicator, string? User, DateTime? From, DateTime? To, int? Skip, int? Take, string? Cursor = null)
    : IRequest<AuditPage>;

/// <summary>One entry of the audit trail: who changed what, when, before and after, and why, with its links in the signed hash chain.</summary>
/// <param name="Sequence">Its place in the chain (1, 2, …), one numbering across every organization: the commit order.</param>
/// <param name="At">When the change was saved (UTC, to the microsecond).</param>
/// <param name="Actor">Who made it: the caller's recorded name (the token's name, else its subject; an API key's name), or <c>system</c> for the service's own entries.</param>
/// <param name="Role">The role the actor acted in: Admin, ControlloGestione, Referente or Oiv (Admin for the service's own entries).</param>
/// <param name="Organization">The code of the organization the change belongs to; null for entries of the whole trail (seal, key rotation).</param>
/// <param name="PlanId">The id of the plan concerned; null when none (a webhook, the trail itself).</param>
/// <param name="IndicatorId">The id of the indicator concerned, when the change is about one.</param>
/// <param name="EntityType">The kind of thing changed: Plan, Node, Indicator, Actual, PeriodClosure, Forzatura, Sample, Attachment, Comment, Webhook, AuditTrail, ….</param>
/// <param name="EntityId">The id of the thing changed.</param>
/// <param name="EntityCode">The thing changed in people's terms: a plan or indicator code, "I1 2024 Q1 r2", "PP-2021 2021 Q3".</param>
/// <param name="Action">What happened, e.g. PlanImported, ActualRecorded, ActualRevised, ActualSubmit, ActualValidate, ActualReturn, PeriodClosed, ForzaturaApproved.</param>
/// <param name="Before">The state before the change, as JSON text; null when there was none (a creation) or the entry does not record it.</param>
/// <param name="After">The state after the change, as JSON text (for an import, the whole plan document); null when the entry records none (a removal).</param>
/// <param name="Reason">Why, as the caller gave it (a return's reason, a reopening's, a bulk load's description); null when none.</param>
/// <param name="PreviousHash">The hash of the entry before it (64 zeros for the first): the link of the chain.</param>
/// <param name="Hash">SHA-256 of the entry's every field, its rows and the previous hash, 64 lowercase hex digits.</param>
/// <param name="Signature">HMAC-SHA256 of the hash under the audit key (hex); empty for entries written before the service had a key.</param>
public sealed record AuditEntryResponse(
    long Sequence, DateTime At, string Actor, string Role, string? Organization, Guid? PlanId, Guid? IndicatorId, string EntityType,
    Guid? EntityId, string? EntityCode, string Action, string? Before, string? After, string? Reason, string PreviousHash, string Hash, string Signature);

/// <summary>A page of the trail; <c>Next</c> is the cursor of the following (older) page, null on the last one.</summary>
/// <param name="Total">How many entries match the filters (plan, indicator, user, from, to), whatever the cursor and skip.</param>
/// <param name="Skip">The entries skipped before this page (after the cursor, when one was sent).</param>
/// <param name="Take">The page size used: 1 to 1000, default 100.</param>
/// <param name="Entries">The page's entries, newest first.</param>
/// <param name="Next">The cursor to send as <c>cursor</c> for the next, older page (also in the Link header, rel=next); null on the last page.</param>
public sealed record AuditPage(int Total, int Skip, int Take, IReadOnlyList<AuditEntryResponse> Entries, string? Next = null);

public sealed class AuditHandler(PerformanceDbContext db, AccessScope scope) : IRequestHandler<ListAudit, AuditPage>
{
    public async Task<AuditPage> Handle(ListAudit request, CancellationToken ct)
    {
        // A filter no stored text can hold (NUL, U+FFFF...) is refused under its name, the same on every engine: PostgreSQL
        // cannot even compare a NUL, SQLite found nothing.
        var unstorable = new[] { ("plan", request.Plan), ("indicator", request.Indicator), ("user", request.User) }
            .Select(f => (Name: f.Item1, Problem: ValidationRules.UnstorableProblem(f.Item2)))
            .Where(f => f.Problem is not null).Select(f => new ValidationError(f.Name, f.Problem!)).ToList();
        if (unstorable.Count > 0) throw new RequestValidationException(unstorable);

        var query = db.AuditEntries.AsNoTracking();
        if (scope.Organization is { } org) query = query.Where(a => a.Organization == org);
        if (request.Plan is not null) { var plan = await db.FindPlanAsync(request.Plan, ct); query = query.Where(a => a.PlanId == plan.Id); }
        if (request.Indicator is not null) { var indicator = await db.FindIndicatorAsync(request.Indicator, ct, tracking: false); query = query.Where(a => a.IndicatorId == indicator.Id); }
        if (request.User is not null) query = query.Where(a => a.Actor == request.User);
        if (request.From is { } from) query = query.Where(a => a.At >= from.ToUniversalTime());
        if (request.To is { } to) query = query.Where(a => a.At <= to.ToUniversalTime());
        var (skip, take) = (Math.Max(0, request.Skip ?? 0), Math.Clamp(request.Take ?? 100, 1, 1000));
        var total = await query.CountAsync(ct);
        // The cursor is the sequence of the last entry of the previous page: entries appended since do not shift pages.
        if (request.Cursor is not null)
        {
            var before = AuditCursor.Decode(request.Cursor);
            query = query.Where(a => a.Sequence < before);
        }
        var entries = await query.OrderByDescending(a => a.Sequence).Skip(skip).Take(take + 1).ToListAsync(ct);
        var next = entries.Count > take ? AuditCursor.Encode(entries[take - 1].Sequence) : null;
        if (next is not null) entries.RemoveAt(take);
        return new AuditPage(total, skip, take, entries.Select(a => new AuditEntryResponse(a.Sequence, a.At, a.Actor, a.Role, a.Organization, a.PlanId,
            a.IndicatorId, a.EntityType, a.EntityId, a.EntityCode, a.Action, a.Before, a.After, a.Reason, a.PreviousHash, a.Hash, a.Signature)).ToList(), next);
    }
}

public sealed class AuditEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? plan, string? indicator, string? user, DateTime? from, DateTime? to, int? skip, int? take, string? cursor,
                HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var page = await mediator.Send(new ListAudit(plan, indicator, user, from, to, skip, take, cursor), ct);
                if (page.Next is not null)
                    http.Response.Headers.Append(HeaderNames.Link, $"<{QueryHelpers.AddQueryString(http.Request.Path,
                        http.Request.Query.Where(q => q.Key is not ("cursor" or "skip")).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                            .Append(KeyValuePair.Create("cursor", (string?)page.Next)))}>; rel=\"next\"");
                return page;
            })
            .WithName(nameof(ListAudit)).WithTags("Audit").RequireAuthorization(Policies.Audit)
            .WithSummary("The audit trail (who, when, before/after, why), filterable by plan, indicator, user and time")
            .Produces<AuditPage>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>An audit cursor: the sequence of the last entry of a page, opaque to clients.</summary>
internal static class AuditCursor
{
    public static string Encode(long sequence) => "s" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long Decode(string cursor) =>
        cursor.StartsWith('s') && long.TryParse(cursor.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw RequestValidationException.For("cursor", Performance.Domain.Language.Say.It(
                "cursor non è un cursore del registro: usa il campo next della pagina precedente.", "cursor is not an audit cursor: use the next field of the previous page."));
}
