namespace Orleans.Conversations.EventStore;

/// <summary>One event as the <see cref="IEventFeed"/> returns it, after upcasting.</summary>
/// <param name="Cursor">Where the event is in the feed; reading after it continues with the next event.</param>
/// <param name="StreamId">The stream the event belongs to.</param>
/// <param name="Version">The event's version in its stream, from 1.</param>
/// <param name="EventType">The stable name of the event type.</param>
/// <param name="RecordedAt">When the database stored it.</param>
/// <param name="Data">The event as JSON text.</param>
/// <param name="TenantId">The tenant stored with the event (<see cref="EventMetadataKeys.TenantId"/>), if any.</param>
public sealed record FeedEvent(
    FeedCursor Cursor, string StreamId, int Version, string EventType, DateTimeOffset RecordedAt, string Data, string? TenantId);
