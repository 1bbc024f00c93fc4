using Microsoft.Extensions.Logging;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains;

public sealed partial class ConversationGrain
{
    private bool _erased;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // An erased stream has no events left; its tombstone is what tells it apart from an id never used.
        if (Version == 0)
            _erased = await ReadStoreAsync(() => eraser.IsErasedAsync(StreamId, cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<int> Rename(Caller caller, string title)
    {
        if (SessionTitles.Check(title) is { } rejected)
            throw rejected;
        if (!State.Started)
            throw new SessionNotFoundException(SessionId);
        EnsureWritableBy(caller, LatestState);
        TagEventsWith(caller);
        if (!await AppendWithinTimeoutAsync([new SessionRenamed(title) { At = clock.GetUtcNow() }]))
            throw new SessionUnavailableException($"Session {SessionId} was written elsewhere at the same time; retry.");
        return Version;
    }

    /// <inheritdoc/>
    public async Task<int> Delete(Caller caller)
    {
        if (_erased || !State.CanBeReadBy(caller))
            throw new SessionNotFoundException(SessionId);

        var erased = await ReadStoreAsync(() => eraser.EraseAsync(StreamId));
        _erased = true;
        await ReadStoreAsync(() => sessionList.RemoveAsync(SessionId));
        logger.LogInformation("Session {SessionId} deleted by {Tenant}/{User}: {Events} events erased", SessionId, caller.Tenant, caller.UserId, erased);
        DeactivateOnIdle();
        return erased;
    }

    /// <summary>Stores the owner's tenant with the events this call raises, for the tenant's event feed.</summary>
    private static void TagEventsWith(Caller caller) => Orleans.Runtime.RequestContext.Set(EventMetadataKeys.TenantId, caller.Tenant);
}
