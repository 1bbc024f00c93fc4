namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>The answer to a user message.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="MessageId">The message's id (the client's, or the one generated for it).</param>
/// <param name="Reply">The reply text.</param>
/// <param name="Version">The stream version right after the reply.</param>
[GenerateSerializer, Immutable]
public sealed record MessageReply(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string Reply,
    [property: Id(3)] int Version);
