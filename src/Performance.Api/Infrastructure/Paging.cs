using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Net.Http.Headers;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>
/// Cursor pagination for every list endpoint: <c>?limit=</c> (1–1000, default 100) and <c>?cursor=</c>. The body stays
/// the plain JSON array the endpoint always answered; when more items follow, the answer has
/// <c>Link: &lt;…&amp;cursor=…&gt;; rel="next"</c> (RFC 8288), and no Link means the last page. A cursor names the last
/// item of its page (opaque to clients), so a page starts right after that item even when items were added elsewhere
/// in between; if that item was removed since, the cursor is refused (400) and the client starts again.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100, MaxLimit = 1000;
    public const string LimitParameter = "limit", CursorParameter = "cursor";

    /// <summary>Marks an endpoint as paged (the OpenAPI contract then declares the parameters and the Link header).</summary>
    public sealed record PagedList;

    /// <summary>Pages the list the endpoint answers; <paramref name="keyOf"/> is each item's identity within the list.</summary>
    public static RouteHandlerBuilder Paged<T>(this RouteHandlerBuilder builder, Func<T, string> keyOf) =>
        builder.WithMetadata(new PagedList()).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (limit, after) = Read(http.Request.Query); // refuse a bad limit or cursor before doing the work
            var result = await next(context);
            return result is IEnumerable<T> items ? Page(items, keyOf, limit, after, http) : result;
        });

    private static (int Limit, string? After) Read(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var limit = DefaultLimit;
        if (query.TryGetValue(LimitParameter, out var text) && (!int.TryParse(text, out limit) || limit is < 1 or > MaxLimit))
            errors.Add(LimitParameter, Say.It($"limit deve essere un numero intero da 1 a {MaxLimit}.", $"limit must be a whole number from 1 to {MaxLimit}."));
        string? after = null;
        if (query.TryGetValue(CursorParameter, out var cursor) && !TryDecode(cursor.ToString(), out after))
            errors.Add(CursorParameter, Say.It("cursor non è un cursore rilasciato da questo servizio: usa il link rel=\"next\" della pagina precedente.",
                "cursor is not a cursor issued by this service: follow the rel=\"next\" link of the previous page."));
        errors.ThrowIfAny();
        return (limit, after);
    }

    private static List<T> Page<T>(IEnumerable<T> items, Func<T, string> keyOf, int limit, string? after, HttpContext http)
    {
        var all = items as IReadOnlyList<T> ?? items.ToList();
        var start = 0;
        if (after is not null)
        {
            start = IndexOf(all, keyOf, after) + 1;
            if (start == 0)
                throw RequestValidationException.For(CursorParameter, Say.It(
                    "L'elemento a cui punta il cursore non è più nell'elenco (è stato rimosso): ricomincia dalla prima pagina.",
                    "The item this cursor points at is no longer in the list (it was removed): start again from the first page."));
        }
        var page = all.Skip(start).Take(limit).ToList();
        if (start + page.Count < all.Count)
            http.Response.Headers.Append(HeaderNames.Link, $"<{NextUrl(http.Request, Encode(keyOf(page[^1])), limit)}>; rel=\"next\"");
        return page;
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> keyOf, string key)
    {
        for (var i = 0; i < items.Count; i++)
            if (string.Equals(keyOf(items[i]), key, StringComparison.Ordinal)) return i;
        return -1;
    }

    // The same request with the next cursor: every other parameter (year, filters) is kept.
    private static string NextUrl(HttpRequest request, string cursor, int limit)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key is not (LimitParameter or CursorParameter))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { LimitParameter, limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { CursorParameter, cursor },
        };
        return request.PathBase + request.Path + query.ToQueryString();
    }

    private static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    private static bool TryDecode(string cursor, out string? key)
    {
        key = null;
        if (cursor.Length is 0 or > 4096) return false;
        try { key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)); return true; }
        catch (FormatException) { return false; }
    }
}
