using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>An item's value replaced: a later statement in a session, or the user's own correction (no source).</summary>
[GenerateSerializer, Immutable, EventTypeName("MemoryItemCorrected")]
public sealed record MemoryItemCorrected(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Value,
    [property: Id(2)] MemorySource? Source) : MemoryEvent;
