using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>
/// The session forgot one item, <see cref="Value"/>, of the list under <see cref="Key"/>: a remembered fact that told
/// something the user asked it to forget ("my name is Ada" when the name is forgotten).
/// </summary>
[GenerateSerializer, Immutable, EventTypeName("ContextItemForgotten")]
public sealed record ContextItemForgotten([property: Id(0)] string Key, [property: Id(1)] string Value) : SessionEvent;
