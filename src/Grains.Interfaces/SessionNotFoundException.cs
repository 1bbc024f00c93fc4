namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// A write to a session the caller does not own. Answered exactly like a session that does not exist, so that ids
/// cannot be probed; nothing was stored.
/// </summary>
[GenerateSerializer]
public sealed class SessionNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="sessionId"/>.</summary>
    public SessionNotFoundException(Guid sessionId) : base($"Session {sessionId} has no events.") => SessionId = sessionId;

    /// <summary>The session.</summary>
    [Id(0)] public Guid SessionId { get; }
}
