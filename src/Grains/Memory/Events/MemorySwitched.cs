using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>The memory switched on or off for every session of its user.</summary>
[GenerateSerializer, Immutable, EventTypeName("MemorySwitched")]
public sealed record MemorySwitched([property: Id(0)] bool Enabled) : MemoryEvent;
