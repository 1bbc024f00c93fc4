using System.Text;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains.Turns;

/// <summary>
/// The events of one turn as they happen, numbered from 1, for any number of readers that may come and go and
/// resume. Lives in the grain's memory only: the log keeps the outcome, not the deltas. Most turns have no reader, so
/// the deltas are kept as the reply so far and where each piece ends, and made into events only when read. Used on
/// the grain's scheduler only, so it needs no locks.
/// </summary>
internal sealed class TurnBuffer(string messageId, Caller owner)
{
    private static readonly TurnEvent Started = new(1, TurnEventKind.Started);

    private readonly List<int> _pieceEnds = [];
    private StringBuilder? _unfinishedText = new();
    private string? _text;
    private TurnEvent? _end;
    /// <summary>Completed at the next event; made only when a reader waits, as most turns have none.</summary>
    private TaskCompletionSource? _changed;

    public string MessageId { get; } = messageId;

    public bool IsFinished => _end is not null;

    public bool HasFailed => _end?.Kind == TurnEventKind.Failed;

    /// <summary>The pieces so far, joined.</summary>
    public string Text => _text ?? _unfinishedText!.ToString();

    /// <summary>Where each delta ends in <see cref="Text"/>, when there is more than one (the split a replay from the log repeats).</summary>
    public int[]? DeltaEnds => _pieceEnds.Count > 1 ? [.. _pieceEnds] : null;

    private int EventCount => 1 + _pieceEnds.Count + (_end is null ? 0 : 1);

    public bool CanBeReadBy(Caller caller) =>
        string.Equals(owner.Tenant, caller.Tenant, StringComparison.Ordinal)
        && (caller.IsAdmin || string.Equals(owner.UserId, caller.UserId, StringComparison.Ordinal));

    public bool CanBeWrittenBy(Caller caller) =>
        string.Equals(owner.Tenant, caller.Tenant, StringComparison.Ordinal) && string.Equals(owner.UserId, caller.UserId, StringComparison.Ordinal);

    public void AddPiece(string piece)
    {
        if (IsFinished)
            return;
        _unfinishedText!.Append(piece);
        _pieceEnds.Add(_unfinishedText.Length);
        Notify();
    }

    /// <summary>Ends the turn with its stored reply, whose text is the pieces joined.</summary>
    public void Complete(MessageReply reply) => End(new TurnEvent(_pieceEnds.Count + 2, TurnEventKind.Completed, Reply: reply), reply.Reply);

    public void Fail(ReplyFailure failure, string error) => End(new TurnEvent(_pieceEnds.Count + 2, TurnEventKind.Failed, Failure: failure, Error: error), Text);

    /// <summary>The events after <paramref name="afterSequence"/>, waiting up to <paramref name="wait"/> for one when there are none yet.</summary>
    public async Task<TurnEvent[]> ReadAsync(int afterSequence, TimeSpan wait)
    {
        if (EventCount <= afterSequence && !IsFinished && wait > TimeSpan.Zero)
            await (_changed ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(wait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        return EventsAfter(Math.Max(afterSequence, 0));
    }

    private TurnEvent[] EventsAfter(int afterSequence)
    {
        var events = new TurnEvent[Math.Max(EventCount - afterSequence, 0)];
        var text = Text;
        for (var sequence = afterSequence + 1; sequence <= EventCount; sequence++)
        {
            var piece = sequence - 2;
            events[sequence - afterSequence - 1] = sequence == 1 ? Started
                : piece < _pieceEnds.Count ? new TurnEvent(sequence, TurnEventKind.Delta, Piece(text, piece))
                : _end!;
        }

        return events;
    }

    private string Piece(string text, int index)
    {
        var start = index == 0 ? 0 : _pieceEnds[index - 1];
        return text[start.._pieceEnds[index]];
    }

    private void End(TurnEvent end, string text)
    {
        if (IsFinished)
            return;
        _text = text;
        _unfinishedText = null;
        _end = end;
        Notify();
    }

    private void Notify()
    {
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }
}
