using System.Runtime.CompilerServices;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Cluster;

/// <summary>
/// Turns as streams of <see cref="TurnEvent"/>s: a turn is sent to its grain like any other (and runs to its end
/// whatever happens to the request), while the events are read beside it from the grain's buffer of the turn.
/// </summary>
internal sealed class TurnStreams(SessionCalls sessions, SessionGrains grains)
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan NextWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends the turn and waits for its first events. A turn refused before it began (bad input, not the caller's
    /// session, the cluster unreachable) throws here, before anything is streamed.
    /// </summary>
    public async Task<TurnEvent[]> StartAsync(Guid sessionId, Caller caller, UserMessage message)
    {
        var turn = sessions.CallAsync(sessionId, grain => grain.SendMessage(caller, message));
        _ = turn.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var grain = grains.Get(sessionId);
        while (true)
        {
            var read = grain.ReadTurn(caller, message.MessageId!, 0, FirstWait);
            await Task.WhenAny(read, turn);
            if (read.IsCompletedSuccessfully && read.Result is { Length: > 0 } events)
                return events;
            if (turn.IsCompleted)
            {
                var reply = await turn;
                return await grain.ReadTurn(caller, message.MessageId!, 0, TimeSpan.Zero) is { Length: > 0 } told ? told : Told(reply);
            }

            if (read.IsFaulted)
                await read;
        }
    }

    /// <summary>A turn whose events are no longer held, told from its reply.</summary>
    private static TurnEvent[] Told(MessageReply reply) =>
        [new(1, TurnEventKind.Started), new(2, TurnEventKind.Delta, reply.Reply), new(3, TurnEventKind.Completed, Reply: reply)];

    /// <summary>The turn's events after <paramref name="afterSequence"/> until its last; stops early, never the turn, when <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<TurnEvent> FollowAsync(
        Guid sessionId, Caller caller, string messageId, int afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = grains.Get(sessionId);
        var after = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await grain.ReadTurn(caller, messageId, after, NextWait).WaitAsync(cancellationToken);
            if (events is null)
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
}
