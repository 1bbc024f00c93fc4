using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The session began: always the first event of a stream.</summary>
/// <param name="UserId">Who the session belongs to, when the client said.</param>
/// <param name="RecentTurnLimit">How many recent turns the session keeps in memory, fixed for its lifetime.</param>
[GenerateSerializer, Immutable, EventTypeName("SessionStarted")]
public sealed record SessionStarted([property: Id(0)] string? UserId, [property: Id(1)] int RecentTurnLimit) : SessionEvent;
