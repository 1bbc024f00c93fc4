namespace Orleans.Conversations.EventStore;

/// <summary>
/// One event as the <see cref="IEventFeed"/> returns it, after upcasting; or the marker of a stream's erasure
/// (<see cref="StreamErasedType"/>, version 0, empty data), in the place of the transaction that erased it.
/// </summary>
/// <param name="Cursor">Where the event is in the feed; reading after it continues with the next event.</param>
/// <param name="StreamId">The stream the event belongs to.</param>
/// <param name="Version">The event's version in its stream, from 1.</param>
/// <param name="EventType">The stable name of the event type.</param>
/// <param name="RecordedAt">When the database stored it.</param>
/// <param name="Data">The event as JSON text.</param>
/// <param name="TenantId">The tenant stored with the event (<see cref="EventMetadataKeys.TenantId"/>), if any.</param>
/// <param name="Metadata">The event's metadata as JSON text (<c>{}</c> for an erasure marker): its owner, causation and the like.</param>
public sealed record FeedEvent(
    FeedCursor Cursor, string StreamId, int Version, string EventType, DateTimeOffset RecordedAt, string Data, string? TenantId, string Metadata = "{}")
{
    /// <summary>The event type of the marker a stream's erasure leaves in the feed.</summary>
    public const string StreamErasedType = "StreamErased";

    /// <summary>Whether this is the marker of a stream's erasure rather than an event.</summary>
    public bool IsErasure => Version == 0 && EventType == StreamErasedType;
}
