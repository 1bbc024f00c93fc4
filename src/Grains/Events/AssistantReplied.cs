using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The service answered the user message <see cref="InReplyTo"/>.</summary>
[GenerateSerializer, Immutable, EventTypeName("AssistantReplied")]
public sealed record AssistantReplied([property: Id(0)] string Text, [property: Id(1)] string InReplyTo) : SessionEvent;
