using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>
/// The user asked the session to forget what it knew under <see cref="Key"/>, or only the item <see cref="Value"/> of
/// the list there (a fact that told what was forgotten).
/// </summary>
[GenerateSerializer, Immutable, EventTypeName("ContextForgotten")]
public sealed record ContextForgotten([property: Id(0)] string Key, [property: Id(1)] string? Value = null) : SessionEvent;
