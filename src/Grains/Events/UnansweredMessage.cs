namespace Orleans.Conversations.Grains.Events;

/// <summary>A user message a fork inherits without its reply: the fork answers it.</summary>
/// <param name="MessageId">The message's id in the parent, which the fork's reply names in <c>inReplyTo</c>.</param>
/// <param name="Text">What the user said.</param>
/// <param name="At">When the parent received it.</param>
[GenerateSerializer, Immutable]
public sealed record UnansweredMessage([property: Id(0)] string MessageId, [property: Id(1)] string Text, [property: Id(2)] DateTimeOffset At);
