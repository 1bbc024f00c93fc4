using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// A session's lifecycle under <c>/api/sessions</c>: the caller's list (from the read model, never from grains),
/// renaming, and deletion for good; and erasing every session of a user under <c>/api/users</c>.
/// </summary>
public static class SessionLifecycleApi
{
    private const int MaxPageSize = 200;

    /// <summary>Maps the list, rename and delete routes on the sessions group.</summary>
    public static RouteGroupBuilder MapSessionLifecycle(this RouteGroupBuilder sessions)
    {
        sessions.MapGet("/", ListSessions).WithName("ListSessions").WithSummary("The caller's sessions, most recent activity first");
        sessions.MapPatch("/{id}", RenameSession).WithName("RenameSession").WithSummary("Rename a session")
            .Accepts<RenameSessionRequest>("application/json");
        sessions.MapDelete("/{id}", DeleteSession).WithName("DeleteSession").WithSummary("Delete a session and erase its events");
        return sessions;
    }

    /// <summary>Maps <c>DELETE /api/users/{userId}</c>.</summary>
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        routes.MapDelete("/api/users/{userId}", EraseUser).WithTags("Users").WithName("EraseUser")
            .WithSummary("Delete every session of a user (an admin of the tenant, or 'me')").RequireRateLimiting(CallerRateLimiting.Policy);
        return routes;
    }

    private static async Task<Ok<SessionListResponse>> ListSessions(
        ClaimsPrincipal user, SessionListStore list, string? limit = null, string? cursor = null)
    {
        var caller = user.ToCaller();
        var pageSize = QueryNumbers.Parse(limit, "limit", 50, 1, MaxPageSize);
        SessionListCursor? after = null;
        if (cursor is not null)
        {
            if (!SessionListCursor.TryParse(cursor, out var parsed))
                throw ApiProblemException.BadRequest("Query parameter 'cursor' is not a cursor this service issued; use the 'next' of a page.", "cursor");
            after = parsed;
        }

        var page = await list.ListAsync(caller.Tenant, caller.UserId, pageSize + 1, after);
        var shown = page.Take(pageSize).ToList();
        var next = page.Count > pageSize ? new SessionListCursor(shown[^1].LastActivityAt, shown[^1].SessionId).ToToken() : null;
        return TypedResults.Ok(new SessionListResponse(
            [.. shown.Select(s => new SessionSummaryResponse(s.SessionId, s.Title, s.StartedAt.UtcDateTime, s.LastActivityAt.UtcDateTime, s.MessageCount, s.Version,
                s.ForkedFrom is { } origin ? new ForkOriginResponse(origin.SessionId, origin.Version) : null))],
            next));
    }

    private static async Task<Ok<SessionRenamedResponse>> RenameSession(string id, RenameSessionRequest request, ClaimsPrincipal user, SessionCalls sessions)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        var title = request.CheckedTitle();
        var version = await sessions.CallAsync(sessionId, grain => grain.Rename(caller, title));
        return TypedResults.Ok(new SessionRenamedResponse(sessionId, title, version));
    }

    private static async Task<NoContent> DeleteSession(
        string id, ClaimsPrincipal user, SessionCalls sessions, IGrainFactory grains, string? forgetMemories = null)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        var forget = forgetMemories switch
        {
            null or "false" => false,
            "true" => true,
            _ => throw ApiProblemException.BadRequest("Query parameter 'forgetMemories' must be true or false.", "forgetMemories"),
        };
        var deletion = SessionDeletion.Unconditional();
        await sessions.CallAsync(sessionId, grain => grain.Delete(caller, deletion));
        // Only once the session is gone: a deletion that failed leaves the memory as it was.
        if (forget)
            await grains.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(caller)).ForgetSession(caller, sessionId);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserErasedResponse>> EraseUser(string userId, ClaimsPrincipal user, SessionEraser erasure)
    {
        var caller = user.ToCaller();
        var target = userId == "me" ? caller.UserId : userId;
        if (target != caller.UserId && !caller.IsAdmin)
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden", "Only an admin of the tenant may erase another user; use 'me' for yourself.", "userId");

        // A client that goes away does not stop an erasure half way.
        return TypedResults.Ok(new UserErasedResponse(await erasure.EraseUserAsync(caller.Tenant, target, CancellationToken.None)));
    }
}
