namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A message from the user.</summary>
/// <param name="Text">What the user said.</param>
/// <param name="MessageId">The client's id for the message (1–128 characters), which makes retries safe; generated when null.</param>
[GenerateSerializer, Immutable]
public sealed record UserMessage([property: Id(0)] string Text, [property: Id(1)] string? MessageId = null);
