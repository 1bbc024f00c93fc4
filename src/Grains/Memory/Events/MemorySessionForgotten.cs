using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>The user asked to forget what <see cref="SessionId"/> taught: its items went, and anything it still teaches is ignored.</summary>
[GenerateSerializer, Immutable, EventTypeName("MemorySessionForgotten")]
public sealed record MemorySessionForgotten([property: Id(0)] Guid SessionId) : MemoryEvent;
