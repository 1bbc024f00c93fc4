using Orleans.Runtime;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// What a journaled grain (or a tool) may read of a named event store, as a keyed service under the provider name:
/// the events of a stream as stored, and the state replayed to any version. Appends go only through the grain's
/// <c>RaiseEvent</c>/<c>ConfirmEvents</c>, so the log-view adaptor stays the one writer of every stream.
/// </summary>
public interface IEventStoreReader
{
    /// <summary>The stream that holds the events of <paramref name="grainId"/>.</summary>
    string StreamIdOf(GrainId grainId);

    /// <summary>
    /// Events of <paramref name="streamId"/> with versions in (<paramref name="afterVersion"/>,
    /// <paramref name="upToVersion"/>], oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(
        string streamId, int afterVersion, int upToVersion = int.MaxValue, int limit = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Versions of the events of <paramref name="streamId"/> of type <paramref name="eventType"/> whose data contains the JSON object
    /// <paramref name="jsonFragment"/> (PostgreSQL's <c>@&gt;</c>, such as <c>{"messageId":"m1"}</c>), oldest first.
    /// A fragment of one string field of an event type is looked up as <c>data-&gt;&gt;'field'</c>, which an expression
    /// index serves (schema 008 indexes <c>UserMessageReceived.messageId</c> and the <c>inReplyTo</c> of replies);
    /// any other fragment reads all of that stream's rows of the type: meant for rare lookups.
    /// </summary>
    Task<IReadOnlyList<int>> FindVersionsAsync(string streamId, string eventType, string jsonFragment, CancellationToken cancellationToken = default);

    /// <summary>
    /// The state of a stream as it stood right after event <paramref name="version"/>: the newest readable snapshot at or
    /// below it, then the events after it, each applied with <paramref name="apply"/> as it is read (never all held at
    /// once). Older snapshots are kept log-spaced, so an old version is replayed from one at a distance bounded by its age.
    /// </summary>
    Task<TView> ReplayAsync<TView, TEntry>(
        string streamId, int version, Action<TView, TEntry> apply, CancellationToken cancellationToken = default)
        where TView : class, new();
}
