using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The session learned something about the user: <see cref="Value"/> under <see cref="Key"/> (see <c>ContextKeys</c>).</summary>
[GenerateSerializer, Immutable, EventTypeName("ContextUpdated")]
public sealed record ContextUpdated([property: Id(0)] string Key, [property: Id(1)] string Value) : SessionEvent;
