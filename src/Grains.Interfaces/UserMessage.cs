namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A message from the user.</summary>
/// <param name="Text">What the user said.</param>
/// <param name="MessageId">
/// The message's id (1–128 characters), which makes retries safe: the client's, or one the HTTP API made for it
/// (<c>TurnMessageIds</c>, the one place ids are made). Never null inside the cluster: the grain refuses a message
/// without one.
/// </param>
[GenerateSerializer, Immutable]
public sealed record UserMessage([property: Id(0)] string Text, [property: Id(1)] string MessageId);
