using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>The conversation API under <c>/api/sessions</c>: each request is routed to the grain of its session id.</summary>
public static class SessionsApi
{
    private const int MaxEventsPerPage = 1000;

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/sessions").WithTags("Sessions");
        sessions.MapPost("/", CreateSession).WithName("CreateSession").WithSummary("Start a new session")
            .Accepts<CreateSessionRequest>(isOptional: true, "application/json");
        sessions.MapPost("/{id}/messages", SendMessage).WithName("SendMessage").WithSummary("Send a user message and get the reply")
            .Accepts<SendMessageRequest>("application/json");
        sessions.MapGet("/{id}", GetSession).WithName("GetSession").WithSummary("The session's current state");
        sessions.MapGet("/{id}/events", GetEvents).WithName("GetSessionEvents").WithSummary("A page of the session's event log");
        sessions.MapGet("/{id}/state", GetStateAt).WithName("GetSessionStateAt").WithSummary("The session's state right after event N");
        return routes;
    }

    private static async Task<Results<Created<SessionCreatedResponse>, ProblemHttpResult>> CreateSession(HttpContext context, IClusterClient cluster)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, required: false);
        if (problem is not null)
            return problem;
        string? userId = null;
        if (body is not null)
        {
            (userId, problem) = body.GetString("userId");
            if (problem is not null)
                return problem;
        }

        var sessionId = Guid.NewGuid();
        var (version, error) = await GrainCallErrors.TryCallAsync(context, () => cluster.GetGrain<IConversationGrain>(sessionId).Start(userId));
        return error ?? (Results<Created<SessionCreatedResponse>, ProblemHttpResult>)
            TypedResults.Created($"/api/sessions/{sessionId}", new SessionCreatedResponse(sessionId, version));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> SendMessage(
        string id, HttpContext context, IClusterClient cluster, IOptions<HttpGatewayOptions> options)
    {
        if (!SessionIds.TryParse(id, out var sessionId, out var problem))
            return problem;
        var (message, invalid) = await MessageInput.ReadAsync(context.Request, options.Value, "text", "messageId");
        if (invalid is not null)
            return invalid;

        var (reply, error) = await GrainCallErrors.TryCallAsync(context, () => cluster.GetGrain<IConversationGrain>(sessionId).SendMessage(message!));
        return error ?? (Results<Ok<MessageResponse>, ProblemHttpResult>)
            TypedResults.Ok(new MessageResponse(reply!.SessionId, reply.MessageId, reply.Reply, reply.Version));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSession(string id, HttpContext context, IClusterClient cluster)
    {
        if (!SessionIds.TryParse(id, out var sessionId, out var problem))
            return problem;
        var (view, error) = await GrainCallErrors.TryCallAsync(context, () => cluster.GetGrain<IConversationGrain>(sessionId).GetSession());
        if (error is not null)
            return error;
        return view is null ? ApiProblems.SessionNotFound(sessionId) : TypedResults.Ok(view.ToResponse());
    }

    private static async Task<Results<Ok<EventsResponse>, ProblemHttpResult>> GetEvents(
        string id, HttpContext context, IClusterClient cluster, string? from = null, string? limit = null)
    {
        if (!SessionIds.TryParse(id, out var sessionId, out var problem))
            return problem;
        if (!QueryNumbers.TryParse(from, "from", 1, 1, int.MaxValue, out var fromVersion, out problem) ||
            !QueryNumbers.TryParse(limit, "limit", 100, 1, MaxEventsPerPage, out var pageSize, out problem))
            return problem;

        var (page, error) = await GrainCallErrors.TryCallAsync(context, () => cluster.GetGrain<IConversationGrain>(sessionId).GetEvents(fromVersion, pageSize));
        if (error is not null)
            return error;
        return page is null ? ApiProblems.SessionNotFound(sessionId) : TypedResults.Ok(page.ToResponse());
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetStateAt(
        string id, HttpContext context, IClusterClient cluster, string? version = null)
    {
        if (!SessionIds.TryParse(id, out var sessionId, out var problem))
            return problem;
        if (version is null)
            return ApiProblems.BadRequest("Query parameter 'version' is required: the event version to rebuild the state at (from 1).", "version");
        if (!QueryNumbers.TryParse(version, "version", 0, 1, int.MaxValue, out var atVersion, out problem))
            return problem;

        var grain = cluster.GetGrain<IConversationGrain>(sessionId);
        var (view, error) = await GrainCallErrors.TryCallAsync(context, () => grain.GetStateAt(atVersion));
        if (error is not null)
            return error;
        if (view is not null)
            return TypedResults.Ok(view.ToResponse());

        var (current, currentError) = await GrainCallErrors.TryCallAsync(context, () => grain.GetSession());
        return currentError ?? (current is null
            ? ApiProblems.SessionNotFound(sessionId)
            : ApiProblems.NotFound($"Session {sessionId} is at version {current.Version}; it has no version {atVersion} yet.", "version"));
    }
}
