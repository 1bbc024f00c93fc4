using Orleans.Conversations.EventStore.Serialization;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.Memory.Events;

/// <summary>
/// A learning of a session that changed nothing (the memory knew it already, or was off): recorded so that the feed
/// delivering it again is recognised, and so that <c>ForSession</c> knows the session's changes up to it are applied.
/// </summary>
[GenerateSerializer, Immutable, EventTypeName("MemoryLearningPassed")]
public sealed record MemoryLearningPassed([property: Id(0)] MemorySource Source) : MemoryEvent;
