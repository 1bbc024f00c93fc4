using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.SessionList;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// Branches of a conversation under <c>/api/sessions</c>: forking a session at a version, editing a user message and
/// regenerating a reply (each a fork, answered there like a message, streamed when asked), and a session's forks. The
/// parent's grain checks the caller and makes the fork; the turn then goes to the fork's grain like any other.
/// </summary>
public static class ForksApi
{
    /// <summary>Maps the routes on the sessions group.</summary>
    public static RouteGroupBuilder MapForks(this RouteGroupBuilder sessions)
    {
        sessions.MapPost("/{id}/fork", CreateFork).WithName("ForkSession").WithSummary("Fork the session at a version into a new session")
            .Accepts<ForkRequest>(isOptional: true, "application/json");
        sessions.MapPost("/{id}/messages/{messageId}/edit", EditMessage).WithName("EditMessage")
            .WithSummary("Fork just before a user message and send the new text there").Accepts<SendMessageRequest>("application/json");
        sessions.MapPost("/{id}/messages/{messageId}/regenerate", RegenerateReply).WithName("RegenerateReply")
            .WithSummary("Fork just before a turn's reply and answer it again").Accepts<RegenerateRequest>(isOptional: true, "application/json");
        sessions.MapGet("/{id}/forks", ListForks).WithName("ListForks").WithSummary("The caller's forks of the session");
        return sessions;
    }

    private static async Task<Results<Created<ForkCreatedResponse>, ProblemHttpResult>> CreateFork(
        string id, ForkRequest? request, ClaimsPrincipal user, SessionCalls sessions)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        var version = request?.CheckedVersion();
        var forkId = Guid.NewGuid();
        if (await sessions.CallAsync(sessionId, grain => grain.Fork(caller, version, forkId)) is not { } fork)
        {
            return await sessions.CallAsync(sessionId, grain => grain.GetSession(caller)) is { } current
                ? ApiProblems.NotFound($"Session {sessionId} is at version {current.Version}; it has no version {version} to fork at.", "version")
                : ApiProblems.SessionNotFound(sessionId);
        }

        return TypedResults.Created($"/api/sessions/{fork.SessionId}", new ForkCreatedResponse(fork.SessionId, fork.Version, fork.ForkedFrom.ToResponse()!));
    }

    private static async Task<Results<Ok<ForkTurnResponse>, ServerSentEventsResult<object>, ProblemHttpResult>> EditMessage(
        string id, string messageId, SendMessageRequest request, HttpContext context, SessionCalls sessions, TurnStreams turns,
        IOptions<MessageLimitOptions> limits)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = context.User.ToCaller();
        var message = request.ToUserMessage(context, limits.Value);
        var fork = await sessions.CallAsync(sessionId, grain => grain.ForkAtMessage(caller, messageId, ForkPoint.BeforeMessage, message.MessageId));
        return fork is null
            ? ApiProblems.NotFound($"Session {sessionId} has no user message with messageId '{messageId}' to edit.", "messageId")
            : await AnswerInForkAsync(fork, message, message.MessageId, context, sessions, turns);
    }

    private static async Task<Results<Ok<ForkTurnResponse>, ServerSentEventsResult<object>, ProblemHttpResult>> RegenerateReply(
        string id, string messageId, RegenerateRequest? request, HttpContext context, SessionCalls sessions, TurnStreams turns)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = context.User.ToCaller();
        var requestId = TurnMessageIds.AcceptId(context, request?.MessageId);
        var fork = await sessions.CallAsync(sessionId, grain => grain.ForkAtMessage(caller, messageId, ForkPoint.BeforeReply, requestId));
        return fork?.Unanswered is not { } unanswered
            ? ApiProblems.NotFound($"Session {sessionId} has no answered user message with messageId '{messageId}' to regenerate.", "messageId")
            : await AnswerInForkAsync(fork, unanswered, requestId, context, sessions, turns);
    }

    /// <summary>Sends <paramref name="message"/> to the fork, answered (or streamed) as a message is, under <paramref name="answeredId"/>.</summary>
    private static async Task<Results<Ok<ForkTurnResponse>, ServerSentEventsResult<object>, ProblemHttpResult>> AnswerInForkAsync(
        SessionFork fork, UserMessage message, string answeredId, HttpContext context, SessionCalls sessions, TurnStreams turns)
    {
        var caller = context.User.ToCaller();
        if (TurnEventStream.IsWanted(context.Request))
        {
            var first = await turns.StartAsync(fork.SessionId, caller, message);
            var rest = turns.FollowAsync(fork.SessionId, caller, message.MessageId, first[^1].Sequence, context.RequestAborted);
            return TypedResults.ServerSentEvents(TurnEventStream.ToSse(TurnEventStream.Concat(first, rest), fork.SessionId, answeredId, context.RequestAborted));
        }

        var reply = await sessions.CallAsync(fork.SessionId, grain => grain.SendMessage(caller, message));
        return TypedResults.Ok(new ForkTurnResponse(fork.SessionId, answeredId, reply.Reply, reply.Version, fork.ForkedFrom.ToResponse()!));
    }

    private static async Task<Results<Ok<ForkListResponse>, ProblemHttpResult>> ListForks(
        string id, ClaimsPrincipal user, SessionCalls sessions, SessionListStore list)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        if (await sessions.CallAsync(sessionId, grain => grain.GetSession(caller)) is null)
            return ApiProblems.SessionNotFound(sessionId);
        var forks = await list.ForksOfAsync(caller.Tenant, caller.UserId, sessionId);
        return TypedResults.Ok(new ForkListResponse(
            [.. forks.Select(f => new ForkSummaryResponse(f.SessionId, f.ForkedFrom!.Value.Version, f.Title, f.LastActivityAt.UtcDateTime))]));
    }
}
