using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The user sent a message.</summary>
[GenerateSerializer, Immutable, EventTypeName("UserMessageReceived")]
public sealed record UserMessageReceived([property: Id(0)] string Text, [property: Id(1)] string MessageId) : SessionEvent;
