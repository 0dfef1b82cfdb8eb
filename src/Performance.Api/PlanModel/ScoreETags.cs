using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Language;

namespace Performance.Api.PlanModel;

/// <summary>
/// ETag and If-None-Match on score reads: a score is a function of the plan's stored state (its position in the change
/// sequence, <see cref="PlanPosition"/>; with compare, its source plan's too), the request (path and query), who asks (role, organization, structures), the
/// answer's language and today's date (monitoring and overdue figures depend on it). A client sending back the ETag of its
/// last read gets 304 with no body while none of these changed — a dashboard polling every minute costs one indexed read.
/// The position is read before the answer is computed: a write committing in between makes the ETag older than the answer,
/// never newer, so a stale figure is never confirmed. Weak: the same answer may travel compressed or not. A read whose tag
/// matches the last answer computed for it is sent those bytes again (<see cref="ScoreAnswerCache"/>).
/// </summary>
public static class ScoreETags
{
    /// <summary>The route value naming the plan (<c>{plan}</c>) or, for indicator routes, the indicator (<c>{indicator}</c>).</summary>
    public static RouteHandlerBuilder WithScoreETag(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var services = http.RequestServices;
            var db = services.GetRequiredService<PerformanceDbContext>();
            var ct = http.RequestAborted;
            var plan = http.Request.RouteValues["plan"] is string planKey
                ? await db.FindPlanAsync(planKey, ct)
                : (await db.FindIndicatorInPlanAsync((string)http.Request.RouteValues["indicator"]!, ct, tracking: false)).Plan;
            var version = (await PlanPosition.ReadAsync(db, plan.Id, ct)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // compare=previousYear may score the year before in the plan this one was rolled forward from: its writes count too.
            if (http.Request.Query.ContainsKey("compare") && await PlanLinks.SourcePlanAsync(db, plan, ct) is { } source)
                version += "+" + (await PlanPosition.ReadAsync(db, source.Id, ct)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var scope = services.GetRequiredService<AccessScope>();
            // The read's slot: everything the answer depends on but the plan's position, which the tag adds.
            var slot = string.Join('\n', plan.Id.ToString("N"), http.Request.Path + http.Request.QueryString, Say.Language.ToString(),
                $"{scope.Role}|{scope.Organization}|{string.Join(',', scope.Structures)}",
                services.GetRequiredService<TimeProvider>().TodayInItaly().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var tag = Tag(slot, version);
            if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } sent && sent.Any(e => e.Equals(EntityTagHeaderValue.Any) || e.Compare(tag, useStrongComparison: false)))
            {
                http.Response.Headers.ETag = tag.ToString();
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var answers = services.GetRequiredService<ScoreAnswerCache>();
            if (answers.Find(slot, tag.Tag.Value!) is { } kept)
            {
                http.Response.Headers.ETag = tag.ToString();
                return kept.AsResult(JsonContentType);
            }
            // Plain answers only (what the endpoint would serialize itself, with the same options); an IResult goes out as is.
            object? answer = null;
            async Task<AnswerBody?> ComputeAsync()
            {
                answer = await next(context);
                if (answer is null or IResult) return null;
                var body = AnswerBody.Serialize(answer, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
                answers.Keep(slot, tag.Tag.Value!, body);
                return body;
            }
            // Shared with the reads of this slot and tag that come meanwhile; a read that waited for an answer it cannot be
            // sent has computed its own (and, for an IResult, holds it in answer).
            var shared = await answers.ComputeOnceAsync(slot, tag.Tag.Value!, ComputeAsync, ct);
            http.Response.Headers.ETag = tag.ToString();
            return shared is not null ? shared.AsResult(JsonContentType) : answer;
        }).Produces(StatusCodes.Status304NotModified);

    private const string JsonContentType = "application/json; charset=utf-8";

    private static EntityTagHeaderValue Tag(string slot, string version)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(version + "\n" + slot)).AsSpan(0, 16));
        return new EntityTagHeaderValue($"\"{hash}\"", isWeak: true);
    }
}
