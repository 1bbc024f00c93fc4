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
        // The tombstone, not the events, says whether the session was erased: a snapshot that outlived its stream
        // must not bring it back.
        _erased = await ReadStoreAsync(() => eraser.IsErasedAsync(StreamId, cancellationToken));
        if (_erased && Version > 0)
            logger.LogWarning("Session {SessionId} was erased but state up to version {Version} was still stored; it stays erased", SessionId, Version);
    }

    /// <inheritdoc/>
    public async Task<int> Rename(Caller caller, string title)
    {
        if (SessionTitles.Check(title) is { } rejected)
            throw rejected;
        if (!State.Started)
            throw new SessionNotFoundException(SessionId);
        EnsureWritableBy(caller, LatestState);
        TagEventsWith(caller, LatestState.Memory);
        if (!await AppendWithinTimeoutAsync([new SessionRenamed(title) { At = clock.GetUtcNow() }]))
            throw new SessionUnavailableException($"Session {SessionId} was written elsewhere at the same time; retry.");
        return Version;
    }

    /// <inheritdoc/>
    public async Task<DeletionOutcome> Delete(Caller caller, SessionDeletion deletion)
    {
        if (_erased)
            return await FinishDeletionAsync(caller, deletion);
        var state = LatestState;
        if (!state.Started || !state.CanBeWrittenBy(caller))
            throw new SessionNotFoundException(SessionId);
        if (deletion.IdleBefore is { } idleBefore && state.LastActivityAt >= idleBefore)
            return DeletionOutcome.InUse;

        var request = new StreamErasureRequest(deletion.ErasureId, state.OwnerTenant, state.OwnerUserId);
        var erasure = await ReadStoreAsync(() => eraser.EraseAsync(StreamId, request));
        _erased = true;
        DeactivateOnIdle();
        logger.LogInformation("Session {SessionId} of {Tenant}/{User} deleted: {Events} events erased", SessionId, caller.Tenant, caller.UserId, erasure.ErasedEvents);
        return erasure.IsFrom(request) ? DeletionOutcome.Deleted : DeletionOutcome.AlreadyDeleted;
    }

    /// <summary>
    /// A deletion of a session already erased, by its owner as the tombstone records it: a retry of the deletion that
    /// erased it, or one that finds something the first left behind (what a reaction to the erasure keeps, such as the
    /// list row), which erasing again removes. Anything else finds nothing, as for every other route.
    /// </summary>
    private async Task<DeletionOutcome> FinishDeletionAsync(Caller caller, SessionDeletion deletion)
    {
        var tombstone = await ReadStoreAsync(() => eraser.ReadTombstoneAsync(StreamId));
        if (tombstone is null || tombstone.TenantId != caller.Tenant || tombstone.OwnerId != caller.UserId)
            throw new SessionNotFoundException(SessionId);
        var again = await ReadStoreAsync(() => eraser.EraseAsync(StreamId, new StreamErasureRequest(deletion.ErasureId, tombstone.TenantId, tombstone.OwnerId)));
        if (tombstone.ErasureId == deletion.ErasureId)
            return DeletionOutcome.Deleted;
        return again.RemovedElsewhere ? DeletionOutcome.AlreadyDeleted : throw new SessionNotFoundException(SessionId);
    }

    /// <summary>
    /// Stores the owner's tenant and user id with the events this call raises, for the tenant's event feed and erasure,
    /// and marks those of a temporary session so that the user's memory never learns from them.
    /// </summary>
    private static void TagEventsWith(Caller caller, bool memory)
    {
        Orleans.Runtime.RequestContext.Set(EventMetadataKeys.TenantId, caller.Tenant);
        Orleans.Runtime.RequestContext.Set(EventMetadataKeys.OwnerId, caller.UserId);
        if (memory)
            Orleans.Runtime.RequestContext.Remove(EventMetadataKeys.Memory);
        else
            Orleans.Runtime.RequestContext.Set(EventMetadataKeys.Memory, "off");
    }
}
