using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>
/// No reply could be produced for the stored user message <see cref="InReplyTo"/> (a model that failed or timed out).
/// A retry with the same message id answers it without storing the message again.
/// </summary>
[GenerateSerializer, Immutable, EventTypeName("ReplyFailed")]
public sealed record ReplyFailed([property: Id(0)] string InReplyTo, [property: Id(1)] string Reason) : SessionEvent;
