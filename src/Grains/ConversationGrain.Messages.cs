using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.State;

namespace Orleans.Conversations.Grains;

public sealed partial class ConversationGrain
{
    private const int MaxTurnAttempts = 5;

    /// <summary>What callers are told, and <c>ReplyFailed.reason</c> records, when the model failed.</summary>
    private const string ModelFailed = "The model failed to answer";

    /// <summary>What callers are told, and <c>ReplyFailed.reason</c> records, when the model did not answer in time.</summary>
    private const string ModelTimedOut = "The model timed out";

    /// <inheritdoc/>
    public async Task<MessageReply> SendMessage(Caller caller, UserMessage message)
    {
        if (UserMessageRules.Check(message, _limits.MaxTextLength) is { } rejected)
            throw rejected;
        var messageId = message.MessageId;
        RequestContext.Set(EventMetadataKeys.CausationId, messageId);
        var (remembered, memoryOn) = await RememberAsync(caller, LatestState);
        TagEventsWith(caller, memoryOn);

        // A turn is appended only at the version it was computed for. If another activation of this session wrote
        // first, the state has been re-read by then and the turn is worked out again from it.
        var started = clock.GetTimestamp();
        for (var attempt = 1; attempt <= MaxTurnAttempts && (attempt == 1 || clock.GetElapsedTime(started) < _options.ConfirmTimeout); attempt++)
        {
            // Checked before the message id is looked up, so a replayed id never hands someone else's reply out.
            var state = LatestState;
            EnsureWritableBy(caller, state);
            MessageReply? reply;
            if (await FindMessageAsync(state, messageId) is { } known)
            {
                reply = await ReplyToKnownMessageAsync(known, caller, remembered);
            }
            else
            {
                var events = ComposeTurn(caller, message.Text, messageId, state, remembered, out var request);
                reply = await AnswerAsync(events, await WithRecallAsync(caller, state, request, memoryOn), messageId, caller);
            }

            if (reply is not null)
                return reply;
            logger.LogInformation("Session {SessionId}: another writer appended first; recomputing message {MessageId}", SessionId, messageId);
            await Task.Delay(Random.Shared.Next(5, 25 * attempt));
        }

        throw new SessionUnavailableException($"Session {SessionId} is being written elsewhere at the same time; retry with the same messageId.");
    }

    /// <summary>
    /// What the owner's memory holds for this session (null for a temporary session, a memory switched off, or one that
    /// did not answer in time: a turn never fails for want of the memory, it answers from its own context), and whether
    /// this turn may teach the memory: not in a temporary session, nor while the user has switched the memory off.
    /// </summary>
    private async Task<(RememberedContext? Remembered, bool MemoryOn)> RememberAsync(Caller caller, ConversationState state)
    {
        if (!state.Memory || !state.CanBeWrittenBy(caller))
            return (null, state.Memory);
        try
        {
            var remembered = await GrainFactory.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(caller)).ForSession(caller, SessionId).WaitAsync(_memory.ReadTimeout);
            return (remembered, remembered is not null);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Session {SessionId}: the user's memory cannot be read ({Error}); answering from the session's own context", SessionId, exception.Message);
            return (null, true);
        }
    }

    /// <summary>The record of a message the session stored: from the recent-message window, or from the stream.</summary>
    private async Task<MessageRecord?> FindMessageAsync(ConversationState state, string messageId) =>
        state.FindMessage(messageId) ?? await FindStoredMessageAsync(state, messageId);

    /// <summary>
    /// A message older than the recent-message window, looked up in the stream when its id's digest says it may have
    /// been stored: a retry long after the fact, or a copy of a request held up on its way (by a network partition, say)
    /// that arrives after the caller sent it again, had it stored and sent many more.
    /// </summary>
    private async Task<MessageRecord?> FindStoredMessageAsync(ConversationState state, string messageId)
    {
        if (!state.MayBeEarlierMessage(messageId))
            return null;
        var message = await ReadStoreAsync(() => eventStore.FindVersionsAsync(StreamId, nameof(UserMessageReceived), JsonSerializer.Serialize(new { messageId })));
        if (message.Count == 0)
            return null;
        var replies = await ReadStoreAsync(() => eventStore.FindVersionsAsync(StreamId, nameof(AssistantReplied), JsonSerializer.Serialize(new { inReplyTo = messageId })));
        logger.LogInformation("Session {SessionId}: message {MessageId}, outside the recent window, was stored already at version {Version}",
            SessionId, messageId, message[0]);
        return new MessageRecord(messageId, message[0], replies.Count > 0 ? replies[^1] : null);
    }

    /// <summary>
    /// The events of a new turn before its reply, and what the reply generator needs. The message is understood, and
    /// answered, against what the user's memory knows with what this session learned since on top, so that "forget my
    /// name" forgets a name the session only knew from the memory.
    /// </summary>
    private List<SessionEvent> ComposeTurn(
        Caller caller, string text, string messageId, ConversationState state, RememberedContext? remembered, out ReplyRequest request)
    {
        var now = clock.GetUtcNow();
        var events = new List<SessionEvent>();
        if (!state.Started)
            events.Add(new SessionStarted(null, _options.RecentTurns, caller.Tenant, caller.UserId) { At = now });
        events.Add(new UserMessageReceived(text, messageId) { At = now });

        var known = state.ContextWith(remembered);
        var interpretation = understanding.Understand(text, known);
        var context = known;
        foreach (var change in interpretation.Changes)
        {
            context = change.ApplyTo(context);
            events.Add(change.IsForget
                ? change.Value is null ? new ContextForgotten(change.Key) { At = now } : new ContextItemForgotten(change.Key, change.Value) { At = now }
                : new ContextUpdated(change.Key, change.Value!) { At = now });
        }

        request = new ReplyRequest(interpretation, context, [.. state.RecentTurns], state.MessageCount, state.FirstUserMessage);
        return events;
    }

    /// <summary>
    /// Generates the reply, streaming it to the turn's readers, and appends it together with <paramref name="events"/>
    /// as one batch; null when another writer appended first and nothing of this turn was stored. A failed or
    /// cancelled generation is stored as <c>ReplyFailed</c>, so the turn never stays pending.
    /// </summary>
    private async Task<MessageReply?> AnswerAsync(List<SessionEvent> events, ReplyRequest request, string messageId, Caller caller)
    {
        var turn = BeginTurn(messageId, caller);
        using var cancel = new CancellationTokenSource();
        _running = (messageId, cancel);
        ReplyUnavailableException? failure = null;
        var reason = "cancelled";
        try
        {
            await foreach (var piece in replyGenerator.StreamReplyAsync(request, cancel.Token))
                turn.AddPiece(piece);
        }
        catch (ReplyGenerationException exception)
        {
            // The model's own words (hosts, provider bodies, exception messages) are for the operator's log only: the
            // log of the session and its callers get a fixed reason.
            logger.LogWarning(exception, "Session {SessionId}: no reply to message {MessageId}: {Reason}", SessionId, messageId, exception.Message);
            var timedOut = exception.InnerException is TimeoutException;
            reason = timedOut ? ModelTimedOut : ModelFailed;
            failure = new ReplyUnavailableException(messageId, timedOut ? ReplyFailure.TimedOut : ReplyFailure.Failed,
                $"{reason}. The message was stored without a reply; retry with messageId '{messageId}'.");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            logger.LogInformation("Session {SessionId}: message {MessageId} cancelled", SessionId, messageId);
            failure = new ReplyUnavailableException(messageId, ReplyFailure.Cancelled,
                $"The turn was cancelled; the message is stored without a reply. Retry with messageId '{messageId}' to have it answered.");
        }
        finally
        {
            _running = null;
        }

        if (failure is not null)
        {
            events.Add(new ReplyFailed(messageId, reason) { At = clock.GetUtcNow() });
            if (!await AppendWithinTimeoutAsync(events))
                return null;
            turn.Fail(failure.Failure, failure.Message);
            throw failure;
        }

        var text = turn.Text;
        events.Add(new AssistantReplied(text, messageId, turn.DeltaEnds) { At = clock.GetUtcNow() });
        if (!await AppendWithinTimeoutAsync(events))
            return null;
        var answer = new MessageReply(SessionId, messageId, text, State.FindMessage(messageId)?.ReplyVersion ?? Version);
        turn.Complete(answer);
        return answer;
    }

    /// <summary>
    /// A retry: returns the stored reply, or answers a stored message whose reply failed, without storing it again;
    /// null when another writer appended first (the state no longer holds what it did, so the turn is recomputed).
    /// </summary>
    private async Task<MessageReply?> ReplyToKnownMessageAsync(MessageRecord known, Caller caller, RememberedContext? remembered)
    {
        if (UnconfirmedEvents.Any())
        {
            await ConfirmWithinTimeoutAsync();
            // The unconfirmed turn may have lost to another writer: then the message is not stored and is answered anew.
            if (State.FindMessage(known.MessageId) is not { } confirmed)
                return null;
            known = confirmed;
        }

        if (known.ReplyVersion is { } replyVersion)
        {
            return await ReadEventAtAsync(replyVersion) is AssistantReplied replied && replied.InReplyTo == known.MessageId
                ? new MessageReply(SessionId, known.MessageId, replied.Text, replyVersion)
                : null;
        }

        if (await ReadUnansweredAsync(known) is not { } stored)
            return null;
        var state = State;
        var laterMessages = state.RecentMessages.Count - state.IndexOfMessage(known.MessageId);
        var previousCount = state.MessageCount - laterMessages;
        var context = state.ContextWith(remembered);
        var request = new ReplyRequest(
            understanding.Understand(stored.Text, context).WithoutChanges(),
            context,
            [.. state.RecentTurns.Where(t => t.At < stored.At)],
            previousCount,
            previousCount == 0 ? null : state.FirstUserMessage);
        return await AnswerAsync([], request, known.MessageId, caller);
    }

    /// <summary>
    /// The text of a stored message without a reply, and when it was received: from its <c>UserMessageReceived</c>, or
    /// from the <c>SessionForked</c> of a fork made before its reply. Null when the log holds no such message there.
    /// </summary>
    private async Task<UnansweredMessage?> ReadUnansweredAsync(MessageRecord known) => await ReadEventAtAsync(known.MessageVersion) switch
    {
        UserMessageReceived stored when stored.MessageId == known.MessageId => new UnansweredMessage(stored.MessageId, stored.Text, stored.At),
        SessionForked { Inherited.Unanswered: { } inherited } when inherited.MessageId == known.MessageId => inherited,
        _ => null,
    };

    private async Task<SessionEvent?> ReadEventAtAsync(int version) =>
        (await ReadStoreAsync(() => RetrieveConfirmedEvents(version - 1, version))).FirstOrDefault();
}
