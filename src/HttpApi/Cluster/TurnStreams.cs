using System.Runtime.CompilerServices;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>
/// Turns as streams of <see cref="TurnEvent"/>s: a turn is sent to its grain like any other (and runs to its end
/// whatever happens to the request), while the events are read beside it from the grain's buffer of the turn.
/// </summary>
internal sealed class TurnStreams(SessionCalls sessions, SessionGrains grains)
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan NextWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a turn may take to be sent whole, all its events in the answer to the one call that ran it; a turn
    /// still running by then (a model's, usually) is read beside it as it goes.
    /// </summary>
    private static readonly TimeSpan WholeTurnWait = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Sends the turn and waits for its first events. A turn refused before it began (bad input, not the caller's
    /// session, the cluster unreachable) throws here, before anything is streamed.
    /// </summary>
    public async Task<TurnEvent[]> StartAsync(Guid sessionId, Caller caller, UserMessage message)
    {
        var turn = sessions.CallAsync(sessionId, grain => grain.SendMessageForEvents(caller, message));
        await ((Task)turn).WaitAsync(WholeTurnWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (turn.IsCompleted)
            return await turn;

        _ = turn.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var grain = grains.Get(sessionId);
        while (true)
        {
            var read = grain.ReadTurn(caller, message.MessageId!, 0, FirstWait);
            await Task.WhenAny((Task)read, turn);
            if (read.IsCompletedSuccessfully && read.Result is { Length: > 0 } events)
                return events;
            if (turn.IsCompleted)
                return await turn;
            if (read.IsFaulted)
                await read;
        }
    }

    /// <summary>The turn's events after <paramref name="afterSequence"/> until its last; stops early, never the turn, when <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<TurnEvent> FollowAsync(
        Guid sessionId, Caller caller, string messageId, int afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = grains.Get(sessionId);
        var after = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await grain.ReadTurn(caller, messageId, after, NextWait).WaitAsync(cancellationToken);
            if (events is null || events.Length == 0 && await HasEndedAtOrBeforeAsync(grain, caller, messageId, after))
                yield break;
            foreach (var @event in events)
            {
                yield return @event;
                after = @event.Sequence;
                if (@event.IsLast)
                    yield break;
            }
        }
    }

    /// <summary>
    /// Whether the turn has ended and its last event is at or before <paramref name="sequence"/>: a reader that has
    /// seen it (or says so, resuming with a <c>Last-Event-ID</c> past the end) has nothing more to wait for, and a read
    /// after it answers at once, so reading on would spin.
    /// </summary>
    private static async Task<bool> HasEndedAtOrBeforeAsync(IConversationGrain grain, Caller caller, string messageId, int sequence) =>
        await grain.ReadTurn(caller, messageId, 0, TimeSpan.Zero) is not { Length: > 0 } all || all[^1].IsLast && all[^1].Sequence <= sequence;
}
