using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// A turn's stream beyond the message route: resuming or replaying it, cancelling it, and whole conversations over a
/// WebSocket with the same events. A socket's credential is checked again on each frame and every half second; once
/// revoked or expired the socket is closed as a policy violation. Each message frame spends from the caller's rate
/// budget, and a caller holds at most <see cref="ConnectionLimitOptions.MaxWebSocketsPerCaller"/> sockets.
/// </summary>
public static class TurnStreamingApi
{
    private const int MaxFrameBytes = 64 * 1024;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

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
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CallerConnections connections, CallerRateBudget budget, CredentialRecheck recheck,
        IOptions<ConnectionLimitOptions> connectionLimits)
    {
        var sessionId = SessionIds.Parse(id);
        if (!context.WebSockets.IsWebSocketRequest)
            throw ApiProblemException.BadRequest("This route speaks WebSocket only: send an upgrade request.", "Upgrade");
        var caller = user.ToCaller();
        if (!await sessions.CallAsync(sessionId, grain => grain.MayBeWrittenBy(caller)))
            return ApiProblems.SessionNotFound(sessionId);
        using var slot = connections.TryOpenWebSocket(context)
            ?? throw ApiProblemException.TooManyConnections("This caller already holds as many WebSockets open as it may (Connections:MaxWebSocketsPerCaller).");
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var send = new WebSocketSender(socket, json.Value.SerializerOptions, connectionLimits.Value.SendTimeout);
        await using var watch = recheck.Watch(context);
        var closing = CloseWhenCredentialLostAsync(watch, send, socket);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
        try
        {
            await ConverseAsync(new Conversation(sessionId, caller, socket, send, watch, budget, turns, limits.Value), context, buffer.AsMemory(0, MaxFrameBytes));
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away, a send timed out, or the socket was cut for its credential: nothing left to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await watch.DisposeAsync();
        await closing;
        return TypedResults.Empty;
    }

    private static async Task ConverseAsync(Conversation conversation, HttpContext context, Memory<byte> buffer)
    {
        var (_, _, socket, send, watch, budget, _, limits) = conversation;
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var (kind, text) = await ReceiveAsync(socket, buffer, context.RequestAborted);
            if (kind == WebSocketMessageType.Close)
            {
                if (!watch.IsLost)
                    await send.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                break;
            }

            // A frame that arrives once the credential no longer holds is dropped; the socket is being closed.
            if (!await watch.CheckNowAsync())
                continue;

            if (!budget.TryTake(context, out var retryAfter))
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                await send.FailedAsync(FailureProblems.TooManyRequests($"Too many requests from this caller; retry after {seconds} s."),
                    MessageIdOf(text));
                continue;
            }

            if (ToMessage(text, limits, out var problem) is not { } message)
            {
                await send.FailedAsync(FailureProblems.InvalidFrame(problem!), null);
                continue;
            }

            await TakeTurnAsync(conversation, message, context.RequestAborted);
        }
    }

    private static async Task TakeTurnAsync(Conversation conversation, UserMessage message, CancellationToken requestAborted)
    {
        var (sessionId, caller, _, send, watch, _, turns, _) = conversation;
        try
        {
            var first = await turns.StartAsync(sessionId, caller, message);
            using var following = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, watch.LostToken);
            await foreach (var @event in TurnEventStream.Concat(first, turns.FollowAsync(sessionId, caller, message.MessageId, first[^1].Sequence, following.Token)))
            {
                var (type, data) = TurnEventStream.Describe(@event, sessionId, message.MessageId);
                await send.EventAsync(type, data);
            }
        }
        catch (OperationCanceledException) when (watch.IsLost)
        {
        }
        catch (Exception exception) when (FailureProblems.Of(exception, message.MessageId) is { } failure)
        {
            await send.FailedAsync(failure, message.MessageId);
        }
    }

    /// <summary>
    /// Once the socket's credential no longer holds, closes it as a policy violation, and drops it if the client does not
    /// answer the close within a moment.
    /// </summary>
    private static async Task CloseWhenCredentialLostAsync(CredentialWatch watch, WebSocketSender send, WebSocket socket)
    {
        if (!await watch.Lost)
            return;
        await send.CloseAsync(WebSocketCloseStatus.PolicyViolation, "The credential was revoked or has expired.");
        await Task.Delay(CloseGrace);
        if (socket.State != WebSocketState.Closed)
            socket.Abort();
    }

    /// <summary>The messageId a frame names, if it is JSON that names one, for the answer that refuses it.</summary>
    private static string? MessageIdOf(string? frame)
    {
        try
        {
            return frame is null ? null : JsonSerializer.Deserialize<SendMessageRequest>(frame, JsonSerializerOptions.Web)?.MessageId;
        }
        catch (JsonException)
        {
            return null;
        }
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

            return TurnMessageIds.Accept(request.Text, request.MessageId, limits);
        }
        catch (MessageRejectedException rejected)
        {
            problem = rejected.Message;
            return null;
        }
        catch (JsonException exception)
        {
            problem = $"The frame is not a valid message: {exception.Message}";
            return null;
        }
    }

    /// <summary>What one socket's conversation works with.</summary>
    private sealed record Conversation(
        Guid SessionId, Caller Caller, WebSocket Socket, WebSocketSender Send, CredentialWatch Watch, CallerRateBudget Budget, TurnStreams Turns,
        MessageLimitOptions Limits);

    /// <summary>One whole message of the socket: its text, or null for a frame that is binary, too large or not UTF-8.</summary>
    private static async Task<(WebSocketMessageType Kind, string? Text)> ReceiveAsync(WebSocket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var result = await socket.ReceiveAsync(buffer, cancellationToken);
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
                while (!(await socket.ReceiveAsync(buffer, cancellationToken)).EndOfMessage)
                {
                }

                return (kind, null);
            }

            result = await socket.ReceiveAsync(buffer[length..], cancellationToken);
        }

        if (kind != WebSocketMessageType.Text)
            return (kind, null);
        try
        {
            return (kind, StrictUtf8.GetString(buffer.Span[..length]));
        }
        catch (DecoderFallbackException)
        {
            return (kind, null);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
