using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Engine;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.Grains.Memory.Events;
using Orleans.Conversations.Grains.Memory.State;
using Orleans.EventSourcing;
using Orleans.Providers;

namespace Orleans.Conversations.Grains.Memory;

/// <summary>
/// A user's memory: a journaled grain keyed by <see cref="UserMemoryKey"/>, whose events go to the same event store as
/// the sessions' (stream <c>usermemory/{key}</c>), tagged with the user as their owner so that erasing the user finds
/// it. Only its own user is answered; everyone else finds it empty and changes nothing.
/// </summary>
[LogConsistencyProvider(ProviderName = ConversationGrainConstants.EventStoreName)]
public sealed class UserMemoryGrain(
    IOptions<MemoryOptions> options,
    TimeProvider clock,
    [FromKeyedServices(ConversationGrainConstants.EventStoreName)] IEventStoreReader eventStore,
    [FromKeyedServices(ConversationGrainConstants.EventStoreName)] IEventStreamEraser eraser,
    ILogger<UserMemoryGrain> logger)
    : JournaledGrain<UserMemoryState, MemoryEvent>, IUserMemoryGrain
{
    private const int MaxWriteAttempts = 5;
    private static readonly MemoryView Nothing = new(true, []);
    private readonly MemoryOptions _options = options.Value;
    private bool _erased;
    private (int Version, SessionContext Context)? _context;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _erased = await eraser.IsErasedAsync(eventStore.StreamIdOf(this.GetGrainId()), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<MemoryView> Read(Caller caller) =>
        HandedOn(caller) is { } successor ? successor.Read(caller)
        : Task.FromResult(IsOwnedBy(caller) ? new MemoryView(State.Enabled, [.. Enumerable.Reverse(State.Items)]) : Nothing);

    /// <inheritdoc/>
    public async Task<MemoryItem> Add(Caller caller, MemoryEntry entry)
    {
        if ((MemoryRules.CheckKey(entry.Key) ?? MemoryRules.CheckValue(entry.Value)) is { } rejected)
            throw rejected;
        if (HandedOn(caller) is { } successor)
            return await successor.Add(caller, entry);
        EnsureOwnedBy(caller);
        return (await WriteAsync(caller, changes => changes.Remember(entry.Key, entry.Value, source: null)))!;
    }

    /// <inheritdoc/>
    public async Task<MemoryItem?> Correct(Caller caller, string itemId, string value)
    {
        if (MemoryRules.CheckValue(value) is { } rejected)
            throw rejected;
        if (HandedOn(caller) is { } successor)
            return await successor.Correct(caller, itemId, value);
        if (!IsOwnedBy(caller) || State.Find(itemId) is null)
            return null;
        return await WriteAsync(caller, changes =>
        {
            if (changes.Draft.Find(itemId) is not { } item)
                return null;
            changes.Raise(new MemoryItemCorrected(itemId, SessionContext.LimitLength(value), null) { At = clock.GetUtcNow() });
            return changes.Draft.Find(item.Id);
        });
    }

    /// <inheritdoc/>
    public async Task<bool> Forget(Caller caller, string itemId)
    {
        if (HandedOn(caller) is { } successor)
            return await successor.Forget(caller, itemId);
        if (!IsOwnedBy(caller) || State.Find(itemId) is null)
            return false;
        return await WriteAsync(caller, changes =>
        {
            if (changes.Draft.Find(itemId) is null)
                return false;
            changes.Raise(new MemoryItemForgotten(itemId, null) { At = clock.GetUtcNow() });
            return true;
        });
    }

    /// <inheritdoc/>
    public async Task ForgetAll(Caller caller)
    {
        if (HandedOn(caller) is { } successor)
        {
            await successor.ForgetAll(caller);
            return;
        }

        if (!IsOwnedBy(caller) || State.Items.Count == 0)
            return;
        await WriteAsync(caller, changes =>
        {
            changes.Raise(new MemoryCleared { At = clock.GetUtcNow() });
            return true;
        });
    }

    /// <inheritdoc/>
    public async Task<int> ForgetSession(Caller caller, Guid sessionId)
    {
        if (HandedOn(caller) is { } successor)
            return await successor.ForgetSession(caller, sessionId);
        if (!IsOwnedBy(caller))
            return 0;
        return await WriteAsync(caller, changes =>
        {
            var count = changes.Draft.Items.Count(i => i.Source?.SessionId == sessionId);
            changes.Raise(new MemorySessionForgotten(sessionId) { At = clock.GetUtcNow() });
            return count;
        });
    }

    /// <inheritdoc/>
    public async Task<bool> SetEnabled(Caller caller, bool enabled)
    {
        if (HandedOn(caller) is { } successor)
            return await successor.SetEnabled(caller, enabled);
        EnsureOwnedBy(caller);
        if (State.Enabled == enabled)
            return enabled;
        await WriteAsync(caller, changes =>
        {
            if (changes.Draft.Enabled != enabled)
                changes.Raise(new MemorySwitched(enabled) { At = clock.GetUtcNow() });
            return true;
        });
        return State.Enabled;
    }

    /// <inheritdoc/>
    public Task<RememberedContext?> ForSession(Caller caller, Guid sessionId)
    {
        if (HandedOn(caller) is { } successor)
            return successor.ForSession(caller, sessionId);
        if (!IsOwnedBy(caller) || !State.Enabled)
            return Task.FromResult<RememberedContext?>(null);
        if (_context is not { } built || built.Version != State.Version)
            _context = built = (State.Version, State.ToContext());
        return Task.FromResult<RememberedContext?>(new RememberedContext(built.Context, State.AppliedVersionOf(sessionId)));
    }

    /// <inheritdoc/>
    public async Task Learn(Caller owner, IReadOnlyList<SessionLearning> learnings)
    {
        if (HandedOn(owner) is { } successor)
        {
            // What the erased user's sessions taught (delivered late by the feed) never reaches the next memory: those
            // sessions were erased before this memory was.
            var live = new HashSet<Guid>();
            foreach (var sessionId in learnings.Select(l => l.SessionId).Distinct())
            {
                if (!await eraser.IsErasedAsync(eventStore.StreamIdOf(GrainFactory.GetGrain<IConversationGrain>(sessionId).GetGrainId())))
                    live.Add(sessionId);
            }

            if (live.Count > 0)
                await successor.Learn(owner, [.. learnings.Where(l => live.Contains(l.SessionId))]);
            return;
        }

        if (!IsOwnedBy(owner) || learnings.All(l => l.Version <= State.AppliedVersionOf(l.SessionId)))
            return;
        try
        {
            await WriteAsync(owner, changes =>
            {
                foreach (var learning in learnings)
                    changes.Learn(learning);
                return true;
            });
        }
        catch (MessageRejectedException) when (_erased)
        {
            // Erased meanwhile: there is nothing left to learn into, and the feed must move on.
        }
    }

    /// <inheritdoc/>
    public async Task<DeletionOutcome> Erase(Caller caller, SessionDeletion deletion)
    {
        if (!UserMemoryKey.Belongs(Key, caller))
            return DeletionOutcome.AlreadyDeleted;
        if (HandedOn(caller) is { } successor)
        {
            return await eraser.ReadTombstoneAsync(eventStore.StreamIdOf(this.GetGrainId())) is { } tombstone && tombstone.ErasureId == deletion.ErasureId
                ? DeletionOutcome.Deleted
                : await successor.Erase(caller, deletion);
        }

        var request = new StreamErasureRequest(deletion.ErasureId, caller.Tenant, caller.UserId);
        var erasure = await eraser.EraseAsync(eventStore.StreamIdOf(this.GetGrainId()), request);
        _erased = true;
        DeactivateOnIdle();
        logger.LogInformation("Memory of {Tenant}/{User} erased: {Events} events", caller.Tenant, caller.UserId, erasure.ErasedEvents);
        return erasure.IsFrom(request) ? DeletionOutcome.Deleted : DeletionOutcome.AlreadyDeleted;
    }

    /// <inheritdoc/>
    protected override void TransitionState(UserMemoryState state, MemoryEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    protected override void OnConnectionIssue(ConnectionIssue issue)
    {
        if (issue is StreamErased)
            _erased = true;
        logger.LogWarning("Memory {Key}: event store issue: {Issue}", Key, issue);
    }

    private bool IsOwnedBy(Caller caller) => !_erased && UserMemoryKey.Belongs(Key, caller);

    /// <summary>Once this memory is erased, its user's calls go to the next generation of their memory, which starts empty.</summary>
    private IUserMemoryGrain? HandedOn(Caller caller) =>
        _erased && UserMemoryKey.Belongs(Key, caller) ? GrainFactory.GetGrain<IUserMemoryGrain>(UserMemoryKey.Successor(Key)) : null;

    private void EnsureOwnedBy(Caller caller)
    {
        // An erased memory, and another user's, take no writes: the caller is told nothing about it.
        if (!IsOwnedBy(caller))
            throw new MessageRejectedException("key", RejectionReason.Invalid, "This memory cannot be written.");
    }

    /// <summary>
    /// Decides the events of a change against the confirmed state and appends them there only, so that a concurrent
    /// writer (another activation) never has a change applied on top of a state it was not decided for.
    /// </summary>
    private async Task<T> WriteAsync<T>(Caller owner, Func<MemoryChanges, T> decide)
    {
        Orleans.Runtime.RequestContext.Set(EventMetadataKeys.TenantId, owner.Tenant);
        Orleans.Runtime.RequestContext.Set(EventMetadataKeys.OwnerId, owner.UserId);
        for (var attempt = 1; ; attempt++)
        {
            if (UnconfirmedEvents.Any())
                await ConfirmEvents().WaitAsync(_options.ConfirmTimeout);
            var changes = new MemoryChanges(State, _options.MaxItems, clock.GetUtcNow());
            var result = decide(changes);
            if (changes.Events.Count == 0 || await RaiseConditionalEvents(changes.Events).WaitAsync(_options.ConfirmTimeout))
                return result;
            if (_erased)
                throw new MessageRejectedException("key", RejectionReason.Invalid, "This memory was erased and cannot be written.");
            if (attempt == MaxWriteAttempts)
                throw new TimeoutException($"The memory {Key} was written elsewhere at the same time; retry.");
        }
    }
}
