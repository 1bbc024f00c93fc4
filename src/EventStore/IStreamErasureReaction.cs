namespace Orleans.Conversations.EventStore;

/// <summary>
/// What a library does when a stream is erased, such as removing a read model's row of it. Registered as a service,
/// called by every <see cref="IEventStreamEraser"/> of the process after an erasure has committed, retries and repeated
/// erasures of the stream included, so it must be idempotent. A reaction that fails fails the erasure's call, which
/// its caller retries; the stream stays erased.
/// </summary>
public interface IStreamErasureReaction
{
    /// <summary>Reacts to the erasure of <paramref name="streamId"/>; whether it found something of the stream to remove.</summary>
    Task<bool> OnErasedAsync(string streamId, StreamTombstone tombstone, CancellationToken cancellationToken = default);
}
