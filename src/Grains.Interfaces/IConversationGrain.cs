using Orleans.Concurrency;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// One conversation session, keyed by its id. Every change is an event in the session's stream; reads come from the
/// state those events built. Every call names its <see cref="Caller"/>: a session belongs to the caller that started
/// it, and answers everyone else as if it did not exist.
/// </summary>
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Starts the session (event <c>SessionStarted</c>) owned by <paramref name="caller"/>; on a session already started, changes nothing.</summary>
    /// <param name="caller">Who starts it, and so owns it.</param>
    /// <param name="userId">A label for the session's user, kept with it.</param>
    /// <param name="memory">Whether the session reads and writes its owner's memory; false for a temporary session. Fixed when it starts.</param>
    /// <returns>The stream version.</returns>
    /// <exception cref="SessionNotFoundException">The session exists and belongs to someone else.</exception>
    Task<int> Start(Caller caller, string? userId, bool memory = true);

    /// <summary>
    /// Records a user message, what it taught, and the reply, as one append, and returns the reply. Starts the
    /// session if needed. Sent again with the same message id, returns the first reply and appends nothing.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session belongs to someone else; nothing was stored.</exception>
    /// <exception cref="MessageRejectedException">The message is invalid; nothing was stored.</exception>
    /// <exception cref="ReplyUnavailableException">The message was stored but no reply could be produced.</exception>
    /// <exception cref="SessionUnavailableException">The event store did not confirm the turn in time.</exception>
    Task<MessageReply> SendMessage(Caller caller, UserMessage message);

    /// <summary>
    /// <see cref="SendMessage"/> for a reader of the turn's events: answers with all of them once the turn has ended,
    /// its deltas included, so a turn that ends quickly is streamed with this one call. A turn whose reply could not be
    /// produced ends in a <see cref="TurnEventKind.Failed"/> event rather than an exception.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session belongs to someone else; nothing was stored.</exception>
    /// <exception cref="MessageRejectedException">The message is invalid; nothing was stored.</exception>
    /// <exception cref="SessionUnavailableException">The event store did not confirm the turn in time.</exception>
    Task<TurnEvent[]> SendMessageForEvents(Caller caller, UserMessage message);

    /// <summary>
    /// Whether <paramref name="caller"/> may send messages to the session: one not started yet, or its owner's; false
    /// for someone else's session and for a deleted one. Runs beside a turn in progress.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> MayBeWrittenBy(Caller caller);

    /// <summary>The session's current state, or null if it has no events or <paramref name="caller"/> may not read it.</summary>
    Task<SessionView?> GetSession(Caller caller);

    /// <summary>Up to <paramref name="limit"/> stored events from version <paramref name="fromVersion"/> on, or null if the session has no events or <paramref name="caller"/> may not read it.</summary>
    Task<EventPage?> GetEvents(Caller caller, int fromVersion, int limit);

    /// <summary>The state as it stood right after event <paramref name="version"/>, rebuilt from the log; null if the session does not have that version or <paramref name="caller"/> may not read it.</summary>
    Task<SessionView?> GetStateAt(Caller caller, int version);

    /// <summary>Renames the session (event <c>SessionRenamed</c>); only its owner may.</summary>
    /// <returns>The stream version after the event.</returns>
    /// <exception cref="SessionNotFoundException">The session does not exist, was deleted, or belongs to someone else.</exception>
    /// <exception cref="MessageRejectedException">The title is blank, too long or holds characters that cannot be stored.</exception>
    Task<int> Rename(Caller caller, string title);

    /// <summary>
    /// Deletes the session for good: its events and snapshots are erased from the store, and its row in the session
    /// list removed; the id answers as unknown to everyone from then on. Only its owner may. The same deletion sent
    /// again reports <see cref="DeletionOutcome.Deleted"/> again; another one finishes what an earlier deletion left
    /// undone (<see cref="DeletionOutcome.AlreadyDeleted"/>), or finds nothing.
    /// </summary>
    /// <exception cref="SessionNotFoundException">
    /// The session does not exist, belongs to someone else, or was deleted earlier and nothing of it is left.
    /// </exception>
    Task<DeletionOutcome> Delete(Caller caller, SessionDeletion deletion);

    /// <summary>
    /// Forks the session into session <paramref name="forkId"/>, owned by the same owner, whose state equals this
    /// session's right after event <paramref name="version"/> (the current version when null); this session is not
    /// changed. The same fork asked for again returns the fork already made. Only the owner may fork.
    /// </summary>
    /// <returns>The fork, or null when the session has no version <paramref name="version"/>.</returns>
    /// <exception cref="SessionNotFoundException">The session does not exist, was deleted, or belongs to someone else.</exception>
    Task<SessionFork?> Fork(Caller caller, int? version, Guid forkId);

    /// <summary>
    /// Forks the session just before the user message <paramref name="messageId"/> (an edit) or just before its reply
    /// (a regeneration), into a session whose id follows from this session, the point and <paramref name="requestId"/>,
    /// so that a retry with the same request id finds the same fork.
    /// </summary>
    /// <returns>The fork, or null when no user message of the session (with a reply, for a regeneration) has that id.</returns>
    /// <exception cref="SessionNotFoundException">The session does not exist, was deleted, or belongs to someone else.</exception>
    Task<SessionFork?> ForkAtMessage(Caller caller, string messageId, ForkPoint point, string requestId);

    /// <summary>
    /// Compares <paramref name="history"/> (a client's earlier user and assistant messages, oldest first) with the
    /// session's turns: null when it is empty or the session's history (or ends with it), else a fork made just before the
    /// first turn that differs, its id following from <paramref name="requestId"/>.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session exists and belongs to someone else, or was deleted.</exception>
    Task<SessionFork?> ForkForHistory(Caller caller, IReadOnlyList<ConversationTurn> history, string requestId);

    /// <summary>
    /// The events of the turn of <paramref name="messageId"/> after <paramref name="afterSequence"/>: at once when there
    /// are some, else as soon as one happens, waiting at most <paramref name="wait"/>; an empty array when the turn has
    /// ended or nothing happened in time. A finished turn is replayed (as one delta when its deltas are no longer
    /// held). Runs beside the session's turns, so it answers while a turn is in progress. Null when the session has no
    /// such turn (yet) or the caller may not see it.
    /// </summary>
    [AlwaysInterleave]
    Task<TurnEvent[]?> ReadTurn(Caller caller, string messageId, int afterSequence, TimeSpan wait);

    /// <summary>
    /// Stops the turn of <paramref name="messageId"/> while it generates its reply: the turn is stored as ended
    /// (<c>ReplyFailed</c>, reason <c>cancelled</c>), and a retry with the same message id answers it anew. Only the
    /// session's owner may; to anyone else there is no such turn.
    /// </summary>
    /// <returns>True when a running turn was stopped, false when the turn has already ended, null when there is no such turn.</returns>
    [AlwaysInterleave]
    Task<bool?> CancelTurn(Caller caller, string messageId);
}
