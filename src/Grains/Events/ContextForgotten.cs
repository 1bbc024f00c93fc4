using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The user asked the session to forget what it knew under <see cref="Key"/>.</summary>
[GenerateSerializer, Immutable, EventTypeName("ContextForgotten")]
public sealed record ContextForgotten([property: Id(0)] string Key) : SessionEvent;
