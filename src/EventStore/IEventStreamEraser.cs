namespace Orleans.Conversations.EventStore;

/// <summary>
/// Erases streams of a named event store for good, as a keyed service under the provider name: their events and
/// snapshots are deleted and a tombstone keeps any later append or snapshot from writing to them again. The
/// <see cref="IEventFeed"/> shows each erasure as a <see cref="FeedEvent.StreamErasedType"/> marker.
/// </summary>
public interface IEventStreamEraser
{
    /// <summary>
    /// Waits for the appends to the stream in flight, then, in one transaction, leaves a tombstone and deletes the
    /// stream's events and snapshots. Erasing again, or a stream that never existed, deletes nothing, keeps the first
    /// tombstone and still blocks the stream. Every erasure, repeated ones included, then runs the process's
    /// <see cref="IStreamErasureReaction"/>s.
    /// </summary>
    Task<StreamErasure> EraseAsync(string streamId, StreamErasureRequest request, CancellationToken cancellationToken = default);

    /// <summary>Whether the stream was erased (appends to it write nothing and report a conflict).</summary>
    Task<bool> IsErasedAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>The stream's tombstone, or null if it was never erased.</summary>
    Task<StreamTombstone?> ReadTombstoneAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The streams whose first event names <paramref name="ownerId"/> of <paramref name="tenantId"/> in its metadata
    /// (<see cref="EventMetadataKeys.OwnerId"/>, <see cref="EventMetadataKeys.TenantId"/>), read from the events
    /// themselves, so a stream started a moment ago is among them.
    /// </summary>
    Task<IReadOnlyList<string>> FindStreamsOfOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps new streams of <paramref name="ownerId"/> from starting until the returned hold is disposed: appends that
    /// would start one wait, and appends that started one before have committed when this returns. Meant to bracket
    /// <see cref="FindStreamsOfOwnerAsync"/> and the erasure of what it finds. Holds one connection, and no
    /// transaction id, so the feed is not held back.
    /// </summary>
    Task<IAsyncDisposable> HoldOwnerAsync(string tenantId, string ownerId, CancellationToken cancellationToken = default);
}
