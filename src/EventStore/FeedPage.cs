namespace Orleans.Conversations.EventStore;

/// <summary>A page of the <see cref="IEventFeed"/>.</summary>
/// <param name="Events">The events, in commit order.</param>
/// <param name="Next">Where to read the next page from: the cursor of the last event, or the cursor read after when there was none.</param>
public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, FeedCursor Next);
