namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A fork made (or found again, for a retry) by <see cref="IConversationGrain.Fork"/> or <see cref="IConversationGrain.ForkAtMessage"/>.</summary>
/// <param name="SessionId">The fork.</param>
/// <param name="Version">The fork's version once made: 1, its <c>SessionForked</c> event (more when a retry finds it written to since).</param>
/// <param name="ForkedFrom">Its parent and the parent's version.</param>
/// <param name="Unanswered">
/// The user message the fork holds without a reply, for a fork made before a reply: the fork answers it when sent again.
/// </param>
[GenerateSerializer, Immutable]
public sealed record SessionFork(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] int Version,
    [property: Id(2)] ForkOrigin ForkedFrom,
    [property: Id(3)] UserMessage? Unanswered = null);
