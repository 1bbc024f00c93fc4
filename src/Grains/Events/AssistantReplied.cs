using System.Text.Json.Serialization;
using Orleans.Conversations.EventStore.Serialization;

namespace Orleans.Conversations.Grains.Events;

/// <summary>The service answered the user message <see cref="InReplyTo"/>.</summary>
/// <param name="Text">The reply.</param>
/// <param name="InReplyTo">The message id it answers.</param>
/// <param name="DeltaEnds">
/// Where each delta the reply was streamed in ends in <see cref="Text"/>, when it came in more than one; a turn told
/// again from the log (to a reader resuming after the grain dropped its deltas) is split the same way, so that the
/// deltas after a <c>Last-Event-ID</c> are the rest of the reply.
/// </param>
[GenerateSerializer, Immutable, EventTypeName("AssistantReplied")]
public sealed record AssistantReplied(
    [property: Id(0)] string Text,
    [property: Id(1)] string InReplyTo,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? DeltaEnds = null) : SessionEvent;
