using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains.Turns;

/// <summary>
/// The events of one turn as they happen, numbered from 1, for any number of readers that may come and go and
/// resume. Lives in the grain's memory only: the log keeps the outcome, not the deltas. Used on the grain's scheduler
/// only, so it needs no locks.
/// </summary>
internal sealed class TurnBuffer(string messageId, Caller owner)
{
    private readonly List<TurnEvent> _events = [];
    /// <summary>Completed at the next event; made only when a reader waits, as most turns have none.</summary>
    private TaskCompletionSource? _changed;

    public string MessageId { get; } = messageId;

    public bool IsFinished => _events.Count > 0 && _events[^1].IsLast;

    public bool HasFailed => IsFinished && _events[^1].Kind == TurnEventKind.Failed;

    public bool CanBeReadBy(Caller caller) =>
        string.Equals(owner.Tenant, caller.Tenant, StringComparison.Ordinal)
        && (caller.IsAdmin || string.Equals(owner.UserId, caller.UserId, StringComparison.Ordinal));

    public bool CanBeWrittenBy(Caller caller) =>
        string.Equals(owner.Tenant, caller.Tenant, StringComparison.Ordinal) && string.Equals(owner.UserId, caller.UserId, StringComparison.Ordinal);

    public void Add(TurnEventKind kind, string? text = null, MessageReply? reply = null, int? status = null, string? error = null)
    {
        if (IsFinished)
            return;
        _events.Add(new TurnEvent(_events.Count + 1, kind, text, reply, status, error));
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }

    /// <summary>The events after <paramref name="afterSequence"/>, waiting up to <paramref name="wait"/> for one when there are none yet.</summary>
    public async Task<TurnEvent[]> ReadAsync(int afterSequence, TimeSpan wait)
    {
        if (_events.Count <= afterSequence && !IsFinished && wait > TimeSpan.Zero)
            await (_changed ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(wait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        return afterSequence < 0 ? [.. _events] : [.. _events.Skip(afterSequence)];
    }
}
