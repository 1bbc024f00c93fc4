namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A page of a session's stored events.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Events">The events, oldest first; versions are contiguous.</param>
/// <param name="Next">The version to ask for next, or null when this page reaches the end of the stream.</param>
[GenerateSerializer, Immutable]
public sealed record EventPage(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] IReadOnlyList<StoredSessionEvent> Events,
    [property: Id(2)] int? Next);
