namespace Orleans.Conversations.EventStore;

/// <summary>The outcome of <see cref="IEventStreamEraser.EraseAsync"/>.</summary>
/// <param name="ErasedEvents">How many events this call deleted.</param>
/// <param name="Tombstone">The stream's tombstone: this erasure's, or an earlier one's.</param>
public sealed record StreamErasure(int ErasedEvents, StreamTombstone Tombstone)
{
    /// <summary>Whether an <see cref="IStreamErasureReaction"/> found something of the stream to remove, such as a read model's row.</summary>
    public bool RemovedElsewhere { get; init; }

    /// <summary>Whether the tombstone is the one <paramref name="request"/> left, now or in an earlier attempt.</summary>
    public bool IsFrom(StreamErasureRequest request) => Tombstone.ErasureId == request.ErasureId;
}
