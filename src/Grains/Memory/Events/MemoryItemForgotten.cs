using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>An item forgotten: asked in a session, by the user's hand (no source), or to make room when the memory is full.</summary>
[GenerateSerializer, Immutable, EventTypeName("MemoryItemForgotten")]
public sealed record MemoryItemForgotten([property: Id(0)] string ItemId, [property: Id(1)] MemorySource? Source) : MemoryEvent;
