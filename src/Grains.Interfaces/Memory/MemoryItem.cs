namespace Orleans.Conversations.Grains.Interfaces.Memory;

/// <summary>One remembered value of a user's memory.</summary>
/// <param name="Id">The item's id, stable across corrections.</param>
/// <param name="Key">The key it is remembered under; a list key has one item per value.</param>
/// <param name="Value">What is remembered.</param>
/// <param name="LearnedAt">When it was learned or last corrected.</param>
/// <param name="Source">The session and version it was learned from, or null for an item the user added or corrected by hand.</param>
[GenerateSerializer, Immutable]
public sealed record MemoryItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] string Value,
    [property: Id(3)] DateTimeOffset LearnedAt,
    [property: Id(4)] MemorySource? Source);

/// <summary>Where a memory item was learned: the event of a session that taught it.</summary>
[GenerateSerializer, Immutable]
public sealed record MemorySource([property: Id(0)] Guid SessionId, [property: Id(1)] int Version);
