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
        if (message.MessageId is null)
            message = message with { MessageId = Guid.NewGuid().ToString() };
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

        return _turns.Find(messageId) is { IsFinished: true } turn && turn.CanBeReadBy(caller)
            ? await turn.ReadAsync(0, TimeSpan.Zero)
            : [new(1, TurnEventKind.Started), new(2, TurnEventKind.Delta, reply.Reply), new(3, TurnEventKind.Completed, Reply: reply)];
    }

    /// <inheritdoc/>
    public async Task<TurnEvent[]?> ReadTurn(Caller caller, string messageId, int afterSequence, TimeSpan wait)
    {
        if (_erased)
            return null;
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
        return [.. (await ReplayTurnAsync(known)).Where(e => e.Sequence > afterSequence)];
    }

    /// <inheritdoc/>
    public Task<bool?> CancelTurn(Caller caller, string messageId)
    {
        if (_erased)
            return Task.FromResult<bool?>(null);
        if (_running is { } running && running.MessageId == messageId && _turns.Find(messageId) is { } turn && turn.CanBeWrittenBy(caller))
        {
            running.Cancel.Cancel();
            return Task.FromResult<bool?>(true);
        }

        var known = _turns.Find(messageId) is { } buffered
            ? buffered.CanBeReadBy(caller)
            : CanBeReadBy(caller) && (State.FindMessage(messageId) is not null || State.MayBeEarlierMessage(messageId));
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

    /// <summary>A finished turn told again from the log: its reply as one delta, or its failure.</summary>
    private async Task<TurnEvent[]> ReplayTurnAsync(State.MessageRecord known)
    {
        var started = new TurnEvent(1, TurnEventKind.Started);
        if (known.ReplyVersion is { } replyVersion && await ReadEventAtAsync(replyVersion) is AssistantReplied replied)
        {
            return [started, new TurnEvent(2, TurnEventKind.Delta, replied.Text),
                new TurnEvent(3, TurnEventKind.Completed, Reply: new MessageReply(SessionId, known.MessageId, replied.Text, replyVersion))];
        }

        return [started, new TurnEvent(2, TurnEventKind.Failed, Status: 502,
            Error: $"Message '{known.MessageId}' has no reply yet; send it again with the same messageId to have it answered.")];
    }
}
