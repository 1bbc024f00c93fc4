using System.Globalization;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Gateway.Cluster;
using Orleans.Conversations.Gateway.Security;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>
/// A turn's stream beyond the message route: resuming or replaying it, cancelling it, and whole conversations over a
/// WebSocket with the same events.
/// </summary>
public static class TurnStreamingApi
{
    private const int MaxFrameBytes = 64 * 1024;

    /// <summary>Maps the routes on the sessions group.</summary>
    public static RouteGroupBuilder MapTurnStreaming(this RouteGroupBuilder sessions)
    {
        sessions.MapGet("/{id}/messages/{messageId}/stream", ResumeStream).WithName("ResumeTurnStream")
            .WithSummary("A turn's events after Last-Event-ID: resumes a dropped stream, or replays a finished turn");
        sessions.MapPost("/{id}/messages/{messageId}/cancel", CancelTurn).WithName("CancelTurn").WithSummary("Stop a running turn");
        sessions.MapGet("/{id}/ws", Converse).WithName("ConverseOverWebSocket")
            .WithSummary("A WebSocket: send {\"text\", \"messageId\"?} frames, receive the turn's events as JSON frames");
        return sessions;
    }

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> ResumeStream(
        string id, string messageId, HttpContext context, ClaimsPrincipal user, SessionCalls sessions, TurnStreams turns)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        var lastEventId = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        var after = 0;
        if (lastEventId is not null && (!int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 0))
            throw ApiProblemException.BadRequest($"Header 'Last-Event-ID' must be the id of an event of this stream, not '{lastEventId}'.", "Last-Event-ID");

        if (await sessions.CallAsync(sessionId, grain => grain.ReadTurn(caller, messageId, after, TimeSpan.Zero)) is not { } first)
            return ApiProblems.NotFound($"Session {sessionId} has no turn with messageId '{messageId}'.", "messageId");
        var rest = turns.FollowAsync(sessionId, caller, messageId, first.Length > 0 ? first[^1].Sequence : after, context.RequestAborted);
        return TypedResults.ServerSentEvents(TurnEventStream.ToSse(TurnEventStream.Concat(first, rest), sessionId, messageId, context.RequestAborted));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelTurn(string id, string messageId, ClaimsPrincipal user, SessionCalls sessions)
    {
        var sessionId = SessionIds.Parse(id);
        var caller = user.ToCaller();
        return await sessions.CallAsync(sessionId, grain => grain.CancelTurn(caller, messageId)) switch
        {
            true => TypedResults.NoContent(),
            false => TypedResults.Problem(detail: $"The turn of messageId '{messageId}' has already ended.", statusCode: StatusCodes.Status409Conflict,
                title: "Turn already ended", extensions: new Dictionary<string, object?> { ["field"] = "messageId" }),
            null => ApiProblems.NotFound($"Session {sessionId} has no turn with messageId '{messageId}'.", "messageId"),
        };
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Converse(
        string id, HttpContext context, ClaimsPrincipal user, SessionCalls sessions, TurnStreams turns, IOptions<MessageLimitOptions> limits,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var sessionId = SessionIds.Parse(id);
        if (!context.WebSockets.IsWebSocketRequest)
            throw ApiProblemException.BadRequest("This route speaks WebSocket only: send an upgrade request.", "Upgrade");
        var caller = user.ToCaller();
        if (!await sessions.CallAsync(sessionId, grain => grain.MayBeWrittenBy(caller)))
            return ApiProblems.SessionNotFound(sessionId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var send = new WebSocketSender(socket, json.Value.SerializerOptions);
        var buffer = new byte[MaxFrameBytes];
        while (socket.State == WebSocketState.Open)
        {
            var (kind, text) = await ReceiveAsync(socket, buffer, context.RequestAborted);
            if (kind == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                break;
            }

            if (ToMessage(text, limits.Value, out var problem) is not { } message)
            {
                await send.FailedAsync(problem!, StatusCodes.Status400BadRequest, null);
                continue;
            }

            try
            {
                var first = await turns.StartAsync(sessionId, caller, message);
                await foreach (var @event in TurnEventStream.Concat(first, turns.FollowAsync(sessionId, caller, message.MessageId!, first[^1].Sequence, context.RequestAborted)))
                {
                    var (type, data) = TurnEventStream.Describe(@event, sessionId, message.MessageId!);
                    await send.EventAsync(type, data);
                }
            }
            catch (MessageRejectedException rejected)
            {
                await send.FailedAsync(rejected.Message, rejected.Reason == RejectionReason.TooLong ? 413 : 400, message.MessageId);
            }
            catch (SessionNotFoundException notFound)
            {
                await send.FailedAsync(notFound.Message, StatusCodes.Status404NotFound, message.MessageId);
            }
            catch (ReplyUnavailableException failed)
            {
                await send.FailedAsync(failed.Message, failed.Status, message.MessageId);
            }
            catch (Exception exception) when (exception is SessionUnavailableException or TimeoutException or OrleansException)
            {
                await send.FailedAsync($"The conversation service could not finish in time; retry with messageId '{message.MessageId}'.", 503, message.MessageId);
            }
        }

        return TypedResults.Empty;
    }

    private static UserMessage? ToMessage(string? frame, MessageLimitOptions limits, out string? problem)
    {
        problem = null;
        try
        {
            var request = frame is null ? null : JsonSerializer.Deserialize<SendMessageRequest>(frame, JsonSerializerOptions.Web);
            if (request is null)
            {
                problem = "A frame must be a JSON object {\"text\": \"...\", \"messageId\": \"...\"} in one text message.";
                return null;
            }

            var message = new UserMessage(request.Text ?? "", request.MessageId ?? Guid.NewGuid().ToString());
            if (UserMessageRules.Check(message, limits.MaxTextLength) is { } rejected)
            {
                problem = rejected.Message;
                return null;
            }

            return message;
        }
        catch (JsonException exception)
        {
            problem = $"The frame is not a valid message: {exception.Message}";
            return null;
        }
    }

    /// <summary>One whole message of the socket: its text, or null for a frame that is binary, too large or not UTF-8.</summary>
    private static async Task<(WebSocketMessageType Kind, string? Text)> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
        var kind = result.MessageType;
        while (true)
        {
            if (result.MessageType == WebSocketMessageType.Close)
                return (WebSocketMessageType.Close, null);
            length += result.Count;
            if (result.EndOfMessage)
                break;
            if (length == buffer.Length)
            {
                while (!(await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken)).EndOfMessage)
                {
                }

                return (kind, null);
            }

            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
        }

        if (kind != WebSocketMessageType.Text)
            return (kind, null);
        try
        {
            return (kind, StrictUtf8.GetString(buffer, 0, length));
        }
        catch (DecoderFallbackException)
        {
            return (kind, null);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
