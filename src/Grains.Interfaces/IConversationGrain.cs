namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// One conversation session, keyed by its id. Every change is an event in the session's stream; reads come from the
/// state those events built.
/// </summary>
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Starts the session (event <c>SessionStarted</c>); on a session already started, changes nothing.</summary>
    /// <returns>The stream version.</returns>
    Task<int> Start(string? userId);

    /// <summary>
    /// Records a user message, what it taught, and the reply, as one append, and returns the reply. Starts the
    /// session if needed. Sent again with the same message id, returns the first reply and appends nothing.
    /// </summary>
    /// <exception cref="MessageRejectedException">The message is invalid; nothing was stored.</exception>
    /// <exception cref="ReplyUnavailableException">The message was stored but no reply could be produced.</exception>
    /// <exception cref="SessionUnavailableException">The event store did not confirm the turn in time.</exception>
    Task<MessageReply> SendMessage(UserMessage message);

    /// <summary>The session's current state, or null if it has no events.</summary>
    Task<SessionView?> GetSession();

    /// <summary>Up to <paramref name="limit"/> stored events from version <paramref name="fromVersion"/> on, or null if the session has no events.</summary>
    Task<EventPage?> GetEvents(int fromVersion, int limit);

    /// <summary>The state as it stood right after event <paramref name="version"/>, rebuilt from the log; null if the session does not have that version.</summary>
    Task<SessionView?> GetStateAt(int version);
}
