using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Search;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// <c>GET /api/search</c>: the text of the caller's own conversations (messages and replies), best match first, with a
/// snippet that marks the matched words. Only ever the caller's: an admin searches their own conversations too.
/// </summary>
public static class SearchApi
{
    private const int MaxPageSize = 100;

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", Search).WithTags("Search").WithName("Search").RequireRateLimiting(CallerRateLimiting.Policy)
            .WithSummary("Search the caller's conversations: q in web-search syntax (\"a phrase\", -word, or), best match first");
        return routes;
    }

    /// <remarks><paramref name="q"/> is declared for the OpenAPI document; it is read strictly from the raw query (<see cref="SearchQuery"/>).</remarks>
    private static async Task<Ok<SearchResponse>> Search(
        HttpRequest request, ClaimsPrincipal user, SearchStore store, string? q = null, string? limit = null, string? cursor = null)
    {
        var caller = user.ToCaller();
        var text = SearchQuery.Read(request);
        var pageSize = QueryNumbers.Parse(limit, "limit", 20, 1, MaxPageSize);
        SearchCursor? after = null;
        if (cursor is not null && !SearchCursor.TryParse(cursor, out after))
            throw ApiProblemException.BadRequest("Query parameter 'cursor' is not a cursor this service issued; use the 'next' of a page.", "cursor");

        // A database that cannot answer is the exception handler's 503 with Retry-After.
        var hits = await store.SearchAsync(caller.Tenant, caller.UserId, text, pageSize + 1, after, request.HttpContext.RequestAborted);
        var shown = hits.Take(pageSize).ToList();
        var next = hits.Count > pageSize ? shown[^1].Cursor.ToToken() : null;
        return TypedResults.Ok(new SearchResponse(
            [.. shown.Select(h => new SearchHitResponse(h.SessionId, h.Title, h.Version, h.Role, h.Text, h.Snippet, h.At.UtcDateTime))], next));
    }
}
