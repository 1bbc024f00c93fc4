using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Turns;

namespace Orleans.Conversations.Grains;

public sealed partial class ConversationGrain
{
    private static readonly TimeSpan MaxReadWait = TimeSpan.FromSeconds(30);
    private readonly TurnBuffers _turns = new();
    private (string MessageId, CancellationTokenSource Cancel)? _running;
    private TaskCompletionSource? _turnBegun;

    /// <inheritdoc/>
    public async Task<TurnEvent[]> SendMessageForEvents(Caller caller, UserMessage message)
    {
        var messageId = message.MessageId;
        MessageReply reply;
        try
        {
            reply = await SendMessage(caller, message);
        }
        catch (ReplyUnavailableException) when (_turns.Find(messageId) is { IsFinished: true } failed && failed.CanBeReadBy(caller))
        {
            return await failed.ReadAsync(0, TimeSpan.Zero);
        }

        // A retry answered from the log is told as the log tells it, split as it was streamed, so that a reader resuming
        // after one of these events gets the rest of the reply.
        return _turns.Find(messageId) is { IsFinished: true } turn && turn.CanBeReadBy(caller)
            ? await turn.ReadAsync(0, TimeSpan.Zero)
            : await ReplayTurnAsync(new State.MessageRecord(messageId, 0, reply.Version), 0);
    }

    /// <inheritdoc/>
    public async Task<TurnEvent[]?> ReadTurn(Caller caller, string messageId, int afterSequence, TimeSpan wait)
    {
        if (_erased)
            return null;
        messageId = State.TurnIdOf(messageId);
        var limit = wait < MaxReadWait ? wait : MaxReadWait;
        // A reader from the start may be waiting for a turn queued behind this read: one not begun yet, or the retry of
        // a failed one. It waits for a turn to begin before being told there is none, or the failed attempt.
        var buffered = _turns.Find(messageId);
        var stored = buffered is null ? await FindMessageAsync(State, messageId) : null;
        buffered ??= _turns.Find(messageId);
        var unanswered = buffered?.HasFailed ?? stored?.ReplyVersion is null;
        if (limit > TimeSpan.Zero && afterSequence == 0 && unanswered)
        {
            _turnBegun ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _turnBegun.Task.WaitAsync(limit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (_turns.Find(messageId) is { } turn)
            return turn.CanBeReadBy(caller) ? await turn.ReadAsync(afterSequence, limit) : null;
        if (!CanBeReadBy(caller) || (State.FindMessage(messageId) ?? stored) is not { } known)
            return null;
        return await ReplayTurnAsync(known, afterSequence);
    }

    /// <inheritdoc/>
    public Task<bool?> CancelTurn(Caller caller, string messageId)
    {
        if (_erased)
            return Task.FromResult<bool?>(null);
        messageId = State.TurnIdOf(messageId);
        if (_running is { } running && running.MessageId == messageId && _turns.Find(messageId) is { } turn && turn.CanBeWrittenBy(caller))
        {
            running.Cancel.Cancel();
            return Task.FromResult<bool?>(true);
        }

        // Only the owner learns that a turn has ended: for everyone else, as for every other write, there is no such turn.
        var known = _turns.Find(messageId) is { } buffered
            ? buffered.CanBeWrittenBy(caller)
            : State.Started && State.CanBeWrittenBy(caller) && (State.FindMessage(messageId) is not null || State.MayBeEarlierMessage(messageId));
        return Task.FromResult<bool?>(known ? false : null);
    }

    /// <summary>Starts the events of a turn that is about to generate its reply.</summary>
    private TurnBuffer BeginTurn(string messageId, Caller caller)
    {
        var turn = new TurnBuffer(messageId, caller);
        _turns.Add(turn);
        var begun = _turnBegun;
        _turnBegun = null;
        begun?.TrySetResult();
        return turn;
    }

    /// <summary>
    /// A finished turn told again from the log, its events after <paramref name="afterSequence"/>: its reply in the
    /// deltas it was streamed in (as one delta when the log does not say how it was split), or its failure. The deltas
    /// are numbered as they were live, so a reader that saw the first ones of the live turn gets the rest of the reply.
    /// </summary>
    private async Task<TurnEvent[]> ReplayTurnAsync(State.MessageRecord known, int afterSequence)
    {
        if (known.ReplyVersion is { } replyVersion && await ReadEventAtAsync(replyVersion) is AssistantReplied replied)
        {
            var text = replied.Text;
            var ends = IsSplitOf(replied.DeltaEnds, text) ? replied.DeltaEnds! : [text.Length];
            var events = new List<TurnEvent>(ends.Length + 2) { new(1, TurnEventKind.Started) };
            for (var i = 0; i < ends.Length; i++)
                events.Add(new TurnEvent(i + 2, TurnEventKind.Delta, text[(i == 0 ? 0 : ends[i - 1])..ends[i]]));
            events.Add(new TurnEvent(ends.Length + 2, TurnEventKind.Completed, Reply: new MessageReply(SessionId, known.MessageId, text, replyVersion)));
            return [.. events.Where(e => e.Sequence > afterSequence)];
        }

        // A reader that saw deltas of an attempt that then failed still hears how it ended.
        var failed = new TurnEvent(Math.Max(2, afterSequence + 1), TurnEventKind.Failed, Failure: ReplyFailure.Failed,
            Error: $"Message '{known.MessageId}' has no reply yet; send it again with the same messageId to have it answered.");
        return afterSequence < 1 ? [new TurnEvent(1, TurnEventKind.Started), failed] : [failed];
    }

    /// <summary>Whether <paramref name="ends"/> split <paramref name="text"/> whole, in order.</summary>
    private static bool IsSplitOf(int[]? ends, string text)
    {
        if (ends is not { Length: > 0 } || ends[^1] != text.Length)
            return false;
        for (var i = 0; i < ends.Length; i++)
        {
            if (ends[i] < (i == 0 ? 0 : ends[i - 1]))
                return false;
        }

        return true;
    }
}
