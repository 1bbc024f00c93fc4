using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Memory;
using Orleans.Conversations.Grains.State;
using Orleans.Conversations.Search;
using Orleans.EventSourcing;
using Orleans.Placement;
using Orleans.Providers;

namespace Orleans.Conversations.Grains;

/// <summary>
/// A conversation session: a journaled grain whose events go to the PostgreSQL event store. A turn (the user message,
/// what it taught and the reply) is raised together and confirmed as one append. Sessions are placed at random, so
/// they spread evenly over the silos that exist when they activate.
/// </summary>
[RandomPlacement]
[LogConsistencyProvider(ProviderName = ConversationGrainConstants.EventStoreName)]
public sealed partial class ConversationGrain(
    IMessageUnderstanding understanding,
    IReplyGenerator replyGenerator,
    IOptions<ConversationOptions> options,
    IOptions<MessageLimitOptions> limits,
    IOptions<MemoryOptions> memory,
    TimeProvider clock,
    [FromKeyedServices(ConversationGrainConstants.EventStoreName)] IEventStoreReader eventStore,
    [FromKeyedServices(ConversationGrainConstants.EventStoreName)] IEventStreamEraser eraser,
    ITurnRecall recall,
    ILogger<ConversationGrain> logger)
    : JournaledGrain<ConversationState, SessionEvent>, IConversationGrain
{
    private readonly ConversationOptions _options = options.Value;
    private readonly MessageLimitOptions _limits = limits.Value;
    private readonly MemoryOptions _memory = memory.Value;
    private EventsRefused? _refused;

    private Guid SessionId => this.GetPrimaryKey();

    private string StreamId => eventStore.StreamIdOf(this.GetGrainId());

    /// <summary>
    /// The state including events raised but not yet confirmed (after a confirmation timed out). Reading
    /// <c>TentativeState</c> copies the whole state, so it is only read when there is something unconfirmed.
    /// </summary>
    private ConversationState LatestState => UnconfirmedEvents.Any() ? TentativeState : State;

    /// <inheritdoc/>
    public async Task<int> Start(Caller caller, string? userId, bool memory = true)
    {
        EnsureNotErased();
        TagEventsWith(caller, LatestState.Started ? LatestState.Memory : memory);
        // Another writer starting the session first is as good, as long as it was the same caller.
        if (!LatestState.Started)
            await AppendWithinTimeoutAsync([new SessionStarted(userId, _options.RecentTurns, caller.Tenant, caller.UserId, memory) { At = clock.GetUtcNow() }]);
        EnsureWritableBy(caller, LatestState);
        return Version;
    }

    /// <inheritdoc/>
    public Task<bool> MayBeWrittenBy(Caller caller) => Task.FromResult(!_erased && LatestState.CanBeWrittenBy(caller));

    /// <inheritdoc/>
    public Task<SessionView?> GetSession(Caller caller) => Task.FromResult(CanBeReadBy(caller) ? ToView(State) : null);

    /// <inheritdoc/>
    public async Task<EventPage?> GetEvents(Caller caller, int fromVersion, int limit)
    {
        if (!CanBeReadBy(caller))
            return null;

        var from = Math.Max(1, fromVersion);
        var take = Math.Clamp(limit, 1, 1000);
        var stored = await ReadStoreAsync(() => eventStore.ReadEventsAsync(StreamId, from - 1, Version, take));
        var events = stored.Select(e => new StoredSessionEvent(e.Version, e.EventType, e.RecordedAt, e.Data)).ToList();
        var last = events.Count > 0 ? events[^1].Version : from - 1;
        return new EventPage(SessionId, events, last < Version ? last + 1 : null);
    }

    /// <inheritdoc/>
    public async Task<SessionView?> GetStateAt(Caller caller, int version)
    {
        if (!CanBeReadBy(caller) || version < 1 || version > Version)
            return null;
        if (version == Version)
            return ToView(State);

        var state = await ReadStoreAsync(() => eventStore.ReplayAsync<ConversationState, SessionEvent>(StreamId, version, (s, e) => s.Apply(e)));
        return ToView(state);
    }

    /// <inheritdoc/>
    protected override void TransitionState(ConversationState state, SessionEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    protected override void OnConnectionIssue(ConnectionIssue issue)
    {
        if (issue is EventsRefused refused)
            _refused = refused;
        if (issue is StreamErased)
            _erased = true;
        logger.LogWarning("Session {SessionId}: event store issue: {Issue}", SessionId, issue);
    }

    private bool CanBeReadBy(Caller caller) => !_erased && State.CanBeReadBy(caller);

    private void EnsureWritableBy(Caller caller, ConversationState state)
    {
        if (_erased || !state.CanBeWrittenBy(caller))
            throw new SessionNotFoundException(SessionId);
    }

    private void EnsureNotErased()
    {
        if (_erased)
            throw new SessionNotFoundException(SessionId);
    }

    private SessionView ToView(ConversationState state) => new()
    {
        SessionId = SessionId,
        Version = state.Version,
        UserId = state.UserId,
        StartedAt = state.StartedAt,
        LastActivityAt = state.LastActivityAt,
        MessageCount = state.MessageCount,
        Context = state.Context,
        RecentTurns = [.. state.RecentTurns],
        Title = state.Title ?? SessionTitles.FromFirstMessage(state.FirstUserMessage),
        Memory = state.Memory,
        ForkedFrom = state.ForkedFrom,
    };

    /// <summary>Reads from the event store, turning its failures into the unavailability callers know how to report.</summary>
    private Task ReadStoreAsync(Func<Task> read) => ReadStoreAsync(async () =>
    {
        await read();
        return true;
    });

    /// <summary>Reads from the event store, turning its failures into the unavailability callers know how to report.</summary>
    private async Task<T> ReadStoreAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("Session {SessionId}: the event store cannot be read: {Error}", SessionId, exception.Message);
            throw new SessionUnavailableException($"The event store cannot be read right now ({exception.Message}).");
        }
    }

    /// <summary>
    /// Raises <paramref name="events"/> as one batch appended right after the state they were computed from, and
    /// waits for the store, never longer than the configured timeout. False when another writer appended first.
    /// </summary>
    /// <exception cref="MessageRejectedException">The store refused the events for what they hold; nothing was stored.</exception>
    private async Task<bool> AppendWithinTimeoutAsync(IReadOnlyList<SessionEvent> events)
    {
        _refused = null;
        if (await WithinTimeoutAsync(RaiseConditionalEvents(events)))
            return true;
        if (_refused is { } refused)
        {
            throw new MessageRejectedException("text", RejectionReason.Invalid,
                $"The event store cannot store this message ({refused.Reason}); nothing was stored.");
        }

        return false;
    }

    /// <summary>Waits for events raised earlier to be stored, never longer than the configured timeout.</summary>
    private Task ConfirmWithinTimeoutAsync() => WithinTimeoutAsync(ConfirmEvents());

    private async Task<T> WithinTimeoutAsync<T>(Task<T> storing)
    {
        await WithinTimeoutAsync((Task)storing);
        return await storing;
    }

    private async Task WithinTimeoutAsync(Task storing)
    {
        try
        {
            await storing.WaitAsync(_options.ConfirmTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Session {SessionId}: the event store did not confirm within {Timeout}", SessionId, _options.ConfirmTimeout);
            throw new SessionUnavailableException(
                $"The event store did not confirm the change within {_options.ConfirmTimeout.TotalSeconds:0.#} s. " +
                "It is stored whole or not at all; retry with the same messageId.");
        }
    }
}
