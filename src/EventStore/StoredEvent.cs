namespace Orleans.Conversations.EventStore;

/// <summary>One row of a stream, as stored.</summary>
/// <param name="Version">The event's position in its stream, from 1.</param>
/// <param name="EventType">The stable name of the event type.</param>
/// <param name="Data">The event as JSON.</param>
/// <param name="Metadata">Correlation and tracing data as JSON.</param>
/// <param name="BatchId">The append that wrote the event.</param>
/// <param name="RecordedAt">When the database stored it.</param>
public sealed record StoredEvent(int Version, string EventType, string Data, string Metadata, Guid BatchId, DateTimeOffset RecordedAt);
