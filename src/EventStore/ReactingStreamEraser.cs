namespace Orleans.Conversations.EventStore;

/// <summary>An <see cref="IEventStreamEraser"/> that runs the process's <see cref="IStreamErasureReaction"/>s after each erasure.</summary>
internal sealed class ReactingStreamEraser(IEventStreamEraser inner, IEnumerable<IStreamErasureReaction> reactions) : IEventStreamEraser
{
    private readonly IStreamErasureReaction[] _reactions = [.. reactions];

    public async Task<StreamErasure> EraseAsync(string streamId, StreamErasureRequest request, CancellationToken cancellationToken = default)
    {
        var erasure = await inner.EraseAsync(streamId, request, cancellationToken);
        var removed = false;
        foreach (var reaction in _reactions)
            removed |= await reaction.OnErasedAsync(streamId, erasure.Tombstone, cancellationToken);
        return erasure with { RemovedElsewhere = removed };
    }

    public Task<bool> IsErasedAsync(string streamId, CancellationToken cancellationToken = default) =>
        inner.IsErasedAsync(streamId, cancellationToken);

    public Task<StreamTombstone?> ReadTombstoneAsync(string streamId, CancellationToken cancellationToken = default) =>
        inner.ReadTombstoneAsync(streamId, cancellationToken);

    public Task<IReadOnlyList<string>> FindStreamsOfOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default) =>
        inner.FindStreamsOfOwnerAsync(tenantId, ownerId, cancellationToken);

    public Task<IAsyncDisposable> HoldOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default) =>
        inner.HoldOwnerAsync(tenantId, ownerId, cancellationToken);
}
