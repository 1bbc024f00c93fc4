using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.State;

namespace Orleans.Conversations.Grains;

public sealed partial class ConversationGrain : ISessionForkTarget
{
    /// <inheritdoc/>
    public async Task<SessionFork?> Fork(Caller caller, int? version, Guid forkId)
    {
        EnsureForkableBy(caller);
        var at = version ?? Version;
        return at < 1 || at > Version ? null : await ForkAtAsync(caller, at, forkId);
    }

    /// <inheritdoc/>
    public async Task<SessionFork?> ForkAtMessage(Caller caller, string messageId, ForkPoint point, string requestId)
    {
        EnsureForkableBy(caller);
        if (await FindMessageAsync(State, messageId) is not { } known)
            return null;
        // A message a fork inherited is in its first event: it is forked from the session where it was said.
        int? at = point == ForkPoint.BeforeMessage
            ? known.MessageVersion > 1 ? known.MessageVersion - 1 : null
            : known.ReplyVersion - 1;
        if (at is not { } version)
            return null;
        return point == ForkPoint.BeforeMessage
            ? await ForkAtAsync(caller, version, ForkIds.For(SessionId, "edit", known.MessageId, requestId))
            : await ForkAtAsync(caller, version, ForkIds.For(SessionId, "regenerate", known.MessageId, requestId), requestId);
    }

    /// <inheritdoc/>
    public async Task<SessionFork?> ForkForHistory(Caller caller, IReadOnlyList<ConversationTurn> history, string requestId)
    {
        if (!State.Started && !_erased)
            return null;
        EnsureForkableBy(caller);
        // No earlier messages: the client leaves the history to the session (as the README's example does).
        if (history.Count == 0 || EndsWith(history, State.RecentTurns))
            return null;

        var turns = await ReadTurnsAsync();
        var offset = Math.Max(0, history.Count - turns.Count);
        var same = 0;
        while (same < turns.Count && offset + same < history.Count && IsSame(history[offset + same], turns[same].Turn))
            same++;
        if (same == turns.Count)
            return null;
        var at = Math.Max(1, turns[same].Version - 1);
        return await ForkAtAsync(caller, at, ForkIds.For(SessionId, "history", $"{at}", requestId));
    }

    /// <inheritdoc/>
    public async Task<int> StartAsFork(Caller caller, SessionForked forked)
    {
        EnsureNotErased();
        TagEventsWith(caller, forked.Memory);
        if (!LatestState.Started)
            await AppendWithinTimeoutAsync([forked]);
        var state = LatestState;
        if (!state.CanBeWrittenBy(caller) || state.ForkedFrom != forked.ForkedFrom)
            throw new SessionNotFoundException(SessionId);
        return state.Version;
    }

    /// <summary>Only the owner forks a session; to everyone else it does not exist.</summary>
    private void EnsureForkableBy(Caller caller)
    {
        if (!State.Started)
            throw new SessionNotFoundException(SessionId);
        EnsureWritableBy(caller, State);
    }

    /// <summary>
    /// Makes the fork <paramref name="forkId"/> of this session at <paramref name="version"/>: the state there (this
    /// state, or one replayed from the snapshot nearest below), handed to the fork as its first event.
    /// </summary>
    private async Task<SessionFork> ForkAtAsync(Caller caller, int version, Guid forkId, string? regenerationId = null)
    {
        var state = version == State.Version
            ? State
            : await ReadStoreAsync(() => eventStore.ReplayAsync<ConversationState, SessionEvent>(StreamId, version, (s, e) => s.Apply(e)));
        var origin = new ForkOrigin(SessionId, version);
        var forked = new SessionForked(origin, state.OwnerTenant, state.OwnerUserId, state.Memory, state.ToInherited(), regenerationId) { At = clock.GetUtcNow() };
        var forkVersion = await GrainFactory.GetGrain<ISessionForkTarget>(forkId).StartAsFork(caller, forked);
        var unanswered = forked.Inherited.Unanswered is { } message ? new UserMessage(message.Text, message.MessageId) : null;
        return new SessionFork(forkId, forkVersion, origin, unanswered);
    }

    /// <summary>Every turn of the session with the version of its event; a fork's inherited turns stand at version 1.</summary>
    private async Task<List<(ConversationTurn Turn, int Version)>> ReadTurnsAsync()
    {
        var events = await ReadStoreAsync(() => RetrieveConfirmedEvents(0, Version));
        var turns = new List<(ConversationTurn, int)>();
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case SessionForked forked:
                    turns.AddRange(forked.Inherited.RecentTurns.Select(t => (t, i + 1)));
                    break;
                case UserMessageReceived message:
                    turns.Add((new ConversationTurn(TurnRoles.User, message.Text, message.At), i + 1));
                    break;
                case AssistantReplied reply:
                    turns.Add((new ConversationTurn(TurnRoles.Assistant, reply.Text, reply.At), i + 1));
                    break;
            }
        }

        return turns;
    }

    private static bool EndsWith(IReadOnlyList<ConversationTurn> history, List<ConversationTurn> turns)
    {
        if (turns.Count > history.Count)
            return false;
        var offset = history.Count - turns.Count;
        for (var i = 0; i < turns.Count; i++)
        {
            if (!IsSame(history[offset + i], turns[i]))
                return false;
        }

        return true;
    }

    private static bool IsSame(ConversationTurn sent, ConversationTurn stored) =>
        sent.Role == stored.Role && string.Equals(sent.Text, stored.Text, StringComparison.Ordinal);
}
