using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>A new item: <see cref="Value"/> under <see cref="Key"/>, learned in a session or added by hand (no source).</summary>
[GenerateSerializer, Immutable, EventTypeName("MemoryItemRemembered")]
public sealed record MemoryItemRemembered(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Key,
    [property: Id(2)] string Value,
    [property: Id(3)] MemorySource? Source) : MemoryEvent;
