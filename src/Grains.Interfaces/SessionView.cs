using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>A session's state at some version.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionView
{
    /// <summary>The session.</summary>
    [Id(0)] public required Guid SessionId { get; init; }

    /// <summary>The stream version the view stands at.</summary>
    [Id(1)] public required int Version { get; init; }

    /// <summary>Who the session belongs to, if the client said.</summary>
    [Id(2)] public string? UserId { get; init; }

    /// <summary>When the session started.</summary>
    [Id(3)] public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When anything last happened.</summary>
    [Id(4)] public required DateTimeOffset LastActivityAt { get; init; }

    /// <summary>How many user messages the session has received.</summary>
    [Id(5)] public required int MessageCount { get; init; }

    /// <summary>What the session remembers about the user.</summary>
    [Id(6)] public required SessionContext Context { get; init; }

    /// <summary>The latest turns, oldest first.</summary>
    [Id(7)] public required IReadOnlyList<ConversationTurn> RecentTurns { get; init; }

    /// <summary>What the session is called: the start of its first message unless it was renamed.</summary>
    [Id(8)] public string? Title { get; init; }

    /// <summary>Whether the session reads and writes its owner's memory; false for a temporary session.</summary>
    [Id(9)] public bool Memory { get; init; } = true;

    /// <summary>The session this one was forked from, and at which of its versions; null for a session that was started.</summary>
    [Id(10)] public ForkOrigin? ForkedFrom { get; init; }
}
