namespace Orleans.Conversations.EventStore.Tests.Infrastructure;

/// <summary>Follows an <see cref="IEventFeed"/> from a cursor, checking that every page moves strictly forward.</summary>
internal sealed class FeedReader(IEventFeed feed, FeedCursor from, string? tenant = null, Func<FeedEvent, bool>? keep = null)
{
    public FeedCursor Cursor { get; private set; } = from;

    public List<FeedEvent> Seen { get; } = [];

    /// <summary>Reads one page; returns how many events it held (kept or not).</summary>
    public async Task<int> ReadPageAsync(int limit)
    {
        var page = await feed.ReadAsync(Cursor, limit, tenant);
        Assert.True(page.Events.Count <= limit);
        foreach (var @event in page.Events)
        {
            Assert.True(Compare(@event.Cursor, Cursor) > 0, $"{@event.Cursor} after {Cursor}");
            Cursor = @event.Cursor;
            if (keep is null || keep(@event))
                Seen.Add(@event);
        }

        Assert.Equal(Cursor, page.Next);
        return page.Events.Count;
    }

    /// <summary>Reads pages until one comes back empty.</summary>
    public async Task ReadToEndAsync(int limit)
    {
        while (await ReadPageAsync(limit) > 0)
        {
        }
    }

    /// <summary>
    /// Reads until at least <paramref name="count"/> kept events were seen, then one page more (so that an event seen
    /// twice, or one that should not be there yet, shows up in <see cref="Seen"/>).
    /// </summary>
    public async Task ReadUntilAsync(int count, int limit, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Seen.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the feed showed {Seen.Count} of {count} events");
            if (await ReadPageAsync(limit) == 0)
                await Task.Delay(20);
        }

        await ReadPageAsync(limit);
    }

    public static int Compare(FeedCursor a, FeedCursor b) =>
        a.TransactionId != b.TransactionId ? a.TransactionId.CompareTo(b.TransactionId) : a.Position.CompareTo(b.Position);
}
