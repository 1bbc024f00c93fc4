namespace Orleans.Conversations.EventStore;

/// <summary>
/// The events of every stream of a named event store in commit order, as a keyed service under the provider name.
/// A reader that pages from <see cref="FeedCursor.Start"/> with <see cref="FeedPage.Next"/> sees every committed event
/// exactly once, including those of transactions that committed in another order than they began: the feed only
/// reaches transactions older than the oldest one still running, so a long transaction anywhere on the database
/// server holds it back until it ends. Erased streams disappear from it, and each erasure shows as a marker
/// (<see cref="FeedEvent.IsErasure"/>) where its transaction committed.
/// </summary>
public interface IEventFeed
{
    /// <summary>
    /// At most <paramref name="limit"/> events after <paramref name="after"/>, of one tenant or, when
    /// <paramref name="tenantId"/> is null, of all.
    /// </summary>
    Task<FeedPage> ReadAsync(FeedCursor after, int limit, string? tenantId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the oldest committed event after <paramref name="after"/> was recorded, or null when there is none: how far
    /// a reader at that cursor trails, also while a long transaction keeps <see cref="ReadAsync"/> from reaching it.
    /// </summary>
    Task<DateTimeOffset?> OldestAfterAsync(FeedCursor after, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cursor of the last event <see cref="ReadAsync"/> can return now (<see cref="FeedCursor.Start"/> when there is
    /// none): where a new reader that wants only what happens from now on starts.
    /// </summary>
    Task<FeedCursor> EndAsync(CancellationToken cancellationToken = default);
}
