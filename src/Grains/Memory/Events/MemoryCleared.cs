using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>Every item forgotten at the user's request.</summary>
[GenerateSerializer, Immutable, EventTypeName("MemoryCleared")]
public sealed record MemoryCleared : MemoryEvent;
