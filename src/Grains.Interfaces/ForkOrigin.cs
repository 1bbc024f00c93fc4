namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>Where a fork came from: its parent session and the parent's version it was made at.</summary>
/// <param name="SessionId">The parent session.</param>
/// <param name="Version">The parent's version whose state the fork started from.</param>
[GenerateSerializer, Immutable]
public sealed record ForkOrigin([property: Id(0)] Guid SessionId, [property: Id(1)] int Version);
