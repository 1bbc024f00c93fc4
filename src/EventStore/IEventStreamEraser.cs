namespace Orleans.Conversations.EventStore;

/// <summary>
/// Erases streams of a named event store for good, as a keyed service under the provider name: their events and
/// snapshots are deleted and a tombstone keeps any later append from writing to them again.
/// </summary>
public interface IEventStreamEraser
{
    /// <summary>
    /// Waits for the appends to the stream in flight, then, in one transaction, leaves a tombstone and deletes the
    /// stream's events and snapshots; returns how many events were deleted. Erasing again, or a stream that never
    /// existed, deletes nothing and still blocks it.
    /// </summary>
    Task<int> EraseAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Whether the stream was erased (appends to it write nothing and report a conflict).</summary>
    Task<bool> IsErasedAsync(string streamId, CancellationToken cancellationToken = default);
}
