using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// The conversation API under <c>/api/sessions</c>: each request is routed to the grain of its session id, through
/// <see cref="SessionCalls"/> (sent again if a silo dies meanwhile) with the authenticated caller, whom the grain
/// answers as if the session did not exist unless it may see it. Failures are thrown and answered by the gateway's
/// exception handler.
/// </summary>
public static class SessionsApi
{
    private const int MaxEventsPerPage = 1000;

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/sessions").WithTags("Sessions").RequireRateLimiting(CallerRateLimiting.Policy);
        sessions.MapPost("/", CreateSession).WithName("CreateSession").WithSummary("Start a new session")
            .Accepts<CreateSessionRequest>(isOptional: true, "application/json");
        sessions.MapPost("/{id}/messages", SendMessage).WithName("SendMessage").WithSummary("Send a user message and get the reply")
            .Accepts<SendMessageRequest>("application/json");
        sessions.MapGet("/{id}", GetSession).WithName("GetSession").WithSummary("The session's current state");
        sessions.MapGet("/{id}/events", GetEvents).WithName("GetSessionEvents").WithSummary("A page of the session's event log");
        sessions.MapGet("/{id}/state", GetStateAt).WithName("GetSessionStateAt").WithSummary("The session's state right after event N");
        sessions.MapSessionLifecycle();
        sessions.MapTurnStreaming();
        sessions.MapForks();
        return routes;
    }

    private static async Task<Created<SessionCreatedResponse>> CreateSession(
        CreateSessionRequest? request, ClaimsPrincipal user, AuthModeResolver auth, SessionCalls sessions)
    {
        var caller = user.ToCaller();
        var userId = request?.CheckedUserId(caller, auth.Current);
        var memory = request?.CheckedMemory() ?? true;
        var sessionId = Guid.NewGuid();
        var version = await sessions.CallAsync(sessionId, grain => grain.Start(caller, userId, memory));
        return TypedResults.Created($"/api/sessions/{sessionId}", new SessionCreatedResponse(sessionId, version));
    }

    private static async Task<Results<Ok<MessageResponse>, ServerSentEventsResult<object>>> SendMessage(
        string id, SendMessageRequest request, HttpContext context, SessionCalls sessions, TurnStreams turns, IOptions<MessageLimitOptions> limits)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = context.User.ToCaller();
        var message = request.ToUserMessage(context, limits.Value);
        if (TurnEventStream.IsWanted(context.Request))
        {
            var first = await turns.StartAsync(sessionId, caller, message);
            var rest = turns.FollowAsync(sessionId, caller, message.MessageId!, first[^1].Sequence, context.RequestAborted);
            return TypedResults.ServerSentEvents(TurnEventStream.ToSse(TurnEventStream.Concat(first, rest), sessionId, message.MessageId!, context.RequestAborted));
        }

        var reply = await sessions.CallAsync(sessionId, grain => grain.SendMessage(caller, message));
        return TypedResults.Ok(new MessageResponse(reply.SessionId, reply.MessageId, reply.Reply, reply.Version));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSession(string id, ClaimsPrincipal user, SessionCalls sessions)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        var view = await sessions.CallAsync(sessionId, grain => grain.GetSession(caller));
        return view is null ? ApiProblems.SessionNotFound(sessionId) : TypedResults.Ok(view.ToResponse());
    }

    private static async Task<Results<Ok<EventsResponse>, ProblemHttpResult>> GetEvents(
        string id, ClaimsPrincipal user, SessionCalls sessions, string? from = null, string? limit = null)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        var fromVersion = QueryNumbers.Parse(from, "from", 1, 1, int.MaxValue);
        var pageSize = QueryNumbers.Parse(limit, "limit", 100, 1, MaxEventsPerPage);
        var page = await sessions.CallAsync(sessionId, grain => grain.GetEvents(caller, fromVersion, pageSize));
        return page is null ? ApiProblems.SessionNotFound(sessionId) : TypedResults.Ok(page.ToResponse());
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetStateAt(
        string id, ClaimsPrincipal user, SessionCalls sessions, string? version = null)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        if (version is null)
            throw ApiProblemException.BadRequest("Query parameter 'version' is required: the event version to rebuild the state at (from 1).", "version");
        var atVersion = QueryNumbers.Parse(version, "version", 0, 1, int.MaxValue);

        if (await sessions.CallAsync(sessionId, grain => grain.GetStateAt(caller, atVersion)) is { } view)
            return TypedResults.Ok(view.ToResponse());

        return await sessions.CallAsync(sessionId, grain => grain.GetSession(caller)) is { } current
            ? ApiProblems.NotFound($"Session {sessionId} is at version {current.Version}; it has no version {atVersion} yet.", "version")
            : ApiProblems.SessionNotFound(sessionId);
    }
}
